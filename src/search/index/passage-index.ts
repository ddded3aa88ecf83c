import type MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';
import { leansOnPrevious, type Passage } from '../../knowledge/passages.js';
import { impliedYear } from '../../knowledge/relative-years.js';
import type { Analyzer, QueryAnalysis, QueryTerm } from '../question/analyzer.js';
import { fillMiniSearch, searchTop, type TopMatch } from './minisearch-direct.js';
import { rerank } from './rerank.js';
import { internTerms, passageTermIds, termIds, type PassageTerms } from './term-table.js';

/**
 * Retrieval options in one place. A passage is scored on its own text and, more weakly, on its
 * neighbours and section heading, because a sentence often leans on the one before it.
 */
export const SEARCH_OPTIONS = {
  /** Field boosts: the sentence itself outweighs its context. */
  boost: { text: 1, context: 0.3 },
  /** Typo tolerance for words the index does not know: one edit from 5 letters, two from 9. */
  fuzzy: (term: string): number | false => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false),
  /** Fuzzy and prefix matches count less than exact ones, so a typo never drowns an exact hit. */
  weights: { fuzzy: 0.3, prefix: 0.2 },
  /**
   * A term in more than this share of passages is "common" (like "China" in a corpus about China):
   * it is not used to find candidates, only to score them, which keeps queries fast on large corpora.
   */
  commonTermRatio: 0.02,
  /** …but a term in fewer passages than this is never common, however small the corpus. */
  commonTermMinCount: 16,
  /** Candidates scored and reranked per question. */
  candidates: 50,
} as const;

/** Extra weight of a number ("in 2023") or a name ("Huawei") over a word of the same rarity. */
const ANCHOR_WEIGHT = 1.5;
const NO_TERMS: ReadonlySet<string> = new Set();

export interface IndexedPassage {
  id: string;
  position: number;
}

export interface RankedPassage {
  passage: Passage;
  /** Position in the index's passage list. */
  position: number;
  score: number;
  /** Indexes into `QueryAnalysis.words` that this passage (or its context) matched. */
  matchedWords: Set<number>;
  /** Indexes of words matched by the passage's own text. */
  textWords: Set<number>;
}

export interface PassageIndex {
  search(query: QueryAnalysis, limit?: number): RankedPassage[];
  /** Inverse document frequency of an index term over passages (high for rare or unknown terms). */
  idf(term: string): number;
  /** In how many passages a term occurs. */
  documentFrequency(term: string): number;
  /** Does the passage at `position` hold `term` in its own text (or the sentence it leans on)? */
  textHas(position: number, term: string): boolean;
  /** Which of the question's content words the index knows (by any of their terms). */
  knownWords(query: QueryAnalysis): boolean[];
  /** Each content word's weight: the idf of its most specific term (aliases included). */
  wordWeights(query: QueryAnalysis): number[];
  readonly passages: readonly Passage[];
  /** Every passage's analysed terms: what a persisted index stores, to skip analysis next time. */
  readonly terms: PassageTerms;
  /** The MiniSearch index of the passages' text. */
  readonly miniSearch: MiniSearch<IndexedPassage>;
}

/**
 * The MiniSearch query that finds a question's candidates: its finding terms (see `findingTerms`),
 * OR-ed, each weighted by its term weight, typo tolerance only for words the index does not know.
 * Null when no term can find anything.
 */
export function candidateQuery(terms: QueryTerm[], documentFrequency: (term: string) => number, passageCount: number): { query: string; options: SearchOptions } | null {
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  const finding = findingTerms(terms, documentFrequency, passageCount);
  if (finding.length === 0) return null;
  return {
    query: finding.map((t) => t.term).join(' '),
    options: {
      boost: { text: SEARCH_OPTIONS.boost.text },
      fuzzy: (term) => fuzziness(byTerm.get(term)!, documentFrequency),
      weights: SEARCH_OPTIONS.weights,
      boostTerm: (term) => byTerm.get(term)?.weight ?? 1,
      combineWith: 'OR',
    },
  };
}

