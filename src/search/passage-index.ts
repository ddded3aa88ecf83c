import MiniSearch, { type SearchResult } from 'minisearch';
import type { Passage } from '../knowledge/passages.js';
import type { Analyzer, QueryAnalysis } from './analyzer.js';
import { ALIAS_PREFIX } from './aliases.js';
import { rerank } from './rerank.js';

/**
 * Retrieval options in one place. A passage is scored on its own text and, more weakly, on its
 * neighbours and section heading, because a sentence often leans on the one before it.
 */
export const SEARCH_OPTIONS = {
  /** Field boosts: the sentence itself outweighs its context. */
  boost: { text: 1, context: 0.3 },
  /** Typo tolerance: one edit from 5 letters, two from 9; names with digits and aliases stay exact. */
  fuzzy: (term: string): number | false => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false),
  /** Fuzzy and prefix matches count less than exact ones, so a typo never drowns an exact hit. */
  weights: { fuzzy: 0.3, prefix: 0.2 },
  /** Candidates kept for answering and reranking. */
  candidates: 30,
} as const;

interface IndexedPassage {
  id: string;
  text: string;
  context: string;
}

export interface RankedPassage {
  passage: Passage;
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
  /** Each content word's weight: the idf of its most specific term (aliases included). */
  wordWeights(query: QueryAnalysis): number[];
  readonly passages: readonly Passage[];
}

export function buildPassageIndex(passages: readonly Passage[], analyzer: Analyzer): PassageIndex {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const termCache = new Map<string, string[]>();
  const terms = (text: string) => {
    let t = termCache.get(text);
    if (!t) termCache.set(text, (t = analyzer.indexTerms(text)));
    return t;
  };

  const miniSearch = new MiniSearch<IndexedPassage>({
    fields: ['text', 'context'],
    storeFields: [],
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t },
  });
  const docs = passages.map((p, i) => ({ id: p.id, text: p.text, context: contextOf(passages, i) }));
  miniSearch.addAll(docs);

  const df = new Map<string, number>();
  for (const p of passages) for (const t of new Set(terms(p.text))) df.set(t, (df.get(t) ?? 0) + 1);
  termCache.clear();
  const n = Math.max(passages.length, 1);
  const idf = (term: string) => {
    const d = df.get(term) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };

  const wordWeights = (query: QueryAnalysis) => {
    const weights = query.words.map(() => 0);
    for (const t of query.terms) {
      const w = idf(t.term);
      for (const i of t.words) weights[i] = Math.max(weights[i] ?? 0, w);
    }
    return weights;
  };

  return {
    passages,
    idf,
    wordWeights,
    search(query, limit = SEARCH_OPTIONS.candidates) {
      if (query.terms.length === 0) return [];
      const byTerm = new Map(query.terms.map((t) => [t.term, t]));
      const results = miniSearch.search(query.terms.map((t) => t.term).join(' '), {
        boost: SEARCH_OPTIONS.boost,
        fuzzy: (term) => (byTerm.get(term)?.exact || term.startsWith(ALIAS_PREFIX) ? false : SEARCH_OPTIONS.fuzzy(term)),
        weights: SEARCH_OPTIONS.weights,
        boostTerm: (term) => byTerm.get(term)?.weight ?? 1,
        combineWith: 'OR',
      });
      const hits = results.slice(0, SEARCH_OPTIONS.candidates).map((r) => rank(r, byTerm, byId));
      return rerank(hits, wordWeights(query), query.text).slice(0, limit);
    },
  };
}

function rank(r: SearchResult, byTerm: Map<string, { words: number[] }>, byId: Map<string, Passage>): RankedPassage {
  const matchedWords = new Set<number>();
  const textWords = new Set<number>();
  for (const q of r.queryTerms) for (const w of byTerm.get(q)?.words ?? []) matchedWords.add(w);
  // r.match maps matched index terms to fields; a fuzzy match is credited to the query terms that
  // found no exact match in this passage.
  const fuzzyQueryTerms = r.queryTerms.filter((q) => !(q in r.match));
  for (const [indexTerm, fields] of Object.entries(r.match)) {
    if (!fields.includes('text')) continue;
    const from = byTerm.has(indexTerm) ? [indexTerm] : fuzzyQueryTerms;
    for (const q of from) for (const w of byTerm.get(q)?.words ?? []) textWords.add(w);
  }
  return { passage: byId.get(r.id as string)!, score: r.score, matchedWords, textWords };
}

/** The section heading and the neighbouring passages of the same article. */
function contextOf(passages: readonly Passage[], i: number): string {
  const p = passages[i]!;
  const near = [passages[i - 1], passages[i + 1]].filter((q): q is Passage => !!q && q.articleId === p.articleId);
  return [p.heading ?? '', ...near.map((q) => q.text)].join('\n');
}
