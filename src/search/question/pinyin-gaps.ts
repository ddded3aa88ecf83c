import { charactersRead, chineseGloss } from './chinese-words.js';

/**
 * A character the writer cannot write, typed in pinyin in the middle of the Chinese ("百度的ji器人",
 * "那种xin片", "云从科ji"), as children and learners do. Left as it is, "ji" is a word no passage
 * holds and "器人" a name read aloud. A syllable glued to characters is read as the character that
 * makes a word with them: 机器人, 芯片, 科技. Only when one character does: the glossary's words and
 * the names first (芯片, not 新片 "new film"), then CC-CEDICT's; two that fit leave it as typed.
 * Never a syllable that is part of a name in Latin letters ("sun xin的") nor one before a particle
 * (的, 了, 是 …), where a word cannot be told.
 */

const BEFORE_HAN = /(?<![A-Za-z0-9]|[A-Za-z0-9]\s)([a-z]{1,6})(\p{Script=Han}{1,3})/gu;
const AFTER_HAN = /(\p{Script=Han}{1,3})([a-z]{1,6})(?![A-Za-z0-9]|\s[A-Za-z0-9])/gu;
const PARTICLE = /^[的了是吗呀呢吧啊么和与也都就在]/u;

/** @param preferred the glossary's words and the names, which a question about this news most likely means. */
export function createPinyinGapReader(preferred: ReadonlySet<string>): (text: string) => string {
  /** The one character of the syllable's sound that makes a word with the characters beside it, the longest word first. */
  const meant = (syllable: string, han: string, before: boolean): string | undefined => {
    const characters = charactersRead(syllable);
    if (!characters.length) return undefined;
    for (let k = han.length; k >= 1; k--) {
      const next = before ? han.slice(0, k) : han.slice(-k);
      if (PARTICLE.test(before ? next : next.slice(-1))) continue;
      const words = characters.map((c) => (before ? c + next : next + c)).filter((w) => preferred.has(w) || chineseGloss(w) !== null);
      if (!words.length) continue;
      const likely = words.filter((w) => preferred.has(w));
      const pick = likely.length ? likely : words;
      return pick.length === 1 ? (before ? [...pick[0]!][0] : [...pick[0]!].at(-1)) : undefined;
    }
    return undefined;
  };
  return (text) =>
    text
      .replace(BEFORE_HAN, (all, syllable: string, han: string) => {
        const c = meant(syllable, han, true);
        return c ? c + han : all;
      })
      .replace(AFTER_HAN, (all, han: string, syllable: string) => {
        const c = meant(syllable, han, false);
        return c ? han + c : all;
      });
}
