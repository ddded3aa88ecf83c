import MiniSearch, { type SearchResult } from 'minisearch';
import { leansOnPrevious, type Passage } from '../knowledge/passages.js';
import type { Analyzer, QueryAnalysis, QueryTerm } from './analyzer.js';
import { rerank } from './rerank.js';

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

interface IndexedPassage {
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
}

export function buildPassageIndex(passages: readonly Passage[], analyzer: Analyzer): PassageIndex {
  // Each text is analysed once: a passage's terms are reused as its neighbours' context.
  const textTerms = passages.map((p) => analyzer.indexTerms(p.text));
  // Ranking asks "does passage i contain term t?" for every query term of every candidate; a Set
  // answers that without scanning the term list. Built on first use: only candidates need one, so a
  // large corpus does not pay for every passage up front.
  const textSets: Array<ReadonlySet<string> | undefined> = new Array(passages.length);
  const textSet = (i: number): ReadonlySet<string> => (textSets[i] ??= new Set(textTerms[i]));
  const headingSets = new Map<string, ReadonlySet<string>>();
  const headingSet = (i: number): ReadonlySet<string> => {
    const heading = passages[i]!.heading;
    if (heading === null) return NO_TERMS;
    let terms = headingSets.get(heading);
    if (!terms) headingSets.set(heading, (terms = new Set(analyzer.indexTerms(heading))));
    return terms;
  };
  // What a reader of the quote sees: a sentence that leans on the one before is quoted with it.
  const leans = passages.map((p, i) => leansOnPrevious(p, passages[i - 1]));
  const sameArticle = (i: number, j: number) => passages[j]?.articleId === passages[i]!.articleId;
  const neighbours = (i: number) => [i - 1, i + 1].filter((j) => sameArticle(i, j));
  const textHas = (i: number, term: string): boolean => textSet(i).has(term) || (leans[i]! && textSet(i - 1).has(term));
  /** The section heading's terms and the neighbouring passages' terms. */
  const inContext = (i: number, term: string): boolean =>
    headingSet(i).has(term) ||
    (sameArticle(i, i - 1) && textSet(i - 1).has(term)) ||
    (sameArticle(i, i + 1) && textSet(i + 1).has(term));

  // Documents carry their position; the tokenizer looks the terms up instead of re-analysing text.
  // Only the passage's own text is indexed: context is scored on the candidates (see `rank`), which
  // halves the index and its build time at no cost in answers.
  const miniSearch = new MiniSearch<IndexedPassage>({
    fields: ['text'],
    storeFields: [],
    extractField: (doc, field) => (field === 'id' ? doc.id : String(doc.position)),
    tokenize: (position) => textTerms[Number(position)]!,
    processTerm: (term) => term,
    searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t },
  });
  miniSearch.addAll(passages.map((p, position) => ({ id: p.id, position })));
  const positionOf = new Map(passages.map((p, i) => [p.id, i]));

  const df = new Map<string, number>();
  for (const terms of textTerms) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(passages.length, 1);
  const idf = (term: string) => {
    const d = df.get(term) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const unknownIdf = idf('');

  const wordWeights = (query: QueryAnalysis) => {
    // A word weighs as its most specific term the index knows; a word with no known term, the most.
    const weights = query.words.map(() => 0);
    const known = query.words.map(() => false);
    const searched = query.words.map(() => false);
    for (const t of query.terms) {
      for (const i of t.words) searched[i] = true;
      if (!df.has(t.term)) continue;
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
   * The terms that find candidates: the rare ones, and unknown words that typo tolerance may match.
   * Common terms only score what those find (when every term is common, the two rarest find).
   */
  function findingTerms(terms: QueryTerm[]): QueryTerm[] {
    const limit = Math.max(SEARCH_OPTIONS.commonTermRatio * n, SEARCH_OPTIONS.commonTermMinCount);
    const count = (t: QueryTerm) => df.get(t.term) ?? 0;
    const finding = terms.filter((t) => (count(t) > 0 && count(t) <= limit) || (count(t) === 0 && fuzziness(t) !== false));
    if (finding.length > 0) return finding;
    return terms.filter((t) => count(t) > 0).sort((a, b) => count(a) - count(b)).slice(0, 2);
  }

  /** Only words the index does not know get typo tolerance: a known word is taken as meant. */
  function fuzziness(t: QueryTerm): number | false {
    return t.exact || df.has(t.term) ? false : SEARCH_OPTIONS.fuzzy(t.term);
  }

  /**
   * Scores a candidate: MiniSearch's BM25 score on the text for the finding terms, plus each common
   * term found in the text, plus each term found only in the context at the context boost.
   */
  function rank(position: number, r: SearchResult | undefined, byTerm: Map<string, QueryTerm>, all: QueryTerm[]): RankedPassage {
    const matchedWords = new Set<number>();
    const textWords = new Set<number>();
    const found = new Set<string>(r?.queryTerms ?? []);
    for (const q of found) for (const w of byTerm.get(q)?.words ?? []) {
      matchedWords.add(w);
      textWords.add(w);
    }
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
      for (const w of t.words) {
        matchedWords.add(w);
        if (text) textWords.add(w);
      }
    }
    return { passage: passages[position]!, position, score: perTerm * (matched + extra), matchedWords, textWords };
  }

  return {
    passages,
    idf,
    documentFrequency: (term) => df.get(term) ?? 0,
    textHas,
    knownWords: (query) => query.words.map((_, i) => query.terms.some((t) => t.words.includes(i) && df.has(t.term))),
    wordWeights,
    search(query, limit = SEARCH_OPTIONS.candidates) {
      if (query.terms.length === 0) return [];
      const byTerm = new Map(query.terms.map((t) => [t.term, t]));
      const finding = findingTerms(query.terms);
      if (finding.length === 0) return [];
      const results = miniSearch.search(finding.map((t) => t.term).join(' '), {
        boost: { text: SEARCH_OPTIONS.boost.text },
        fuzzy: (term) => fuzziness(byTerm.get(term)!),
        weights: SEARCH_OPTIONS.weights,
        boostTerm: (term) => byTerm.get(term)?.weight ?? 1,
        combineWith: 'OR',
      });
      // Candidates: the best text matches and their neighbours, which may answer through context.
      const top = results.slice(0, SEARCH_OPTIONS.candidates);
      const byPosition = new Map(top.map((r) => [positionOf.get(r.id as string)!, r]));
      const positions = new Set(byPosition.keys());
      for (const i of byPosition.keys()) for (const j of neighbours(i)) positions.add(j);
      const hits = [...positions].map((i) => rank(i, byPosition.get(i), byTerm, query.terms));
      return rerank(hits, wordWeights(query), query.text).slice(0, limit);
    },
  };
}
