/**
 * How a generated tab prints: declared once in its TabSpec, written into an .xlsx as its page setup
 * (Excel, WPS and LibreOffice print by it), and asked for in Sheets through the PDF export link,
 * since Apps Script cannot set a sheet's print settings.
 */
import { parseObjectRequest } from '../request';
import type { TabKind } from './marker';
import type { TabSpec } from './spec';

/** Page margins in inches, as Excel and Sheets' export both count them. */
export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Scaled to one page wide; as many pages down as the rows need. */
  fitToWidth: boolean;
  /** The top rows printed again at the top of every page: the header the columns are read by. */
  repeatRows: number;
  margins?: PageMargins;
}

/** The paper every tab is laid out for: A4, the size offices in China print on. */
export const PRINT_PAPER = 'A4';

/**
 * Margins for wide tabs (a Gantt, a calendar): as Excel's and Sheets' "narrow" margins, so the
 * page's width goes to the columns and the scale stays readable.
 */
export const NARROW_MARGINS: PageMargins = { top: 0.5, bottom: 0.5, left: 0.25, right: 0.25 };

/** Excel's default margins, which a tab without its own gets. */
export const NORMAL_MARGINS: PageMargins = { top: 0.75, bottom: 0.75, left: 0.7, right: 0.7 };

/** One page wide with the header repeated: every generated tab prints so, only its orientation differs. */
export function printSetup(orientation: PrintSetup['orientation'], repeatRows: number, margins?: PageMargins): PrintSetup {
  return margins ? { orientation, fitToWidth: true, repeatRows, margins } : { orientation, fitToWidth: true, repeatRows };
}

/**
 * How each kind of generated tab is laid on the page: the wide ones landscape with narrow margins
 * (an SOP table with its summary, a Gantt's day columns, a week across, a row of metrics); the
 * others portrait. Every one is one page wide. The builders declare it with the rows they repeat;
 * the export link in Sheets asks for the same.
 */
const LAYOUTS: Partial<Record<TabKind, Pick<PrintSetup, 'orientation' | 'margins'>>> = {
  sop: { orientation: 'landscape', margins: NARROW_MARGINS },
  'sop-template': { orientation: 'landscape', margins: NARROW_MARGINS },
  gantt: { orientation: 'landscape', margins: NARROW_MARGINS },
  calendar: { orientation: 'landscape', margins: NARROW_MARGINS },
  metrics: { orientation: 'landscape', margins: NARROW_MARGINS },
  activities: { orientation: 'landscape' },
  plan: { orientation: 'landscape' },
};

/** The print setup of a kind of tab that repeats its first `repeatRows` rows on every page. */
export function printSetupFor(kind: TabKind, repeatRows: number): PrintSetup {
  const layout = LAYOUTS[kind] ?? { orientation: 'portrait' };
  return printSetup(layout.orientation, repeatRows, layout.margins);
}

/**
 * How a tab prints: as it declares, or, for a generated tab that declares nothing, as its kind does,
 * its frozen rows repeated. A person's own tab prints as its spreadsheet says.
 */
export function printSetupOf(spec: Pick<TabSpec, 'print' | 'marker' | 'frozenRows'>): PrintSetup | undefined {
  if (spec.print) return spec.print;
  return spec.marker.kind === 'plain' ? undefined : printSetupFor(spec.marker.kind, spec.frozenRows ?? 0);
}

/**
 * Sheets' export of one tab as a PDF, with the tab's print setup: its orientation, one page wide,
 * the frozen rows (the tab's header) repeated on every page, no gridlines, A4. The link downloads
 * for whoever is signed in to the spreadsheet and may open it; it opens in the person's browser,
 * so the add-on needs no further scope. `spreadsheetId` and `sheetId` (the tab's gid) come from
 * the Sheets host.
 */
export function pdfExportUrl(spreadsheetId: string, sheetId: number, print: PrintSetup): string {
  const margins = print.margins ?? NORMAL_MARGINS;
  const params: Array<[string, string]> = [
    ['format', 'pdf'],
    ['gid', String(sheetId)],
    ['size', PRINT_PAPER],
    ['portrait', String(print.orientation === 'portrait')],
    ['fitw', String(print.fitToWidth)],
    // Sheets repeats the frozen rows; every generated tab freezes exactly the rows it repeats.
    ['fzr', String(print.repeatRows > 0)],
    ['gridlines', 'false'],
    ['sheetnames', 'false'],
    ['printtitle', 'false'],
    ['top_margin', String(margins.top)],
    ['bottom_margin', String(margins.bottom)],
    ['left_margin', String(margins.left)],
    ['right_margin', String(margins.right)],
  ];
  const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheetId)}/export?${query}`;
}

/** What a sidebar sends for a tab's export link: the tab, by the name its result showed. */
export interface PrintRequest {
  tab: string;
}

export function parsePrintRequest(raw: unknown): PrintRequest {
  return parseObjectRequest('print.error.request', raw, (fields) => ({ tab: fields.text('tab') }));
}
