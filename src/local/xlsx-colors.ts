/**
 * Colours between TabSpec ("#rrggbb") and SpreadsheetML, where a colour is an ARGB value, a theme
 * colour with a tint, or an index into the legacy 64-colour palette.
 */

/** "#rrggbb" or "#rgb" → ExcelJS's "FFRRGGBB". */
export function argb(color: string): string {
  let hex = color.trim().replace(/^#/, '');
  if (hex.length === 3) hex = hex.replace(/./g, (digit) => digit + digit);
  return `FF${hex.toUpperCase()}`;
}

/** A colour as ExcelJS reads it from a file. */
export interface ExcelColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

/**
 * Theme colours in the order SpreadsheetML numbers them (lt1, dk1, lt2, dk2, accent1–6, hlink,
 * folHlink) — the Office theme ExcelJS and openpyxl write, for files whose theme cannot be read.
 */
export const OFFICE_THEME = [
  '#ffffff',
  '#000000',
  '#eeece1',
  '#1f497d',
  '#4f81bd',
  '#c0504d',
  '#9bbb59',
  '#8064a2',
  '#4bacc6',
  '#f79646',
  '#0000ff',
  '#800080',
];

/** The legacy palette of `indexed` colours (64 and 65 are the system's text and window colours). */
const INDEXED = (
  '000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF ' +
  '800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF ' +
  '000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 ' +
  '3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333 ' +
  '000000 FFFFFF'
).split(' ');

/**
 * The theme colours of a theme part (xl/theme/theme1.xml) in SpreadsheetML's order; the Office
 * theme when the part is missing or unreadable.
 */
export function themePalette(themeXml: string | null): string[] {
  if (!themeXml) return OFFICE_THEME;
  const scheme = /<(?:[\w.-]+:)?clrScheme\b[\s\S]*?<\/(?:[\w.-]+:)?clrScheme>/.exec(themeXml)?.[0];
  if (!scheme) return OFFICE_THEME;
  const colorOf = (name: string): string | null => {
    const element = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(scheme)?.[1] ?? '';
    const value = /\b(?:lastClr|val)\s*=\s*"([0-9A-Fa-f]{6})"/.exec(element.replace(/\bval\s*=\s*"(window|windowText)"/, ''));
    return value ? `#${value[1].toLowerCase()}` : null;
  };
  const order = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];
  return order.map((name, index) => colorOf(name) ?? OFFICE_THEME[index]);
}

/** A colour read from a file as "#rrggbb"; undefined for "automatic" and for what cannot be read. */
export function hexColor(color: ExcelColor | undefined, palette: string[] = OFFICE_THEME): string | undefined {
  if (!color) return undefined;
  let hex: string | undefined;
  if (typeof color.argb === 'string' && /^[0-9A-Fa-f]{6,8}$/.test(color.argb)) hex = `#${color.argb.slice(-6).toLowerCase()}`;
  else if (typeof color.theme === 'number') hex = palette[color.theme];
  else if (typeof color.indexed === 'number' && INDEXED[color.indexed]) hex = `#${INDEXED[color.indexed].toLowerCase()}`;
  if (hex === undefined) return undefined;
  return color.tint ? tinted(hex, color.tint) : hex;
}

/** Excel's tint: lighter towards white for a positive tint, darker towards black for a negative one (in HSL). */
function tinted(hex: string, tint: number): string {
  const [h, s, l] = toHsl(hex);
  const lightness = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  return fromHsl(h, s, Math.min(1, Math.max(0, lightness)));
}

function toHsl(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const channel = (t: number): number => {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  const rgb = s === 0 ? [l, l, l] : [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
  return `#${rgb
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
