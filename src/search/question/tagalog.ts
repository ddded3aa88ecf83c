import { isWrittenIn, readMixedLanguage, type MixedLanguage } from './mixed-language.js';

/**
 * Taglish: Tagalog mixed with English, as people in Manila chat ("Ilan na ba yung LLMs na nilabas ng
 * China?", "Sino yung founder ng Baichuan?"). The Tagalog words carry what is asked (ilan = how many,
 * sino = who, kailan = when) and the grammar (ng, sa, yung, ba); English verbs take Tagalog affixes
 * with a hyphen ("na-approve", "nag-announce", "i-compete"). Taglish messages hold many Tagalog
 * words, so two of them mark one; a lone "sino" or "ano" in an English message is left alone.
 */

/** Tagalog question words ("-ng" links them to the next word: "anong model" = what model). */
const QUESTION_WORDS: Readonly<Record<string, string>> = {
  ano: 'what', anong: 'what', sino: 'who', sinong: 'who', kanino: 'whose', alin: 'which', aling: 'which',
  ilan: 'how many', ilang: 'how many', magkano: 'how much', kailan: 'when', kelan: 'when', saan: 'where',
  saang: 'which', paano: 'how', pano: 'how', papaano: 'how', gaano: 'how', bakit: 'why',
};

const OTHER_WORDS: Readonly<Record<string, string>> = {
  // Grammar: markers and linkers, pronouns, particles ("ba" asks, "daw" reports, "po" is polite).
  ang: '', ng: '', nang: '', sa: '', si: '', ni: '', kay: '', mga: '', na: '', ba: '', po: '', opo: '',
  yung: '', iyong: '', yun: '', iyon: '', ito: '', yan: '', iyan: '', dito: '', doon: '', dun: '', diyan: '',
  daw: '', raw: '', pa: '', naman: '', lang: 'only', lamang: 'only', din: 'also', rin: 'also', talaga: '',
  pala: '', kasi: '', eh: '', nga: '', sana: '', muna: '', diba: '', ko: '', mo: '', niya: '', nya: '',
  sya: '', siya: '', syang: '', siyang: '', niyang: '', nyang: '', kanilang: '', ating: '', nila: '', natin: '', namin: '', kami: '', tayo: '', sila: '', nito: '', niyan: '',
  nung: '', noong: '', nitong: '', ung: '', grabe: '', pre: '', tol: '', beh: '',
  // Joining words and a few everyday ones that the articles' English says often.
  at: 'and', o: 'or', kung: 'if', para: 'for', tungkol: 'about', galing: 'from', mula: 'since',
  hanggang: 'until', pagkatapos: 'after', ngayon: 'now', dati: 'former', meron: 'have', mayroon: 'have',
  wala: 'no', hindi: 'not', kaya: 'can', pwede: 'can', puwede: 'can', lahat: 'all', marami: 'many',
  dami: 'many', una: 'first', unang: 'first', huli: 'last', huling: 'last', mas: 'more', pinaka: 'most',
  // Facts asked, in the articles' English.
  taon: 'year', taong: 'year', buwan: 'month', petsa: 'date', pangalan: 'name', presyo: 'price',
  milyon: 'million', bilyon: 'billion', kumpanya: 'company', kompanya: 'company', gobyerno: 'government',
  bansa: 'country', mundo: 'world', tao: 'people', sabi: 'said', sinabi: 'said', sinasabi: 'said',
  tawag: 'called', tinatawag: 'called', tinawag: 'called', ginawa: 'made', gumawa: 'made', gawa: 'made',
  nilabas: 'released', inilabas: 'released', naglabas: 'released', tinayo: 'founded', itinayo: 'founded',
  nagtayo: 'founded', kasama: 'included', malaki: 'big', kalaki: 'big', pinakamalaki: 'biggest', mataas: 'high',
};

/** Tagalog's own words: English has "at", "sa", "na", "si" and "pa" too, and an English question keeps them. */
const MARKERS = new Set([
  ...Object.keys(QUESTION_WORDS),
  'ang', 'ng', 'mga', 'ba', 'po', 'yung', 'iyong', 'yun', 'ito', 'yan', 'dun', 'daw', 'naman', 'lang', 'talaga',
  'kasi', 'diba', 'niya', 'nya', 'sya', 'siya', 'nila', 'nung', 'noong', 'meron', 'mayroon', 'ngayon', 'taon',
  'sabi', 'kasama', 'lahat', 'nilabas', 'tinayo', 'ginawa', 'tawag', 'pangalan', 'kumpanya',
]);

export const TAGALOG: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  markers: MARKERS,
  phrases: [
    // "Sino-sino" / "ano-ano" (who all, what all) ask for a list: one word is enough.
    [/\b(sino|ano|ilan|saan|alin)-\1\b/giu, '$1'],
    // "Ilang taon na si X?" asks X's age, as "how many years" does not.
    [/\bilang\s+taon\s+na\s+(?:ba\s+)?(?:si|ang)\b/giu, 'how old is'],
    // Tagalog affixes on English verbs: "na-approve", "nag-announce", "i-compete", "in-unveil".
    [/(?<![\p{L}\p{N}-])(?:na|nag|mag|in|i|ma|naka|nai|pina|ipa|pag)-(?=\p{L})/giu, ''],
  ],
};

/** Is this message Taglish: two different words only Tagalog uses? */
export const isTagalog = (text: string): boolean => isWrittenIn(text, TAGALOG);

/**
 * A Taglish message in English words, for analysis: "Sino yung founder ng Baichuan?" → "who founder
 * Baichuan?". Any other message is returned as it is.
 */
export const readTagalog = (text: string): string => readMixedLanguage(text, TAGALOG);
