import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A lookup in a text of sorted "key<TAB>value" lines, searched in place: splitting a word list of
 * tens of thousands of lines into an array takes longer than reading it, and costs memory for
 * every line, where a question looks up a handful of words.
 */
export function lookupSortedLine(text: string, key: string, from = 0): string | null {
  // A binary search over the sorted lines, each found around the middle of what is left.
  let lo = from;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const start = text.lastIndexOf('\n', mid - 1) + 1;
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const tab = text.indexOf('\t', start); // every line is key<TAB>value
    const found = text.slice(start, tab);
    if (found === key) return text.slice(tab + 1, end);
    if (found < key) lo = end + 1;
    else hi = start;
  }
  return null;
}

/** The order the lines are sorted in, and searched by: UTF-16 code units, as `<` compares. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where the build leaves a word list: `dist/` of the package this file belongs to. */
export function builtListFile(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return join(dir, 'dist', name);
}