/**
 * The terms that find candidates: the rare ones, and unknown words that typo tolerance may match.
 * Common terms only score what those find (when every term is common, the two rarest find).
 */
function findingTerms(terms: QueryTerm[], count: (term: string) => number, n: number): QueryTerm[] {
  const limit = Math.max(SEARCH_OPTIONS.commonTermRatio * n, SEARCH_OPTIONS.commonTermMinCount);
  const finding = terms.filter((t) => (count(t.term) > 0 && count(t.term) <= limit) || (count(t.term) === 0 && fuzziness(t, count) !== false));
  if (finding.length > 0) return finding;
  return terms.filter((t) => count(t.term) > 0).sort((a, b) => count(a.term) - count(b.term)).slice(0, 2);
}

/** Only words the index does not know get typo tolerance: a known word is taken as meant. */
function fuzziness(t: QueryTerm, count: (term: string) => number): number | false {
  return t.exact || count(t.term) > 0 ? false : SEARCH_OPTIONS.fuzzy(t.term);
}

/** A passage's terms: its text's, and the year it means without writing it ("the following year"). */
function termsOfPassage(passages: readonly Passage[], i: number, analyzer: Analyzer): string[] {
  const terms = analyzer.indexTerms(passages[i]!.text);
  const year = impliedYear(passages, i);
  return year === undefined ? terms : [...terms, ...analyzer.indexTerms(year).filter((t) => !terms.includes(t))];
}

/**
 * Words that name a news item rather than say anything in it: "according to the CNBC piece", "per the
 * TS2 article". Every passage's article is such an item.
 */
const NEWS_ITEM_WORDS = 'article piece story writeup 文章 报道';

/**
 * Indexes the passages. `terms` are their analysed terms from a persisted index (see
 * `index-snapshot.ts`); without them every passage is analysed here, which is most of the build.
 * `sourceOf` names an article as a reader may refer to it (its publisher).
 */
