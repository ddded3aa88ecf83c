import type { MixedLanguage } from './mixed-language.js';

/**
 * Dutch words in English questions, as a Dutch speaker chats in English ("hoeveel LLMs did China
 * release in 2023 eigenlijk?", "wie is the CEO of Zhipu?", "wanneer launched Baidu Ernie, toch?").
 * The nouns are English; the Dutch word is the one that asks (hoeveel = how many, wie = who, wanneer
 * = when, waarom = why, welke = which) or a filler (eigenlijk, toch, nou). Left as they are, they are
 * words no passage holds, and the typo mender turns them into English ones ("wie" → "wife").
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  hoeveel: 'how many', hoelang: 'how long', wie: 'who', wanneer: 'when', waarom: 'why', waar: 'where',
  welke: 'which', welk: 'which', wat: 'what', hoe: 'how',
};

/**
 * "wat" and "hoe" are English chat and words ("wat?", a garden hoe), "wie" and "waar" German or a
 * name: alone they mark no message.
 */
const SHARED_WITH_OTHERS = ['wat', 'hoe', 'wie', 'waar'];

/** Fillers and words no English word spells: one alone marks a message ("hoeveel users has Ernie?"). */
const DUTCH_ONLY: Readonly<Record<string, string>> = {
  eigenlijk: '', toch: '', dus: '', precies: 'exactly', ongeveer: 'about', heeft: 'has', hebben: 'have',
  werd: 'was', wordt: 'is', niet: 'not', geen: 'no', ook: 'also', nog: 'still', het: '', een: 'a', jaar: 'year',
  bedrijf: 'company', bedrijven: 'companies', gebruikers: 'users', opgericht: 'founded', oprichter: 'founder',
  uitgebracht: 'released', gelanceerd: 'launched', goedgekeurd: 'approved', modellen: 'models', miljoen: 'million',
  miljard: 'billion', procent: 'percent', regering: 'government', overheid: 'government', eerste: 'first',
  laatste: 'last', bezocht: 'visited', ontmoet: 'met', ontmoette: 'met',
};

/**
 * Other words, read only in a Dutch message: "van", "de", "even" and "nou" are English or names too.
 * Not read at all: "met" (English "met"), "die" and "was", which English questions need as they are.
 */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...DUTCH_ONLY,
  de: '', van: 'of', voor: 'for', door: 'by', zijn: 'are', maar: 'but', er: '', nou: '',
  dat: 'that', deze: 'this', dit: 'this', nu: 'now', maand: 'month', naam: 'name', heet: 'called',
  uit: 'from', bij: 'at', naar: 'to', wel: '', zo: '', even: '', hè: '', he: '',
};

export const DUTCH: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("wie is de CEO, wat is de naam?"); not "van", a name's particle, nor
  // "de", "dat" or "wel", which Pidgin and English chat type.
  markers: new Set(['wie', 'wat', 'waar', 'hoe', 'voor', 'zijn', 'maar', 'deze', 'dit', 'naam', 'heet']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(DUTCH_ONLY)]),
  // "wie is …" asks who (German writes "wer ist"; its "wie" asks how).
  markedBy: /\bwie\s+(?:is|was|waren|zijn)\b/iu,
  phrases: [
    // "hoe lang" is how long, "hoe veel" how many, "hoe heet" what is the name of.
    [/\bhoe\s+lang\b/giu, 'how long'],
    [/\bhoe\s+veel\b/giu, 'how many'],
    [/\bhoe\s+heet\b/giu, 'what is the name of'],
    [/\bin\s+welk(?:e)?\s+jaar\b/giu, 'in which year'],
  ],
};
