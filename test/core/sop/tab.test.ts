import { fromIso, parseTimeOfDay, toIso, type DaySerial } from '../../../src/core/dates';
import type { Lang } from '../../../src/core/i18n';
import { cellValue, columnLetter, isFormulaCell, NUMBER_FORMATS, type Cell, type TabSpec } from '../../../src/core/tab/spec';
import type { Person } from '../../../src/core/team/team';
import { generateSop, type SopRow } from '../../../src/core/sop/generate';
import { buildSopTab, PHASE_COLORS, type SopTabOptions } from '../../../src/core/sop/tab';
import { builtInTemplate } from '../../../src/core/sop/templates';
import { spreadsheet } from '../../support/formulas';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;
const TEAM: Person[] = [
  { name: '林晓', role: 'operator', email: '', color: '#4e79a7' },
  { name: '陈默', role: 'advisor', email: '', color: '#f28e2b' },
  { name: '赵老师', role: 'lecturer', email: '', color: '#59a14f' },
  { name: '李班', role: 'headTeacher', email: '', color: '#e15759' },
];
const ANCHOR = day('2026-12-14');
const TODAY = day('2026-12-20');

const ZH_HEADERS = ['ID', '日期', '星期', '时间', '阶段', '渠道', '事项', '具体事项', '话术', '素材', '执行人', '状态', '完成截图/链接', '备注'];
const EN_HEADERS = [
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
];

function build(lang: Lang, options: Partial<SopTabOptions> = {}, edit?: (rows: SopRow[]) => void): { spec: TabSpec; rows: SopRow[] } {
  const template = builtInTemplate('big-class-28d', lang);
  const markCalendar = options.markCalendar ?? false;
  const { rows } = generateSop({ template, anchor: ANCHOR, group: 'Java引流5群', cohort: '第12期', team: TEAM, lang, markCalendar });
  edit?.(rows);
  const spec = buildSopTab({
    rows,
    group: 'Java引流5群',
    cohort: '第12期',
    template,
    anchor: ANCHOR,
    lang,
    teamTabName: lang === 'zh-CN' ? '团队' : 'Team',
    markCalendar,
    today: TODAY,
    generatedAt: '2026-12-01 09:30',
    ...options,
  });
  return { spec, rows };
}

const headerRow = (spec: TabSpec): string[] => spec.rows[0].map((c) => String(cellValue(c) ?? ''));
const colOf = (spec: TabSpec, header: string): number => headerRow(spec).indexOf(header);

/** Sets statuses the way a user would: some done, some in progress, one cancelled, one delayed. */
function typeStatuses(lang: Lang) {
  const labels =
    lang === 'zh-CN'
      ? { done: '已完成', doing: '进行中', cancelled: '取消', delayed: '延期' }
      : { done: 'Done', doing: 'In progress', cancelled: 'Cancelled', delayed: 'Delayed' };
  return (rows: SopRow[]): void => {
    rows.forEach((row, i) => {
      if (i % 3 === 0) row.status = labels.done;
      else if (i % 7 === 1) row.status = labels.doing;
      else if (i === 5) row.status = labels.cancelled;
      else if (i === 8) row.status = labels.delayed;
    });
  };
}

