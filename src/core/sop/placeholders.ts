/**
 * Placeholders in template texts, filled per group at generation: {群名} {期次} {日期} {日期+2}
 * {时间} {锚点日} {讲师} {顾问} {班主任} {助教} {运营}, or their English forms {group} {cohort} {date}
 * {date+2} {time} {anchor} {lecturer} {advisor} {headTeacher} {assistant} {operator}, whatever the
 * template's language. A placeholder with nothing to put in (no lecturer on the team) stays as it is,
 * so the gap shows.
 */
import { ymdFromSerial, type DaySerial } from '../dates';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { Role } from '../team/team';

type MonthNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/** "12月7日" / "Dec 7". */
export function shortDate(serial: DaySerial, lang: Lang): string {
  const { month, day } = ymdFromSerial(serial);
  return t(lang, 'sop.date.short', { month: t(lang, `sop.month.${month as MonthNumber}`), day });
}

const ROLE_PLACEHOLDERS: Record<string, Role> = {
  讲师: 'lecturer',
  lecturer: 'lecturer',
  顾问: 'advisor',
  advisor: 'advisor',
  班主任: 'headTeacher',
  headteacher: 'headTeacher',
  助教: 'assistant',
  assistant: 'assistant',
  运营: 'operator',
  operator: 'operator',
};

export interface PlaceholderValues {
  group: string;
  cohort: string;
  date: DaySerial;
  anchor: DaySerial;
  time: string;
  /** The person who acts in a role for this group, or undefined when nobody does. */
  personFor: (role: Role) => string | undefined;
  lang: Lang;
}

/** The placeholders as the template tab's note lists them, in each language. */
export const PLACEHOLDER_NAMES: Record<Lang, readonly string[]> = {
  'zh-CN': ['群名', '期次', '日期', '时间', '锚点日', '讲师', '顾问', '班主任', '助教', '运营'],
  en: ['group', 'cohort', 'date', 'time', 'anchor', 'lecturer', 'advisor', 'headTeacher', 'assistant', 'operator'],
};

const PLACEHOLDER = /\{([^{}\s+-]+)(?:([+-])(\d{1,3}))?\}/g;

/**
 * Scripts say "{讲师}老师" as people do; a team that lists the lecturer as "赵老师" would then read
 * "赵老师老师", so the honorific is written once.
 */
const HONORIFIC = '老师';

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole: string, rawName: string, sign: string | undefined, amount: string | undefined, offset: number) => {
    const name = rawName.toLowerCase();
    const shift = sign ? (sign === '-' ? -1 : 1) * Number(amount) : 0;
    if (name === '日期' || name === 'date') return shortDate(values.date + shift, values.lang);
    if (shift !== 0) return whole;
    if (name === '群名' || name === 'group') return values.group || whole;
    if (name === '期次' || name === 'cohort') return values.cohort || whole;
    if (name === '时间' || name === 'time') return values.time || whole;
    if (name === '锚点日' || name === 'anchor') return shortDate(values.anchor, values.lang);
    const role = ROLE_PLACEHOLDERS[name];
    const person = role && values.personFor(role);
    if (!person) return whole;
    const honorificFollows = text.startsWith(HONORIFIC, offset + whole.length);
    return honorificFollows && person.endsWith(HONORIFIC) ? person.slice(0, -HONORIFIC.length) : person;
  });
}
