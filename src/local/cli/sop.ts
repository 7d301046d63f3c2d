/**
 * `sop --template ID --anchor DATE …`: an SOP schedule as JSON, as text, or as a workbook; with
 * --update, regenerated into an existing workbook with what people typed kept; with --ics, its dated
 * items as a calendar file.
 * `templates [--json]`: the built-in templates.
 */
import { api } from '../../app/api';
import { getSopState, planSop } from '../../app/sop';
import { parseSopRequest } from '../../core/sop/request';
import { splitList } from '../../core/text/split-list';
import { toIso } from '../../core/dates';
import { AppError, type Problem } from '../../core/errors';
import { listTemplates, sopToJson } from '../../core/sop/json';
import { offsetInWords } from '../../core/sop/template';
import { readTeamList } from '../../core/team/team';
import { createLocalContext, type LocalContext } from '../context';
import { dateOption } from './args';
import { loadWorkbook, option, printJson, readFirstGrid, saveWorkbook, writeTextFile } from './io';
import { defineCommand, type CliCommands } from './types';

const sop = defineCommand({
  summary: {
    'zh-CN': '社群SOP排期：按模板和锚点日生成（--json 输出 JSON，--out 写入 .xlsx，--update 在已有工作簿中原地更新）',
    en: 'SOP schedule from a template and an anchor date (--json prints JSON, --out writes an .xlsx, --update regenerates in a workbook)',
  },
  options: {
    template: {
      value: 'ID',
      required: true,
      summary: { 'zh-CN': '模板 ID（templates 命令列出内置模板）', en: 'Template ID (the templates command lists the built-in ones)' },
    },
    anchor: {
      value: 'YYYY-MM-DD',
      required: true,
      summary: {
        'zh-CN': '锚点日（开营日/直播日/建群日/活动日），如 2026-12-07、2026/12/7、2026年12月7日',
        en: 'Anchor date (camp start, live day, group day, event day), e.g. 2026-12-07, 2026/12/7',
      },
    },
    team: {
      value: 'FILE',
      summary: { 'zh-CN': '团队名单（.tsv/.csv/.xlsx），写入「团队」标签页', en: 'Team list (.tsv/.csv/.xlsx), written to the Team tab' },
    },
    group: { value: 'NAME', summary: { 'zh-CN': '社群名称（一个）', en: 'Group name (one)' } },
    cohort: { value: 'LABEL', summary: { 'zh-CN': '期次，如 第12期', en: 'Cohort, e.g. 第12期' } },
    update: {
      value: 'FILE.xlsx',
      summary: { 'zh-CN': '在这个工作簿中原地重新生成，保留已填写的内容', en: 'Regenerate in this workbook, keeping what people typed' },
    },
    'use-template-texts': { summary: { 'zh-CN': '与 --update 同用：采用模板的新文字', en: 'With --update: take the template’s new texts' } },
    json: { summary: { 'zh-CN': '以 JSON 输出排期', en: 'Print the schedule as JSON' } },
    out: { value: 'FILE.xlsx', summary: { 'zh-CN': '写入 .xlsx 工作簿', en: 'Write an .xlsx workbook' } },
    ics: {
      value: 'FILE.ics',
      summary: {
        'zh-CN': '把排期写成 .ics 日历文件（有时间的事项提前 15 分钟提醒；可导入 Google 日历、飞书日历、Outlook）',
        en: 'Write the schedule as an .ics calendar file (timed items remind 15 minutes before; for Google Calendar, Feishu, Outlook)',
      },
    },
  },
  async run(args, { io, lang, tr }) {
    const template = option(args, 'template')!;
    const anchorText = option(args, 'anchor')!;
    const json = args.options.json === true;
    const update = option(args, 'update');
    // --update without --out writes the workbook back where it came from (unless only JSON is asked for).
    const out = option(args, 'out') ?? (update && !json ? update : undefined);
    const teamPath = option(args, 'team');
    const ics = option(args, 'ics');

    const loaded = update ? await loadWorkbook(update) : null;
    const ctx: LocalContext = createLocalContext({ workbook: loaded?.workbook, locale: lang === 'en' ? 'en_US' : 'zh_CN' });
    if (teamPath) api.saveTeam(ctx, readTeamList((await readFirstGrid(teamPath)).values, teamPath));

    // Every mistake in the options at once.
    const problems: Problem[] = [];
    const anchor = dateOption('anchor', anchorText, tr, problems);
    const templates = getSopState(ctx).templates;
    if (!templates.some((t) => t.ref === template)) {
      problems.push(
        { code: 'sop.error.unknownTemplate', params: { id: template } },
        { code: 'cli.error.templateIds', params: { ids: templates.map((t) => t.ref).join(', ') } },
      );
    }
    const group = option(args, 'group') ?? templates.find((t) => t.ref === template)?.name ?? '';
    if (splitList(group).length > 1)
      problems.push({ code: 'cli.error.badOption', params: { option: '--group', value: group, expected: tr('sop.cli.oneGroup') } });
    if (problems.length) throw new AppError(problems);

    // Checked by the same parser as a sidebar's request: every host reaches the use case the same way.
    const request = parseSopRequest({
      template,
      anchor: anchor!,
      groups: group,
      cohort: option(args, 'cohort') ?? '',
      useTemplateTexts: args.options['use-template-texts'] === true,
    });
    const plan = planSop(ctx, request);
    for (const warning of plan.warnings) io.stderr(warning);

    // The calendar file is read from the tab as generated (merged, with --update): what the sheet would show.
    const generated = out || ics ? api.generateSop(ctx, request) : null;
    if (out) {
      await saveWorkbook(ctx, out, loaded?.bytes);
      io.stderr(generated!.message);
      io.stderr(tr('cli.wrote', { file: out, tabs: ctx.workbook.tabs.map((tab) => tab.spec.name).join(', ') }));
    }
    if (ics) {
      const file = api.exportSopIcs(ctx, { tab: generated!.tabs[0].tab });
      writeTextFile(ics, file.text);
      io.stderr(tr('ics.cli.wrote', { file: ics, count: file.events }));
    }
    const rows = plan.tabs[0].rows;
    if (json) printJson(io, sopToJson(plan.template, plan.anchor, rows));
    else if (!out && !ics) {
      for (const row of rows) {
        io.stdout([row.date === null ? '' : toIso(row.date), row.weekday, row.time, row.phase, row.channel, row.item, row.owner, row.status].join('\t'));
      }
    }
    return 0;
  },
});

const templates = defineCommand({
  summary: { 'zh-CN': '列出内置的SOP模板（ID、名称、跨度）', en: 'List the built-in SOP templates (ids, names, spans)' },
  options: { json: { summary: { 'zh-CN': '以 JSON 输出', en: 'Print JSON' } } },
  async run(args, { io, lang, tr }) {
    const list = listTemplates(lang);
    if (args.options.json === true) printJson(io, list);
    else {
      for (const t of list) {
        io.stdout(
          tr('sop.cli.template', {
            id: t.id,
            name: t.name,
            first: offsetInWords(t.span.first, t.anchorKind, lang),
            last: offsetInWords(t.span.last, t.anchorKind, lang),
            days: t.span.days,
            rows: t.rows,
          }),
        );
      }
    }
    return 0;
  },
});

export const sopCommands: CliCommands = { sop, templates };