describe('buildSopTab', () => {
  test.each([
    ['zh-CN', ZH_HEADERS, '节日/节气', '系统分配'],
    ['en', EN_HEADERS, 'Holiday/solar term', 'Auto-assigned'],
  ] as const)('has the columns of the issue in %s, the calendar column only when asked', (lang, headers, calendar, auto) => {
    const without = headerRow(build(lang).spec);
    expect(without.slice(0, headers.length + 1)).toEqual([...headers, auto]);
    const withCalendar = headerRow(build(lang, { markCalendar: true }).spec);
    expect(withCalendar.slice(0, headers.length + 2)).toEqual([...headers, calendar, auto]);
  });

  test('name, marker, frozen header and the note saying how the tab was made', () => {
    const { spec } = build('zh-CN');
    expect(spec.name).toBe('SOP·Java引流5群·第12期');
    // The marker names the tab (group and cohort) and says what it was made from, for the sidebar, and
    // which days its rows cover (7 days before the camp to day 20 after it) and its group pushes (the
    // template's one 群发 row, on day 17 of the camp), for the calendar.
    expect(spec.marker).toEqual({
      kind: 'sop',
      key: { group: 'Java引流5群', cohort: '第12期' },
      about: { template: 'big-class-28d', anchor: '2026-12-14', first: '2026-12-07', last: '2027-01-03', pushes: '[["2026-12-31",1]]' },
    });
    expect(spec.headerRows).toBe(1);
    expect(spec.frozenRows).toBe(1);
    const note = spec.notes?.find((n) => n.row === 0 && n.col === 0)?.text ?? '';
    for (const part of ['28天大课', 'big-class-28d', '开营日', '2026-12-14', '2026-12-01 09:30', 'Java引流5群', '第12期']) expect(note).toContain(part);
  });

  test('dates are day serials with a date format, times day fractions with a time format, weekdays live formulas', () => {
    const { spec, rows } = build('zh-CN');
    const [dateCol, timeCol, weekdayCol] = [colOf(spec, '日期'), colOf(spec, '时间'), colOf(spec, '星期')];
    expect(spec.columns[dateCol].format).toBe('date');
    expect(spec.columns[timeCol].format).toBe('time');
    const sheet = spreadsheet([spec], TODAY);
    rows.forEach((row, i) => {
      const line = spec.rows[i + 1];
      expect(line[dateCol]).toBe(row.date);
      expect(line[timeCol]).toBe(parseTimeOfDay(row.time));
      const weekday = line[weekdayCol];
      expect(isFormulaCell(weekday)).toBe(true);
      expect(sheet.value(i + 1, weekdayCol)).toBe(cellValue(weekday));
    });
    // 2026-12-07, the first row, is a Monday.
    expect(toIso(spec.rows[1][dateCol] as number)).toBe('2026-12-07');
    expect(cellValue(spec.rows[1][weekdayCol])).toBe('周一');
  });

  test('the script column wraps and each phase gets its colour band, as a rule on the phase column that follows rows wherever they go', () => {
    const { spec, rows } = build('zh-CN');
    const scriptCol = colOf(spec, '话术');
    expect(spec.styles?.some((s) => s.style.wrap && s.range.col === scriptCol && s.range.row === 1 && s.range.rows >= rows.length)).toBe(true);
    // No row is painted by hand: a colour a person gives a row stays theirs.
    expect((spec.styles ?? []).some((s) => (PHASE_COLORS as readonly string[]).includes(s.style.background ?? ''))).toBe(false);
    const template = builtInTemplate('big-class-28d', 'zh-CN');
    const bands = (spec.conditionalFormats ?? []).filter((rule) => (PHASE_COLORS as readonly string[]).includes(rule.style.background ?? ''));
    expect(bands.map((rule) => rule.formula)).toEqual(template.phases.map((phase) => `=$E2="${phase}"`));
    bands.forEach((rule, i) => {
      expect(rule.style.background).toBe(PHASE_COLORS[i]);
      // The whole row but the ID column (A), which stays a plain grey margin.
      expect(rule.ranges).toEqual([{ row: 1, col: 1, rows: rows.length + 200, cols: headerRow(spec).indexOf('文字校验') }]);
    });
  });

  test.each(['zh-CN', 'en'] as const)('owner and status dropdowns (%s)', (lang) => {
    const { spec, rows } = build(lang);
    const statusCol = colOf(spec, lang === 'zh-CN' ? '状态' : 'Status');
    const ownerCol = colOf(spec, lang === 'zh-CN' ? '执行人' : 'Owner');
    const status = spec.validations?.find((v) => v.range.col === statusCol);
    const owner = spec.validations?.find((v) => v.range.col === ownerCol);
    expect(status?.rule).toEqual({
      type: 'list',
      values:
        lang === 'zh-CN' ? ['未开始', '进行中', '已完成', '延期', '取消', '已移除'] : ['Not started', 'In progress', 'Done', 'Delayed', 'Cancelled', 'Removed'],
      strict: true,
    });
    expect(owner?.rule).toEqual({ type: 'listFromRange', tab: lang === 'zh-CN' ? '团队' : 'Team', a1: 'A2:A', strict: false });
    for (const v of [status, owner]) {
      expect(v?.range.row).toBe(1);
      expect(v?.range.rows).toBeGreaterThanOrEqual(rows.length);
    }
  });

  test('without a Team tab the owner dropdown lists names', () => {
    const { spec } = build('zh-CN', { teamTabName: null, ownerNames: ['外援小刘', '林晓'] });
    const owner = spec.validations?.find((v) => v.range.col === colOf(spec, '执行人'));
    expect(owner?.rule).toMatchObject({ type: 'list', strict: false });
    const values = owner?.rule.type === 'list' ? owner.rule.values : [];
    // The names given first, then the rows' other owners, each once.
    expect(values.slice(0, 2)).toEqual(['外援小刘', '林晓']);
    expect(new Set(values.slice(2))).toEqual(new Set(['陈默', '赵老师', '李班']));
    expect(values).toHaveLength(5);
  });

  test.each(['zh-CN', 'en'] as const)('conditional formats mark today, past-due rows not done, and done rows (%s)', (lang) => {
    const { spec, rows } = build(lang, {}, typeStatuses(lang));
    const rules = spec.conditionalFormats ?? [];
    expect(rules.map((r) => r.formula)).toContain('=$B2=TODAY()');
    const sheet = spreadsheet([spec], TODAY);
    const statusCol = colOf(spec, lang === 'zh-CN' ? '状态' : 'Status');
    const [done, cancelled] = lang === 'zh-CN' ? ['已完成', '取消'] : ['Done', 'Cancelled'];
    const firing = (ruleIndex: number, sheetRow: number): boolean =>
      sheet.evaluate(rules[ruleIndex].formula.replace(/(\$?[A-Z]+)2\b/g, `$1${sheetRow}`)) === true;
    const ruleFor = (style: (s: (typeof rules)[number]['style']) => boolean) => rules.findIndex((r) => style(r.style));
    const todayRule = rules.findIndex((r) => r.formula === '=$B2=TODAY()');
    const overdueRule = ruleFor((s) => s.background === '#f4c7c3');
    const doneRule = ruleFor((s) => s.background === '#f1f3f4');
    for (const rule of rules) {
      expect(rule.ranges[0].row).toBe(1);
      expect(rule.ranges[0].col).toBe(1);
      expect(rule.ranges[0].rows).toBeGreaterThanOrEqual(rows.length);
    }
    rows.forEach((row, i) => {
      const sheetRow = i + 2;
      expect(String(cellValue(spec.rows[i + 1][statusCol]))).toBe(row.status);
      expect(firing(todayRule, sheetRow)).toBe(row.date === TODAY);
      expect(firing(overdueRule, sheetRow)).toBe((row.date as number) < TODAY && row.status !== done && row.status !== cancelled);
      expect(firing(doneRule, sheetRow)).toBe(row.status === done);
    });
    // The story: some rows are today, some overdue, some done.
    expect(rows.some((r) => r.date === TODAY)).toBe(true);
  });

  test('the rule order puts done/cancelled greying before the red overdue mark and the today highlight', () => {
    const formulas = (build('zh-CN').spec.conditionalFormats ?? []).map((r) => r.formula);
    expect(formulas[0]).toBe('=$L2="已完成"');
    // The phase bands come last: every mark of a row's state shows over them.
    expect(formulas.indexOf('=$B2=TODAY()')).toBe(formulas.length - 1 - builtInTemplate('big-class-28d', 'zh-CN').phases.length);
  });

  test.each(['zh-CN', 'en'] as const)('the row ID stays first but reads as a narrow, small, grey margin that no row mark makes bold or red (%s)', (lang) => {
    const { spec, rows } = build(lang, {}, typeStatuses(lang));
    expect(headerRow(spec)[0]).toBe('ID');
    const dateCol = colOf(spec, lang === 'zh-CN' ? '日期' : 'Date');
    expect(spec.columns[0].width).toBeLessThan(spec.columns[dateCol].width as number);
    const idRuns = (spec.styles ?? []).filter((run) => run.range.col === 0 && run.range.cols === 1 && run.range.row === 1);
    expect(idRuns.map((run) => run.style)).toContainEqual({ fontColor: '#80868b', fontSize: 9 });
    expect(idRuns.some((run) => run.style.bold)).toBe(false);
    expect(idRuns.every((run) => run.range.rows >= rows.length)).toBe(true);
    // Today's bold, the overdue red and the phase bands cover every other column of the table.
    const rules = spec.conditionalFormats ?? [];
    expect(rules.length).toBeGreaterThan(4);
    for (const rule of rules) {
      expect(rule.ranges.some((r) => r.col === 0)).toBe(false);
      expect(rule.ranges.some((r) => r.col === 1 && r.cols >= 14)).toBe(true);
    }
  });

  test('a new tab sets its column widths in as few runs of equal widths as before', () => {
    const runs = (spec: TabSpec): number =>
      spec.columns.reduce((count, column, c) => (c > 0 && column.width === spec.columns[c - 1].width ? count : count + 1), 0);
    expect(runs(build('zh-CN').spec)).toBe(13);
    expect(runs(build('zh-CN', { markCalendar: true }).spec)).toBe(13);
  });

  describe.each(['zh-CN', 'en'] as const)('the summary block (%s)', (lang) => {
    const { spec, rows } = build(lang, { markCalendar: true }, typeStatuses(lang));
    const [done, cancelled, removed] = lang === 'zh-CN' ? ['已完成', '取消', '已移除'] : ['Done', 'Cancelled', 'Removed'];
    const tableWidth = headerRow(spec).indexOf(lang === 'zh-CN' ? '文字校验' : 'Text check') + 1;
    const start = tableWidth + 1;
    const labelsInBlock = (): Array<{ row: number; label: string }> =>
      spec.rows.map((line, row) => ({ row, label: String(cellValue(line[start]) ?? '') })).filter((x) => x.label !== '');
    const counted = (r: SopRow) => r.status !== cancelled && r.status !== removed;
    const expectLine = (row: number, mine: SopRow[]) => {
      const line = spec.rows[row];
      const n = mine.filter(counted).length;
      const d = mine.filter((r) => r.status === done).length;
      const overdue = mine.filter((r) => counted(r) && r.status !== done && (r.date as number) < TODAY).length;
      expect([1, 2, 4].map((i) => cellValue(line[start + i]))).toEqual([n, d, overdue]);
      expect(cellValue(line[start + 3])).toBe(n === 0 ? '' : d / n);
    };

    /** The sheet row of the summary's first line. */
    const top = rows.length + 2;

    test('sits right of the table, one column away, and below its last row, one blank row away: in rows of its own', () => {
      expect(cellValue(spec.rows[top][start - 1] as Cell)).toBeNull();
      expect(cellValue(spec.rows[top][start])).toBe(lang === 'zh-CN' ? '按阶段' : 'By phase');
      expect(spec.rows[top - 1].slice(0, start + 5).every((cell) => cellValue(cell as Cell) === null)).toBe(true);
      // No line of the summary shares its row with a cell of the table, so its rows keep their own heights.
      const lines = labelsInBlock().filter((x) => x.row > 0);
      expect(lines[0].row).toBe(top);
      for (const { row } of lines) expect(spec.rows[row].slice(0, start).every((cell) => cellValue(cell as Cell) === null)).toBe(true);
      // Its block starts there; the table's rows are above it.
      expect(spec.blocks?.some((block) => block.row === top && block.col === start)).toBe(true);
    });

    test('the frozen header row says where the summary starts, with a formula that follows rows inserted above it', () => {
      const pointer = spec.rows[0][start] as Cell;
      expect(isFormulaCell(pointer)).toBe(true);
      expect(cellValue(pointer)).toBe(lang === 'zh-CN' ? `汇总 ↓ 在第 ${top + 1} 行` : `Summary ↓ at row ${top + 1}`);
      expect(isFormulaCell(pointer) && pointer.formula).toContain(`ROW(${columnLetter(start)}${top + 1})`);
      expect(spec.frozenRows).toBe(1);
      expect(spec.blocks?.some((block) => block.row === 0 && block.col === start && block.rows === 1)).toBe(true);
    });

    test('per phase: rows, done, done % and overdue, counted here from the rows', () => {
      const template = builtInTemplate('big-class-28d', lang);
      const labels = labelsInBlock();
      for (const phase of template.phases) {
        const at = labels.find((x) => x.label === phase);
        expect(at).toBeDefined();
        expectLine(
          at?.row as number,
          rows.filter((r) => r.phase === phase),
        );
      }
      const total = labels.find((x) => x.label === (lang === 'zh-CN' ? '合计' : 'Total'));
      expectLine(total?.row as number, rows);
    });

    test('per owner: rows, done, done % and overdue', () => {
      const labels = labelsInBlock();
      const owners = [...new Set(rows.map((r) => r.owner).filter(Boolean))];
      expect(owners.length).toBeGreaterThanOrEqual(3);
      for (const owner of owners) {
        const at = labels.find((x) => x.label === owner);
        expectLine(
          at?.row as number,
          rows.filter((r) => r.owner === owner),
        );
      }
    });

    test('every summary formula, evaluated like a spreadsheet over this grid, gives its cached value', () => {
      const sheet = spreadsheet([spec], TODAY);
      let formulas = 0;
      spec.rows.forEach((line, row) =>
        line.forEach((cell, col) => {
          if (col < start || !isFormulaCell(cell)) return;
          formulas++;
          expect({ at: `${columnLetter(col)}${row + 1}`, value: sheet.value(row, col) }).toEqual({ at: `${columnLetter(col)}${row + 1}`, value: cell.value });
        }),
      );
      expect(formulas).toBeGreaterThan(20);
    });

    test('uses only functions both Sheets and LibreOffice know', () => {
      const allowed = new Set(['COUNTIFS', 'IF', 'SUM', 'ISNUMBER', 'CHOOSE', 'WEEKDAY', 'TODAY', 'AND', 'OR', 'ROW']);
      const formulas = [
        ...spec.rows
          .flat()
          .filter(isFormulaCell)
          .map((c) => c.formula),
        ...(spec.conditionalFormats ?? []).map((r) => r.formula),
      ];
      for (const formula of formulas) {
        const withoutStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
        for (const m of withoutStrings.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) expect(allowed).toContain(m[1]);
      }
    });

    test('done % cells show one decimal (0.0%), every one of them, and no other percentage format is used', () => {
      expect(NUMBER_FORMATS.percentOneDecimal).toBe('0.0%');
      const rateCells = labelsInBlock()
        .filter((x) => isFormulaCell(spec.rows[x.row][start + 3]))
        .map((x) => x.row);
      expect(rateCells.length).toBeGreaterThan(5);
      for (const row of rateCells) {
        expect(
          spec.formats?.some((f) => f.format === 'percentOneDecimal' && f.range.col === start + 3 && row >= f.range.row && row < f.range.row + f.range.rows),
        ).toBe(true);
      }
      const percentFormats = [...(spec.formats ?? []).map((f) => f.format), ...spec.columns.map((c) => c.format)].filter((f) =>
        NUMBER_FORMATS[f ?? 'general'].includes('%'),
      );
      expect(new Set(percentFormats)).toEqual(new Set(['percentOneDecimal']));
    });

    test('never wraps, so a row someone appends beside it is not made taller by it', () => {
      const height = labelsInBlock().reduce((h, x) => Math.max(h, x.row + 1), 0);
      const looks = spec.styles ?? [];
      for (let row = top; row < height; row++) {
        for (let col = start; col < start + 5; col++) {
          const covering = looks.filter(
            (s) => row >= s.range.row && row < s.range.row + s.range.rows && col >= s.range.col && col < s.range.col + s.range.cols,
          );
          expect(covering.some((s) => s.style.wrap === true)).toBe(false);
        }
      }
    });
  });
});

