import { chineseGloss, readingsOfCharacter } from './chinese-words.js';

/**
 * Chinese typed by pinyin and never checked: the input method offers characters that sound alike,
 * and a hurried writer takes the wrong one (疼讯 for 腾讯, 公思 for 公司, 发部 for 发布, 大魔型 for
 * 大模型, 李艳红 for 李彦宏). No dictionary knows such a word, so the segmenter leaves it in single
 * characters, and each character then reads as something else (疼 "ache", 思 "think"). A stretch of
 * such characters that sounds like a name or a glossary word, and is no word itself, is read as
 * that word (a name's terms, a glossary word's English). What the writer typed is what surfaces echo.
 */

const HAN = /^\p{Script=Han}+$/u;
const MAX_CHARS = 4;
/** Readings per word at most: a word of four characters with several readings each stays cheap. */
const MAX_KEYS = 16;

/**
 * A syllable as a hurried typist may mean it: zh/ch/sh typed as z/c/s, the confusion of southern
 * Mandarin and of fuzzy-pinyin input methods (桑汤 sang tang for 商汤 shang tang). Names only: a plain word
 * mended so loosely turns 馆自 (guan zi, of 图书馆自习室) into 管制 (guan zhi, restrictions).
 */
const fuzzy = (syllable: string) => syllable.replace(/^([zcs])h/, '$1');

/** Numerals: 第四 (fourth) sounds as 底时 (when), 一千 (a thousand) as 以前 (before). */
const NUMERAL = /[零一二三四五六七八九十百千万亿两第几]/u;

/** The ways a run of characters can be read aloud; none when a character has no reading. */
function soundsOf(text: string, loosely: boolean): string[] {
  let keys = [''];
  for (const ch of text) {
    const readings = [...new Set(readingsOfCharacter(ch).map((r) => (loosely ? fuzzy(r) : r)))];
    if (!readings.length) return [];
    keys = keys.flatMap((k) => readings.map((r) => `${k} ${r}`)).slice(0, MAX_KEYS);
  }
  return keys;
}

/** A piece of an unknown word, and the word it sounds like, if any. */
export interface MendedPiece {
  text: string;
  meant?: string;
}

export type HomophoneMender = (word: string) => MendedPiece[];

/**
 * @param names names of two to four characters (百度, 商汤, 李彦宏), matched by sound loosely.
 * @param words glossary words (公司, 发布, 参数), matched by sound exactly, and never from a stretch
 * with a numeral in it. A sound two of them share is left alone: which one was meant cannot be told.
 * The mender is given only words no dictionary knows, which the segmenter would otherwise read as a
 * name: a word it knows, or one cut at a function word (了, 是, 的), is what the writer meant.
 */
export function createHomophoneMender(names: Iterable<string>, words: Iterable<string>): HomophoneMender {
  const fits = (word: string) => [...word].length >= 2 && [...word].length <= MAX_CHARS && HAN.test(word);
  const index = (targets: Iterable<string>, loosely: boolean) => {
    const bySound = new Map<string, string | null>();
    for (const word of new Set(targets)) {
      if (!fits(word)) continue;
      for (const sound of soundsOf(word, loosely)) bySound.set(sound, bySound.has(sound) && bySound.get(sound) !== word ? null : word);
    }
    return bySound;
  };
  const byName = index(names, true);
  const byWord = index(words, false);
  const lookUp = (span: string, bySound: Map<string, string | null>, loosely: boolean) => {
    for (const sound of soundsOf(span, loosely)) {
      const word = bySound.get(sound);
      if (word && word !== span && word.length === span.length) return word;
    }
    return undefined;
  };
  const meant = (span: string): string | undefined => {
    if (!HAN.test(span) || chineseGloss(span) !== null) return undefined;
    return lookUp(span, byName, true) ?? (NUMERAL.test(span) ? undefined : lookUp(span, byWord, false));
  };
  return (word) => {
    const chars = [...word];
    const pieces: MendedPiece[] = [];
    let plain = '';
    for (let i = 0; i < chars.length; ) {
      // The longest stretch first, left to right ("多扫钱" is 多少 and 钱).
      let found: { span: string; target: string } | undefined;
      for (let j = Math.min(chars.length, i + MAX_CHARS); j >= i + 2 && !found; j--) {
        const span = chars.slice(i, j).join('');
        // A character that makes a word with its neighbour outside the stretch is that word's (走红时 is 走红 + 时).
        const bonds = (i > 0 && chineseGloss(chars[i - 1]! + chars[i]!) !== null) || (j < chars.length && chineseGloss(chars[j - 1]! + chars[j]!) !== null);
        const target = bonds ? undefined : meant(span);
        if (target) found = { span, target };
      }
      if (!found) {
        plain += chars[i++];
        continue;
      }
      if (plain) pieces.push({ text: plain });
      plain = '';
      pieces.push({ text: found.span, meant: found.target });
      i += [...found.span].length;
    }
    if (plain) pieces.push({ text: plain });
    return pieces;
  };
}
