/** The calendar file as RFC 5545 wants it, and as a real parser (ical.js) reads it back. */
import fc from 'fast-check';
import { fromIso, serialFromYmd, type DaySerial } from '../../../src/core/dates';
import { escapeText, foldLine, serializeCalendar, type IcsCalendar, type IcsEvent, type UtcOffsetLookup } from '../../../src/core/ics/calendar-file';
import { offsetAtWallClock } from '../../../src/core/ics/utc-offset';
import { parseIcs, physicalLines } from '../../support/ical';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;
const SHANGHAI: UtcOffsetLookup = () => 480;

/** America/Los_Angeles in 2026, by its rule: daylight time from 8 March 10:00Z to 1 November 09:00Z. */
const LA_DST_START = Date.UTC(2026, 2, 8, 10);
const LA_DST_END = Date.UTC(2026, 10, 1, 9);
const laOffsetAt = (ms: number): number => (ms >= LA_DST_START && ms < LA_DST_END ? -420 : -480);
const LOS_ANGELES: UtcOffsetLookup = (d, minute) => offsetAtWallClock(d, minute, laOffsetAt);

function calendar(events: IcsEvent[], overrides: Partial<IcsCalendar> = {}): IcsCalendar {
  return { name: 'SOP·Java引流5群·第12期', timeZone: 'Asia/Shanghai', exportedAt: { day: day('2026-12-03'), minute: 20 * 60 + 15 }, events, ...overrides };
}

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return { uid: 'sop-1@sop-planner', summary: '开营通知', description: '状态：未开始', day: day('2026-12-07'), ...overrides };
}

describe('TEXT values', () => {
  test('backslash, semicolon, comma and line breaks are escaped; the parser gives the text back', () => {
    const tricky = 'C:\\课程\\第1讲; 价格 5,800 元\n第二行\r\n第三行\r第四行';
    expect(escapeText(tricky)).toBe('C:\\\\课程\\\\第1讲\\; 价格 5\\,800 元\\n第二行\\n第三行\\n第四行');
    const [parsed] = parseIcs(serializeCalendar(calendar([event({ summary: tricky, description: tricky, location: 'A群, B群; C群' })]), SHANGHAI)).events;
    const normalized = tricky.replace(/\r\n?/g, '\n');
    expect(parsed.summary).toBe(normalized);
    expect(parsed.description).toBe(normalized);
    expect(parsed.location).toBe('A群, B群; C群');
  });

  test('control characters TEXT may not hold are dropped; tabs stay', () => {
    expect(escapeText('a\u0000b\u0007c\td\u001fe\u007f')).toBe('abc\tde');
  });

  test('categories are a comma list, each escaped', () => {
    const text = serializeCalendar(calendar([event({ categories: ['营前', '群发, 私聊', ''] })]), SHANGHAI);
    expect(text).toContain('CATEGORIES:营前,群发\\, 私聊\r\n');
    expect(parseIcs(text).events[0].categories).toEqual(['营前', '群发, 私聊']);
  });
});

