import { serialFromYmd } from '../../src/core/dates';
import { Cell, TabSpec, range } from '../../src/core/tab/spec';
import { WorkbookCalc } from '../../src/core/formula';
import { displayText, escapeHtml, previewCss, renderTabHtml } from '../../src/local/html-preview';

const TODAY = serialFromYmd(2026, 12, 1);
const f = (formula: string): Cell => ({ formula, value: null });

function sopSpec(): TabSpec {
  return {
    name: 'SOP·Java 5群',
    marker: { kind: 'sop', key: { group: 'Java 5群', cohort: '' } },
    columns: [
      { key: 'date', width: 90, format: 'date' },
      { key: 'item', width: 160 },
      { key: 'owner' },
      { key: 'status' },
      { key: 'done', format: 'checkbox' },
      { key: 'rate', format: 'percent' },
      { key: 'gmv', format: 'currency' },
    ],
    headerRows: 1,
    frozenRows: 1,
    frozenColumns: 1,
    rows: [
      ['日期', '事项', '执行人', '状态', '完成', '参与率', 'GMV'],
      [TODAY - 1, '<img src=x onerror=alert(1)>', '小王', '已完成', true, f('=232/1000'), 63800],
      [TODAY + 2, '直播 & 答疑\n第二行', '', '进行中', false, f('=1/0'), f('=SUM(G2:G2)*2')],
    ],
    styles: [
      { range: range(0, 0, 1, 7), style: { bold: true, background: '#e8f0fe' } },
      { range: range(2, 1), style: { wrap: true, hAlign: 'center', fontColor: 'red;background:url(x)' } },
    ],
    merges: [range(3, 0, 1, 2)],
    notes: [{ row: 0, col: 0, text: '模板: "7天转化"\n<生成于 2026-12-01>' }],
    validations: [
      { range: range(1, 2, 2, 1), rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A' } },
      { range: range(1, 3, 2, 1), rule: { type: 'list', values: ['未开始', '进行中', '已完成'] } },
      { range: range(1, 4, 2, 1), rule: { type: 'checkbox' } },
    ],
    conditionalFormats: [
      { ranges: [range(1, 0, 2, 7)], formula: '=$D2="已完成"', style: { background: '#e6f4ea', strikethrough: true } },
      { ranges: [range(1, 0, 2, 7)], formula: '=$A2<TODAY()', style: { background: '#fce8e6' } },
    ],
  };
}

function render(spec: TabSpec, editable = false): string {
  const team = [['姓名'], ['小王'], ['小李'], ['小王'], ['<b>小张</b>']];
  const calc = new WorkbookCalc(
    [
      { name: spec.name, cells: [...spec.rows, ['merged', 'covered']], conditionalFormats: spec.conditionalFormats },
      { name: '团队', cells: team },
    ],
    TODAY,
  );
  return renderTabHtml({ ...spec, rows: [...spec.rows, ['merged', 'covered']] }, calc, { lang: 'zh-CN', editable });
}

/** The opening <td …> tag of a cell. */
function cellTag(html: string, row: number, col: number): string {
  const match = new RegExp(`<td data-r="${row}" data-c="${col}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no cell ${row},${col}`);
  return match[0];
}

function cellText(html: string, row: number, col: number): string {
  const start = html.indexOf(cellTag(html, row, col)) + cellTag(html, row, col).length;
  return html.slice(start, html.indexOf('</td>', start));
}

describe('the HTML preview of a tab', () => {
  const html = render(sopSpec());

  test('cell text is escaped: markup in a cell shows literally', () => {
    expect(html).not.toContain('<img');
    expect(cellText(html, 1, 1)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(cellText(html, 2, 1)).toBe('直播 &amp; 答疑\n第二行');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  test('number formats apply to the displayed text', () => {
    expect(cellText(html, 1, 0)).toBe('2026-11-30');
    expect(cellText(html, 1, 5)).toBe('23.2%');
    expect(cellText(html, 1, 6)).toBe('¥63,800');
    expect(cellText(html, 2, 6)).toBe('¥127,600');
    expect(cellText(html, 2, 5)).toBe('#DIV/0!');
    expect(cellTag(html, 2, 5)).toContain('sp-err');
    expect(cellTag(html, 1, 6)).toContain('sp-n');
    expect(displayText(1234.5, 'decimal')).toBe('1,234.50');
    expect(displayText(8 / 24, 'time')).toBe('08:00');
    expect(displayText(12345, 'integer')).toBe('12,345');
    expect(displayText(1 / 3, 'general')).toBe('0.3333333333');
    expect(displayText(true, 'general')).toBe('TRUE');
  });

  test('conditional formats colour cells, the first matching rule winning', () => {
    // Row 2 is done (green, struck through) and also in the past (red): the first rule wins.
    expect(cellTag(html, 1, 1)).toContain('background:#e6f4ea;');
    expect(cellTag(html, 1, 1)).toContain('text-decoration:line-through;');
    expect(cellTag(html, 1, 1)).not.toContain('#fce8e6');
    expect(cellTag(html, 2, 1)).not.toContain('background');
  });

  test('styles come from the style runs; unsafe colours never reach CSS', () => {
    expect(cellTag(html, 0, 3)).toContain('background:#e8f0fe;font-weight:bold;');
    expect(cellTag(html, 2, 1)).toContain('sp-wrap');
    expect(cellTag(html, 2, 1)).toContain('text-align:center;');
    expect(html).not.toContain('url(x)');
  });

  test('dropdowns carry their options, from a list or from a range of another tab', () => {
    const owner = cellTag(html, 1, 2);
    expect(owner).toContain('sp-dd');
    const options = /data-options="([^"]*)"/.exec(owner)![1];
    expect(
      JSON.parse(
        options
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
      ),
    ).toEqual(['小王', '小李', '<b>小张</b>']);
    expect(owner).not.toContain('<b>');
    expect(cellTag(html, 1, 3)).toContain('data-options="[&quot;未开始&quot;,&quot;进行中&quot;,&quot;已完成&quot;]"');
    expect(cellTag(html, 0, 2)).not.toContain('data-options');
  });

  test('checkbox cells are flagged and drawn as ☑/☐', () => {
    expect(cellTag(html, 1, 4)).toContain('data-checkbox data-checked="true"');
    expect(cellText(html, 1, 4)).toBe('☑');
    expect(cellTag(html, 2, 4)).toContain('data-checked="false"');
    expect(cellText(html, 2, 4)).toBe('☐');
  });

  test('merges span cells and leave out the covered ones; notes become titles with a corner mark', () => {
    expect(cellTag(html, 3, 0)).toContain('colspan="2"');
    expect(html).not.toContain('data-r="3" data-c="1"');
    expect(cellTag(html, 0, 0)).toContain('sp-note');
    expect(cellTag(html, 0, 0)).toContain('title="模板: &quot;7天转化&quot;&#10;&lt;生成于 2026-12-01&gt;"');
  });

  test('a spreadsheet frame: column letters, row numbers, sticky header rows and frozen columns', () => {
    expect(html).toMatch(/^<table class="sp-sheet" lang="zh-CN"/);
    expect(html).toContain('<th data-c="6">G</th>');
    expect(html).toContain('<th class="sp-row">3</th>');
    // The header row sits in the sticky <thead> with the letters; data rows in <tbody>.
    expect(html.indexOf('data-r="0"')).toBeLessThan(html.indexOf('</thead><tbody>'));
    expect(html.indexOf('<tr data-r="1"')).toBeGreaterThan(html.indexOf('</thead><tbody>'));
    expect(cellTag(html, 2, 0)).toContain('sp-fc');
    expect(cellTag(html, 2, 0)).toContain('left:46px;');
    expect(html).toContain('<col style="width:160px">');
    expect(previewCss).toContain('position: sticky');
    expect(previewCss).toContain('13px Arial');
  });

  test('every cell carries data-r and data-c; editable previews add the formula or raw number to edit', () => {
    const cells = html.match(/<td /g)!.length;
    expect(html.match(/<td data-r="\d+" data-c="\d+"/g)!.length).toBe(cells);
    expect(cells).toBe(4 * 7 - 1);
    expect(html).not.toContain('data-raw');
    const editable = render(sopSpec(), true);
    expect(editable).toContain('sp-editable');
    expect(cellTag(editable, 1, 5)).toContain('data-raw="=232/1000"');
    expect(cellTag(editable, 1, 6)).toContain('data-raw="63800"');
    expect(cellTag(editable, 1, 0)).not.toContain('data-raw');
  });

  test('plain values can be previewed without a calculator (no conditional formats then)', () => {
    const spec = sopSpec();
    const plain = renderTabHtml(spec, [['日期'], [TODAY, '<x>']], { lang: 'en', editable: false });
    expect(plain).toContain('lang="en"');
    expect(cellText(plain, 1, 0)).toBe('2026-12-01');
    expect(cellText(plain, 1, 1)).toBe('&lt;x&gt;');
    expect(plain).not.toContain('#e6f4ea');
  });

  test('10,000 rows × 15 columns render within the bound', () => {
    const n = 10000;
    const rows: Cell[][] = [Array.from({ length: 15 }, (_, c) => `列${c}`)];
    for (let r = 0; r < n; r++)
      rows.push([`群${r}`, 100 + r, 0.25, TODAY + (r % 30), r % 2 === 0, '进行中', `备注 <${r}>`, 5800, f(`=B${r + 2}*H${r + 2}`), 'a', 'b', 'c', 1.5, 2, 3]);
    const spec: TabSpec = {
      name: 'Big',
      marker: { kind: 'metrics', key: { source: '' } },
      headerRows: 1,
      frozenRows: 1,
      columns: [
        { key: 'g' },
        { key: 'm', format: 'integer' },
        { key: 'r', format: 'percent' },
        { key: 'd', format: 'date' },
        { key: 'x', format: 'checkbox' },
        { key: 's' },
        { key: 'n' },
        { key: 'p', format: 'currency' },
        { key: 'v', format: 'currency' },
      ],
      rows,
      validations: [{ range: range(1, 5, n, 1), rule: { type: 'list', values: ['进行中', '已完成'] } }],
      conditionalFormats: [{ ranges: [range(1, 0, n, 15)], formula: '=$D2<TODAY()', style: { background: '#fce8e6' } }],
    };
    const calc = new WorkbookCalc([{ name: 'Big', cells: rows, conditionalFormats: spec.conditionalFormats }], TODAY);
    calc.conditionalStyles('Big');
    const started = performance.now();
    const big = renderTabHtml(spec, calc, { lang: 'zh-CN', editable: true });
    expect(performance.now() - started).toBeLessThan(10000); // guards against quadratic blow-up; npm run bench has the figures
    expect(cellText(big, n, 8)).toBe(`¥${((100 + n - 1) * 5800).toLocaleString('en-US')}`);
  });
});

describe('spare rows', () => {
  test('blank editable rows are drawn below the data when asked', () => {
    const spec: TabSpec = { name: 'T', marker: { kind: 'plain', key: {} }, columns: [{ key: 'a' }], headerRows: 1, rows: [['h'], ['v']] };
    const plain = renderTabHtml(spec, [['h'], ['v']], { lang: 'zh-CN', editable: true });
    const spare = renderTabHtml(spec, [['h'], ['v']], { lang: 'zh-CN', editable: true, spareRows: 3 });
    expect(plain).not.toContain('data-r="2"');
    expect(spare).toContain('data-r="4" data-c="0"');
    expect(spare).not.toContain('data-r="5"');
  });
});

describe('text spilling over empty cells, as in Sheets', () => {
  const title = '十二月活动日历：促销活动与法定节假日重叠时请提前调整排期';
  function spillSpec(rows: Cell[][], extra: Partial<TabSpec> = {}): TabSpec {
    return {
      name: 'S',
      marker: { kind: 'plain', key: {} },
      columns: [{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd' }, { key: 'e' }],
      headerRows: 0,
      rows,
      ...extra,
    };
  }
  const render = (spec: TabSpec) =>
    renderTabHtml(
      spec,
      spec.rows.map((row) => row.map((cell) => (cell !== null && typeof cell === 'object' && 'formula' in cell ? cell.value : cell))),
      { lang: 'zh-CN', editable: true },
    );

  test('a long title runs over the empty cells to its right, only as far as it needs', () => {
    const html = render(spillSpec([[title, null, null, null, null]]));
    // About 29 wide characters: some 377px, over the title's own 100px and three more columns.
    expect(html).toContain(`<td data-r="0" data-c="0" class="sp-spill"><div class="sp-over" style="width:394px">${title}</div></td>`);
  });

  test('it stops at the first cell with a value, a formula’s empty text included', () => {
    expect(render(spillSpec([[title, null, 'x']]))).toContain('<div class="sp-over" style="width:194px">');
    expect(render(spillSpec([[title, { formula: '=""', value: '' }]]))).not.toContain('sp-over');
  });

  test('wrapped, centred, merged and short texts stay in their cell', () => {
    expect(render(spillSpec([[title]], { styles: [{ range: range(0, 0), style: { wrap: true } }] }))).not.toContain('sp-over');
    expect(render(spillSpec([[title]], { styles: [{ range: range(0, 0), style: { hAlign: 'center' } }] }))).not.toContain('sp-over');
    expect(render(spillSpec([[title]], { merges: [range(0, 0, 1, 2)] }))).not.toContain('sp-over');
    expect(render(spillSpec([['短']]))).not.toContain('sp-over');
  });

  test('a hidden column’s text is not drawn over the visible columns; a visible text runs on over a hidden column', () => {
    const hiddenB = { columns: [{ key: 'a' }, { key: 'b', hidden: true }, { key: 'c' }, { key: 'd' }, { key: 'e' }] };
    // The SOP tab's hidden fingerprint columns, next to an empty gap column, stay out of sight.
    expect(render(spillSpec([[null, title, null, null, null]], hiddenB))).not.toContain('sp-over');
    // Over the hidden column (no width) and on into the visible ones, as far as the text needs.
    expect(render(spillSpec([[title, null, null, null, null]], hiddenB))).toContain('<div class="sp-over" style="width:394px">');
  });

  test('text in a frozen column runs on past the frozen columns (a legend beside the Gantt’s table)', () => {
    expect(render(spillSpec([[title]], { frozenColumns: 1 }))).toContain('<div class="sp-over" style="width:394px">');
  });
});
