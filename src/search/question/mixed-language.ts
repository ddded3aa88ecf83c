/**
 * Another language mixed into English questions, as people chat in Mumbai, Jakarta, Manila or Lagos
 * ("China ne kitne LLMs release kiye?", "Qwen have berapa parameter bro?", "Sino yung founder ng
 * Baichuan?", "Wetin be the name of Baidu chatbot?"). The English words carry the topic; the other
 * language's words often carry what is asked (kitne, berapa, ilan = how many) and the grammar. Left as
 * they are, they are words no passage holds, which weigh most, and the typo mender turns them into
 * English ones ("kitne" → "kite"). Each language is a table of words read into English; the reading
 * is for analysis only: the question as typed is what surfaces echo.
 */
export interface MixedLanguage {
  /** Words that ask (how many, who, when …), as the English words that ask the same. */
  readonly questionWords: Readonly<Record<string, string>>;
  /** Other common words, as the English word that means the same, or '' for grammar alone. */
  readonly otherWords: Readonly<Record<string, string>>;
  /**
   * Words only this language uses: a message with two different ones is read in it. Words English
   * has too ("hi", "par", "na") are left out, so that an English question keeps them.
   */
  readonly markers: ReadonlySet<string>;
  /**
   * Words that alone mark a message: words no English word spells and that often stand alone in an
   * English message ("siapa Pareek Jain?", "how many parameter Ernie get sef?").
   */
  readonly markedByOne?: ReadonlySet<string>;
  /** A phrase that alone marks a message ("na who be …?"), where its words are English ones. */
  readonly markedBy?: RegExp;
  /** Rewrites before the words are read: word order, particles that change what is asked. */
  readonly phrases?: readonly (readonly [RegExp, string])[];
}

const WORD = /(?<![\p{L}\p{N}'’-])\p{L}+(?![\p{L}\p{N}'’-])/gu;

/** A word in capitals is an acronym (APA, ADA, KA), never a word of the other language. */
const isAcronym = (word: string) => word.length > 1 && word === word.toUpperCase();

/** A table's reading of a word; own keys only, so that "constructor" reads as nothing. */
const readingIn = (table: Readonly<Record<string, string>>, word: string): string | undefined =>
  Object.hasOwn(table, word) ? table[word] : undefined;

const wordsOf = (text: string) => (text.match(WORD) ?? []).filter((w) => !isAcronym(w)).map((w) => w.toLowerCase());

/** Is this message partly in the language: a word that marks it alone, a phrase that does, or two of its own words? */
export function isWrittenIn(text: string, language: MixedLanguage): boolean {
  if (language.markedBy?.test(text)) return true;
  const words = wordsOf(text);
  if (words.some((w) => language.markedByOne?.has(w))) return true;
  return new Set(words.filter((w) => language.markers.has(w))).size >= 2;
}

/**
 * A message partly in the language, in English words: "Robin Li umur berapa now?" → "Robin Li age
 * how many now?". Acronyms stay; any other message is returned as it is.
 */
export function readMixedLanguage(text: string, language: MixedLanguage): string {
  if (!isWrittenIn(text, language)) return text;
  const rephrased = (language.phrases ?? []).reduce((t, [pattern, english]) => t.replace(pattern, english), text);
  return rephrased
    .replace(WORD, (word) => {
      if (isAcronym(word)) return word;
      const lower = word.toLowerCase();
      return readingIn(language.questionWords, lower) ?? readingIn(language.otherWords, lower) ?? word;
    })
    .replace(/\s{2,}/g, ' ');
}
