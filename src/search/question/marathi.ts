import type { MixedLanguage } from './mixed-language.js';

/**
 * Marathi written in Latin letters with English words, as people in Pune or Mumbai chat ("china ne
 * 2023 madhe kiti LLM launch kele?", "Baidu cha chatbot kadhi aala?"). The nouns and often the verbs
 * are English; the Marathi words ask (kiti = how many, kon = who, kadhi and kevha = when, kuthe =
 * where, konta = which, kay = what, kasa = how) and carry the grammar (cha, chi, che and chya = of,
 * madhe = in, ahe = is, kela and kele = did, zhala = became). Marathi shares "kon", "ne", "nahi" and
 * "kami" with Hindi, where they mean the same, and "konta" with Bengali: those never mark a message
 * as Marathi, and this table is read after Hindi's, so that a Hinglish message keeps Hindi's reading.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  kiti: 'how many', kitti: 'how many', kitiek: 'how many', kadhi: 'when', kadi: 'when', kevha: 'when',
  kevhaa: 'when', kon: 'who', kona: 'whom', koni: 'who', konee: 'who', konala: 'whom', konacha: 'whose',
  konachi: 'whose', konache: 'whose', kontya: 'which', konti: 'which', konte: 'which', kuthe: 'where',
  kuthla: 'which', kuthli: 'which', kuthle: 'which', kuthun: 'from where', kay: 'what', kaay: 'what', kasa: 'how',
  kashi: 'how', kase: 'how', kashamule: 'why', kasha: 'why', kashala: 'why',
};

/** Grammar and words no English word spells: one alone marks a message ("Ernie Bot che users kiti?"). */
const MARATHI_ONLY: Readonly<Record<string, string>> = {
  ahe: '', aahe: '', ahet: '', aahet: '', nahiye: 'not', madhe: '', madhye: '', madhla: '', madhli: '',
  madhun: 'from', mhanje: 'meaning', mhanun: 'so', mhantat: 'called', mhanla: 'said', mhanale: 'said', sanga: '',
  saanga: '', kela: '', keli: '', kele: '', kelya: '', kelay: '', keleli: '', kelela: '', zhala: '', jhala: '',
  zhali: '', jhali: '', zhale: '', jhale: '', zhalay: '', jhalay: '', aala: 'came', aali: 'came', aale: 'came',
  aalay: 'came', ghetla: 'took', ghetli: 'took', ghetle: 'took', milala: 'got', milali: 'got', milale: 'got',
  milaale: 'got', sagla: 'all', sagle: 'all', saglya: 'all', saglyat: 'most', pahila: 'first', pahili: 'first',
  pahile: 'first', pahilya: 'first', varsha: 'year', varshi: 'year', varshat: 'year', varshanni: 'years',
  mahinyat: 'month', nantar: 'after', aadhi: 'before', paryant: 'until', peksha: 'than', jast: 'more',
  jaast: 'more', fakt: 'only', kharach: 'really', khara: 'true', khare: 'true', tyancha: '', tyanchi: '',
  tyanche: '', tyacha: '', tyachi: '', tyache: '', hyacha: '', hyachi: '', hyache: '', tyane: '', tyanni: '',
  aani: 'and', kinva: 'or', kinwa: 'or', sathi: 'for', banavla: 'made', banavli: 'made', banavle: 'made',
  suru: 'start', chalu: 'running', sarkarne: 'government', mothi: 'big', motha: 'big', mothe: 'big', bhau: '',
};

/** Question words other languages or English spell too ("kay" and "kasa" are names, "kashi" a city). */
const SHARED_WITH_OTHERS = ['kon', 'kona', 'kay', 'kasa', 'kashi', 'kase', 'kadi', 'kasha', 'konte', 'konti'];

/** Words read only in a Marathi message: English has "he", "ha", "to", "la", "pan" and "var", Hindi "na" and "ne". */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...MARATHI_ONLY,
  cha: '', chi: '', che: '', chya: '', la: '', na: '', ne: '', var: 'on', pan: 'also', ka: '', re: '', ho: '',
  he: '', ha: '', hi: '', ti: '', to: '', tya: 'that', ya: 'this', ek: 'one', don: 'two', teen: 'three',
  naav: 'name', nav: 'name', kami: 'less', itka: 'so', itki: 'so', itke: 'so', kade: '', shi: 'with', pat: 'times',
  hota: '', hoti: '', hote: '', hotya: '', sang: '', dila: 'gave', dili: 'gave', dile: 'gave', sarkar: 'government',
  navin: 'new', navi: 'new', mahine: 'months', dada: '', ani: 'and', adhi: 'before',
};

/** "launch karayla" (to launch), "release kelyanantar": verb forms no other language has. */
const MARATHI_VERB = /\p{L}(?:ayla|aycha|aychi|ayche|lyanantar)\b/iu;

export const MARATHI: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("Qwen cha size kay?"); Italian "chi", "che" and "la" are not enough.
  markers: new Set([
    'cha', 'chya', 'kay', 'kasa', 'kase', 'kashi', 'var', 'pan', 'la', 'kadi', 'konte', 'konti', 'ani', 'hota', 'hoti', 'hote',
  ]),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(MARATHI_ONLY)]),
  markedBy: MARATHI_VERB,
  phrases: [
    // A "ka" that closes a question makes it a yes/no question ("he khara ahe ka?").
    [/\bka(?=\s*[?!.]*\s*$)/giu, ''],
    // Before a verb it asks why ("Qwen itka popular ka zhala?").
    [/\bka(?=\s+(?:zh|jh|z)al|\s+kel|\s+aal|\s+dil|\s+ghet)/giu, 'why'],
    // "kiti jan" and "kiti lok" (how many people) ask a count.
    [/\bkiti\s+(?:jan|jana|lok)\b/giu, 'how many people'],
    // "X sodun" (besides X) sets X aside, written after it: put it first, as English does.
    [/([\p{L}\p{N}.-]+)\s+(?:sodun|soda)\b/giu, 'besides $1,'],
  ],
};