describe('lines', () => {
  test('end in CRLF, the last one too, with no bare CR or LF anywhere', () => {
    const text = serializeCalendar(calendar([event({ description: '一\n二\r\n三' }), event({ uid: 'b@sop-planner', startMinute: 600 })]), SHANGHAI);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  test('a line of exactly 75 octets stays whole; one octet more folds, before the character that does not fit', () => {
    // "SUMMARY:" is 8 octets; 22 Chinese characters are 66; a 75th octet makes 75.
    const exact = `${'社'.repeat(22)}a`;
    expect(Buffer.byteLength(`SUMMARY:${exact}`)).toBe(75);
    expect(foldLine(`SUMMARY:${exact}`)).toBe(`SUMMARY:${exact}`);
    // 23 characters: 8 + 69 = 77 octets. The 23rd would end at octet 77, so it opens the next line.
    const over = '社'.repeat(23);
    expect(foldLine(`SUMMARY:${over}`)).toBe(`SUMMARY:${'社'.repeat(22)}\r\n 社`);
    // 'ab' then Chinese: the fold falls between characters even when a character would straddle octet 75.
    const straddle = `ab${'群'.repeat(22)}`;
    expect(Buffer.byteLength(`SUMMARY:${straddle}`)).toBe(76);
    expect(foldLine(`SUMMARY:${straddle}`)).toBe(`SUMMARY:ab${'群'.repeat(21)}\r\n 群`);
  });

  test('a continuation line counts its leading space: 74 octets of content at most', () => {
    const folded = foldLine(`DESCRIPTION:${'a'.repeat(63)}${'b'.repeat(74)}${'c'.repeat(5)}`);
    expect(folded.split('\r\n')).toEqual([`DESCRIPTION:${'a'.repeat(63)}`, ` ${'b'.repeat(74)}`, ` ${'c'.repeat(5)}`]);
  });

  test('emoji (4 octets, two UTF-16 units) are never split', () => {
    const lines = foldLine(`SUMMARY:${'🎉'.repeat(40)}`).split('\r\n');
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join('')).toBe(`SUMMARY:${'🎉'.repeat(40)}`);
  });

  test('any text: every line at most 75 octets, decodable on its own, and the parser reads the text back', () => {
    const piece = fc.constantFrom('社', '群', '运', '营', 'a', 'Z', ' ', ',', ';', '\\', '\n', 'é', '🎉', '：', '【', '】');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.array(piece, { minLength: 1, maxLength: 80 }), (descriptionParts, summaryParts) => {
        const description = descriptionParts.join('');
        const summary = summaryParts.join('');
        const text = serializeCalendar(calendar([event({ summary, description })]), SHANGHAI);
        for (const line of physicalLines(text)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        const [parsed] = parseIcs(text).events;
        expect(parsed.summary).toBe(summary);
        expect(parsed.description ?? '').toBe(description);
      }),
      { numRuns: 200 },
    );
  });
});

