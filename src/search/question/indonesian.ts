import { isWrittenIn, readMixedLanguage, type MixedLanguage } from './mixed-language.js';

/**
 * Indonesian and Malay words in an English question, as people in Jakarta or Kuala Lumpur chat
 * ("Qwen biggest model have berapa parameter bro?", "siapa Pareek Jain?", "since kapan …?"). The
 * English words carry the topic; an Indonesian one often carries what is asked (berapa = how many,
 * siapa = who, kapan = when). Left as they are, they are words no passage holds, which weigh most,
 * and the typo mender turns them into English ones. Read for analysis only: the question as typed
 * is what surfaces echo.
 *
 * Unlike Hinglish, one such word is often the only Indonesian in the message, so the question words
 * no English word spells are read wherever they stand; the other words only in a message that has
 * one of them, or two words only Indonesian uses.
 */

/** Question words no English word spells: read wherever they stand. */
const QUESTION_WORDS: Readonly<Record<string, string>> = {
  berapa: 'how many', brp: 'how many', siapa: 'who', siapakah: 'who', kapan: 'when', kapankah: 'when',
  bagaimana: 'how', gimana: 'how', mengapa: 'why', kenapa: 'why', knp: 'why', dimana: 'where', apakah: '',
  // Malay: "bila" (when), "apasal" (why), "camne" (how).
  bila: 'when', apasal: 'why', camne: 'how',
  // "apa" asks what ("Xiaomi LLM name apa?"); the acronym APA is written in capitals and kept.
  apa: 'what',
};

/** Other common words, as the English word that means the same, or '' for grammar alone. */
const OTHER_WORDS: Readonly<Record<string, string>> = {
  // "… saja" (all of them) and "yang" (that, which) are grammar.
  mana: 'which', saja: '', aja: '', yang: '', yg: '', itu: '', ini: '', adalah: '', ada: '',
  sudah: '', udah: '', sdh: '', telah: '', akan: 'will', bisa: 'can', masih: 'still', belum: 'not yet',
  tidak: 'not', tak: 'not', nggak: 'not', gak: 'not', ga: 'not', enggak: 'not', bukan: 'not',
  dan: 'and', atau: 'or', juga: 'also', dengan: 'with', untuk: 'for', dari: 'from', ke: 'to', di: 'in',
  pada: 'on', oleh: 'by', sejak: 'since', sekarang: 'now', lebih: 'more', paling: 'most', banyak: 'many',
  // Facts asked, in the articles' English.
  umur: 'age', usia: 'age', tahun: 'year', bulan: 'month', tanggal: 'date', nama: 'name', harga: 'price',
  juta: 'million', miliar: 'billion', triliun: 'trillion', perusahaan: 'company', pendiri: 'founder',
  negara: 'country', pemerintah: 'government', pengguna: 'users', dapat: 'got', dapet: 'got', rilis: 'release',
  dirilis: 'released', diluncurkan: 'launched', didirikan: 'founded', disetujui: 'approved', persetujuan: 'approval',
  // Address and particles: "kak", "bro", "ya", "dong", "tolong" (please), "terima kasih" (thanks).
  kak: '', ka: '', gan: '', min: '', bang: '', mas: '', mbak: '', pak: '', ya: '', yah: '', dong: '',
  sih: '', nih: '', deh: '', kah: '', lah: '', tolong: '', mohon: '', terima: '', kasih: '', makasih: '',
};

/** Words only Indonesian uses, so that a message with two of them is read as Indonesian. */
const MARKERS = new Set(['yang', 'yg', 'saja', 'aja', 'sudah', 'udah', 'belum', 'tidak', 'nggak', 'gak', 'enggak',
  'dengan', 'untuk', 'dari', 'juga', 'sekarang', 'umur', 'usia', 'tahun', 'bulan', 'nama', 'harga', 'juta', 'perusahaan',
  'kak', 'dong', 'sih', 'nih', 'tolong', 'terima', 'kasih', 'makasih']);

export const INDONESIAN: MixedLanguage = {
  questionWords: QUESTION_WORDS,
  otherWords: OTHER_WORDS,
  markers: MARKERS,
  markedByOne: new Set(Object.keys(QUESTION_WORDS)),
  // "di mana" (where) and Malay "macam mana" (how) ask alone, though "di" and "macam" are no markers.
  markedBy: /\b(?:[Dd]i|[Mm]acam)\s+mana\b/u,
  phrases: [[/\b[Dd]i\s+mana\b/g, 'where'], [/\b[Mm]acam\s+mana\b/g, 'how']],
};

/** Is this message partly Indonesian: one of its question words, or two words only Indonesian uses? */
export const isIndonesian = (text: string): boolean => isWrittenIn(text, INDONESIAN);

/**
 * A message with Indonesian in it, in English words, for analysis: "Robin Li umur berapa now?" →
 * "Robin Li age how many now?". An acronym in capitals (APA) stays as it is; any other message is
 * returned as it is.
 */
export const readIndonesian = (text: string): string => readMixedLanguage(text, INDONESIAN);
