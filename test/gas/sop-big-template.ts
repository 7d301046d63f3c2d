/** A synthetic SOP template of any size, for the call-count tests and the bench. */
import type { SopTemplate, TemplateRow } from '../../src/core/sop/template';
import { ROLES } from '../../src/core/team/team';

/** n actions over 28 days from −7 to +20, three phases in date order, every role but 'other' in turn. */
export function bigTemplate(n: number): SopTemplate {
  const roles = ROLES.filter((r) => r !== 'other');
  const rows: TemplateRow[] = Array.from({ length: n }, (_, i) => {
    const dayOffset = (i % 28) - 7;
    return {
      rowKey: `k${i}`,
      dayOffset,
      time: ['09:00', '12:00', '20:00'][i % 3],
      phase: dayOffset < 0 ? '营前' : dayOffset < 14 ? '营中' : '营后',
      channel: 'group',
      item: `事项${i}`,
      detail: `具体事项${i}`,
      script: `话术${i}：欢迎来到{群名}（{期次}），{日期}见。`,
      materials: '',
      role: roles[i % roles.length],
    };
  });
  return { id: 'big', name: '大模板', code: 'BIG', anchorKind: 'campStart', phases: ['营前', '营中', '营后'], rows };
}

/** The template as a template tab's grid, as someone would have typed it in Sheets. */
export function bigTemplateGrid(n: number): (string | number | null)[][] {
  const roleLabels: Record<string, string> = {
    operator: '社群运营',
    advisor: '课程顾问',
    lecturer: '讲师IP',
    headTeacher: '班主任',
    assistant: '助教',
    designer: '设计',
  };
  return [
    ['模板ID', 'big', '锚点日', '开营日', '编号前缀', 'BIG'],
    ['行键', '第N天', '时间', '阶段', '渠道', '事项', '具体事项', '话术', '素材', '角色'],
    ...bigTemplate(n).rows.map((r) => [r.rowKey, r.dayOffset, r.time, r.phase, '社群', r.item, r.detail, r.script, '', roleLabels[r.role]]),
  ];
}
