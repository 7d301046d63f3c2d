/**
 * Lists typed into one cell or one field: group names, target groups, participants, predecessors.
 * People separate them with ; , 、 (half- or full-width) or put one per line; every reader splits with
 * the same separators, so a list one feature writes reads the same in another. Quotes are not
 * special: a name cannot hold a separator, except where the reader knows the names (splitKnownList).
 */

/** The separators between the items of a list. */
export const LIST_SEPARATORS = ';；,，、\n\r';

const SEPARATOR_RUN = new RegExp(`[${LIST_SEPARATORS}]+`);
/** A run of text between separators. */
const PIECE = new RegExp(`[^${LIST_SEPARATORS}]+`, 'g');

function listText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The items of a list, trimmed, without empty ones: "A群；B群、C群,D群\n E群" → A群 … E群. */
export function splitList(value: unknown): string[] {
  return listText(value)
    .split(SEPARATOR_RUN)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The items of a list whose items may themselves hold a separator ("调研、访谈" is one task's name):
 * a known name is matched whole before the text is split — the whole text first, then from each piece
 * the longest run of pieces (with the separators as typed) that is known. A piece that is not known
 * is an item of its own, for the reader to report.
 */
export function splitKnownList(value: unknown, isKnown: (item: string) => boolean): string[] {
  const text = listText(value).trim();
  if (text === '') return [];
  if (isKnown(text)) return [text];
  const pieces = [...text.matchAll(PIECE)]
    .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }))
    .filter((piece) => text.slice(piece.start, piece.end).trim() !== '');
  const items: string[] = [];
  for (let i = 0; i < pieces.length;) {
    let last = i;
    for (let j = pieces.length - 1; j > i; j--) {
      if (isKnown(text.slice(pieces[i].start, pieces[j].end).trim())) {
        last = j;
        break;
      }
    }
    items.push(text.slice(pieces[i].start, pieces[last].end).trim());
    i = last + 1;
  }
  return items;
}
