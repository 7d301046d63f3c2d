import { serialFromYmd } from '../../../src/core/dates';
import type { Cell } from '../../../src/core/tab/spec';
import { FormulaError, FormulaSyntaxError, WorkbookCalc, parseFormula } from '../../../src/core/formula';
import type { Scalar } from '../../../src/core/formula';

const TODAY = serialFromYmd(2026, 12, 1);

/** A small workbook: a metrics-like data tab and a team tab, as the generated tabs look. */
function workbook(): WorkbookCalc {
  const data: Cell[][] = [
    ['群', '群人数', '到课', '状态', '开始', '负责人', '备注'],
    ['Java 5群', 1000, 232, '已完成', serialFromYmd(2026, 11, 28), '小王', null],
    ['Java 6群', 400, 11, '进行中', serialFromYmd(2026, 12, 3), '小李', ''],
    ['Python 1群', 0, 5, '已完成', serialFromYmd(2026, 12, 1), '小王', 'vip'],
    ['Go 1群', 250, 'n/a', '未开始', null, '', '10'],
  ];
  const team: Cell[][] = [
    ['姓名', '角色'],
    ['小王', '运营'],
    ['小李', '主管'],
    ['小张', '运营'],
  ];
  return new WorkbookCalc(
    [
      { name: 'Data', cells: data },
      { name: '团队', cells: team },
      { name: 'SOP·Java 5群', cells: [['x', 7]] },
    ],
    TODAY,
  );
}

const calc = workbook();
const ev = (formula: string, at?: { row: number; col: number }): Scalar => calc.evaluateFormula('Data', formula, at);
const code = (value: Scalar): string | undefined => (value instanceof FormulaError ? value.code : undefined);

describe('parsing', () => {
  test('reads references with anchors, open ranges, whole columns and sheet names', () => {
    const ast = parseFormula("=SUM('SOP·Java 5群'!$A$2:B, Team!A:A, 2:3, A2:C10)");
    expect(ast.type).toBe('call');
    if (ast.type !== 'call') return;
    const [quoted, whole, rows, box] = ast.args;
    expect(quoted).toMatchObject({
      type: 'ref',
      sheet: 'SOP·Java 5群',
      startRow: 1,
      startCol: 0,
      endRow: null,
      endCol: 1,
      startRowAbsolute: true,
      startColAbsolute: true,
      endColAbsolute: false,
    });
    expect(whole).toMatchObject({ type: 'ref', sheet: 'Team', startRow: null, endRow: null, startCol: 0, endCol: 0 });
    expect(rows).toMatchObject({ type: 'ref', startRow: 1, endRow: 2, startCol: null, endCol: null });
    expect(box).toMatchObject({ type: 'ref', sheet: null, startRow: 1, startCol: 0, endRow: 9, endCol: 2, isRange: true });
  });

  test('tells function names from references that look alike (LOG10, ATAN2) and reads TRUE/FALSE', () => {
    expect(parseFormula('=LOG10(1)')).toMatchObject({ type: 'call', name: 'LOG10' });
    expect(parseFormula('=true')).toEqual({ type: 'boolean', value: true });
    expect(parseFormula('=iferror(A1,0)')).toMatchObject({ type: 'call', name: 'IFERROR' });
  });

  test('"" inside text is one quote, and empty arguments are kept', () => {
    expect(parseFormula('="say ""hi"""')).toEqual({ type: 'string', value: 'say "hi"' });
    expect(parseFormula('=IF(A1,,1)')).toMatchObject({ type: 'call', args: [{ type: 'ref' }, { type: 'missing' }, { type: 'number', value: 1 }] });
  });

  test('bad formulas throw FormulaSyntaxError with a position', () => {
    for (const bad of ['=SUM(1,2', '="open', '=1+', '=(1))', '=A1 B1', "='Sheet'A1", '=1 # 2', '=']) {
      expect(() => parseFormula(bad)).toThrow(FormulaSyntaxError);
    }
    try {
      parseFormula('=1+*2');
    } catch (error) {
      expect((error as FormulaSyntaxError).position).toBe(3);
    }
  });

  test('a cell whose formula cannot be read shows #ERROR!', () => {
    const broken = new WorkbookCalc([{ name: 'S', cells: [[{ formula: '=SUM(1,', value: null }]] }], TODAY);
    expect(code(broken.value('S', 0, 0))).toBe('#ERROR!');
  });
});

