import { isWrittenIn, readMixedLanguage, type MixedLanguage } from './mixed-language.js';

/**
 * Hinglish: Hindi typed in Latin letters and mixed with English, as many Indian users chat ("China ne
 * kitne LLMs release kiye?", "Baichuan kisne start kiya bhai?"). The English words carry the topic;
 * the Hindi ones carry what is asked (kitne = how many, kab = when, kaun = who) and the grammar
 * (hai, ke, mein). Left as they are, the Hindi words are words no passage holds, which weigh most,
 * and the typo mender turns them into English ones ("kitne" → "kite", "kahan" → "khan"). Read for
 * analysis only: the question as typed is what surfaces echo. Roman Urdu ("China ne kitnay LLMs launch
 * kiye thay?") is the same spoken language typed with other spellings and some words of its own, so
 * this table reads it too.
 */

/** Hindi question words and the English ones that ask the same. */
const QUESTION_WORDS: Readonly<Record<string, string>> = {
  kitna: 'how many', kitne: 'how many', kitni: 'how many',
  kaun: 'who', kon: 'who', kisne: 'who', kisko: 'whom', kise: 'whom',
  kiska: 'whose', kiski: 'whose', kiske: 'whose',
  kis: 'which', kaunsa: 'which', kaunsi: 'which', kaunse: 'which', konsa: 'which', konsi: 'which', konse: 'which',
  kab: 'when', kahan: 'where', kahaan: 'where', kidhar: 'where',
  kyun: 'why', kyon: 'why', kyu: 'why', kaise: 'how', kaisa: 'how', kaisi: 'how', kya: 'what',
  // Urdu typed in Latin letters spells the same words its own way ("kitnay", "kiun", "kesay", "kia").
  kitnay: 'how many', kitney: 'how many', kitnee: 'how many', kounsa: 'which', kounsi: 'which', kounse: 'which',
  konsay: 'which', kiun: 'why', kiyun: 'why', kiyon: 'why', kyoun: 'why', kesay: 'how', kaisay: 'how',
  kaisey: 'how', kese: 'how', kesi: 'how', kesa: 'how',
};

/** Other common Hindi words, as the English word that means the same, or '' for grammar alone. */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  // Grammar: the verb "to be", postpositions, particles, pronouns, verb endings.
  hai: '', hain: '', ho: '', hota: '', hoti: '', hote: '', tha: '', thi: '', hua: '', hue: '', hui: '',
  mein: '', mai: '', ke: '', ka: '', ki: '', ko: '', se: '', ne: '', pe: '', par: '', tak: '',
  toh: '', na: '', naa: '', hi: '', bhi: 'also', jo: '', ye: '', yeh: '', woh: '', wo: '', vo: '',
  wala: '', wale: '', wali: '', waala: '', waale: '', waali: '', raha: '', rahi: '', rahe: '',
  chuka: '', chuki: '', chuke: '', gaya: '', gayi: '', gaye: '', kiya: '', kiye: '', kar: '', karta: '',
  karti: '', karte: '', karna: '', sakta: 'can', sakti: 'can', sakte: 'can', apna: '', apni: '', apne: '',
  mera: '', meri: '', mere: '', mujhe: '', unka: '', unki: '', unke: '', iska: '', iski: '', iske: '',
  uska: '', uski: '', uske: '', si: '', sa: '', mil: 'got', mila: 'got', mili: 'got', mile: 'got', koi: 'any', kuch: 'some', sab: 'all', sirf: 'only',
  // Address and asking: "bhai", "yaar", "batao" (tell me), "sach mein?" (really?).
  bhai: '', yaar: '', yar: '', batao: '', bata: '', bataiye: '', bolo: '', matlab: '', sach: '',
  // Joining words and a few everyday ones that the articles' English says often.
  aur: 'and', ya: 'or', lekin: 'but', agar: 'if', nahi: 'not', nahin: 'not', ab: 'now', abhi: 'now',
  baare: 'about', saath: 'with', baad: 'after', pehle: 'first', pehla: 'first', sabse: 'most',
  zyada: 'more', jyada: 'more', naam: 'name', saal: 'year', mahine: 'months', desh: 'countries',
  jaisa: 'like', jaise: 'like', shuru: 'start', banaya: 'made', banayi: 'made', banaye: 'made', ek: 'one', teen: 'three',
  // Relative words ("jisko … bolte hai": which … is called), "paas" (has), "aa raha" (is coming).
  jis: '', jisko: '', jise: '', jiska: '', jiski: '', jiske: '', jinhone: '', paas: 'have', aa: '', aaya: '', aayi: '',
  bolte: 'called', kehte: 'called', bulate: 'called', lagoo: 'effective', lagu: 'effective',
  // Urdu spellings of the same grammar ("hy", "thay", "huay", "kartay") and its own everyday words:
  // mulk (country), hukumat (government), magar (but), bohat (very), tadaad (number), baani (founder).
  hy: '', hay: '', thay: '', huay: '', hoye: '', hoya: '', gai: '', gaey: '', kiay: '', kartay: '', kartey: '',
  rahay: '', saktay: 'can', saktey: 'can', apnay: '', unhon: '', unhone: '', unhonay: '', inhon: '', inhone: '',
  jinhon: '', mulk: 'country', mulkon: 'countries', hukumat: 'government', sarkar: 'government',
  duniya: 'world', magar: 'but', bohat: 'very', bohot: 'very', bahut: 'very', ziada: 'more', tadaad: 'number',
  taqreeban: 'about', qeemat: 'price', paisay: 'money', waqt: 'time', pehlay: 'first', mahinay: 'months',
  bataen: '', batayen: '', batain: '', batayein: '', janab: '', zara: '', bilkul: '', yani: 'meaning', phir: 'then',
  aaj: 'today', banai: 'made', baani: 'founder', kia: '', kin: 'which', pichle: 'last', pichla: 'last', pichli: 'last',
  pichlay: 'last', jaisay: 'like', mutabiq: 'according', log: 'people', logon: 'people', mulaqat: 'meeting', zikr: 'mention',
  ijazat: 'approval', thin: '', hone: '', di: '', ghante: 'hours', cheez: 'thing', behtar: 'better', kaam: 'work',
  rakhta: 'has', rakhti: 'has', rakhte: 'have', deti: '', deta: '', dete: '', chhe: 'six',
};