describe.each(['zh-CN', 'en'] as const)('rows nobody owns in the per-owner summary (%s)', (lang) => {
  const unassigned = lang === 'zh-CN' ? '未分配' : 'Unassigned';
  const [done, cancelled] = lang === 'zh-CN' ? ['已完成', '取消'] : ['Done', 'Cancelled'];
  /** Someone cleared the owner of a few rows: one done, one cancelled, one with its item cleared too, the rest past due. */
  const clearOwners = (rows: SopRow[]): void => {
    // The team has nobody for some of the template's roles: give those rows someone first.
    rows.forEach((r) => (r.owner ||= '林晓'));
    [0, 1, 2, 3, 4, 30].forEach((i) => (rows[i].owner = ''));
    rows[1].status = done;
    rows[2].status = cancelled;
    rows[3].item = '';
  };
  const summaryStart = (spec: TabSpec): number => headerRow(spec).indexOf(lang === 'zh-CN' ? '文字校验' : 'Text check') + 2;
  const labels = (spec: TabSpec): string[] => spec.rows.map((line) => String(cellValue(line[summaryStart(spec)]) ?? '')).filter((x) => x !== '');

  test('are counted under their own label, listed last, with live counts', () => {
    const { spec, rows } = build(lang, {}, clearOwners);
    const start = summaryStart(spec);
    expect(labels(spec).at(-1)).toBe(unassigned);
    const row = spec.rows.findIndex((line) => cellValue(line[start]) === unassigned);
    // Rows 0, 1, 4 and 30 (not the cancelled row, not the row without an item); row 1 done; rows 0 and 4 past due.
    expect([1, 2, 3, 4].map((i) => cellValue(spec.rows[row][start + i]))).toEqual([4, 1, 0.25, 2]);
    expect(rows[30].date as number).toBeGreaterThan(TODAY);
    const ownerRow = spec.rows[row][start + 1];
    expect(isFormulaCell(ownerRow) && ownerRow.formula).toMatch(/^=COUNTIFS\(\$G:\$G,"<>",\$K:\$K,"",/);
    const sheet = spreadsheet([spec], TODAY);
    for (let i = 1; i <= 4; i++) expect(sheet.value(row, start + i)).toBe(cellValue(spec.rows[row][start + i]));
  });

  test('is there when everyone has an owner, so clearing one shows at once, and alone when nobody has one', () => {
    const all = build(lang, {}, (generated) => generated.forEach((r) => (r.owner ||= '林晓'))).spec;
    const row = all.rows.findIndex((line) => cellValue(line[summaryStart(all)]) === unassigned);
    expect(labels(all).at(-1)).toBe(unassigned);
    expect(cellValue(all.rows[row][summaryStart(all) + 1])).toBe(0);
    expect(cellValue(all.rows[row][summaryStart(all) + 3])).toBe('');

    const { spec, rows } = build(lang, {}, (generated) => generated.forEach((r) => (r.owner = '')));
    const start = summaryStart(spec);
    const byOwner = spec.rows.findIndex((line) => cellValue(line[start]) === (lang === 'zh-CN' ? '按执行人' : 'By owner'));
    expect(cellValue(spec.rows[byOwner + 1][start])).toBe(unassigned);
    expect(cellValue(spec.rows[byOwner + 1][start + 1])).toBe(rows.length);
    expect(spreadsheet([spec], TODAY).value(byOwner + 1, start + 1)).toBe(rows.length);
  });
});