describe('operators', () => {
  test.each([
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=-2^2', 4],
    ['=2^3^2', 64],
    ['=2^-1', 0.5],
    ['=50%', 0.5],
    ['=200*10%', 20],
    ['=-(3)', -3],
    ['=10/4', 2.5],
    ['="a"&1&TRUE', 'a1TRUE'],
    ['=1&""', '1'],
    ['=0.1+0.2&""', '0.3'],
    ['="5"+1', 6],
    ['=TRUE+TRUE', 2],
    ['="1,234"*1', 1234],
    ['="50%"*2', 1],
  ])('%s → %p', (formula, expected) => {
    expect(ev(formula)).toBe(expected);
  });

  test.each([
    ['=1=1', true],
    ['="abc"="ABC"', true],
    ['="a"<"B"', true],
    ['=2<>2', false],
    ['=1<"a"', true],
    ['="z"<TRUE', true],
    ['=0.1+0.2=0.3', true],
    ['=3>=3', true],
    ['=G2=""', true],
    ['=G2=0', true],
    ['=G2=FALSE', true],
    ['=G3=""', true],
  ])('comparison %s → %p', (formula, expected) => {
    expect(ev(formula)).toBe(expected);
  });

  test('a blank cell is 0 in arithmetic and "" in text', () => {
    expect(ev('=G2+5')).toBe(5);
    expect(ev('=G2&"x"')).toBe('x');
    expect(ev('=G2')).toBeNull();
  });

  test('errors propagate through operators, left first', () => {
    expect(code(ev('=1/0'))).toBe('#DIV/0!');
    expect(code(ev('=1/0+"x"*2'))).toBe('#DIV/0!');
    expect(code(ev('="x"*2+1/0'))).toBe('#VALUE!');
    expect(code(ev('=C5+1'))).toBe('#VALUE!');
    expect(code(ev('=(1/0)&"a"'))).toBe('#DIV/0!');
    expect(code(ev('=#N/A=1'))).toBe('#N/A');
  });

  test('unknown names are #NAME?, unknown sheets #REF!', () => {
    expect(code(ev('=NOSUCHFUNCTION(1)'))).toBe('#NAME?');
    expect(code(ev('=some_name+1'))).toBe('#NAME?');
    expect(code(ev('=Nowhere!A1'))).toBe('#REF!');
    expect(code(ev('=SUM(Nowhere!A:A)'))).toBe('#REF!');
  });

  test('wrong argument counts are #N/A, as in Sheets', () => {
    expect(code(ev('=IF(1)'))).toBe('#N/A');
    expect(code(ev('=ROUND(1,2,3)'))).toBe('#N/A');
  });
});

