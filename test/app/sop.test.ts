/** SOP schedules through the use cases, on the in-memory workbook: what the sidebar does, step by step. */
import { callApi } from '../../src/app/api';
import { generateSopTabs, getSopState, previewSop, saveSopTemplate, type SopRequest } from '../../src/app/sop';
import { saveSettings, saveTeam } from '../../src/app/team';
import { addDays, fromIso, toIso, type DaySerial } from '../../src/core/dates';
import { rowIds } from '../../src/core/sop/template';
import { builtInTemplate } from '../../src/core/sop/templates';
import type { CellValue } from '../../src/core/tab/spec';
import { createLocalContext, type LocalContext } from '../../src/local/context';

const TODAY = fromIso('2026-11-23') as DaySerial;
const ANCHOR = '2026-12-14';
const TEAM = [
  { name: '林晓', role: 'operator' as const },
  { name: '周舟', role: 'operator' as const },
  { name: '陈默', role: 'advisor' as const },
  { name: '赵老师', role: 'lecturer' as const },
  { name: '李班', role: 'headTeacher' as const },
  { name: '吴助', role: 'assistant' as const },
  { name: '孙悦', role: 'designer' as const },
];

function context(locale = 'zh_CN', withTeam = true): LocalContext {
  const ctx = createLocalContext({ today: TODAY, locale });
  if (withTeam) saveTeam(ctx, TEAM);
  ctx.ui.messages.length = 0;
  return ctx;
}

const request = (over: Partial<SopRequest> = {}): SopRequest => ({
  template: 'big-class-28d',
  anchor: ANCHOR,
  groups: 'Java引流5群',
  cohort: '第12期',
  ...over,
});

/** The table of an SOP tab as objects keyed by header, up to the first row without a date or an ID. */
function table(ctx: LocalContext, tab: string): Array<Record<string, CellValue>> {
  const [header, ...rows] = ctx.workbook.readTab(tab);
  const width = header.indexOf(null) < 0 ? header.length : header.indexOf(null);
  return rows
    .filter((row) => row.slice(0, width).some((cell, c) => cell !== null && header[c] !== '星期' && header[c] !== 'Day'))
    .map((row) => Object.fromEntries(header.slice(0, width).map((h, c) => [String(h), row[c] ?? null])));
}

/** Types into the SOP tab the way a person does: the cell under `column` in the row with this ID. */
function type(ctx: LocalContext, tab: string, id: string, column: string, value: string): void {
  const grid = ctx.workbook.readTab(tab);
  const row = grid.findIndex((line) => line[0] === id);
  const col = grid[0].indexOf(column);
  if (row < 0 || col < 0) throw new Error(`no ${column} in row ${id}`);
  ctx.workbook.setCell(tab, row, col, value);
}

const toasts = (ctx: LocalContext) => ctx.ui.messages.filter((m) => m.kind === 'toast').map((m) => m.message);

