import fc from 'fast-check';
import { AppError, formatError } from '../../src/core/errors';
import { translator } from '../../src/core/i18n';
import { normalizeSettings, DEFAULT_SETTINGS } from '../../src/core/settings';
import { buildTeamTab, ownerDropdown, readableTextColor } from '../../src/core/team/tab';
import { assignColors, normalizeTeam, parseRole, readTeamGrid, TEAM_PALETTE, Person } from '../../src/core/team/team';
import { cellValue } from '../../src/core/tab/spec';
import { GANTT_COLORS } from '../../src/core/gantt/tab';

const sampleTeam = [
  ['姓名', '角色', '邮箱'],
  ['林晓', '社群运营', 'linxiao@example.com'],
  ['周舟', '社群运营', 'zhouzhou@example.com'],
  ['陈默', '课程顾问', 'chenmo@example.com'],
  ['赵老师', '讲师IP', 'zhao.teacher@example.com'],
  ['孙悦', '设计', 'sunyue@example.com'],
];

describe('reading a team list', () => {
  test('the sample team list gets roles and distinct colours', () => {
    const team = readTeamGrid(sampleTeam);
    expect(team.map((p) => [p.name, p.role])).toEqual([
      ['林晓', 'operator'],
      ['周舟', 'operator'],
      ['陈默', 'advisor'],
      ['赵老师', 'lecturer'],
      ['孙悦', 'designer'],
    ]);
    expect(new Set(team.map((p) => p.color)).size).toBe(5);
    expect(team.every((p) => /^#[0-9a-f]{6}$/.test(p.color))).toBe(true);
  });

  test('an English Team tab reads back the same, title rows above the header are skipped', () => {
    const team = readTeamGrid([
      ['Our team'],
      ['Name', 'Role', 'Email', 'Colour'],
      ['Ann', 'Course advisor', '', '#FF0000'],
      ['Bo', 'Lecturer (IP)', null, null],
    ]);
    expect(team).toEqual([
      { name: 'Ann', role: 'advisor', email: '', color: '#ff0000' },
      { name: 'Bo', role: 'lecturer', email: '', color: TEAM_PALETTE[0] },
    ]);
  });

  test('roles are recognised in both languages and common aliases; unknown is null', () => {
    expect(parseRole('社群运营')).toBe('operator');
    expect(parseRole(' Head teacher ')).toBe('headTeacher');
    expect(parseRole('讲师')).toBe('lecturer');
    expect(parseRole('助教')).toBe('assistant');
    expect(parseRole('marketing')).toBeNull();
  });
});

describe('colours', () => {
  test('people keep their colour; the others get unused palette colours', () => {
    const people: Person[] = [
      { name: 'a', role: 'other', email: '', color: TEAM_PALETTE[1] },
      { name: 'b', role: 'other', email: '', color: '' },
      { name: 'c', role: 'other', email: '', color: 'red' },
    ];
    const colored = assignColors(people);
    expect(colored.map((p) => p.color)).toEqual([TEAM_PALETTE[1], TEAM_PALETTE[0], TEAM_PALETTE[2]]);
  });

  test('up to the palette size, everyone gets a distinct colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TEAM_PALETTE.length }), (n) => {
        const team = assignColors(Array.from({ length: n }, (_, i) => ({ name: `p${i}`, role: 'other' as const, email: '', color: '' })));
        expect(new Set(team.map((p) => p.color)).size).toBe(n);
      }),
      { numRuns: 100 },
    );
  });

  test('no palette colour looks like the overdue red or the grey of a bar of no one on the team; all take black text', () => {
    const hsv = (color: string) => {
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16) / 255);
      const max = Math.max(r, g, b);
      const span = max - Math.min(r, g, b);
      const hue = span === 0 ? 0 : max === r ? (60 * ((g - b) / span) + 360) % 360 : max === g ? 60 * ((b - r) / span) + 120 : 60 * ((r - g) / span) + 240;
      return { hue, saturation: max === 0 ? 0 : span / max };
    };
    for (const color of TEAM_PALETTE) {
      const { hue, saturation } = hsv(color);
      // Reds and pinks run from magenta (330°) through red (0°) to red-orange (15°); GANTT_COLORS.alert is at 4°.
      expect({ color, reddish: hue > 330 || hue < 15 }).toEqual({ color, reddish: false });
      expect(saturation).toBeGreaterThan(0.25);
      expect(readableTextColor(color)).toBe('#000000');
    }
    expect(hsv(GANTT_COLORS.alert).hue).toBeLessThan(15);
  });

  test('no two palette colours are near-twins: every pair is at least 35 apart in RGB', () => {
    const distance = (a: string, b: string) => Math.hypot(...[1, 3, 5].map((at) => parseInt(a.slice(at, at + 2), 16) - parseInt(b.slice(at, at + 2), 16)));
    const close = TEAM_PALETTE.flatMap((a, i) => TEAM_PALETTE.slice(i + 1).flatMap((b) => (distance(a, b) < 35 ? [[a, b]] : [])));
    expect(close).toEqual([]);
  });

  test('the colours that replaced the reds differ clearly from every other colour of the palette', () => {
    const distance = (a: string, b: string) => Math.hypot(...[1, 3, 5].map((at) => parseInt(a.slice(at, at + 2), 16) - parseInt(b.slice(at, at + 2), 16)));
    for (const color of ['#9d8fd8', '#bcbd22', '#6fc3df', '#c9a0dc']) {
      expect(TEAM_PALETTE).toContain(color);
      for (const other of TEAM_PALETTE) if (other !== color) expect(distance(color, other)).toBeGreaterThan(45);
    }
  });

  test('text on a colour stays readable', () => {
    expect(readableTextColor('#ffffff')).toBe('#000000');
    expect(readableTextColor('#202124')).toBe('#ffffff');
  });
});

