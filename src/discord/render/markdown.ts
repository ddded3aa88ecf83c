/**
 * Markdown safety for everything the bot echoes: user questions and verbatim article text.
 * Discord treats a backslash before any punctuation as an escape, so escaping is always safe;
 * we escape only what could start markup, to keep the length growth small.
 */

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Everything that could start markup, in one pattern so that escaping is a single pass:
 * 1. bold/italic, underline, strike, code, spoiler and the escape character itself, anywhere;
 * 2. headings, quotes, lists and `-#` subtext, at a line start;
 * 3. "1." / "1)" ordered lists at a line start (the escape goes before the dot, not the digit);
 * 4. `<@id>`, `<@&id>`, `<#id>`, `<t:…>`, `<:emoji:id>`, `</cmd:id>`, `<https://…>` objects;
 * 5. `](`, which turns `[text]` into a masked link (a lone `[1]` stays readable);
 * 6. @everyone / @here, defused even though allowed_mentions already stops the ping.
 */
const MARKUP =
  /([\\*_~`|])|^([ \t]*)([#>+-])|^([ \t]*\d+)([.)])|<(?=[@#:/]|a:|t:|https?:)|\](?=\()|@(?=(?:everyone|here)\b)/gim;

function escapeOne(match: string, inline?: string, space?: string, mark?: string, number?: string, numberMark?: string): string {
  if (inline) return `\\${inline}`;
  if (mark) return `${space}\\${mark}`;
  if (numberMark) return `${number}\\${numberMark}`;
  if (match === '<') return '<\\';
  if (match === ']') return '\\]';
  return `@${ZERO_WIDTH_SPACE}`;
}

/** Escapes user or article text so it shows exactly as typed, with no formatting and no mentions. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKUP, escapeOne);
}

/** Escapes link text for `[text](url)`, where brackets would end the text early. */
export function escapeLinkText(text: string): string {
  return escapeMarkdown(text).replace(/[[\]]/g, (c) => `\\${c}`);
}

const ELLIPSIS = '…';
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Cut positions that fall between words: before each whitespace run. */
function whitespaceCuts(text: string): number[] {
  const cuts: number[] = [];
  const re = /\s+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > 0) cuts.push(m.index);
  return cuts;
}

/** Word boundaries from the ICU segmenter: the only sensible cuts in CJK text, which has no spaces. */
function segmenterCuts(text: string): number[] {
  const cuts: number[] = [];
  for (const seg of wordSegmenter.segment(text)) if (seg.index > 0) cuts.push(seg.index);
  return cuts;
}

/** Code point boundaries, the last resort for one giant "word"; never splits a surrogate pair. */
function codePointCuts(text: string): number[] {
  const cuts: number[] = [];
  let i = 0;
  for (const ch of text) {
    i += ch.length;
    if (i < text.length) cuts.push(i);
  }
  return cuts;
}

/** The longest cut whose rendering fits, by binary search (rendering grows with the prefix). */
function bestCut(
  text: string,
  cuts: number[],
  fits: (prefix: string) => boolean,
): number | undefined {
  let lo = 0;
  let hi = cuts.length - 1;
  let best: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cut = cuts[mid]!;
    if (fits(text.slice(0, cut))) {
      best = cut;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/** Removes the dangling punctuation a cut can leave ("China's," → "China's") before the ellipsis. */
function tidyCut(prefix: string): string {
  return prefix.replace(/[\s,;:([{"'“‘-]+$/u, '');
}

/**
 * Renders `raw` and, if that exceeds `max` characters, shortens the RAW text at a word boundary
 * (or, when the last boundary that fits leaves less than two thirds of the room, at any
 * character) and appends "…" before rendering again. Every title, name and quote the bot shows
 * is cut here. Trimming the source rather than the rendered string is
 * what guarantees a cut never lands inside an escape, a bold run or a link.
 *
 * @example fitText('GPT-4 and *Ernie*', 12) // 'GPT-4 and…' (escaped)
 */
export function fitText(
  raw: string,
  max: number,
  render: (text: string) => string = escapeMarkdown,
): string {
  const whole = render(raw);
  if (whole.length <= max) return whole;
  if (max < ELLIPSIS.length) return '';
  const fits = (prefix: string) => render(tidyCut(prefix) + ELLIPSIS).length <= max;

  const byWhitespace = bestCut(raw, whitespaceCuts(raw), fits);
  // A whitespace cut that keeps less than two thirds of the room is a poor one (long CJK runs, URLs).
  const minGood = Math.floor(max * (2 / 3));
  let cut = byWhitespace;
  if (cut === undefined || render(raw.slice(0, cut)).length < minGood) {
    const bySegment = bestCut(raw, segmenterCuts(raw), fits);
    if (bySegment !== undefined && (cut === undefined || bySegment > cut)) cut = bySegment;
  }
  // Still poor (one giant word: "Search: Qwenqqqq…"): a hard cut shows more than a lone first word.
  if (cut === undefined || render(raw.slice(0, cut)).length < minGood) {
    const hard = bestCut(raw, codePointCuts(raw), fits);
    if (hard !== undefined && (cut === undefined || hard > cut)) cut = hard;
  }
  if (cut === undefined) return ELLIPSIS.length <= max ? ELLIPSIS : '';
  return render(tidyCut(raw.slice(0, cut)) + ELLIPSIS);
}

/**
 * Joins rendered lines until the next would not fit, then says how many were left out.
 * Lines are kept whole: a list item is either shown or counted, never half-shown.
 */
export function joinLinesWithin(lines: string[], max: number, moreLabel: (n: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const remaining = lines.length - i - 1;
    const tail = remaining > 0 ? 1 + moreLabel(remaining).length : 0;
    const added = (kept.length > 0 ? 1 : 0) + line.length;
    if (length + added + tail > max) {
      const more = moreLabel(lines.length - i);
      if (length + (kept.length > 0 ? 1 : 0) + more.length <= max) kept.push(more);
      break;
    }
    kept.push(line);
    length += added;
  }
  return kept.join('\n');
}