describe('generating SOP tabs', () => {
  test('big-class-28d for two groups: one tab per group, every day from 营前 to 营后, owners taking turns', () => {
    const ctx = context();
    const result = generateSopTabs(ctx, request({ groups: 'Java引流5群\nJava引流6群' }));
    expect(result.tabs.map((t) => [t.tab, t.created, t.rows])).toEqual([
      ['SOP·Java引流5群·第12期', true, 60],
      ['SOP·Java引流6群·第12期', true, 60],
    ]);
    expect(ctx.workbook.activeTabName()).toBe('SOP·Java引流6群·第12期');
    expect(result.message).toBe('「SOP·Java引流5群·第12期」已生成 60 行；「SOP·Java引流6群·第12期」已生成 60 行');
    expect(toasts(ctx)).toContain(result.message);

    const five = table(ctx, 'SOP·Java引流5群·第12期');
    const six = table(ctx, 'SOP·Java引流6群·第12期');
    const anchor = fromIso(ANCHOR) as DaySerial;
    const days = new Set(five.map((r) => r['日期']));
    for (let offset = -7; offset <= 20; offset++) expect(days).toContain(anchor + offset);
    expect(five.map((r) => r['ID'])).toEqual(six.map((r) => r['ID']));
    // The operator rows go to 林晓 in the first group and 周舟 in the second; single-person roles stay.
    const operatorIds = new Set(five.filter((r) => r['执行人'] === '林晓').map((r) => r['ID']));
    expect(operatorIds.size).toBeGreaterThan(0);
    expect(six.filter((r) => operatorIds.has(r['ID'])).every((r) => r['执行人'] === '周舟')).toBe(true);
    expect(five.some((r) => r['执行人'] === '李班') && six.some((r) => r['执行人'] === '李班')).toBe(true);
    expect(five.every((r) => r['状态'] === '未开始')).toBe(true);
    // The auto-assigned column is there for regeneration, hidden.
    const spec = ctx.workbook.tab('SOP·Java引流5群·第12期').spec;
    const hidden = spec.columns.filter((c) => c.hidden).map((c) => c.key);
    expect(hidden).toEqual(['generatedOwner', 'generatedTexts']);
    // The owner dropdown reads the Team tab.
    expect(spec.validations?.some((v) => v.rule.type === 'listFromRange' && v.rule.tab === '团队')).toBe(true);
  });

  test('regenerating after moving the anchor keeps typed statuses, proofs, notes, a hand-changed owner and a hand-added row', () => {
    const ctx = context();
    generateSopTabs(ctx, request());
    const tab = 'SOP·Java引流5群·第12期';
    const before = table(ctx, tab);
    const [a, b, c, d] = [before[0], before[5], before[12], before[20]].map((r) => String(r['ID']));
    type(ctx, tab, a, '状态', '已完成');
    type(ctx, tab, a, '完成截图/链接', 'https://example.com/shot-1.png');
    type(ctx, tab, b, '状态', '进行中');
    type(ctx, tab, b, '备注', '等设计稿');
    type(ctx, tab, c, '执行人', '周舟');
    type(ctx, tab, d, '状态', '延期');
    // A row added by hand below the table: no ID.
    const height = before.length + 1;
    ctx.workbook.setCell(tab, height, 1, fromIso('2026-12-20') as DaySerial);
    ctx.workbook.setCell(tab, height, 6, '临时加一场答疑');
    ctx.workbook.setCell(tab, height, 10, '陈默');
    ctx.ui.messages.length = 0;

    const moved = toIso(addDays(fromIso(ANCHOR) as DaySerial, 2));
    const result = generateSopTabs(ctx, request({ anchor: moved }));
    expect(result.tabs).toEqual([{ tab, created: false, rows: 61, line: '+0 行 · 60 行改期 · 0 项丢失' }]);
    expect(toasts(ctx)).toEqual([`「${tab}」+0 行 · 60 行改期 · 0 项丢失`]);
    expect(ctx.workbook.listTabs().filter((t) => t.marker?.kind === 'sop')).toHaveLength(1);

    const after = table(ctx, tab);
    const row = (id: string) => after.find((r) => r['ID'] === id)!;
    const was = (id: string) => before.find((r) => r['ID'] === id)!;
    for (const id of [a, b, c, d]) expect(row(id)['日期']).toBe((was(id)['日期'] as number) + 2);
    expect(row(a)).toMatchObject({ 状态: '已完成', '完成截图/链接': 'https://example.com/shot-1.png' });
    expect(row(b)).toMatchObject({ 状态: '进行中', 备注: '等设计稿' });
    expect(row(c)['执行人']).toBe('周舟');
    expect(row(d)['状态']).toBe('延期');
    const manual = after.find((r) => r['事项'] === '临时加一场答疑')!;
    expect(manual).toMatchObject({ ID: null, 日期: fromIso('2026-12-20'), 执行人: '陈默' });
    expect(after.filter((r) => r['状态'] === '已完成')).toHaveLength(1);
  });

  test('a tab named like ours that the add-on did not make is never overwritten', () => {
    const ctx = context();
    ctx.workbook.addPlainTab('SOP·Java引流5群·第12期', [['我自己的排期'], ['别动']]);
    const result = generateSopTabs(ctx, request());
    expect(result.tabs[0].tab).toBe('SOP·Java引流5群·第12期 (2)');
    expect(ctx.workbook.readTab('SOP·Java引流5群·第12期')).toEqual([['我自己的排期'], ['别动']]);
  });

  test('without a Team tab the owner dropdown lists the people picked in the sidebar', () => {
    const ctx = context('zh_CN', false);
    const result = generateSopTabs(ctx, request({ assignments: { operator: '小王', headTeacher: '小李' } }));
    expect(result.warnings.length).toBeGreaterThan(0);
    const spec = ctx.workbook.tab(result.tabs[0].tab).spec;
    const owner = spec.validations!.find((v) => v.rule.type === 'list' && v.rule.values.includes('小王'))!;
    expect(owner.rule).toMatchObject({ type: 'list', values: ['小王', '小李'] });
    expect(spec.validations!.some((v) => v.rule.type === 'listFromRange')).toBe(false);
  });

  test('English: headers, statuses and the toast follow the language setting', () => {
    const ctx = context('en_US');
    const result = generateSopTabs(ctx, request({ groups: 'Java 5', cohort: 'Cohort 12' }));
    expect(result.tabs[0].tab).toBe('SOP·Java 5·Cohort 12');
    expect(result.message).toBe('"SOP·Java 5·Cohort 12": 60 rows generated');
    const header = ctx.workbook.readTab(result.tabs[0].tab)[0].slice(0, 14);
    expect(header).toEqual([
      'ID',
      'Date',
      'Day',
      'Time',
      'Phase',
      'Channel',
      'Item',
      'Detail',
      'Script',
      'Materials',
      'Owner',
      'Status',
      'Proof (screenshot/link)',
      'Note',
    ]);
  });
});