describe('saving a team', () => {
  test('empty rows are dropped; duplicates and bad emails are refused with their row, in both languages', () => {
    expect(
      normalizeTeam([
        { name: ' 林晓 ', role: 'operator' },
        { name: '', email: '' },
      ]),
    ).toHaveLength(1);
    let error: unknown;
    try {
      normalizeTeam([{ name: '林晓' }, { name: '林晓' }, { name: '周舟', email: 'not-an-email' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(formatError(error, translator('zh-CN'))).toBe('第 3 行：“林晓”重复了，每个姓名只能出现一次。\n第 4 行：邮箱“not-an-email”格式不对。');
    expect(formatError(error, translator('en'))).toBe(
      'row 3: "林晓" appears twice; each name may appear only once.\nrow 4: The email "not-an-email" does not look right.',
    );
  });

  test('the Team tab has localized headers, a role dropdown, colour swatches and our marker', () => {
    const team = readTeamGrid(sampleTeam);
    const spec = buildTeamTab(team, 'en', 'note');
    expect(spec.name).toBe('Team');
    expect(spec.marker).toEqual({ kind: 'team', key: {} });
    expect(spec.rows[0]).toEqual(['Name', 'Role', 'Email', 'Colour']);
    expect(spec.rows[1].map(cellValue)).toEqual(['林晓', 'Community operator', 'linxiao@example.com', team[0].color]);
    expect(spec.validations?.[0].rule).toMatchObject({ type: 'list', values: expect.arrayContaining(['Course advisor', 'Designer']) });
    expect(spec.styles).toContainEqual({ range: { row: 1, col: 3, rows: 1, cols: 1 }, style: { background: team[0].color, fontColor: expect.any(String) } });
    expect(readTeamGrid(spec.rows.map((row) => row.map(cellValue)))).toEqual(team);
    expect(buildTeamTab(team, 'zh-CN', '').name).toBe('团队');
  });

  test('owner dropdowns point at the Team tab’s whole name column, people added later included', () => {
    expect(ownerDropdown('团队 (2)')).toEqual({ type: 'listFromRange', tab: '团队 (2)', a1: 'A2:A', strict: false });
  });
});

describe('settings', () => {
  test('defaults, and values out of range refused by name', () => {
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ weekStart: 'sun', classMinutes: '60' as unknown as number }).classMinutes).toBe(60);
    expect(() => normalizeSettings({ completionShare: 1.5 })).toThrow(AppError);
    expect(() => normalizeSettings({ language: 'fr' as never })).toThrow(AppError);
  });
});

describe('metric colour bands in settings', () => {
  test('defaults for high-ticket courses; a band given is checked and kept', () => {
    expect(normalizeSettings({}).benchmarkBands).toEqual([
      { metric: 'participationRate', redBelow: 0.1, greenFrom: 0.2 },
      { metric: 'completionRate', redBelow: 0.3, greenFrom: 0.6 },
      { metric: 'conversionRate', redBelow: 0.01, greenFrom: 0.03 },
    ]);
    const s = normalizeSettings({ benchmarkBands: [{ metric: 'conversionRate', redBelow: 0.02, greenFrom: 0.05 }] });
    expect(s.benchmarkBands[2]).toEqual({ metric: 'conversionRate', redBelow: 0.02, greenFrom: 0.05 });
    expect(s.benchmarkBands[0]).toEqual({ metric: 'participationRate', redBelow: 0.1, greenFrom: 0.2 });
    expect(() => normalizeSettings({ benchmarkBands: [{ metric: 'conversionRate', redBelow: 0.5, greenFrom: 0.1 }] })).toThrow(AppError);
    expect(() => normalizeSettings({ benchmarkBands: 'high' as never })).toThrow(AppError);
  });
});