describe('logical functions', () => {
  test('IF evaluates only the branch it takes', () => {
    expect(ev('=IF(B2>500,"big","small")')).toBe('big');
    expect(ev('=IF(B3>500,"big")')).toBe(false);
    expect(ev('=IF(TRUE,1,1/0)')).toBe(1);
    expect(code(ev('=IF(1/0,1,2)'))).toBe('#DIV/0!');
    expect(code(ev('=IF("maybe",1,2)'))).toBe('#VALUE!');
  });

  test('IFS picks the first true condition, or #N/A', () => {
    expect(ev('=IFS(B2<100,"S",B2<500,"M",TRUE,"L")')).toBe('L');
    expect(ev('=IFS(B3<100,"S",B3<500,"M")')).toBe('M');
    expect(code(ev('=IFS(FALSE,1)'))).toBe('#N/A');
  });

  test('IFERROR catches every error, IFNA only #N/A', () => {
    expect(ev('=IFERROR(C2/B4,"")')).toBe('');
    expect(ev('=IFERROR(C2/B2,"")')).toBeCloseTo(0.232, 12);
    expect(ev('=IFNA(MATCH("x",A:A,0),-1)')).toBe(-1);
    expect(code(ev('=IFNA(1/0,-1)'))).toBe('#DIV/0!');
    expect(ev('=IFERROR(1/0)')).toBeNull();
  });

  test('AND/OR/NOT, with ranges skipping text', () => {
    expect(ev('=AND(1,TRUE,B2>0)')).toBe(true);
    expect(ev('=AND(B2:B5)')).toBe(false); // B4 is 0
    expect(ev('=OR(B4,FALSE)')).toBe(false);
    expect(ev('=OR(A2:A5,TRUE)')).toBe(true);
    expect(ev('=NOT(B4)')).toBe(true);
    expect(code(ev('=AND(A2:A5)'))).toBe('#VALUE!');
    expect(code(ev('=OR(1/0,TRUE)'))).toBe('#DIV/0!');
  });

  test('IS functions see errors without propagating them', () => {
    expect(ev('=ISBLANK(G2)')).toBe(true);
    expect(ev('=ISBLANK(G3)')).toBe(false); // "" is not blank
    expect(ev('=ISNUMBER(B2)')).toBe(true);
    expect(ev('=ISNUMBER(G5)')).toBe(false); // text "10"
    expect(ev('=ISTEXT(A2)')).toBe(true);
    expect(ev('=ISERROR(1/0)')).toBe(true);
    expect(ev('=ISNA(MATCH("x",A:A,0))')).toBe(true);
    expect(ev('=ISNUMBER(SEARCH("java",A2))')).toBe(true);
    expect(ev('=ISNUMBER(SEARCH("ruby",A2))')).toBe(false);
  });
});

