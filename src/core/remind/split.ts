/**
 * Splitting a reminder into messages that each fit a platform's size limit. Messages are cut between
 * lines only, so an item is never cut in two; a block that goes on in the next message repeats its
 * heading ("…（续）"), and a heading is never left at the end of a message without its first item.
 */
import type { Block, Line, Segment } from './digest';

/** The part of a block that goes into one message. */
export interface PartBlock {
  heading: Line;
  items: Line[];
}

/**
 * Packs the blocks into as few messages as the limit allows, in order. `fits` says whether a message
 * with these blocks is within the limit (the caller renders it with the largest part number it could
 * carry, so numbering later never pushes a message over). A single item too long for any message
 * alone (a pasted paragraph in 事项) is shortened with "…" until it fits: the only text ever cut.
 */
export function splitIntoParts(blocks: readonly Block[], fits: (part: PartBlock[]) => boolean): PartBlock[][] {
  const parts: PartBlock[][] = [];
  let current: PartBlock[] = [];
  const withItem = (part: PartBlock[], block: Block, item: Line, fresh: boolean): PartBlock[] => {
    const last = part[part.length - 1];
    if (!fresh && last) return [...part.slice(0, -1), { heading: last.heading, items: [...last.items, item] }];
    return [...part, { heading: block.heading, items: [item] }];
  };
  for (const block of blocks) {
    let startsBlock = true;
    for (const original of block.items) {
      let candidate = withItem(current, block, original, startsBlock);
      if (!fits(candidate) && current.length > 0) {
        parts.push(current);
        const heading = startsBlock ? block.heading : block.continued;
        candidate = [{ heading, items: [original] }];
      }
      if (!fits(candidate)) {
        const heading = candidate[candidate.length - 1].heading;
        const before = candidate.slice(0, -1);
        const others = candidate[candidate.length - 1].items.slice(0, -1);
        const item = shortenToFit(original, (line) => fits([...before, { heading, items: [...others, line] }]));
        candidate = [...before, { heading, items: [...others, item] }];
      }
      current = candidate;
      startsBlock = false;
    }
  }
  if (current.length) parts.push(current);
  return parts;
}

/** A line with every text longer than `cap` characters cut to `cap` (the last one an ellipsis). */
function capText(line: Line, cap: number, keepLinks: boolean): Line {
  const cut = (text: string) =>
    Array.from(text).length > cap
      ? Array.from(text)
          .slice(0, Math.max(0, cap - 1))
          .join('') + '…'
      : text;
  return line.map((segment): Segment => {
    if (segment.kind === 'person') return segment;
    if (segment.kind === 'link' && !keepLinks) return { kind: 'text', text: cut(segment.text) };
    return { ...segment, text: cut(segment.text) };
  });
}

/** The longest version of the line that fits (binary search on the cap), dropping its link if even that does not. */
function shortenToFit(line: Line, fits: (line: Line) => boolean): Line {
  const longest = Math.max(1, ...line.map((segment) => (segment.kind === 'person' ? 0 : Array.from(segment.text).length)));
  for (const keepLinks of [true, false]) {
    let low = 1;
    let high = longest;
    let best: Line | null = null;
    while (low <= high) {
      const cap = Math.floor((low + high) / 2);
      const candidate = capText(line, cap, keepLinks);
      if (fits(candidate)) {
        best = candidate;
        low = cap + 1;
      } else high = cap - 1;
    }
    if (best) return best;
  }
  return capText(line, 1, false);
}
