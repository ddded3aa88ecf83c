import { isWrittenIn, readMixedLanguage, type MixedLanguage } from './mixed-language.js';

/**
 * Nigerian Pidgin in English questions, as people in Lagos chat ("Wetin be the name of Baidu chatbot
 * wey collect approval?", "Na who be CEO of Zhipu?", "How many LLM China don release sef?"). Most of
 * its words are English ones; the rest carry what is asked (wetin = what, "na who" = who), tense
 * (don, dey) and tone (abeg, sef, abi, oga). "Wetin", "abeg", "sef" and "na who" mark a message alone;
 * other Pidgin words only with a second one.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = { wetin: 'what', watin: 'what' };

const OTHER_WORDS: Readonly<Record<string, string>> = {
  // Tense and grammar: "don" (has), "dey" (is, -ing), "wey" (that, which), "dem"/"una" (they, you all).
  don: '', dey: '', de: '', wey: '', dem: '', una: '', am: '', im: 'his', e: '', na: '', go: 'will', fit: 'can',
  // Tone and address: please, even, right?, is it that?, boss.
  abeg: '', biko: '', sef: '', abi: '', shey: '', sha: '', o: '', oga: '', jare: '', ehn: '', ooo: '', oo: '',
  // Everyday words the articles' English says otherwise: "better pass" (better than), "talk" (say).
  pass: 'than', talk: 'say', collect: 'received', sabi: 'know', wan: 'want', kain: 'kind',
  comot: 'released', wahala: 'problem', naija: 'Nigeria', pikin: 'child',
};

/** Pidgin's own words: English has "don", "go", "fit", "pass" and "talk" too, and an English question keeps them. */
const MARKERS = new Set(['wetin', 'watin', 'dey', 'wey', 'dem', 'una', 'abeg', 'biko', 'sef', 'abi', 'shey',
  'oga', 'jare', 'ehn', 'sabi', 'wan', 'kain', 'comot', 'wahala', 'naija', 'pikin']);

export const PIDGIN: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  markers: MARKERS,
  // No English word, nor a name: "abi" (right?) is also a name, "dey" and "dem" are typed for "they" and "them".
  markedByOne: new Set(['wetin', 'watin', 'abeg', 'sef', 'shey', 'oga', 'wahala', 'naija']),
  markedBy: /\bna\s+(?:who|which|wetin)\b/i,
  phrases: [
    // "Na who be …?" (who is …?): "na" puts the asked word first.
    [/\bna\s+(who|which|when|where|how|wetin)\b/giu, '$1'],
  ],
};

/** Is this message partly Pidgin: "wetin", "abeg", "na who" …, or two words only Pidgin uses? */
export const isPidgin = (text: string): boolean => isWrittenIn(text, PIDGIN);

/**
 * A message with Pidgin in it, in English words, for analysis: "Na who be CEO of Zhipu AI abeg?" →
 * "who be CEO of Zhipu AI?". Any other message is returned as it is.
 */
export const readPidgin = (text: string): string => readMixedLanguage(text, PIDGIN);
