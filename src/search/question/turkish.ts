import type { MixedLanguage } from './mixed-language.js';

/**
 * Turkish words in English questions, as a Turkish speaker chats in English ("China kaç LLM
 * released in 2023?", "Pareek Jain kim hocam?", "iFLYTEK Spark ne zaman released ya?"). The
 * sentence is English; the Turkish word is the one that asks (kaç = how many, kim = who, ne zaman =
 * when, neden = why, hangi = which) or is address and filler (hocam, abi, ya, yani). "mı/mi/mu/mü"
 * turns a statement into a yes/no question, as "Czy" does in Polish.
 */

const QUESTION_WORDS: Readonly<Record<string, string>> = {
  kaç: 'how many', kac: 'how many', kim: 'who', kimi: 'who', kimler: 'who', neden: 'why', niye: 'why', niçin: 'why',
  hangi: 'which', hangisi: 'which', nerede: 'where', nereden: 'where', nereye: 'where', nasıl: 'how', ne: 'what',
};

/** Question particles, address and fillers: grammar alone, or the English word that means the same. */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  mı: '', mi: '', mu: '', mü: '', hocam: '', abi: '', ya: '', yani: '', tamam: '', lütfen: '', lutfen: '',
  tanesi: '', var: '', yok: 'not', ile: 'with', ve: 'and', veya: 'or', adı: 'name', kurdu: 'founded',
  gün: 'days', yıl: 'year', sürdü: 'lasted', geçti: 'passed', oldu: '', kadar: '', zaman: '',
};

/** Words no English word spells, so one alone marks a message Turkish (not "ne", "mi", "kim": French, Italian, a name). */
const MARKED_BY_ONE = ['kaç', 'neden', 'niye', 'niçin', 'hangi', 'hangisi', 'nerede', 'nereden', 'nasıl', 'hocam', 'abi', 'yani', 'tamam', 'mı', 'mü', 'tanesi', 'kurdu', 'lütfen'];

export const TURKISH: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  // Two of these mark a message ("Qwen biggest model ne, abi?"); not "ya", which English chat types too.
  markers: new Set(['kim', 'ne', 'mi', 'mu', 'abi', 'yani', 'tamam', 'var', 'yok', 'ile', 'adı', 'zaman', 'kadar']),
  markedByOne: new Set(MARKED_BY_ONE),
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
