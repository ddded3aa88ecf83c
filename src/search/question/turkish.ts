import type { MixedLanguage } from './mixed-language.js';

/**
 * Turkish words in English questions, as a Turkish speaker chats in English ("China kaç LLM
 * released in 2023?", "Pareek Jain kim hocam?", "iFLYTEK Spark ne zaman released ya?"). The
 * sentence is English; the Turkish word is the one that asks (kaç = how many, kim = who, ne zaman =
 * when, neden = why, hangi = which) or is address and filler (hocam, abi, ya, yani). "mı/mi/mu/mü"
 * turns a statement into a yes/no question, as "Czy" does in Polish.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  kaç: 'how many', kac: 'how many', kim: 'who', kimler: 'who', neden: 'why', niye: 'why', niçin: 'why',
  hangi: 'which', hangisi: 'which', nerede: 'where', nereden: 'where', nereye: 'where', nasıl: 'how', ne: 'what',
};

/**
 * Question words that are also French ("ne … pas") or a name: alone they mark no message. "kimi"
 * (whom) is not read at all: Kimi is a Chinese model, and "Kimi ne zaman released?" asks about it.
 */
const SHARED_WITH_OTHERS = ['kim', 'ne'];

/** Address, particles and words no English word spells: one alone marks a message ("Pareek Jain kim hocam?"). */
const TURKISH_ONLY: Readonly<Record<string, string>> = {
  mı: '', mü: '', hocam: '', abi: '', yani: '', tamam: '', lütfen: '', lutfen: '', tanesi: '', kurdu: 'founded',
};

/** Other words, read only in a Turkish message: "mi", "mu" and "ya" are Italian, Greek or English chat too. */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  ...TURKISH_ONLY,
  mi: '', mu: '', ya: '', var: '', yok: 'not', ile: 'with', ve: 'and', veya: 'or', adı: 'name',
  gün: 'days', yıl: 'year', sürdü: 'lasted', geçti: 'passed', oldu: '', kadar: '', zaman: '',
};

export const TURKISH: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("Qwen ne var?"); not "ya", which English chat types too.
  markers: new Set(['kim', 'ne', 'mi', 'mu', 'var', 'yok', 'ile', 'adı', 'zaman', 'kadar']),
  markedByOne: new Set([...Object.keys(QUESTION_WORDS).filter((w) => !SHARED_WITH_OTHERS.includes(w)), ...Object.keys(TURKISH_ONLY)]),
  // Lower-case "kim" is who ("Four AI Tigers kim kim?"); the name Kim is written with a capital.
  // "ne" or "mi" just before the question mark asks ("difference ne?", "open source LLM mi?").
  markedBy: /\b[Nn]e\s+(?:zaman|kadar)\b|\bkim\b|\s(?:ne|mi|mu|mı|mü)\s*\?/u,
  phrases: [
    // "ne zaman" is when, "ne kadar" how much; "kaç yaşında" how old; "kim kurdu" who founded.
    [/\bne\s+zaman\b/giu, 'when'],
    [/\bne\s+kadar\b/giu, 'how much'],
    [/\bkaç\s+yaşında\b/giu, 'how old is'],
    [/\bkim\s+kurdu\b/giu, 'who founded'],
  ],
};
