import type { AliasTable, Glossary } from '../../knowledge/schema.js';
import { createAliasMatcher, type AliasMatcher } from './aliases.js';
import { createGlossaryMatcher, segmentCjkQuery } from './cjk.js';
import { readChineseDialects } from './chinese-dialects.js';
import { writeChineseNumerals } from './chinese-numerals.js';
import { simplifiedChinese } from './chinese-words.js';
import { isQueryTerm, processWord, QUERY_STOP_WORDS } from './terms.js';
import { COUNT_TERM, KIND_WORDS, MULTIPLE_TERM, TYPE_TERMS, askedAttributes, askedTypes, isCount, isMultiple, kindTerm, passageTypeTerms, type AnswerType, type Attribute } from './answer-types.js';
import { BENGALI } from './bengali.js';
import { DUTCH } from './dutch.js';
import { HINGLISH } from './hinglish.js';
import { INDONESIAN } from './indonesian.js';
import { ITALIAN } from './italian.js';
import { MARATHI } from './marathi.js';
import { readMixedLanguage } from './mixed-language.js';
import { dropRelativeTimes } from './relative-time.js';
import { PERSIAN } from './persian.js';
import { createPinyinGapReader } from './pinyin-gaps.js';
import { PIDGIN } from './pidgin.js';
import { POLISH } from './polish.js';
import { SWAHILI } from './swahili.js';
import { TAGALOG } from './tagalog.js';
import { TAMIL } from './tamil.js';
import { TURKISH } from './turkish.js';
import { expandShorthand, isSmallTalk, joinSpelledLetters, numberTwin, questionStart, setAsideSpan, withoutGreeting, writeShortYears, writeSpokenYears } from './casual.js';
import { correctTypo, englishCount, isEverydayWord, isSurelyMeant, topicality } from './english.js';
import { cjkBigrams, tokenizeSurface, type SurfaceToken } from './tokenize.js';

/**
 * Languages people mix into English questions, read into English in this order: Bengali before Hindi,
 * whose "kon" (who) is Bengali's which; Marathi after Hindi, so that the words they share keep Hindi's
 * reading in a Hinglish message.
 */
const MIXED_LANGUAGES = [BENGALI, TAMIL, HINGLISH, MARATHI, INDONESIAN, TAGALOG, PIDGIN, POLISH, TURKISH, ITALIAN, PERSIAN, DUTCH, SWAHILI];

/** A unit of time a question asks for ("what year", "which months"). */
const ASKED_UNIT = /^(?:years?|months?|dates?|days?)$/i;

/** One searchable term of a question, tied back to the words the user typed. */
export interface QueryTerm {
  term: string;
  /** Relative importance in ranking (parts of names and aliases count less than whole words). */
  weight: number;
  /** Indexes of the user's content words (`QueryAnalysis.words`) this term stands for. */
  words: number[];
  /** Aliases and numbers are matched exactly: no typo tolerance. */
  exact: boolean;
  /** A piece of a joined word ("ai" of "01.AI"): finding it is not finding the word. */
  part?: true;
}

export interface QueryAnalysis {
  /** The question as asked. */
  text: string;
  /** The question as read: chat shorthand written out, a greeting before it dropped ("hi bot, whats qwen" → "what is qwen"). */
  read: string;
  /** The content words of the question as typed (stop words and question words removed). */
  words: string[];
  /** Which words name something (a company, model, person, place; a capitalised word): a question hinges on them. */
  entities: boolean[];
  /**
   * How much each word counts towards the question's topic, from 0 to 1: less for context before
   * the question itself ("was reading about gpu prices … - whose chips …?"), and less for an
   * everyday word the knowledge does not know ("actually", "stuff"), which is filler, not a topic.
   * Exactly 0 for what the question sets aside ("besides Baidu"): it is not asked about.
   */
  salience: number[];
  /**
   * Which words are everyday English ("time", "close", "today"), a Chinese word by its English
   * (今天: "today; now"): sharing only such words with a passage is not being about the same thing.
   */
  everyday: boolean[];
  /** The kinds of fact the question asks for (a date, a count, a person, a reason, a place). */
  types: AnswerType[];
  /** Facts about a subject it asks for that news often leaves out (who leads it, what it costs …). */
  attributes: Attribute[];
  terms: QueryTerm[];
}

