import type { MixedLanguage } from './mixed-language.js';

/**
 * Tamil written in Latin letters ("Tanglish") with English words, as people in Chennai or Coimbatore
 * chat ("china 2023 la evlo LLM release pannanga machi?", "Baidu oda chatbot eppo launch aachu?").
 * The nouns and often the verbs are English; the Tamil words ask (evlo and ethana = how many, yaaru =
 * who, eppo = when, en = why, enga = where, entha = which, enna = what) and carry the grammar (oda = of,
 * la = in, ku = to, ah and aa close a yes/no question, thaane = isn't it, pannanga = they did).
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  evlo: 'how many', evalo: 'how many', evvalavu: 'how many', yevlo: 'how many', ethana: 'how many', ethanai: 'how many',
  ethini: 'how many', yaaru: 'who', yaru: 'who', yaarellam: 'who', yaaroda: 'whose', eppo: 'when', eppodhu: 'when',
  eppothu: 'when', en: 'why', yen: 'why', edhuku: 'why', ethuku: 'why', edhukku: 'why', ethukku: 'why', enga: 'where',
  engae: 'where', enge: 'where', entha: 'which', endha: 'which', edhu: 'which', ethu: 'which', enna: 'what', yenna: 'what',
  epdi: 'how', eppadi: 'how', yeppadi: 'how',
};

/** Verbs and words no English word spells: one alone marks a message ("qwen ah yaaru develop pannadhu?"). */
const TAMIL_ONLY: Readonly<Record<string, string>> = {
  machi: '', thaane: '', aachu: '', aagum: '', aagiruku: '', aagala: 'not', iruku: '', irukku: '', irukaanga: '',
  irundhuchu: '', irundhaanga: '', irundha: '', irundhu: 'from', irundhum: 'despite', sonnaaru: 'said', sonnanga: 'said',
  sonnadhu: 'said', solraanga: 'say', solluchu: 'said', vaangitu: 'got', vaangina: 'got', vaangichu: 'got',
  vaanginanga: 'got', koduthuchu: 'gave', koduthaanga: 'gave', kedaikum: '', venuma: 'need', venum: 'need',
  mudiyaama: 'cannot', mudiyuma: 'can', pottanga: '', vandhaaru: 'came', vandhuchu: 'came', ponappo: 'visited',
  varusham: 'years', varushathuku: 'year', varushathula: 'year', moonu: 'three', rendu: 'two', naalu: 'four',
  jaasthi: 'more', adhigam: 'more', kammi: 'less', korainjidhu: 'decreased', korainjiduchu: 'decreased',
  seekiram: 'quickly', maadhiri: 'like', mattum: 'only', ellam: 'all', thavira: 'besides', moolama: 'through',
  varaikum: 'until', kulla: 'by', munnadi: 'before', kalichu: 'after', serthu: 'together', inniki: 'today',
  ippo: 'now', ivlo: 'so', avlo: 'so', theriyuma: 'know', konjam: '', paakuraanga: 'see', vechirukaanga: 'have',
  vechiruku: 'has', jeichaanga: 'won', jeichathu: 'won', varudhu: 'comes', kattradhuku: 'build',
};

/** Question words other languages or English spell too ("en" is French, "yen" money, "enga" and "edhu" rare names). */
const SHARED_WITH_OTHERS = ['en', 'yen', 'yaru', 'enge', 'edhu', 'ethu', 'enna'];

/** Words read only in a Tamil message: English or other languages have "la", "ku", "oda", "per", "padi" and "vida" too. */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...TAMIL_ONLY,
  oda: '', ooda: '', ku: '', kku: '', la: '', le: '', um: '', ah: '', aa: '', nu: '', da: '', di: '', pa: '', seri: '',
  illa: '', illaya: '', illai: 'no', padi: 'according', kitta: '', vida: 'than', mela: 'over', keezha: 'under',
  oru: 'one', anju: 'five', vera: 'other', appo: 'then', aana: '', per: 'name', nee: 'you', un: 'your', naan: '',
  enakku: '', sollu: 'tell', thirumba: 'again', varum: 'come', pona: 'went', vitta: 'released',
};

/**
 * Forms of "to do" (but "panna", Italian cream) and verb endings no other language has: -aanga (they
 * did), -aaru (he did), -aachu (it became), -ichu and -uchu (it did).
 */
const TAMIL_VERB = /\bpann(?!a\b)\p{L}+|\p{L}(?:aanga|aaru|aachu|ichu|uchu)\b/iu;

export const TAMIL: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("Qwen oda parameters enna?").
  markers: new Set(['oda', 'ooda', 'ku', 'kku', 'nu', 'padi', 'kitta', 'illa', 'enna', 'edhu', 'per']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(TAMIL_ONLY)]),
  markedBy: TAMIL_VERB,
  phrases: [
    // A doubled question word asks for a list ("yaaru yaaru", who all): read once.
    [/\b(?:yaaru|yaru)\s+(?:yaaru|yaru)\b/giu, 'who'],
    [/\benna\s+enna\b/giu, 'what'],
    // "ethana per" (how many persons) asks a count; "per" alone is a name.
    [/\b(?:ethana|ethanai|evlo|evalo)\s+per\b/giu, 'how many'],
    // "evlo percentage" asks a share, which English asks with "how much".
    [/\b(?:evlo|evalo|ethana)\s+(?=percent|%|share)/giu, 'how much '],
    // "X thavira" (besides X) sets X aside, written after it: put it first, as English does.
    [/([\p{L}\p{N}.-]+)\s+thavira\b/giu, 'besides $1,'],
    [/\bthirumba\s+vandh\p{L}*/giu, 'returned'],
    // "to do" makes a verb of the English word before it ("launch pannanga", they launched): that word says it all.
    [/\bpan[nr]\p{L}*/giu, ''],
  ],
};