describe('the form: preview and mistakes', () => {
  test('the preview line counts rows, the date span and the owners, and names the tabs it would write', () => {
    const ctx = context();
    const preview = previewSop(ctx, request());
    const anchor = fromIso(ANCHOR) as DaySerial;
    expect(preview.line).toBe(`60 行 · ${toIso(anchor - 7)} → ${toIso(anchor + 20)} · 6 位执行人`);
    expect(preview).toMatchObject({
      tabs: ['SOP·Java引流5群·第12期'],
      updates: [],
      // The plan runs into 2027, whose holiday schedule is not published yet; one item lands on 元旦.
      warnings: [
        '2027 年的放假安排还没有公布：「节日/节气」列和节假日提醒只含法定假日，调休上班和连休以国务院公布的安排为准。',
        '2027-01-01（周五）是元旦：「朋友圈：学员成果合集」排在这一天，节假日很多人不看群，请确认照常执行还是换个日期。',
      ],
      problems: {},
    });
    expect(ctx.workbook.listTabs()).toHaveLength(1);
    generateSopTabs(ctx, request());
    expect(previewSop(ctx, request({ groups: 'Java引流5群, Java引流6群' }))).toMatchObject({
      tabs: ['SOP·Java引流5群·第12期', 'SOP·Java引流6群·第12期'],
      updates: ['SOP·Java引流5群·第12期'],
      line: expect.stringMatching(/^120 行 · .* · 7 位执行人 · 2 个标签页$/),
    });
  });

  test('each field gets its own message, and generating with mistakes writes nothing', () => {
    const ctx = context();
    const longCohort = '第12期'.repeat(11);
    const bad = request({ anchor: '2026-13-40', groups: ' \n ', cohort: longCohort });
    const preview = previewSop(ctx, bad);
    expect(preview.line).toBe('');
    expect(preview.problems).toEqual({
      anchor: '无法识别的日期“2026-13-40”，请用 2026-12-01 这样的格式。',
      groups: '请至少填写一个群名。',
      cohort: `“${longCohort}”太长了：群名和期次各不超过 40 个字，标签页名才放得下。`,
    });
    // A name with characters a file could not use in a tab name is fine: each target fits the tab name.
    expect(previewSop(ctx, request({ cohort: '第[12]期', groups: '节气/节日促销' })).problems).toEqual({});
    expect(previewSop(ctx, request({ anchor: '', template: 'live-class' })).problems.anchor).toBe('请填写直播日（如 2026-12-14）。');
    expect(previewSop(ctx, request({ template: 'nope' })).problems.template).toBe('没有 ID 为“nope”的模板。');
    expect(previewSop(ctx, request({ groups: 'A群,A群' })).problems.groups).toBe('群名“A群”重复了。');
    // The anchor reads like every date the add-on reads; a year outside 2000–2100 is named as such.
    for (const same of ['2026/12/14', '2026.12.14', '2026年12月14日', '２０２６-１２-１４']) {
      expect(previewSop(ctx, request({ anchor: same })).line).toBe(previewSop(ctx, request()).line);
    }
    expect(previewSop(ctx, request({ anchor: '1926-12-14' })).problems.anchor).toBe('日期“1926-12-14”超出范围：年份应在 2000–2100 之间。');
    const tabsBefore = ctx.workbook.listTabs();
    expect(() => generateSopTabs(ctx, bad)).toThrow();
    const envelope = callApi(ctx, 'generateSop', [bad]);
    expect(envelope.ok).toBe(false);
    expect(ctx.workbook.listTabs()).toEqual(tabsBefore);
    expect(toasts(ctx)).toEqual([]);
  });
});

