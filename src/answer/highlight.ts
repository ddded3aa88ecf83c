/**
 * Where a snippet matched the question, for renderers to highlight (bold in Discord, bold on a
 * colour terminal). The stored snippet is never changed; renderers mark these spans as they print.
 */

import { escapeRegExp } from '../search/question/answer-types.js';

/** CJK has no spaces, so a "word boundary" there would never match; such terms match anywhere. */
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Word terms must not match inside a longer word ("AI" in "Baidu's AIGC"). The right boundary is a
 * lookahead; the left one is checked in code (`startsWord`), because a lookbehind makes V8 try the
 * whole pattern at every position, about six times slower on a typical snippet.
 */
function termsPattern(terms: string[]): RegExp {
  const words = terms.filter((t) => !HAS_CJK.test(t)).map(escapeRegExp);
  const cjk = terms.filter((t) => HAS_CJK.test(t)).map(escapeRegExp);
  const parts: string[] = [];
  if (words.length > 0) parts.push(`(?:${words.join('|')})(?![\\p{L}\\p{N}])`);
  if (cjk.length > 0) parts.push(`(?:${cjk.join('|')})`);
  return new RegExp(parts.join('|'), 'giu');
}

const WORD_CHAR_AT_END = /[\p{L}\p{N}]$/u;

function startsWord(text: string, start: number, match: string): boolean {
  return HAS_CJK.test(match) || start === 0 || !WORD_CHAR_AT_END.test(text.slice(Math.max(0, start - 2), start));
}

export type Span = [start: number, end: number];

/** Finders by term set: every answer of a busy bot would otherwise compile the same regex again. */
const cache = new Map<string, (text: string) => Span[]>();
const CACHE_SIZE = 256;

/**
 * Returns a function giving the spans of `text` that match the terms, adjacent ones merged
 * ("****" between two bold runs would not render as bold), or null when no term is usable.
 */
export function matchFinder(terms: readonly string[]): ((text: string) => Span[]) | null {
  // Longest first, so "Ernie Bot" wins over "Ernie" where both match.
  const usable = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 2))].sort(
    (a, b) => b.length - a.length || a.localeCompare(b),
  );
  if (usable.length === 0) return null;
  const key = usable.join('\u0000');
  const cached = cache.get(key);
  if (cached) return cached;
  const pattern = termsPattern(usable);
  const find = (text: string) => {
    const spans: Span[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      if (!startsWord(text, start, m[0])) {
        pattern.lastIndex = start + 1; // a shorter term may still start right after this one
        continue;
      }
      const end = start + m[0].length;
      const last = spans.at(-1);
      if (last && /^\s*$/.test(text.slice(last[1], start))) last[1] = end;
      else spans.push([start, end]);
    }
    return spans;
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, find);
  return find;
}

/** Wraps each matched span of `text` with `mark`, passing unmatched and matched text through `escape`. */
export function markMatches(text: string, find: (text: string) => Span[], mark: (s: string) => string, escape = (s: string) => s): string {
  let out = '';
  let at = 0;
  for (const [start, end] of find(text)) {
    out += escape(text.slice(at, start)) + mark(escape(text.slice(start, end)));
    at = end;
  }
  return out + escape(text.slice(at));
}
