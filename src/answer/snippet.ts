import { leansOnPrevious, type Passage } from '../knowledge/passages.js';

/** Longest snippet quoted as is; longer ones are trimmed at word boundaries around the matches. */
export const MAX_SNIPPET_CHARS = 480;

/** A sentence that opens like this continues the one before it ("This decline…", "As a result, …"). */
const CONTINUES_PREVIOUS =
  /^(?:["“'‘(]?)(?:this|these|that|those|it|its|such|as a result|as such|therefore|thus|hence|in turn|consequently|because of this|for (?:example|instance)|in fact|that is|he|she|they|their|each (?:of (?:them|these|those)|company|firm)|(?:both|all|some|many|most|none) of (?:them|these|those)|among them|the (?:company|firm|startup|move|plan|report|study|group|model|draft|government))\b/i;

/** A sentence that points back with "these"/"those" ("…the first recipients of these approvals") is about the one before. */
const REFERS_BACK = /\b(?:these|those)\s+\p{L}+/iu;

export interface SnippetSpan {
  /** Passages quoted, in reading order (the best one plus neighbours it leans on or runs into). */
  passages: Passage[];
  text: string;
}

/**
 * The verbatim text to quote for `best`: the sentence itself, the sentence before it when it opens
 * with a pronoun, and the sentence after it when that one carries the thought on, or when
 * `completes` says it holds what the question asks that `best` lacks ("…the “Four AI Tigers”:
 * SenseTime, …" is followed by "As of now, only SenseTime and CloudWalk have launched large models").
 * Neighbours join only within the same block (paragraph), so the quote stays one stretch of the article's text.
 */
export function quoteSpan(best: Passage, articlePassages: readonly Passage[], body: string, completes: (next: Passage) => boolean = () => false): SnippetSpan {
  let first = best;
  let last = best;
  const prev = articlePassages[best.index - 1];
  if (leansOnPrevious(best, prev)) first = prev;
  const next = articlePassages[best.index + 1];
  // Only within the block: a quote never runs across a heading, a list item or a paragraph break,
  // which the article never writes as one line ("…each of these players: Chinese Tech Giants").
  if (next && next.block === best.block && next.kind !== 'heading' && (CONTINUES_PREVIOUS.test(next.text) || REFERS_BACK.test(next.text) || best.text.endsWith(':') || completes(next))) {
    last = next;
  }
  const passages = articlePassages.slice(first.index, last.index + 1);
  return { passages, text: body.slice(first.start, last.end) };
}

/**
 * Trims `text` to at most `max` characters at word boundaries, keeping the stretch with the most
 * matched words, and marks each cut with "…". Never rewrites what it keeps.
 */
export function trimSnippet(text: string, matchedWords: readonly string[], max = MAX_SNIPPET_CHARS): string {
  if (text.length <= max) return text;
  const hits = findHits(text, matchedWords);
  // Candidate window starts: the text start and each word start.
  const starts = [0];
  for (const m of text.matchAll(/\s+(?=\S)/g)) starts.push(m.index + m[0].length);
  let best = { start: 0, count: -1 };
  for (const start of starts) {
    if (start > text.length - max / 2 && best.count >= 0) break;
    const count = hits.filter((h) => h >= start && h < start + max - 2).length;
    if (count > best.count) best = { start, count };
  }
  let end = Math.min(text.length, best.start + max - (best.start > 0 ? 2 : 1));
  if (end < text.length) {
    const cut = text.lastIndexOf(' ', end);
    if (cut > best.start) end = cut;
  }
  const body = text.slice(best.start, end).replace(/[\s,;:–-]+$/, '');
  return `${best.start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

function findHits(text: string, words: readonly string[]): number[] {
  const lower = text.toLowerCase();
  const hits: number[] = [];
  for (const w of words) {
    const needle = w.toLowerCase();
    if (!needle) continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) hits.push(i);
  }
  return hits;
}