describe('templates in the sheet', () => {
  test('save as template writes an editable tab that then appears in the picker and generates the same row IDs', () => {
    const ctx = context();
    const saved = saveSopTemplate(ctx, { template: 'big-class-28d' });
    expect(saved.tab).toBe('SOP模板·28天大课');
    expect(saved.ref).toBe('tab:SOP模板·28天大课');
    expect(toasts(ctx)).toContain(saved.message);
    const state = getSopState(ctx);
    const choice = state.templates.find((t) => t.ref === saved.ref)!;
    expect(choice).toMatchObject({ source: 'sheet', name: '28天大课', anchorKind: 'campStart', anchorLabel: '开营日', rows: 60, errors: [] });
    expect(choice.roles).toEqual(['operator', 'advisor', 'lecturer', 'headTeacher', 'assistant', 'designer']);
    expect(state.templates.filter((t) => t.source === 'builtIn').map((t) => t.id)).toEqual([
      'conversion-7d',
      'big-class-28d',
      'camp-3d',
      'live-class',
      'promo-flash',
      'moments-daily',
      'retention-monthly',
    ]);

    // Edit the template in the sheet: a new action on day 3.
    const grid = ctx.workbook.readTab(saved.tab);
    const r = grid.length;
    ctx.workbook.setCell(saved.tab, r, 1, '3');
    ctx.workbook.setCell(saved.tab, r, 4, '朋友圈');
    ctx.workbook.setCell(saved.tab, r, 5, '晒第3天作业');
    ctx.workbook.setCell(saved.tab, r, 9, '社群运营');
    const result = generateSopTabs(ctx, request({ template: saved.ref }));
    const rows = table(ctx, result.tabs[0].tab);
    expect(rows).toHaveLength(61);
    const builtInIds = new Set(rowIds(builtInTemplate('big-class-28d', 'zh-CN')).values());
    expect(rows.filter((row) => builtInIds.has(String(row['ID'])))).toHaveLength(60);
    expect(rows.find((row) => row['事项'] === '晒第3天作业')).toMatchObject({ 日期: (fromIso(ANCHOR) as DaySerial) + 3, 执行人: '林晓' });

    // Saving the built-in again never writes over the edited copy.
    const again = saveSopTemplate(ctx, { template: 'big-class-28d' });
    expect(again.tab).toBe('SOP模板·28天大课 (2)');
    expect(ctx.workbook.readTab(saved.tab)).toHaveLength(r + 1);
  });

  test('a malformed template tab is listed with its errors naming row and column, in zh and in en, and cannot generate', () => {
    const ctx = context();
    const saved = saveSopTemplate(ctx, { template: 'live-class' });
    ctx.workbook.setCell(saved.tab, 4, 1, '第三天');
    ctx.workbook.setCell(saved.tab, 6, 9, '外包');
    const choice = getSopState(ctx).templates.find((t) => t.ref === saved.ref)!;
    expect(choice.errors).toEqual([
      expect.stringMatching(/^「SOP模板·直播公开课」 第 5 行 B 列（第N天）：“第三天”不是有效的天数/),
      expect.stringMatching(/^「SOP模板·直播公开课」 第 7 行 J 列（角色）：未知角色“外包”/),
    ]);
    const preview = previewSop(ctx, request({ template: saved.ref }));
    expect(preview.problems.template).toContain('第 5 行 B 列');
    const before = ctx.workbook.listTabs();
    expect(() => generateSopTabs(ctx, request({ template: saved.ref }))).toThrow();
    expect(ctx.workbook.listTabs()).toEqual(before);

    saveSettings(ctx, { language: 'en' });
    const en = getSopState(ctx).templates.find((t) => t.ref === saved.ref)!;
    expect(en.errors).toEqual([
      expect.stringMatching(/^Tab "SOP模板·直播公开课", row 5, column B \(第N天\): "第三天" is not a day offset/),
      expect.stringMatching(/^Tab "SOP模板·直播公开课", row 7, column J \(角色\): Unknown role "外包"/),
    ]);
  });

  test('save as template from an SOP tab: its rows as they stand, day offsets from its anchor, IDs kept', () => {
    const ctx = context();
    generateSopTabs(ctx, request());
    const tab = 'SOP·Java引流5群·第12期';
    const rows = table(ctx, tab);
    const height = rows.length + 1;
    ctx.workbook.setCell(tab, height, 1, (fromIso(ANCHOR) as DaySerial) + 4);
    ctx.workbook.setCell(tab, height, 5, '私聊');
    ctx.workbook.setCell(tab, height, 6, '回访第一周没打卡的同学');
    ctx.workbook.setCell(tab, height, 10, '吴助');
    const saved = saveSopTemplate(ctx, { fromTab: tab });
    expect(saved.tab).toBe('SOP模板·Java引流5群·第12期');
    const choice = getSopState(ctx).templates.find((t) => t.ref === saved.ref)!;
    expect(choice).toMatchObject({ rows: 61, errors: [], anchorKind: 'campStart' });

    // Generated elsewhere from the saved template: same IDs as the built-in for its rows, the group's name a placeholder again.
    const result = generateSopTabs(ctx, request({ template: saved.ref, groups: 'Java引流6群', anchor: '2027-01-11' }));
    const six = table(ctx, result.tabs[0].tab);
    expect(new Set(six.map((r) => r['ID']))).toEqual(new Set([...rows.map((r) => r['ID']), six.find((r) => r['事项'] === '回访第一周没打卡的同学')!['ID']]));
    expect(six.find((r) => r['事项'] === '回访第一周没打卡的同学')).toMatchObject({
      日期: (fromIso('2027-01-11') as DaySerial) + 4,
      执行人: '吴助',
      渠道: '私聊',
    });
    const scripts = six.map((r) => String(r['话术'] ?? '')).join('\n');
    expect(scripts).toContain('Java引流6群');
    expect(scripts).not.toContain('Java引流5群');
  });

  test('the sidebar state lists existing SOP tabs with their template and anchor, and starts from the active one', () => {
    const ctx = context();
    generateSopTabs(ctx, request({ groups: 'A群\nB群', template: 'conversion-7d', anchor: '2026-12-07' }));
    const state = getSopState(ctx);
    expect(state.sopTabs).toEqual([
      { tab: 'SOP·A群·第12期', group: 'A群', cohort: '第12期', templateRef: 'conversion-7d', anchor: '2026-12-07', line: '引流群7天转化 · 建群日 2026-12-07' },
      { tab: 'SOP·B群·第12期', group: 'B群', cohort: '第12期', templateRef: 'conversion-7d', anchor: '2026-12-07', line: '引流群7天转化 · 建群日 2026-12-07' },
    ]);
    expect(state.activeSopTab).toBe('SOP·B群·第12期');
    expect(state.suggestedAnchor).toBe('2026-11-30');
    expect(state.teamTab).toBe('团队');
    expect(state.roles.find((r) => r.key === 'operator')!.people).toEqual(['林晓', '周舟']);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  test('the sidebar starts from the template just saved or just generated, and from none on another tab', () => {
    const ctx = context();
    expect(getSopState(ctx).startTemplate).toBeNull();
    const saved = saveSopTemplate(ctx, { template: 'live-class' });
    expect(ctx.workbook.activeTabName()).toBe(saved.tab);
    expect(getSopState(ctx).startTemplate).toBe(saved.ref);
    generateSopTabs(ctx, request({ template: 'camp-3d' }));
    expect(getSopState(ctx).startTemplate).toBe('camp-3d');
    ctx.workbook.activate('团队');
    expect(getSopState(ctx).startTemplate).toBeNull();
  });

  test('the template line says its span in words from the anchor, in zh and in en', () => {
    const ctx = context();
    const info = (id: string) => getSopState(ctx).templates.find((t) => t.ref === id)!.info;
    expect(info('big-class-28d')).toBe('60 个动作 · 开营前7天 → 开营后第20天');
    expect(info('conversion-7d')).toMatch(/ · 建群当天 → 建群后第6天$/);
    expect(info('live-class')).toMatch(/ · 直播前3天 → 直播后第1天$/);
    expect(info('promo-flash')).toMatch(/ · 活动前7天 → 活动后第3天$/);
    saveSettings(ctx, { language: 'en' });
    expect(info('big-class-28d')).toBe('60 actions · 7 days before camp start → day 20 after camp start');
    expect(info('conversion-7d')).toMatch(/ · day of group creation → day 6 after group creation$/);
    expect(info('live-class')).toMatch(/ · 3 days before the live class → day 1 after the live class$/);
  });

  test('API errors come back as localized text', () => {
    const ctx = context('en_US');
    const response = callApi(ctx, 'saveSopTemplate', [{ template: 'nope' }]);
    expect(response).toEqual({
      ok: false,
      error: { message: 'There is no template with the ID "nope".', problems: [{ text: 'There is no template with the ID "nope".' }] },
    });
  });
});

describe('finding an SOP tab again', () => {
  test('a group and cohort whose names hold a bar do not take over another group’s tab', () => {
    const ctx = context();
    const first = generateSopTabs(ctx, request({ groups: 'Java|Python群', cohort: '12期', template: 'conversion-7d' }));
    type(ctx, first.tabs[0].tab, table(ctx, first.tabs[0].tab)[0]['ID'] as string, '状态', '已完成');
    const second = generateSopTabs(ctx, request({ groups: 'Java', cohort: 'Python群|12期', template: 'conversion-7d' }));
    expect(second.tabs[0].created).toBe(true);
    expect(second.tabs[0].tab).not.toBe(first.tabs[0].tab);
    const firstRows = table(ctx, first.tabs[0].tab);
    expect(firstRows[0]['状态']).toBe('已完成');
    expect(firstRows.some((row) => row['状态'] === '已移除')).toBe(false);
  });

  test('a tab someone renamed is updated in place and keeps its new name', () => {
    const ctx = context();
    const first = generateSopTabs(ctx, request({ template: 'conversion-7d' }));
    const id = table(ctx, first.tabs[0].tab)[0]['ID'] as string;
    type(ctx, first.tabs[0].tab, id, '状态', '已完成');
    ctx.workbook.renameTab(first.tabs[0].tab, '5群·我改的名字');
    const again = generateSopTabs(ctx, request({ template: 'conversion-7d', anchor: '2026-12-16' }));
    expect(again.tabs[0]).toMatchObject({ tab: '5群·我改的名字', created: false });
    expect(
      ctx.workbook
        .listTabs()
        .filter((tab) => tab.marker?.kind === 'sop')
        .map((tab) => tab.name),
    ).toEqual(['5群·我改的名字']);
    expect(table(ctx, '5群·我改的名字').find((row) => row['ID'] === id)?.['状态']).toBe('已完成');
  });
});