export interface Analyzer {
  /** Every term stored for a passage: words, whole names and their parts, alias terms, CJK bigrams. */
  indexTerms(text: string): string[];
  /** The terms to search for a question, stop words and question words removed. */
  analyzeQuery(text: string): QueryAnalysis;
  readonly aliases: AliasMatcher;
  /**
   * What analysing text taught the analyzer: every word the text uses, and which words it always
   * capitalises (names). Questions are read with it (typo mending, names), so a persisted index
   * keeps it, and a start from that index restores it instead of analysing every passage again.
   */
  observations(): AnalyzerObservations;
  /** Adds observations kept from an earlier analysis, as if that text had been analysed here. */
  restore(observations: AnalyzerObservations): void;
}

export interface AnalyzerObservations {
  vocabulary: string[];
  capitalised: string[];
  lowerCased: string[];
}

/** Typo corrections remembered per analyzer before the memory is cleared. */
const MAX_MENDS = 10_000;

/** How much a word in the context before the question itself counts, next to the question's own words. */
export const CONTEXT_SALIENCE = 0.4;

/** Relative weights of the kinds of query term; tuned on the dev questions as a whole. */
export const TERM_WEIGHTS = { word: 1, whole: 1.2, part: 0.6, numberPart: 0.4, alias: 0.8, cjk: 0.8, cjkName: 0.4, kind: 0.5 } as const;

interface Piece {
  /** Processed term for phrase matching. */
  base: string;
  token: number;
  stop: boolean;
}

