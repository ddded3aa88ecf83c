import type { MixedLanguage } from './mixed-language.js';

/**
 * Swahili and Sheng in English questions, as people in Nairobi or Dar es Salaam chat ("China
 * ilirelease LLMs ngapi 2023?", "CEO wa Zhipu ni nani?", "Ernie ililaunch lini bana?"). The nouns are
 * English; the Swahili word asks (ngapi = how many, nani = who, lini = when, kwa nini / mbona = why,
 * wapi = where, gani = which, nini = what), and it usually ends the question. Left as they are, they
 * are words no passage holds, and the typo mender turns them into English ones ("lini" → "line").
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  ngapi: 'how many', wangapi: 'how many', ngap: 'how many', nani: 'who', lini: 'when', mbona: 'why',
  wapi: 'where', gani: 'which', nini: 'what', vipi: 'how', aje: 'how',
};

/** Fillers, address and words no English word spells: one alone marks a message ("ngapi users bana?"). */
const SWAHILI_ONLY: Readonly<Record<string, string>> = {
  kweli: 'true', bana: '', manze: '', msee: '', sasa: '', kwani: '', pia: 'also', sana: '',
  hii: 'this', hiyo: 'that', hizo: 'those', kuna: 'there is', ilikuwa: 'was', walikuwa: 'were', mwaka: 'year',
  mwezi: 'month', tarehe: 'date', watu: 'people', kampuni: 'company', serikali: 'government', watumiaji: 'users',
  mwanzilishi: 'founder', ilianzishwa: 'founded', asilimia: 'percent', milioni: 'million', bilioni: 'billion',
  pesa: 'money', marekani: 'US', uchina: 'China', jina: 'name', lakini: 'but', nchi: 'country', hasa: '',
  miaka: 'years', umri: 'age', inaitwa: 'called', anaitwa: 'called', alikutana: 'met', walikutana: 'met',
  mkurugenzi: 'director', mkuu: 'chief',
};

/**
 * Other words, read only in a Swahili message: "na", "ni", "si", "wa" and "ya" are other languages'
 * words too, "tu" is Hindi, "bei" German, "ama" Tagalog, "buda" a name, "je" French (in Swahili
 * it only opens a question).
 */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...SWAHILI_ONLY,
  na: 'and', ni: 'is', si: 'not', wa: 'of', ya: 'of', za: 'of', la: 'of', kwa: 'for', kama: 'like', hao: 'they',
  tu: 'only', bei: 'price', ama: 'or', buda: '', je: '',
};

export const SWAHILI: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  markers: new Set(['ni', 'wa', 'za', 'kwa', 'kama', 'si']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS), ...Object.keys(SWAHILI_ONLY)]),
  phrases: [
    // "kwa nini" is why; "ni kweli" asks whether it is true.
    [/\bkwa\s+nini\b/giu, 'why'],
    [/\bni\s+kweli\b/giu, 'is it true'],
    // "gani" follows its noun: "mwaka gani" is which year, "kampuni gani" which company.
    [/\b(\p{L}+)\s+gani\b/giu, 'gani $1'],
    // Sheng puts Swahili tense prefixes on English verbs: "ilirelease" (it released), "walilaunch",
    // "ameinvest". The verb alone is what a passage holds.
    [/\b(?:[aiu]|wa|zi|ku)(?:li|me|na|ta)(?=(?:release|launch|found|approve|announce|invest|visit|meet|buy|pay|build|develop|train|start|sign|ban|raise|open|say|get)[a-z]*\b)/giu, ''],
  ],
};