describe('aggregation', () => {
  test('SUM adds numbers of ranges and coerces typed arguments', () => {
    expect(ev('=SUM(B2:B5)')).toBe(1650);
    expect(ev('=SUM(B:B)')).toBe(1650); // the header text is skipped
    expect(ev('=SUM(B2:B)')).toBe(1650);
    expect(ev('=SUM(C2:C5)')).toBe(248); // "n/a" skipped in a range
    expect(ev('=SUM(1,"2",TRUE)')).toBe(4);
    expect(code(ev('=SUM(1,"two")'))).toBe('#VALUE!');
    expect(ev('=SUM(G2:G5)')).toBe(0); // "10" as text is skipped
    expect(ev("=SUM('SOP·Java 5群'!B1, 团队!B:B)")).toBe(7);
  });

  test('errors inside a summed range propagate', () => {
    const withError = new WorkbookCalc([{ name: 'S', cells: [[1], [{ formula: '=1/0', value: null }], [{ formula: '=SUM(A1:A2)', value: null }]] }], TODAY);
    expect(code(withError.value('S', 2, 0))).toBe('#DIV/0!');
  });

  test('COUNT, COUNTA, COUNTBLANK', () => {
    expect(ev('=COUNT(B1:B5)')).toBe(4);
    expect(ev('=COUNT(C1:C5)')).toBe(3);
    expect(ev('=COUNTA(G1:G5)')).toBe(4); // "" counts, blank does not
    expect(ev('=COUNTBLANK(G2:G5)')).toBe(2); // blank and ""
  });

  test('AVERAGE, MIN, MAX', () => {
    expect(ev('=AVERAGE(B2:B5)')).toBe(412.5);
    expect(ev('=MIN(B2:B5)')).toBe(0);
    expect(ev('=MAX(B2:B5,2000)')).toBe(2000);
    expect(ev('=MAX(A2:A5)')).toBe(0);
    expect(code(ev('=AVERAGE(A2:A5)'))).toBe('#DIV/0!');
  });

  test('COUNTIF/COUNTIFS criteria: operators, blanks, text, wildcards', () => {
    expect(ev('=COUNTIF(D2:D5,"已完成")')).toBe(2);
    expect(ev('=COUNTIF(D2:D5,"<>已完成")')).toBe(2);
    expect(ev('=COUNTIF(B2:B5,">=250")')).toBe(3);
    expect(ev('=COUNTIF(B2:B5,">"&B3)')).toBe(1);
    expect(ev('=COUNTIF(B2:B5,400)')).toBe(1);
    expect(ev('=COUNTIF(G2:G5,"")')).toBe(2);
    expect(ev('=COUNTIF(G2:G5,"<>")')).toBe(2);
    expect(ev('=COUNTIF(A2:A5,"java*")')).toBe(2);
    expect(ev('=COUNTIF(A2:A5,"?? 1群")')).toBe(1);
    expect(ev('=COUNTIF(A2:A5,"*1群")')).toBe(2);
    expect(ev('=COUNTIF(E2:E5,">="&TODAY())')).toBe(2);
    expect(ev('=COUNTIFS(D2:D5,"已完成",F2:F5,"小王")')).toBe(2);
    expect(ev('=COUNTIFS(D2:D5,"已完成",B2:B5,">0")')).toBe(1);
    expect(code(ev('=COUNTIFS(D2:D5,"已完成",B2:B4,">0")'))).toBe('#VALUE!');
  });

  test('SUMIF and SUMIFS', () => {
    expect(ev('=SUMIF(D2:D5,"已完成",B2:B5)')).toBe(1000);
    expect(ev('=SUMIF(B2:B5,">100")')).toBe(1650);
    expect(ev('=SUMIF(F2:F5,"小王",C2)')).toBe(237); // the sum range takes the criteria range's shape
    expect(ev('=SUMIFS(B2:B5,D2:D5,"<>已完成",F2:F5,"?*")')).toBe(400);
  });

  test('SUMPRODUCT multiplies arrays, including comparisons', () => {
    expect(ev('=SUMPRODUCT(B2:B3,C2:C3)')).toBe(1000 * 232 + 400 * 11);
    expect(ev('=SUMPRODUCT((D2:D5="已完成")*(B2:B5))')).toBe(1000);
    expect(ev('=SUMPRODUCT((F2:F5="小王")*1)')).toBe(2);
    expect(ev('=SUMPRODUCT(--ISNUMBER(SEARCH("java",A2:A5)))')).toBe(2);
    expect(code(ev('=SUMPRODUCT(B2:B3,C2:C4)'))).toBe('#VALUE!');
  });

  test('ROUND, ROUNDUP, ROUNDDOWN, ABS, INT, MOD', () => {
    expect(ev('=ROUND(2.5)')).toBe(3);
    expect(ev('=ROUND(-2.5)')).toBe(-3);
    expect(ev('=ROUND(1.005,2)')).toBe(1.01);
    expect(ev('=ROUND(1234.5,-2)')).toBe(1200);
    expect(ev('=ROUNDUP(1.21,1)')).toBe(1.3);
    expect(ev('=ROUNDDOWN(-1.29,1)')).toBe(-1.2);
    expect(ev('=ABS(-3)')).toBe(3);
    expect(ev('=INT(-1.5)')).toBe(-2);
    expect(ev('=MOD(-3,2)')).toBe(1);
    expect(ev('=MOD(7,-3)')).toBe(-2);
    expect(code(ev('=MOD(1,0)'))).toBe('#DIV/0!');
  });
});