describe('events', () => {
  test('an item without a time is an all-day event: DATE values, the end the day after', () => {
    const text = serializeCalendar(calendar([event()]), SHANGHAI);
    expect(text).toContain('DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261208\r\n');
    expect(text).toContain('TRANSP:TRANSPARENT');
    expect(parseIcs(text).events[0]).toMatchObject({ allDay: true, start: '2026-12-07', end: '2026-12-08' });
  });

  test('a multi-day activity ends the day after its last day, across the year end', () => {
    const text = serializeCalendar(calendar([event({ day: day('2026-12-30'), lastDay: day('2027-01-02') })]), SHANGHAI);
    expect(parseIcs(text).events[0]).toMatchObject({ start: '2026-12-30', end: '2027-01-03' });
  });

  test('a timed item is written in UTC, 30 minutes long unless said otherwise', () => {
    const text = serializeCalendar(
      calendar([event({ startMinute: 20 * 60 }), event({ uid: 'early@sop-planner', startMinute: 7 * 60, minutes: 90 })]),
      SHANGHAI,
    );
    expect(text).toContain('DTSTART:20261207T120000Z\r\nDTEND:20261207T123000Z\r\n');
    // 07:00 in Shanghai is 23:00 UTC the day before.
    const [evening, morning] = parseIcs(text).events;
    expect(evening).toMatchObject({ allDay: false, start: '2026-12-07T12:00:00Z', end: '2026-12-07T12:30:00Z' });
    expect(morning).toMatchObject({ start: '2026-12-06T23:00:00Z', end: '2026-12-07T00:30:00Z' });
  });

  test('UTC follows the offset of each local day: daylight time in Los Angeles', () => {
    const at = (iso: string, hour: number, minute = 0, minutes?: number) =>
      event({ uid: `${iso}-${hour}@sop-planner`, day: day(iso), startMinute: hour * 60 + minute, minutes });
    const text = serializeCalendar(
      calendar(
        [
          at('2026-03-07', 9), // PST, UTC−8
          at('2026-03-09', 9), // PDT, UTC−7
          at('2026-03-08', 1, 45), // 01:45 PST; its 30 minutes run past 02:00, which becomes 03:00 PDT
          at('2026-03-08', 2, 30), // a time that never happens: read as PST, i.e. 03:30 PDT
          at('2026-11-01', 1, 30), // happens twice: the first, PDT
          at('2026-11-02', 9), // PST again
        ],
        { timeZone: 'America/Los_Angeles' },
      ),
      LOS_ANGELES,
    );
    expect(parseIcs(text).events.map((e) => [e.start, e.end])).toEqual([
      ['2026-03-07T17:00:00Z', '2026-03-07T17:30:00Z'],
      ['2026-03-09T16:00:00Z', '2026-03-09T16:30:00Z'],
      ['2026-03-08T09:45:00Z', '2026-03-08T10:15:00Z'],
      ['2026-03-08T10:30:00Z', '2026-03-08T11:00:00Z'],
      ['2026-11-01T08:30:00Z', '2026-11-01T09:00:00Z'],
      ['2026-11-02T17:00:00Z', '2026-11-02T17:30:00Z'],
    ]);
  });

  test('optional properties are left out when empty; status, location and an alarm when given', () => {
    const plain = serializeCalendar(calendar([event({ description: '' })]), SHANGHAI);
    expect(plain).not.toMatch(/DESCRIPTION|LOCATION|CATEGORIES|STATUS|VALARM/);
    const full = serializeCalendar(
      calendar([event({ startMinute: 600, location: 'Java引流5群', status: 'CONFIRMED', alarmMinutesBefore: 15, categories: ['营前'] })]),
      SHANGHAI,
    );
    expect(parseIcs(full).events[0]).toMatchObject({ location: 'Java引流5群', status: 'CONFIRMED', categories: ['营前'], alarms: ['-PT15M'] });
  });

  test('a cancelled item reminds nobody; an all-day one neither', () => {
    const text = serializeCalendar(
      calendar([event({ startMinute: 600, status: 'CANCELLED', alarmMinutesBefore: 15 }), event({ uid: 'all-day@sop-planner', alarmMinutesBefore: 15 })]),
      SHANGHAI,
    );
    expect(parseIcs(text).events.map((e) => [e.status, e.alarms])).toEqual([
      ['CANCELLED', []],
      [null, []],
    ]);
  });
});

describe('the calendar', () => {
  test('says what it is: version, product, Gregorian, published, its name and time zone', () => {
    const text = serializeCalendar(calendar([event()], { timeZone: 'America/Los_Angeles' }), LOS_ANGELES);
    expect(text.split('\r\n').slice(0, 7)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//SOP Planner//SOP Planner//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:SOP·Java引流5群·第12期',
      'X-WR-TIMEZONE:America/Los_Angeles',
    ]);
    expect(parseIcs(text).properties).toMatchObject({ VERSION: '2.0', METHOD: 'PUBLISH', 'X-WR-TIMEZONE': 'America/Los_Angeles' });
  });

  test('DTSTAMP is the export time in UTC; a later export has a higher SEQUENCE, so calendars take it as newer', () => {
    const first = serializeCalendar(calendar([event()]), SHANGHAI);
    expect(first).toContain('DTSTAMP:20261203T121500Z\r\n');
    const later = serializeCalendar(calendar([event()], { exportedAt: { day: day('2026-12-03'), minute: 20 * 60 + 16 } }), SHANGHAI);
    const [a, b] = [first, later].map((text) => parseIcs(text).events[0].sequence);
    expect(b).toBe(a + 1);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(2 ** 31);
  });

  test('the same calendar twice is the same file', () => {
    const events = [event(), event({ uid: 'b@sop-planner', startMinute: 600, day: serialFromYmd(2027, 1, 1) })];
    expect(serializeCalendar(calendar(events), SHANGHAI)).toBe(serializeCalendar(calendar(events), SHANGHAI));
  });
});