export function buildPassageIndex(passages: readonly Passage[], analyzer: Analyzer, terms?: PassageTerms, sourceOf?: (articleId: string) => string): PassageIndex {
  if (terms && terms.offsets.length !== passages.length + 1) throw new Error('buildPassageIndex: the terms are not those of these passages');
  // Each text is analysed once: a passage's terms are reused as its neighbours' context.
  const table = terms ?? internTerms(passages.length, (i) => termsOfPassage(passages, i, analyzer));
  const idOf = termIds(table);
  // Ranking asks "does passage i contain term t?" for every query term of every candidate; a Set
  // answers that without scanning the term list. Built on first use: only candidates need one, so a
  // large corpus does not pay for every passage up front.
  const textSets: Array<ReadonlySet<number> | undefined> = new Array(passages.length);
  const textSet = (i: number): ReadonlySet<number> => (textSets[i] ??= new Set(passageTermIds(table, i)));
  const headingSets = new Map<string, ReadonlySet<string>>();
  const headingSet = (i: number): ReadonlySet<string> => {
    const heading = passages[i]!.heading;
    if (heading === null) return NO_TERMS;
    let terms = headingSets.get(heading);
    if (!terms) headingSets.set(heading, (terms = new Set(analyzer.indexTerms(heading))));
    return terms;
  };
  // A question may name the article it read ("the TS2 article says …"): its name and the words for a
  // news item are context to every passage of it, as a heading is to the passages under it.
  const sourceSets = new Map<string, ReadonlySet<string>>();
  const sourceSet = (i: number): ReadonlySet<string> => {
    const id = passages[i]!.articleId;
    let terms = sourceSets.get(id);
    if (!terms) sourceSets.set(id, (terms = new Set(sourceOf ? analyzer.indexTerms(`${sourceOf(id)} ${NEWS_ITEM_WORDS}`) : [])));
    return terms;
  };
  // What a reader of the quote sees: a sentence that leans on the one before is quoted with it.
  const leans = passages.map((p, i) => leansOnPrevious(p, passages[i - 1]));
  const sameArticle = (i: number, j: number) => passages[j]?.articleId === passages[i]!.articleId;
  const neighbours = (i: number) => [i - 1, i + 1].filter((j) => sameArticle(i, j));
  const has = (i: number, id: number | undefined) => id !== undefined && textSet(i).has(id);
  const textHas = (i: number, term: string): boolean => {
    const id = idOf.get(term);
    return has(i, id) || (leans[i]! && has(i - 1, id));
  };
  /** The section heading's terms and the neighbouring passages' terms. */
  const inContext = (i: number, term: string): boolean =>
    headingSet(i).has(term) ||
    sourceSet(i).has(term) ||
    (sameArticle(i, i - 1) && has(i - 1, idOf.get(term))) ||
    (sameArticle(i, i + 1) && has(i + 1, idOf.get(term)));

  // Documents carry their position; the tokenizer looks the terms up instead of re-analysing text.
  // Only the passage's own text is indexed: context is scored on the candidates (see `rank`), which
  // halves the index and its build time at no cost in answers. These options say what `addAll`
  // would do; `fillMiniSearch` fills that same index from the interned terms, in a fraction of the time.
  const options: Options<IndexedPassage> = {
    fields: ['text'],
    storeFields: [],
    extractField: (doc, field) => (field === 'id' ? doc.id : String(doc.position)),
    tokenize: (position) => [...passageTermIds(table, Number(position))].map((id) => table.terms[id]!),
    processTerm: (term) => term,
    searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t },
  };
  const { miniSearch, df: dfById } = fillMiniSearch(options, passages.map((p) => p.id), table);

  const documentFrequency = (term: string) => {
    const id = idOf.get(term);
    return id === undefined ? 0 : dfById[id]!;
  };
  // A term that names articles ("CNBC") is as common as the passages of those articles.
  let sourceCounts: Map<string, number> | undefined;
  const countSourceTerms = (): Map<string, number> => {
    const firstOf = new Map<string, { first: number; count: number }>();
    passages.forEach((p, i) => {
      const seen = firstOf.get(p.articleId);
      if (seen) seen.count++;
      else firstOf.set(p.articleId, { first: i, count: 1 });
    });
    const counts = new Map<string, number>();
    for (const { first, count } of firstOf.values()) for (const t of sourceSet(first)) counts.set(t, (counts.get(t) ?? 0) + count);
    return counts;
  };
  const sourceFrequency = (term: string): number => (sourceOf ? (sourceCounts ??= countSourceTerms()).get(term) ?? 0 : 0);
  const n = Math.max(passages.length, 1);
  const idf = (term: string) => {
    const d = Math.max(documentFrequency(term), sourceFrequency(term));
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const unknownIdf = idf('');
  const inIndex = (term: string) => documentFrequency(term) > 0 || sourceFrequency(term) > 0;

  const wordWeights = (query: QueryAnalysis) => {
    // A word weighs as its most specific term the index knows; a word with no known term, the most.
    const weights = query.words.map(() => 0);
    const known = query.words.map(() => false);
    const searched = query.words.map(() => false);
    for (const t of query.terms) {
      for (const i of t.words) searched[i] = true;
      if (!inIndex(t.term)) continue;
      for (const i of t.words) {
        weights[i] = Math.max(weights[i] ?? 0, idf(t.term));
        known[i] = true;
      }
    }
    return weights.map((knownWeight, i) => {
      if (!searched[i]) return 0; // only stop-word terms ("gives" → give): not part of the question's topic
      const w = known[i] ? knownWeight : unknownIdf;
      const word = query.words[i] ?? '';
      // A word of two letters the knowledge has never seen ("ur", "ya") is more likely a slip than a topic;
      // three letters may well be a name it lacks ("css", "ipo").
      if (w >= unknownIdf && [...word].length <= 2 && !/\p{Script=Han}/u.test(word)) return 1;
      // Numbers (years, counts, versions) and names are what a factual question hinges on.
      const anchored = /\d/.test(word) || query.entities[i] ? w * ANCHOR_WEIGHT : w;
      return anchored * (query.salience[i] ?? 1);
    });
  };

  /**
   * Scores a candidate: MiniSearch's BM25 score on the text for the finding terms, plus each common
   * term found in the text, plus each term found only in the context at the context boost.
   */
  function rank(position: number, r: TopMatch | undefined, all: QueryTerm[]): RankedPassage {
    const found = new Set<string>(r?.queryTerms ?? []);
    const inText = new Set<string>(found);
    // MiniSearch multiplies a score by the number of query terms matched; other matches join that count.
    const matched = found.size;
    let perTerm = r ? r.score / Math.max(matched, 1) : 0;
    let extra = 0;
    for (const t of all) {
      if (found.has(t.term)) continue;
      const text = textHas(position, t.term);
      if (!text && !inContext(position, t.term)) continue;
      perTerm += idf(t.term) * t.weight * (text ? SEARCH_OPTIONS.boost.text : SEARCH_OPTIONS.boost.context);
      extra++;
      found.add(t.term);
      if (text) inText.add(t.term);
    }
    return {
      passage: passages[position]!,
      position,
      score: perTerm * (matched + extra),
      matchedWords: wordsFound(all, found, inIndex),
      textWords: wordsFound(all, inText, inIndex),
    };
  }

  return {
    passages,
    terms: table,
    miniSearch,
    idf,
    documentFrequency,
    textHas,
    knownWords: (query) => query.words.map((_, i) => query.terms.some((t) => t.words.includes(i) && inIndex(t.term))),
    wordWeights,
    search(query, limit = SEARCH_OPTIONS.candidates) {
      if (query.terms.length === 0) return [];
      const candidates = candidateQuery(query.terms, documentFrequency, n);
      if (!candidates) return [];
      // Candidates: the best text matches and their neighbours, which may answer through context.
      // Only the best are asked for: MiniSearch's `search` would score and sort every match.
      const top = searchTop(miniSearch, candidates.query, candidates.options, SEARCH_OPTIONS.candidates);
      const byPosition = new Map(top.map((r) => [r.shortId, r]));
      const positions = new Set(byPosition.keys());
      for (const i of byPosition.keys()) for (const j of neighbours(i)) positions.add(j);
      const hits = [...positions].map((i) => rank(i, byPosition.get(i), query.terms));
      return rerank(hits, wordWeights(query), query.read).slice(0, limit);
    },
  };
}

