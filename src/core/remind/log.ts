/**
 * The 提醒记录 / Reminder log tab: one row per send (the daily run, a test), newest first — a person
 * opens it to ask "did this morning's reminder go out?", and the answer is the first row under the
 * header, without scrolling; when the log is full the oldest rows drop off the bottom. It never holds
 * a webhook URL or a secret: every text is scrubbed before it is written.
 */
import type { Lang } from '../i18n';
import { LANGS, t } from '../i18n';
import { markerOf } from '../tab/marker';
import { range, type Cell, type StyleRun, type TabSpec } from '../tab/spec';
import { cellText, columnSpecs, findHeader, headerCells, normalizeHeader, tableRows, type TableSchema } from '../table/schema';
import { REMINDER_CHANNELS, type ReminderChannel } from './settings';

export const LOG_STATUSES = ['sent', 'partial', 'failed', 'empty'] as const;
/** sent: every message went; partial: some failed; failed: none went; empty: nothing was due, nothing sent. */
export type LogStatus = (typeof LOG_STATUSES)[number];

export interface ReminderLogEntry {
  /** When, as the spreadsheet's clock says it ("2026-12-03 08:30"). */
  time: string;
  channel: ReminderChannel;
  /** The executors the reminder was for (chat), or those mailed (email). */
  recipients: string[];
  /** Messages posted or mails sent. */
  parts: number;
  status: LogStatus;
  /** The platform's reply or the error ("93000 invalid webhook url · retried once"). */
  detail: string;
}

/** The log keeps this many sends (a year of daily runs and their tests); older ones drop off. */
export const REMINDER_LOG_LIMIT = 500;

const LOG_COLUMNS = ['time', 'channel', 'recipients', 'parts', 'status', 'detail'] as const;
type LogColumn = (typeof LOG_COLUMNS)[number];

export const REMINDER_LOG_SCHEMA: TableSchema<LogColumn> = {
  order: LOG_COLUMNS,
  required: ['time', 'status'],
  columns: {
    time: { header: 'remind.log.header.time', synonyms: ['时间', 'time'], width: 130, format: 'text' },
    channel: { header: 'remind.log.header.channel', synonyms: ['渠道', 'channel'], width: 100, format: 'text' },
    recipients: { header: 'remind.log.header.recipients', synonyms: ['收件人', 'recipients'], width: 220, format: 'text' },
    parts: { header: 'remind.log.header.parts', synonyms: ['条数', 'parts', 'messages'], width: 60, format: 'integer' },
    status: { header: 'remind.log.header.status', synonyms: ['结果', '状态', 'status', 'result'], width: 90, format: 'text' },
    detail: { header: 'remind.log.header.detail', synonyms: ['详情', 'detail', 'details'], width: 360, format: 'text' },
  },
};

const STATUS_COLORS: Record<LogStatus, string> = { sent: '#e6f4ea', partial: '#fef7e0', failed: '#fce8e6', empty: '#f1f3f4' };

/**
 * Text with anything that could be a credential taken out: links (a webhook is one), key= and
 * access_token= values, DingTalk "SEC…" secrets, and the given secrets wherever they appear.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('••••');
  return out
    .replace(/https?:\/\/\S+/gi, '…')
    .replace(/\b(key|access_token|sign|token)=[^\s&]+/gi, '$1=••••')
    .replace(/\bSEC[0-9a-f]{16,}\b/gi, '••••');
}

/** New sends put on top of the log as it was (both newest first), cut to the limit. */
export function appendReminderLog(existing: readonly ReminderLogEntry[], added: readonly ReminderLogEntry[], limit = REMINDER_LOG_LIMIT): ReminderLogEntry[] {
  return [...[...added].reverse(), ...existing].slice(0, limit);
}

export function reminderLogTabName(lang: Lang): string {
  return t(lang, 'remind.log.tabName');
}

/** The log tab for these entries (newest first). `secrets`: the stored webhook and secret, scrubbed wherever they appear. */
export function buildReminderLogTab(entries: readonly ReminderLogEntry[], lang: Lang, generatedNote: string, secrets: readonly string[] = []): TabSpec {
  const listSeparator = lang === 'en' ? ', ' : '、';
  const rows: Cell[][] = [
    headerCells(REMINDER_LOG_SCHEMA, LOG_COLUMNS, lang),
    ...entries.map((entry): Cell[] => [
      entry.time,
      t(lang, `remind.channel.${entry.channel}`),
      scrubSecrets(entry.recipients.join(listSeparator), secrets),
      entry.parts,
      t(lang, `remind.log.status.${entry.status}`),
      scrubSecrets(entry.detail, secrets),
    ]),
  ];
  const status = LOG_COLUMNS.indexOf('status');
  return {
    name: reminderLogTabName(lang),
    marker: markerOf('reminder-log', {}),
    columns: columnSpecs(REMINDER_LOG_SCHEMA, LOG_COLUMNS),
    headerRows: 1,
    frozenRows: 1,
    rows,
    styles: [
      { range: range(0, 0, 1, LOG_COLUMNS.length), style: { bold: true, background: '#f1f3f4' } },
      ...entries.map((entry, i): StyleRun => ({ range: range(i + 1, status), style: { background: STATUS_COLORS[entry.status] } })),
    ],
    notes: [{ row: 0, col: 0, text: `${t(lang, 'remind.log.note')}\n${generatedNote}` }],
    tabColor: '#9aa0a6',
  };
}

/** A value read in either language (its label) or as its key. */
function fromLabel<K extends string>(text: string, keys: readonly K[], label: (key: K, lang: Lang) => string): K | null {
  const wanted = normalizeHeader(text);
  for (const key of keys) {
    if (wanted === key.toLowerCase()) return key;
    if (LANGS.some((lang) => normalizeHeader(label(key, lang)) === wanted)) return key;
  }
  return null;
}

/**
 * The entries of a log tab as it is (readTab), newest first, so that a send can be added on top. A row
 * whose channel or status is not one the add-on writes is not an entry (someone's own note in the table).
 */
export function readReminderLog(grid: readonly (readonly Cell[])[]): ReminderLogEntry[] {
  const values = grid.map((line) => line.map((cell) => (typeof cell === 'object' && cell !== null ? cell.value : cell)));
  const header = findHeader(values, REMINDER_LOG_SCHEMA);
  if (!header) return [];
  const entries: ReminderLogEntry[] = [];
  for (const { cells } of tableRows(values, REMINDER_LOG_SCHEMA, header)) {
    const channel = fromLabel(cellText(cells.channel), REMINDER_CHANNELS, (key, lang) => t(lang, `remind.channel.${key}`));
    const status = fromLabel(cellText(cells.status), LOG_STATUSES, (key, lang) => t(lang, `remind.log.status.${key}`));
    if (!channel || !status) continue;
    const parts = Number(cells.parts);
    entries.push({
      time: cellText(cells.time),
      channel,
      recipients: cellText(cells.recipients)
        .split(/、|,\s*/)
        .filter((name) => name !== ''),
      parts: Number.isFinite(parts) ? parts : 0,
      status,
      detail: cellText(cells.detail),
    });
  }
  return entries;
}