/**
 * Words only Hinglish uses, so that a message with two of them is read as Hinglish: English has
 * "hi", "par" and "teen" too, and an English question keeps them.
 */
const MARKERS = new Set(['hai', 'hain', 'mein', 'kya', 'kaun', 'kitne', 'kitna', 'kitni', 'kab', 'kahan', 'kyun', 'kaise',
  'nahi', 'nahin', 'batao', 'kisne', 'kaunsa', 'kaunsi', 'konsa', 'ke', 'ka', 'ki', 'ko', 'ne', 'tha', 'thi', 'hua', 'kiya', 'yaar', 'aur',
  'kis', 'se', 'bhi', 'baad', 'paas', 'jis', 'jisko', 'jiska', 'raha', 'rahi', 'rahe', 'gaya', 'gayi', 'hue', 'hui', 'bolte', 'kehte',
  'hy', 'thay', 'huay', 'kitnay', 'kiun', 'kesay', 'kaisay', 'kia', 'mulk', 'hukumat', 'magar', 'bohat', 'unhon', 'unhone']);

export const HINGLISH: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  markers: MARKERS,
  phrases: [
    // "X ke alawa" (besides X) sets X aside, written after it: put it first, as English does.
    [/([\p{L}\p{N}.-]+(?:\s+[\p{Lu}\p{N}][\p{L}\p{N}.-]*)?)\s+ke\s+(?:alawa|alaawa|ilawa|elawa|siwa|siwaay|siva)\b/giu, 'besides $1,'],
    // A "kya" that opens or closes a question makes it a yes/no question; elsewhere it is "what".
    [/(^|[.!?]\s*)kya\b/giu, '$1'],
    [/\bkya(?=\s*[?!.]*\s*$)/giu, ''],
    // "aaj kal" is nowadays, not today.
    [/\baaj\s*kal\b/giu, ''],
  ],
};

/** Is this message Hinglish: two different words of it that only Hinglish uses? */
export const isHinglish = (text: string): boolean => isWrittenIn(text, HINGLISH);

/**
 * A Hinglish message in English words, for analysis: "Baidu ke alawa kaun si companies …" →
 * "besides Baidu, who companies …". Any other message is returned as it is.
 */
export const readHinglish = (text: string): string => readMixedLanguage(text, HINGLISH);
