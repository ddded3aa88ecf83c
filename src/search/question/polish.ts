import type { MixedLanguage } from './mixed-language.js';

/**
 * Polish words in English questions, as a Polish speaker writes English in a hurry ("Ile LLMs China
 * released in 2023?", "Kto is CEO of Zhipu AI?", "What model has iFLYTEK and kiedy it was released?").
 * The sentence is English; the Polish word is the one that asks (ile = how many, kto = who, kiedy =
 * when, czy = whether). Words no English word spells mark a message alone, wherever they stand;
 * "ile" is also Turkish for "with" ("kim ile" = with whom), so it marks a message only as its first
 * word, where Polish puts it.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  ile: 'how many', ilu: 'how many', kto: 'who', kogo: 'who', komu: 'who', kiedy: 'when', gdzie: 'where',
  dlaczego: 'why', czemu: 'why', jak: 'how', jaki: 'what', jaka: 'what', jakie: 'what', jakiego: 'what',
  który: 'which', która: 'which', które: 'which', którego: 'which', których: 'which', czyj: 'whose', czyja: 'whose',
  co: 'what',
};

/** "Czy" turns a sentence into a yes/no question; "proszę" is please, "dzięki" thanks. No English word spells these. */
const ASKING_AND_POLITE: Readonly<Record<string, string>> = {
  czy: '', proszę: '', prosze: '', dzięki: '', dzieki: '', dziękuję: '', dziekuje: '', cześć: '', czesc: '',
};

/** Question words that may be English, a name or Turkish ("co", "Jak", "ile"): alone they mark no message. */
const SHARED_WITH_ENGLISH = ['ile', 'co', 'jak'];

const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...ASKING_AND_POLITE,
  // "Ile lat" is how many years (an age, read below), "rok" a year; a few everyday words.
  lat: 'years', rok: 'year', roku: 'year', tak: 'yes', nie: 'not', albo: 'or', oraz: 'and', też: 'also',
};

export const POLISH: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message; any one word of `markedByOne` marks it alone.
  markers: new Set(['ile', 'jak', 'lat', 'rok', 'roku', 'nie', 'też']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_ENGLISH.includes(w)), ...Object.keys(ASKING_AND_POLITE)]),
  markedBy: /^\W*ile\s/iu,
  phrases: [
    // "Ile lat ma X?" asks X's age, as "how many years" does not.
    [/\bile\s+lat\s+(?:has\s+|have\s+|ma\s+)?/giu, 'how old is '],
  ],
};
