/**
 * How a tab prints, declared once: the export link Sheets gets (Apps Script cannot set print settings)
 * asks for what the .xlsx states, and a generated tab that declares nothing still prints one page wide
 * with its frozen header repeated.
 */
import { NARROW_MARGINS, pdfExportUrl, printSetup, printSetupOf } from '../../../src/core/tab/print';

describe('the PDF export link of a tab in Sheets', () => {
  test('asks for the tab (gid), A4, its orientation, one page wide, the frozen rows repeated, no gridlines, its margins', () => {
    const url = new URL(pdfExportUrl('1AbC-dEf_9', 123456789, printSetup('landscape', 1, NARROW_MARGINS)));
    expect(`${url.origin}${url.pathname}`).toBe('https://docs.google.com/spreadsheets/d/1AbC-dEf_9/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'pdf',
      gid: '123456789',
      size: 'A4',
      portrait: 'false',
      fitw: 'true',
      fzr: 'true',
      gridlines: 'false',
      sheetnames: 'false',
      printtitle: 'false',
      top_margin: '0.5',
      bottom_margin: '0.5',
      left_margin: '0.25',
      right_margin: '0.25',
    });
  });

  test('a portrait tab without its own margins gets the normal ones; a tab repeating no rows does not ask for frozen rows', () => {
    const url = new URL(pdfExportUrl('id', 0, printSetup('portrait', 0)));
    expect(url.searchParams.get('portrait')).toBe('true');
    expect(url.searchParams.get('fzr')).toBe('false');
    expect([url.searchParams.get('top_margin'), url.searchParams.get('left_margin')]).toEqual(['0.75', '0.7']);
  });
});

describe('a tab’s print setup', () => {
  const marker = { kind: 'team' as const, key: {} };
  test('is the one it declares', () => {
    expect(printSetupOf({ marker, frozenRows: 1, print: printSetup('landscape', 2) })).toEqual({ orientation: 'landscape', fitToWidth: true, repeatRows: 2 });
  });

  test('of a generated tab declaring none: portrait, one page wide, its frozen rows repeated; a person’s own tab has none', () => {
    expect(printSetupOf({ marker, frozenRows: 1 })).toEqual({ orientation: 'portrait', fitToWidth: true, repeatRows: 1 });
    expect(printSetupOf({ marker: { kind: 'plain', key: {} }, frozenRows: 1 })).toBeUndefined();
  });
});