export function createAnalyzer(table: AliasTable, glossary: Glossary = { entries: [] }): Analyzer {
  const glossaryMatcher = createGlossaryMatcher(glossary);
  // Alias names go through the same processing as text, minus alias lookup itself.
  const plainTerms = (name: string) => pieces(tokenizeSurface(name), () => null, new WeakMap()).map((p) => p.base);
  const aliases = createAliasMatcher(table, plainTerms);
  const entityTerms = new Set(aliases.names.filter((n) => n.kind !== 'concept').map((n) => n.canonical));
  const kindOf = new Map(aliases.names.map((n) => [n.canonical, n.kind]));
  // A concept named "large language model" is a kind of model: a passage counting "19 LLMs" is about
  // models, as one naming Qwen is ("did China release more AI models than America in 2023?").
  for (const n of aliases.names) {
    const words = n.name.toLowerCase().split(/\s+/);
    const kind = KIND_WORDS[words.at(-1)!];
    if (n.kind === 'concept' && words.length > 1 && kind) kindOf.set(n.canonical, kind);
  }
  const askedKinds = new Set(Object.values(KIND_WORDS));
  // A syllable typed for a character ("ji器人") is read towards the glossary's words and the names first.
  const readPinyinGaps = createPinyinGapReader(new Set([...glossaryMatcher.words, ...aliases.names.map((n) => n.name)]));
  // Single-word names help pull apart run-together words in translated text ("Alibabais", "NVIDIAThe").
  const knownWords = new Set(
    aliases.names.map((n) => n.name.toLowerCase()).filter((n) => /^[a-z]{3,}$/.test(n)),
  );
  // Every word the indexed text uses (lower case), so a question's typo can be mended towards it.
  const vocabulary = new Set<string>(aliases.names.flatMap((n) => n.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)));
  const known = (word: string) => vocabulary.has(word);
  const capitalised = new Set<string>();
  const lowerCased = new Set<string>();
  const isName = (word: string) => capitalised.has(word) && !lowerCased.has(word);
  // Mending a typo tries a few hundred candidates: remembered per word (bounded: questions are endless).
  const mends = new Map<SurfaceToken, SurfaceToken>();
  const mended = (t: SurfaceToken): SurfaceToken => {
    let m = mends.get(t);
    if (!m) {
      if (mends.size >= MAX_MENDS) mends.clear();
      mends.set(t, (m = mendTypo(t, known)));
    }
    return m;
  };

  // Tokens are shared objects (the tokenizer caches them), so each distinct word is processed once.
  const templates = new WeakMap<SurfaceToken, PieceTemplate[]>();
  const split = (t: SurfaceToken) => splitRunOn(t, knownWords);

  function expand(tokens: SurfaceToken[]) {
    const ps = pieces(tokens, split, templates);
    return { ps, matches: aliases.match(ps.map((p) => p.base)) };
  }

  return {
    aliases,
    observations: () => ({ vocabulary: [...vocabulary], capitalised: [...capitalised], lowerCased: [...lowerCased] }),
    restore(o) {
      for (const w of o.vocabulary) vocabulary.add(w);
      for (const w of o.capitalised) capitalised.add(w);
      for (const w of o.lowerCased) lowerCased.add(w);
    },
    indexTerms(text) {
      const tokens = tokenizeSurface(text);
      const { ps, matches } = expand(tokens);
      // Stop words stay in the stored passage and take part in phrase (alias) matching above, but
      // are not indexed as terms: no query ever searches for them, and they would fill every posting list.
      const terms: string[] = ps.filter((p) => !p.stop).map((p) => p.base);
      tokens.forEach((t, i) => {
        if (!t.cjk) {
          const lower = t.raw.toLowerCase();
          vocabulary.add(lower);
          // Inside a sentence, a word written lower case somewhere is a common word; one always
          // capitalised ("European", "Fudan", "Italy") is a name, however a question types it.
          if (i > 0 && t.raw === lower) lowerCased.add(lower);
          else if (i > 0 && /^\p{Lu}/u.test(t.raw)) capitalised.add(lower);
        }
        if (!t.cjk && isCount(t, tokens[i - 1], tokens[i + 1])) terms.push(COUNT_TERM);
        else if (!t.cjk && isMultiple(t, tokens[i + 1])) terms.push(MULTIPLE_TERM);
        if (t.whole) terms.push(t.whole);
        const joined = versionJoin(t, tokens[i + 1]);
        if (joined) terms.push(joined);
        if (t.cjk) {
          // Loops, not push(...): a long unpunctuated Chinese run would overflow the call stack.
          for (const bigram of cjkBigrams(t.raw)) terms.push(bigram);
          for (const m of aliases.matchCjk(t.raw)) matches.push(m);
        }
      });
      const kinds = new Set<string>();
      for (const m of matches) {
        terms.push(m.canonical);
        const kind = kindOf.get(m.canonical);
        if (kind) kinds.add(kind);
        if (kind && askedKinds.has(kind)) terms.push(kindTerm(kind));
      }
      terms.push(...passageTypeTerms(text, tokens, kinds));
      return terms;
    },
    analyzeQuery(text) {
      const expanded = expandShorthand(joinSpelledLetters(writeSpokenYears(dropRelativeTimes(writeShortYears(writeChineseNumerals(readChineseDialects(MIXED_LANGUAGES.reduce(readMixedLanguage, readPinyinGaps(text))))))), known));
      // A greeting or thanks asks nothing: no word of it is searched; one before a question is dropped.
      if (isSmallTalk(expanded)) return { text, read: '', words: [], entities: [], salience: [], everyday: [], types: [], attributes: [], terms: [] };
      const plain = withoutGreeting(expanded);
      // The context before the question itself is analysed too, but counts less.
      const start = questionStart(plain);
      // What is asked is read from the question, not its context ("was reading about gpu prices …
      // whose chips" does not ask a price), unless the context asks too ("Why do … care? What …?").
      const contextAsks = plain.slice(0, start).includes('?');
      // What the message sets aside ("besides Baidu") is read but weighs nothing: it is not asked
      // about, even where it opens a long message before the question ("besides Baidu, which …").
      const aside = setAsideSpan(plain);
      const cuts = [...new Set([start, aside?.start ?? start, aside?.end ?? start, plain.length])].sort((a, b) => a - b);
      const typed: SurfaceToken[] = [];
      const weighs: number[] = [];
      let from = 0;
      let contextCount = 0;
      for (const to of cuts) {
        const part = tokenizeSurface(plain.slice(from, to));
        const weight = aside && from >= aside.start && to <= aside.end ? 0 : to <= start ? CONTEXT_SALIENCE : 1;
        typed.push(...part);
        weighs.push(...part.map(() => weight));
        if (to <= start) contextCount = typed.length;
        from = to;
      }
      // "What year …?" asks for a date: the year is what is asked, not a word the answer shares
      // ("the previous year"); the date type it asks for is read from the text as before.
      typed.forEach((t, i) => {
        const before = /^(?:exact|specific|precise)$/i.test(typed[i - 1]?.raw ?? '') ? typed[i - 2] : typed[i - 1];
        if (ASKED_UNIT.test(t.raw) && /^(?:what|which)$/i.test(before?.raw ?? '')) weighs[i] = 0;
      });
      const tokens = typed.map(mended);
      // What is asked is read with its typos mended too ("who foundd 01.ai" asks for a founder).
      const mends = new Map<string, string>();
      typed.forEach((t, i) => {
        if (tokens[i] !== t) mends.set(t.raw, tokens[i]!.raw);
      });
      const salienceAt = (i: number) => weighs[i] ?? 1;
      const { ps, matches } = expand(tokens);
      // Content words: Latin tokens that are not stop words, and the words of each Chinese run.
      const wordOf = new Map<number, number>();
      const words: string[] = [];
      const salience: number[] = [];
      const everyday: boolean[] = [];
      const rendering: string[] = [];
      tokens.forEach((t, i) => {
        if (!t.cjk && !QUERY_STOP_WORDS.has(t.raw.toLowerCase())) {
          wordOf.set(i, words.length);
          words.push(t.raw);
          const lower = t.raw.toLowerCase();
          // A capitalised word is a name: the topic, however common the word.
          const topical = known(lower) || /\d/.test(lower) || (words.length > 1 && /^\p{Lu}/u.test(t.raw)) ? 1 : topicality(lower);
          salience.push(salienceAt(i) * topical);
          everyday.push(isEverydayWord(lower));
        }
      });
      const terms = new Map<string, QueryTerm>();
      const add = (term: string, weight: number, wordIdx: number[], exact: boolean, part = false) => {
        if (wordIdx.length === 0 || !isQueryTerm(term)) return;
        const prev = terms.get(term);
        if (prev) {
          prev.weight = Math.max(prev.weight, weight);
          if (!part) delete prev.part;
          for (const x of wordIdx) if (!prev.words.includes(x)) prev.words.push(x);
        } else terms.set(term, part ? { term, weight, words: [...wordIdx], exact, part } : { term, weight, words: [...wordIdx], exact });
      };
      const wordsOf = (tokenIdx: number[]) => tokenIdx.map((i) => wordOf.get(i)).filter((i): i is number => i !== undefined);
      for (const p of ps) {
        if (p.stop) continue;
        const t = tokens[p.token]!;
        const isPart = t.parts.length > 1;
        const weight = !isPart ? TERM_WEIGHTS.word : /^\d+$/.test(p.base) ? TERM_WEIGHTS.numberPart : TERM_WEIGHTS.part;
        // Numbers, and words too common to be typos, are matched exactly.
        add(p.base, weight, wordsOf([p.token]), /\d/.test(p.base) || (!isPart && isSurelyMeant(t.raw.toLowerCase())), isPart);
        const kind = !isPart ? KIND_WORDS[t.raw.toLowerCase()] : undefined;
        if (kind) add(kindTerm(kind), TERM_WEIGHTS.kind, wordsOf([p.token]), true);
        // "the last 3 years" is the articles' "the past three years", and the other way round; but
        // the 3 of "Tesla Model 3" or "GPT 4" is part of a name, never "three".
        const twin = !isPart && !/^[月年日号点]/u.test(tokens[p.token + 1]?.raw ?? '') && !endsName(tokens, p.token) ? numberTwin(p.base) : undefined;
        if (twin) add(twin, TERM_WEIGHTS.alias, wordsOf([p.token]), true);
      }
      // Chinese words the dictionary reads as a name the knowledge lacks (周杰伦 "Jay Chou"): names the
      // question hinges on, as an unknown capitalised word is. A known one (欧盟 "European Union") is
      // matched as the English words it stands for.
      const properGloss = new Set<number>();
      tokens.forEach((t, i) => {
        if (t.cjk) {
          for (const segment of segmentCjkQuery(t.raw, aliases, glossaryMatcher)) {
            const w = words.push(segment.text) - 1;
            if (segment.english !== null && isUnknownNameGloss(segment.english, known)) properGloss.add(w);
            salience.push(salienceAt(i));
            everyday.push(segment.english !== null && !segment.name && isEverydayGloss(segment.english));
            for (const c of segment.canonicals) add(c, TERM_WEIGHTS.alias, [w], true);
            if (i >= contextCount || contextAsks) rendering.push(segment.english ?? segment.text);
            if (segment.english !== null) {
              // A glossary word searches as its English, names and concepts included ("芯片" → chips);
              // a question or function word ("什么时候" → when) searches for nothing, as in English.
              const english = expand(tokenizeSurface(segment.english));
              for (const p of english.ps) if (!p.stop && !GLOSS_SEARCHES_NOTHING.has(p.base)) add(p.base, TERM_WEIGHTS.alias, [w], true);
              for (const m of english.matches) add(m.canonical, TERM_WEIGHTS.alias, [w], true);
              if (english.ps.every((p) => p.stop)) continue;
            }
            const kind = KIND_WORDS[segment.text];
            if (kind) add(kindTerm(kind), TERM_WEIGHTS.kind, [w], true);
            // A name's bigrams weigh less: its alias term already carries it, and they must not outweigh the rest.
            for (const g of segment.bigrams) add(g, segment.name ? TERM_WEIGHTS.cjkName : TERM_WEIGHTS.cjk, [w], true);
          }
          return;
        }
        if (t.whole) add(t.whole, TERM_WEIGHTS.whole, wordsOf([i]), true);
        const joined = versionJoin(t, tokens[i + 1]);
        if (joined) add(joined, TERM_WEIGHTS.whole, wordsOf([i, i + 1]), true);
      });
      for (const m of matches) {
        const tokenIdx = [...new Set(ps.slice(m.start, m.end).map((p) => p.token))];
        // A name found inside a joined word ("AI" in "01.AI") is a piece of it, not the word.
        const inside = ps.some((p, j) => (j < m.start || j >= m.end) && tokenIdx.includes(p.token));
        add(m.canonical, TERM_WEIGHTS.alias, wordsOf(tokenIdx), true, inside);
      }
      // What is asked is read in English, glossary words put into English. A type term is tied to no
      // word: it ranks sentences holding the fact asked for, but never counts as covering the question.
      const asked = contextAsks ? plain : plain.slice(start);
      const english = [asked.replace(/\p{Script=Han}+/gu, ' ').replace(/[\p{L}\p{N}]+/gu, (w) => mends.get(w) ?? w), ...rendering].join(' ');
      // The kinds of answer and the facts asked are read from the Chinese as written too: a glossary
      // English may not say it (哪些公司 asks for companies; 金额 is "amount", not a sum of money).
      // Traditional characters are read as simplified, as the patterns are written (叫什麼 asks a name).
      const chinese = simplifiedChinese(asked).match(/\p{Script=Han}+/gu)?.join(' ') ?? '';
      const types = askedTypes(`${english} ${chinese}`);
      const attributes = askedAttributes(`${english} ${chinese}`);
      for (const type of types) {
        const term = TYPE_TERMS[type];
        if (!terms.has(term)) terms.set(term, { term, weight: TERM_WEIGHTS.kind, words: [], exact: true });
      }
      // A term from the context counts as much as its most salient word.
      for (const t of terms.values()) if (t.words.length) t.weight *= Math.max(...t.words.map((w) => salience[w] ?? 1));
      // A capital that only opens a later sentence ("… model? Number please.") makes no name by
      // itself: such a word is a name only if the knowledge writes it as one, or it is an alias.
      const openers = new Set([...plain.matchAll(/[.?!]\s+(\p{Lu}[\p{L}'-]*)/gu)].map((m) => m[1]!));
      const entities = words.map((word, i) => {
        if (i > 0 && /\p{Lu}/u.test(word) && !openers.has(word)) return true;
        if (isName(word.toLowerCase()) || properGloss.has(i)) return true;
        return [...terms.values()].some((t) => t.words.includes(i) && entityTerms.has(t.term));
      });
      return { text, read: plain, words, entities, salience, everyday, types, attributes, terms: [...terms.values()] };
    },
  };
}

/**
 * Gloss words that search for nothing: 时间, 当时 and 当今 ("the present time") ask when, which their
 * answer type carries, and as a word "time" only finds "3.5 times" and "over time".
 */
const GLOSS_SEARCHES_NOTHING = new Set(['time']);

/** A dictionary gloss whose first meaning is a proper name: "Jay Chou; Taiwanese pop star". */
const PROPER_GLOSS = /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)*(?:;|$)/u;

/** Is the gloss's first meaning a name none of whose words the knowledge knows ("Jay Chou", not "European Union")? */
function isUnknownNameGloss(english: string, known: (lower: string) => boolean): boolean {
  return PROPER_GLOSS.test(english) && !english.split(';')[0]!.split(/[ -]/).some((word) => known(word.toLowerCase()));
}

/**
 * A Chinese word whose first meaning is everyday English (今天: "today; now"), or only function
 * words (一个: "a; an; one").
 */
function isEverydayGloss(english: string): boolean {
  for (const alternative of english.split(';')) {
    const content = tokenizeSurface(alternative).map((t) => t.raw.toLowerCase()).filter((w) => !QUERY_STOP_WORDS.has(w));
    if (content.length > 0) return content.every(isEverydayWord);
  }
  return true;
}

type PieceTemplate = Omit<Piece, 'token'>;

/** A word neither the knowledge nor everyday English knows is taken as a typo of the nearest one that is. */
function mendTypo(t: SurfaceToken, known: (word: string) => boolean): SurfaceToken {
  if (t.cjk || t.parts.length !== 1) return t;
  const word = t.raw.toLowerCase();
  if (known(word) || QUERY_STOP_WORDS.has(word)) return t;
  const fixed = correctTypo(word, known);
  // A capital inside a word (iPhone, DeepSeak) spells a name: it is mended only into a name of the
  // knowledge's own, never into an English word ("iPhone" is no "phone").
  if (fixed && /\p{Ll}\p{Lu}/u.test(t.raw) && englishCount(fixed) > 0) return t;
  return fixed ? (tokenizeSurface(fixed)[0] ?? t) : t;
}

/** The processed term sequence of a text, one entry per part of each token (CJK runs excluded). */
function pieces(tokens: SurfaceToken[], split: (t: SurfaceToken) => string[] | null, templates: WeakMap<SurfaceToken, PieceTemplate[]>): Piece[] {
  const out: Piece[] = [];
  tokens.forEach((t, i) => {
    if (t.cjk) return;
    let template = templates.get(t);
    if (!template) {
      const stopWord = QUERY_STOP_WORDS.has(t.raw.toLowerCase());
      template = (split(t) ?? t.parts).map((part) => ({ base: processWord(part), stop: stopWord || QUERY_STOP_WORDS.has(part) }));
      templates.set(t, template);
    }
    for (const p of template) out.push({ base: p.base, stop: p.stop, token: i });
  });
  return out;
}

/** Is this token a number after a capitalised word that does not open the message, as a model's number is ("Model 3")? */
function endsName(tokens: readonly SurfaceToken[], i: number): boolean {
  const before = tokens[i - 1];
  return i >= 2 && before !== undefined && !before.cjk && /^\p{Lu}/u.test(before.raw) && /^\d/.test(tokens[i]!.raw);
}

/**
 * "GPT 3.5", "Llama 2", "Ernie 3.5": a name followed by a short version number is also one term
 * ("gpt3.5"), the same term that "GPT-3.5" gives, so either spelling finds the other.
 */
function versionJoin(t: SurfaceToken, next: SurfaceToken | undefined): string | null {
  if (!next || t.cjk || next.cjk || t.parts.length !== 1 || next.parts.length !== 1) return null;
  const word = t.parts[0]!;
  const num = next.parts[0]!;
  const first = num.charCodeAt(0);
  if (first < 48 || first > 57) return null; // most next words are not numbers: the cheap test first
  if (!/^[a-z][a-z0-9]{1,}$/.test(word) || QUERY_STOP_WORDS.has(word) || !/^\d{1,2}(\.\d+)?$/.test(num)) return null;
  return word + num;
}

/**
 * Machine-translated text runs words together ("Alibabais", "NVIDIAThe"). Where a token starts with a
 * known name and the rest is a stop word, a known name, or starts at a case change, split it.
 */
function splitRunOn(t: SurfaceToken, knownWords: Set<string>): string[] | null {
  if (t.parts.length !== 1) return null;
  const word = t.parts[0]!;
  if (word.length < 6 || knownWords.has(word)) return null;
  for (let cut = 4; cut <= word.length - 2; cut++) {
    const name = word.slice(0, cut);
    if (!knownWords.has(name)) continue;
    const rest = word.slice(cut);
    const caseChange = /\p{Lu}/u.test(t.raw[cut] ?? '');
    if (QUERY_STOP_WORDS.has(rest) || knownWords.has(rest) || caseChange) return [name, rest];
  }
  return null;
}