describe('text functions', () => {
  test('TEXT formats dates, times and numbers', () => {
    expect(ev('=TEXT(E2,"yyyy-mm-dd")')).toBe('2026-11-28');
    expect(ev('=TEXT(E2,"m/d")')).toBe('11/28');
    expect(ev('=TEXT(E2,"yyyy年m月d日")')).toBe('2026年11月28日');
    expect(ev('=TEXT(0.2325,"0.0%")')).toBe('23.3%');
    expect(ev('=TEXT(63800,"#,##0")')).toBe('63,800');
    expect(ev('=TEXT(20/24,"hh:mm")')).toBe('20:00');
    expect(ev('=TEXT("2026-12-01","m/d")')).toBe('12/1');
    expect(ev('=TEXT("abc","0.0")')).toBe('abc');
  });

  test('TEXTJOIN, CONCATENATE, CONCAT', () => {
    expect(ev('=TEXTJOIN("、",TRUE,F2:F5)')).toBe('小王、小李、小王');
    expect(ev('=TEXTJOIN("-",FALSE,G2:G5)')).toBe('--vip-10');
    expect(ev('=TEXTJOIN(CHAR(10),TRUE,"a","b")')).toBe('a\nb');
    expect(ev('=CONCATENATE("第",12,"期")')).toBe('第12期');
    expect(ev('=CONCATENATE(F2:F3)')).toBe('小王小李');
    expect(ev('=CONCAT("a",1.5)')).toBe('a1.5');
    expect(code(ev('=TEXTJOIN(",",TRUE,1/0)'))).toBe('#DIV/0!');
  });

  test('LEN, LEFT, RIGHT, MID', () => {
    expect(ev('=LEN(A2)')).toBe(7);
    expect(ev('=LEFT(A2,4)')).toBe('Java');
    expect(ev('=LEFT(A2)')).toBe('J');
    expect(ev('=RIGHT(A2,2)')).toBe('5群');
    expect(ev('=RIGHT(A2,0)')).toBe('');
    expect(ev('=MID(A4,8,2)')).toBe('1群');
    expect(code(ev('=MID(A2,0,1)'))).toBe('#VALUE!');
    expect(code(ev('=LEFT(A2,-1)'))).toBe('#VALUE!');
  });

  test('FIND is exact, SEARCH ignores case and takes wildcards', () => {
    expect(ev('=FIND("5",A2)')).toBe(6);
    expect(code(ev('=FIND("java",A2)'))).toBe('#VALUE!');
    expect(ev('=SEARCH("java",A2)')).toBe(1);
    expect(ev('=SEARCH("a?a",A2)')).toBe(2);
    expect(ev('=SEARCH("a",A2,3)')).toBe(4);
    expect(code(ev('=SEARCH("x",A2)'))).toBe('#VALUE!');
  });

  test('CHAR, VALUE, N, TRIM, UPPER, LOWER, SUBSTITUTE', () => {
    expect(ev('=CHAR(10)')).toBe('\n');
    expect(ev('=CHAR(65)')).toBe('A');
    expect(ev('=VALUE("1,200")')).toBe(1200);
    expect(ev('=VALUE("12%")')).toBe(0.12);
    expect(ev('=VALUE("2026-12-01")')).toBe(TODAY);
    expect(code(ev('=VALUE("abc")'))).toBe('#VALUE!');
    expect(ev('=N(B2)')).toBe(1000);
    expect(ev('=N("7")')).toBe(0);
    expect(ev('=N(TRUE)')).toBe(1);
    expect(ev('=TRIM("  a   b ")')).toBe('a b');
    expect(ev('=UPPER("ab")&LOWER("CD")')).toBe('ABcd');
    expect(ev('=SUBSTITUTE("a-b-c","-","/")')).toBe('a/b/c');
    expect(ev('=SUBSTITUTE("a-b-c","-","/",2)')).toBe('a-b/c');
  });

  test('HYPERLINK shows its label, or the link itself without one; an error in either is the result', () => {
    expect(ev('=HYPERLINK("#gid=0&range=L5",A2)')).toBe('Java 5群');
    expect(ev('=HYPERLINK("#\'SOP\'!L5",B2)')).toBe(1000);
    expect(ev('=HYPERLINK("https://example.com")')).toBe('https://example.com');
    expect(code(ev('=HYPERLINK("#x",1/0)'))).toBe('#DIV/0!');
    expect(code(ev('=HYPERLINK()'))).toBe('#N/A');
  });
});

