/**
 * How built-in templates are written: each row once, with its zh-CN and en texts side by side, so
 * both languages share row keys, offsets, times, channels and roles by construction.
 */
import type { Lang } from '../../i18n';
import type { Role } from '../../team/team';
import type { AnchorKind, Channel, SopTemplate } from '../template';

/** [item 事项, detail 具体事项, script 话术, materials 素材]. */
export type RowTexts = readonly [item: string, detail: string, script: string, materials: string];

export interface BilingualRow {
  key: string;
  day: number;
  time: string;
  /** Index into the template's phase lists. */
  phase: number;
  channel: Channel;
  role: Role;
  zh: RowTexts;
  en: RowTexts;
}

export interface BuiltInTemplate {
  id: string;
  code: string;
  anchorKind: AnchorKind;
  name: { zh: string; en: string };
  phases: { zh: readonly string[]; en: readonly string[] };
  rows: readonly BilingualRow[];
}

export function row(key: string, day: number, time: string, phase: number, channel: Channel, role: Role, zh: RowTexts, en: RowTexts): BilingualRow {
  return { key, day, time, phase, channel, role, zh, en };
}

/** The template in one language. */
export function localize(builtIn: BuiltInTemplate, lang: Lang): SopTemplate {
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const phases = builtIn.phases[side];
  return {
    id: builtIn.id,
    name: builtIn.name[side],
    code: builtIn.code,
    anchorKind: builtIn.anchorKind,
    phases: [...phases],
    rows: builtIn.rows.map((r) => {
      const [item, detail, script, materials] = r[side];
      return { rowKey: r.key, dayOffset: r.day, time: r.time, phase: phases[r.phase], channel: r.channel, item, detail, script, materials, role: r.role };
    }),
  };
}
