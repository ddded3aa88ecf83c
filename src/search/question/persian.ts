import type { MixedLanguage } from './mixed-language.js';

/**
 * Persian written in Latin letters ("Finglish") with English words, as an Iranian student chats
 * ("Ernie Bot chand ta user dare?", "founder 01.AI ki-e?", "Zhipu AI key tasis shod?"). The topic
 * is in English; the Persian words ask (chand = how many, ki = who, key = when, chera = why, koja =
 * where, kodoom = which, chi = what) and carry the grammar. Suffixes hang on English words with a
 * hyphen ("LLM-haye chini", "model-esh", "chi-e"): they are read away before the words are.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  chand: 'how many', chandta: 'how many', chande: 'how much', chanda: 'how many', ki: 'who', kia: 'who', kian: 'who',
  key: 'when', kei: 'when', chera: 'why', cheraa: 'why', koja: 'where', kojast: 'where', kodoom: 'which', kodom: 'which',
  kodum: 'which', kudum: 'which', kudoom: 'which', chi: 'what', chie: 'what is', chetor: 'how', chetori: 'how',
  chetorie: 'how', chejoori: 'how',
};

/**
 * Words English or another table spells ("key", "chi", "ki", "chand", "kia"): alone they mark no
 * message. "key" is read as when only in a message already Persian, as is "chi" (the Greek letter).
 */
const SHARED_WITH_OTHERS = ['ki', 'kia', 'key', 'kei', 'chi', 'chand', 'chanda'];

/** Grammar, address and politeness no English word spells: one alone marks a message. */
const PERSIAN_ONLY: Readonly<Record<string, string>> = {
  lotfan: '', lotfa: '', mersi: '', dadash: '', dadashi: '', aya: '', daghighan: 'exactly', dagighan: 'exactly',
  hastan: '', hast: '', nist: 'not', mishe: '', mishavad: '', mikone: '', mikonan: '', kard: '', kardan: '', karde: '',
  kardand: '', shod: '', shode: '', shodan: '', gereft: 'got', gereftan: 'got', gerefte: 'got', daran: 'have',
  dasht: 'had', dashtan: 'had', gofte: 'said', goft: 'said', migan: 'say', migoft: 'said', baraye: 'for', sherkat: 'company',
  sherkate: 'company', tasis: 'founded', esm: 'name', esmesh: 'name', chini: 'Chinese',
  nesbat: 'compared', ghabli: 'previous', ghablan: 'previously', bishtar: 'more', bishtarin: 'most', kamtar: 'less',
  tedad: 'number', darsad: 'percent', barabar: 'times', gheymat: 'price', karmand: 'employees',
  donya: 'world', keshvar: 'country', vazir: 'minister', daneshgah: 'university', hamkari: 'collaboration', tolid: 'production',
  montasher: 'published', moarefi: 'introduced', molaghat: 'met', akhar: 'last', avvalin: 'first', dovomin: 'second',
  chaharom: 'fourth', dalil: 'reason', emsal: 'this year', parsal: 'last year', farda: 'tomorrow', emrooz: 'today',
};

/**
 * Words read only in a Persian message: "va", "ba", "az", "ta", "ro" and "dare" are also English,
 * French or Spanish, "alan" a name, "sale" English, "merci" French, "kam" Hindi (less) too.
 */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...PERSIAN_ONLY,
  va: 'and', ba: 'with', az: 'from', ta: '', ro: '', dar: 'in', too: 'in', ke: '', ye: 'a', oon: 'that', merci: '',
  dare: 'has', alan: 'now', sal: 'year', sale: 'year', kam: 'fewer',
  bood: 'was', boodan: 'were', hame: 'all', khob: '', salam: '', khoob: 'good', beh: '', be: 'to', e: '',
};

export const PERSIAN: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("chand ta", "ki va …").
  markers: new Set(['ki', 'key', 'chi', 'chand', 'va', 'ta', 'ro', 'az', 'ke', 'ye', 'bood', 'too']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(PERSIAN_ONLY)]),
  // "ki-e" (who is) and "chi-e" (what is) ask alone; so does "chand ta" (how many).
  markedBy: /\b(?:ki|chi)-(?:e|an|ye)\b|\bchand\s+ta\b/iu,
  phrases: [
    // Suffixes on English words: plural -ha/-haye, possessive -esh/-am/-et, -e/-ye (of, is), -tar/-tarin
    // (more, most). "ki-e" becomes "ki", who.
    [/(?<=\p{L}{2})-(?:haye|hay|ha|esh|ash|am|et|e|ye|i|ro|tar|tarin)\b/giu, ''],
    [/\bchand\s+ta\b/giu, 'how many'],
    [/\bchand\s+darsad\b/giu, 'what percent'],
    [/\bchand\s+barabar\b/giu, 'how many times'],
  ],
};
