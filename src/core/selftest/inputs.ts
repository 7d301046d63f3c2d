/**
 * What the self-test writes into the user's spreadsheet before it runs the features: a small push
 * plan, an activity list and a paste of group figures, each as a tab of its own marked 'selftest' (so
 * the self-test can delete it and nothing of the user's is touched). Their names and the month and
 * group the features run for are chosen so that no tab of the user's has the same identity: the
 * generated tabs are new tabs, never updates of the user's.
 */
import { serialFromYmd } from '../dates';
import type { Lang } from '../i18n';
import { markerOf } from '../tab/marker';
import { range, type Cell, type TabSpec } from '../tab/spec';

/** A month nobody plans for: the calendar the self-test draws cannot be one of the user's (a calendar is known by its month). */
export const SELF_TEST_MONTH = '2099-12';
const day = (d: number): number => serialFromYmd(2099, 12, d);

export interface SelfTestNames {
  prefix: string;
  plan: string;
  list: string;
  data: string;
  group: string;
  cohort: string;
}

export function selfTestNames(lang: Lang): SelfTestNames {
  const prefix = lang === 'en' ? 'Self-test · ' : '诊断·';
  return {
    prefix,
    plan: `${prefix}${lang === 'en' ? 'push plan' : '推进表'}`,
    list: `${prefix}${lang === 'en' ? 'activities' : '活动列表'}`,
    data: `${prefix}${lang === 'en' ? 'group data' : '群数据'}`,
    group: lang === 'en' ? 'Self-test group' : '诊断自检群',
    cohort: lang === 'en' ? 'Self-test' : '自检',
  };
}

/**
 * An input tab: a header row, data below, dates formatted as dates. The plan is marked as the
 * add-on's own blank plans are (the Gantt takes no other tab of ours as a plan), with a number no
 * plan of the user's has; the others are marked 'selftest'.
 */
function inputTab(name: string, part: string, rows: Cell[][], dateColumns: number[]): TabSpec {
  return {
    name,
    marker: part === 'plan' ? markerOf('plan', { number: 'selftest' }) : markerOf('selftest', { part }),
    columns: rows[0].map((_, c) => ({ key: `c${c}`, width: c === 1 ? 160 : 100 })),
    rows,
    headerRows: 1,
    frozenRows: 1,
    formats: dateColumns.map((col) => ({ range: range(1, col, rows.length - 1, 1), format: 'date' as const })),
  };
}

/** The three input tabs, with the team's first people as owners (or none when the team is empty). */
export function selfTestInputs(names: SelfTestNames, owners: readonly string[]): TabSpec[] {
  const who = (i: number): string => (owners.length ? owners[i % owners.length] : '');
  const plan = inputTab(
    names.plan,
    'plan',
    [
      ['阶段', '事项', '负责人', '开始日期', '结束日期', '前置事项', '进度'],
      ['营前', '确定活动主题与目标', who(0), day(1), day(2), '', 1],
      ['营前', '海报与物料设计', who(1), day(3), day(6), '确定活动主题与目标', 0.3],
      ['营中', '开营仪式与群规', who(0), day(8), day(8), '海报与物料设计', 0],
      ['营后', '结营与复盘', who(2), day(20), day(21), '开营仪式与群规', 0],
    ],
    [3, 4],
  );
  const list = inputTab(
    names.list,
    'list',
    [
      ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标'],
      ['入门3天训练营', '训练营', day(1), day(3), who(0), names.group, '到课率≥40%'],
      ['直播公开课', '营销课', day(5), day(5), who(1), names.group, '到课200人'],
      ['限时拼团', '促销活动', day(10), day(12), who(2), names.group, '成单10单'],
    ],
    [2, 3],
  );
  const data = inputTab(
    names.data,
    'data',
    [
      ['群名称', '群人数', '到课人数', '完课人数', '意向表单', '成单人数', '客单价', '投放成本'],
      [`${names.group}1`, 260, 61, 40, 22, 3, 8800, 5200],
      [`${names.group}2`, 245, 55, 37, 18, 2, 8800, 4900],
      [`${names.group}3`, 0, 0, 0, 0, 0, 8800, 0],
    ],
    [],
  );
  return [plan, list, data];
}
