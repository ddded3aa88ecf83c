import type { MixedLanguage } from './mixed-language.js';

/**
 * Bengali written in Latin letters ("Banglish") with English words, as people in Kolkata or Dhaka
 * chat ("china 2023 e koto gulo LLM release korlo bhai?", "Baidu er chatbot ta kobe launch holo?").
 * The nouns and often the verbs are English; the Bengali words ask (koto = how many, kobe = when,
 * keno = why, kothay = where, kon = which, ki = what) and carry the grammar (er and r = of, e and te =
 * in, ta and gulo = the). Bengali shares "ke", "ki", "kon" and "naam" with Hindi, where they mean
 * other things ("kon" is who in Hindi, which here), so this table reads a message before Hinglish does.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  koto: 'how many', kototi: 'how many', kotogulo: 'how many', kotota: 'how much', kotojon: 'how many',
  kobe: 'when', kokhon: 'when', keno: 'why', kano: 'why', kothay: 'where', kothae: 'where', kothai: 'where',
  kon: 'which', konta: 'which', konti: 'which', kongulo: 'which', kara: 'who', kake: 'whom', kar: 'whose',
  ki: 'what', kisher: 'what', kivabe: 'how', kibhabe: 'how', kemne: 'how', kemon: 'how',
};

/** Grammar and words no English word spells: one alone marks a message ("Ernie Bot er user koto hoyeche?"). */
const BENGALI_ONLY: Readonly<Record<string, string>> = {
  achhe: '', chilo: '', chhilo: '', hoyeche: '', hoyechilo: '', korlo: '', korechilo: '', koreche: '', korche: '',
  korechen: '', korlen: '', peyechilo: 'got', peyeche: 'got', pelo: 'got', bolche: 'says', bollo: 'said',
  bolechilo: 'said', bolechen: 'said', theke: 'from', moddhe: 'among', sathe: 'with', sobcheye: 'most',
  beshi: 'more', bochor: 'year', bochore: 'years', porjonto: 'until', hisebe: 'as', ekhon: 'now', tokhon: 'then',
  prothom: 'first', matro: 'only', shudhu: 'only', jonno: 'for', dujon: 'both', ajker: 'today', ajke: 'today',
  desher: 'country', boyosh: 'age', boyos: 'age', naki: 'or', nijer: 'own', ekta: 'one', bhalo: 'good', gelo: '',
  karon: 'reason', kome: 'less', banalo: 'made', peyechilen: 'got', bolchen: 'says', korbo: '', koro: '', jitlo: 'won',
  chhara: 'besides',
};

/** Question words other languages or English spell too ("kon" is Hindi, "keno" a game, "kobe" a city). */
const SHARED_WITH_OTHERS = ['koto', 'kobe', 'keno', 'kano', 'kon', 'kara', 'kake', 'kar', 'ki'];

/**
 * Words read only in a Bengali message: "er", "e", "r", "ta", "ache", "holo", "dam" and "char" are
 * English or other languages' words too, "ke", "ki", "kon", "naam" and "bhai" Hindi ones.
 */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...BENGALI_ONLY,
  er: '', r: '', e: '', te: '', ta: '', ti: '', gulo: '', guli: '', ache: '', holo: '', hoy: '', hobe: '',
  kore: '', korte: '', korar: '', bole: '', dilo: '', dey: '', diye: 'with', niye: 'about', tar: '', tader: '',
  oi: 'that', ei: 'this', je: '', to: '', ke: '', na: '', bhai: '', dada: '', acha: '', accha: '', didi: '',
  aar: 'other', naam: 'name', mash: 'months', din: 'day', jon: 'people', taka: 'money', dam: 'price',
  kaj: 'work', desh: 'country', boro: 'big', notun: 'new', shesh: 'last', gato: 'last', shuru: 'start',
  mote: 'according', upor: 'on', ek: 'one', dui: 'two', tin: 'three', char: 'four', panch: 'five',
};

/** Verbs after which "ke" asks who: founding, starting, leading, saying, being ("ke shuru korechilo?"). */
const VERB_AFTER_WHO = String.raw`[\p{L}-]*found\p{L}*|shuru|start\p{L}*|banalo|banieche|egiye|lead\p{L}*|head\p{L}*|run\p{L}*|bollo|bolechilo|bolechen|ache|achen|chilo|chilen|chhilo`;

export const BENGALI: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("Qwen kon company er?").
  markers: new Set(['er', 'ache', 'holo', 'koto', 'kobe', 'keno', 'kon', 'gulo', 'ta', 'kore', 'korar', 'kaj', 'hoy', 'tar', 'tader',
    'dilo', 'diye', 'niye']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(BENGALI_ONLY)]),
  // "ke ke" (who all), "naam ki" (what is the name), "tai na" (isn't it), and verb endings no other
  // language has: -echilo (had done), -cche (is doing).
  markedBy: /\bke\s+ke\b|\bnaam\s+ki\b|\btai\s+na\b|\p{L}(?:echilo|echilen|echhilo|echilam|cche)\b/iu,
  phrases: [
    // "ke" is who where it asks (at the end, doubled, or before a verb of founding, leading or saying)
    // and the object's marker elsewhere ("china ke atkate" = to block China).
    [new RegExp(String.raw`\bke\s+ke\b|\bke(?=\s*[?.!]*\s*$)|\bke(?=\s+(?:${VERB_AFTER_WHO})\b)`, 'giu'), 'who'],
    // A doubled question word asks for a list ("kara kara", who all): read once.
    [/\bkara\s+kara\b/giu, 'who'],
    [/\bkon\s+kon\b/giu, 'which'],
    // "koto jon" (how many persons) asks a count; "jon" alone is people.
    [/\bkoto\s+jon\b/giu, 'how many'],
    [/\bkoto\s+gun\b/giu, 'how many times'],
    // "X chhara" (besides X) sets X aside, written after it: put it first, as English does.
    [/([\p{L}\p{N}.-]+)\s+(?:chhara|chara|bade)\b/giu, 'besides $1,'],
    // "tai na" (isn't it) closes a yes/no question and asks nothing of its own.
    [/,?\s*\btai\s+na\b/giu, ''],
  ],
};