/** Prefixes written with a hyphen ("ex-Sogou", "non-Chinese", "co-founder"): the word is what follows. */
const PREFIXES: ReadonlySet<string> = new Set(['ex', 'non', 'co', 'pre', 'post', 'anti', 'semi', 'multi', 'sub', 'pro']);

/**
 * The question's words that these found terms stand for. A piece of a joined word ("ai" of
 * "01.AI") finds the word only with its other pieces: "AI startup" is not 01.AI, "GPT 4" is GPT-4.
 * A piece no passage holds, or a prefix, is not asked of a passage: "ex-Sogou" is found by "Sogou".
 */
function wordsFound(all: readonly QueryTerm[], found: ReadonlySet<string>, known: (term: string) => boolean): Set<number> {
  const words = new Set<number>();
  const pieces = new Map<number, boolean>(); // word → every piece of it asked so far is found
  for (const t of all) {
    const has = found.has(t.term);
    if (!t.part) {
      if (has) for (const w of t.words) words.add(w);
      continue;
    }
    if (!has && (PREFIXES.has(t.term) || !known(t.term))) continue;
    for (const w of t.words) pieces.set(w, (pieces.get(w) ?? true) && has);
  }
  for (const [w, every] of pieces) if (every) words.add(w);
  return words;
}