describe('date functions', () => {
  test('TODAY comes from the provided serial', () => {
    expect(ev('=TODAY()')).toBe(TODAY);
    expect(ev('=TODAY()-E2')).toBe(3);
  });

  test('text used as a number reads as a date in any year a cell can hold, as in Sheets (2000–2100 is the rule for the add-on’s inputs)', () => {
    expect(ev('="1999-01-01"+0')).toBe(serialFromYmd(1999, 1, 1));
    expect(ev('="2150/3/1"+0')).toBe(serialFromYmd(2150, 3, 1));
  });

  test('DATE normalises months and days like Sheets', () => {
    expect(ev('=DATE(2026,12,1)')).toBe(TODAY);
    expect(ev('=DATE(2026,13,1)')).toBe(serialFromYmd(2027, 1, 1));
    expect(ev('=DATE(2026,3,0)')).toBe(serialFromYmd(2026, 2, 28));
    expect(ev('=DATE(2026,1,32)')).toBe(serialFromYmd(2026, 2, 1));
    expect(ev('=DATE(126,1,1)')).toBe(serialFromYmd(2026, 1, 1));
  });

  test('YEAR, MONTH, DAY, also from date text', () => {
    expect(ev('=YEAR(E2)')).toBe(2026);
    expect(ev('=MONTH(E2)')).toBe(11);
    expect(ev('=DAY(E2)')).toBe(28);
    expect(ev('=DAY("2026-02-03")')).toBe(3);
    expect(code(ev('=YEAR("soon")'))).toBe('#VALUE!');
  });

  test('WEEKDAY types 1, 2 and 3', () => {
    // 2026-12-01 is a Tuesday.
    expect(ev('=WEEKDAY(TODAY())')).toBe(3);
    expect(ev('=WEEKDAY(TODAY(),2)')).toBe(2);
    expect(ev('=WEEKDAY(TODAY(),3)')).toBe(1);
    expect(ev('=WEEKDAY(DATE(2026,12,6),2)')).toBe(7); // Sunday
    expect(code(ev('=WEEKDAY(TODAY(),9)'))).toBe('#NUM!');
  });

  test('EDATE and EOMONTH clamp to the end of the month', () => {
    expect(ev('=EDATE(DATE(2026,1,31),1)')).toBe(serialFromYmd(2026, 2, 28));
    expect(ev('=EDATE(DATE(2026,3,15),-3)')).toBe(serialFromYmd(2025, 12, 15));
    expect(ev('=EOMONTH(DATE(2024,1,10),1)')).toBe(serialFromYmd(2024, 2, 29));
  });
});

describe('lookup functions', () => {
  test('INDEX by row and column, whole rows/columns with 0', () => {
    expect(ev('=INDEX(B2:C5,2,2)')).toBe(11);
    expect(ev('=INDEX(A2:A5,3)')).toBe('Python 1群');
    expect(ev('=INDEX(A1:G1,2)')).toBe('群人数');
    expect(ev('=SUM(INDEX(B2:C5,0,1))')).toBe(1650);
    expect(code(ev('=INDEX(A2:A5,9)'))).toBe('#REF!');
  });

  test('MATCH exact (with wildcards and any case) and sorted', () => {
    expect(ev('=MATCH("go*",A:A,0)')).toBe(5);
    expect(ev('=MATCH("JAVA 6群",A2:A5,0)')).toBe(2);
    expect(ev('=MATCH(400,B2:B5,0)')).toBe(2);
    expect(code(ev('=MATCH("x",A2:A5,0)'))).toBe('#N/A');
    expect(ev('=MATCH(5,{1,3,5,7})')).toBe(3);
    expect(ev('=MATCH(6,{1,3,5,7},1)')).toBe(3);
    expect(code(ev('=MATCH(0,{1,3,5,7},1)'))).toBe('#N/A');
  });

  test('VLOOKUP exact and sorted', () => {
    expect(ev('=VLOOKUP("小李",团队!A:B,2,FALSE)')).toBe('主管');
    expect(code(ev('=VLOOKUP("小赵",团队!A:B,2,FALSE)'))).toBe('#N/A');
    expect(code(ev('=VLOOKUP("小李",团队!A:B,3,FALSE)'))).toBe('#REF!');
    expect(ev('=VLOOKUP(15,{0,"low";10,"mid";20,"high"},2)')).toBe('mid');
    expect(ev('=IFERROR(VLOOKUP(F2,团队!A:B,2,0),"?")')).toBe('运营');
  });

  test('ROW and COLUMN of a reference or of the cell itself', () => {
    expect(ev('=ROW(C7)')).toBe(7);
    expect(ev('=COLUMN(C7)')).toBe(3);
    expect(ev('=ROW()', { row: 4, col: 2 })).toBe(5);
    expect(ev('=COLUMN()', { row: 4, col: 2 })).toBe(3);
    expect(ev('=ROW(B3:B9)')).toBe(3);
    expect(ev('=ROWS(A2:C5)*10+COLUMNS(A2:C5)')).toBe(43);
  });
});
