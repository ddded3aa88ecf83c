import type { Article } from '../knowledge/schema.js';
import type { Passage } from '../knowledge/passages.js';
import type { Analyzer, QueryAnalysis } from '../search/question/analyzer.js';
import { KIND_TERM_PREFIX, TYPE_TERMS } from '../search/question/answer-types.js';
import type { PassageIndex, RankedPassage } from '../search/index/passage-index.js';
import type { DecisionModel } from '../decision/model.js';
import { judgeCandidates, type Judgement, type MissingFact } from './decide.js';
import { quoteSpan, trimSnippet, type SnippetSpan } from './snippet.js';
import type { Answer, Citation, SearchHit } from './types.js';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 500;

/** Supporting passages must score at least this share of the best one to be shown. */
export const SUPPORT_MIN_RATIO = 0.35;
export const MAX_CITATIONS = 3;

/**
 * What a declined question gets: what the bot knows about. Each surface adds how to list the
 * sources there (`/sources` on Discord, `--sources` in a terminal).
 */
export const DECLINE_MESSAGE =
  "I couldn't find that in my sources, so I won't guess. I answer questions about Chinese large language models: " +
  'model releases and approvals, companies such as Baidu, Alibaba, DeepSeek and SenseTime, chips and export controls, ' +
  'and government policy.';

export interface Corpus {
  articles: ReadonlyMap<string, Article>;
  /** Passages of each article, in reading order. */
  passagesByArticle: ReadonlyMap<string, readonly Passage[]>;
  index: PassageIndex;
  analyzer: Analyzer;
  /** The learned answer decision (src/decision/model.json unless a test or the trainer gives another). */
  model: DecisionModel;
}

/** Why a question cannot be asked at all, or null when it can. */
export function questionProblem(question: string): 'empty' | 'too-long' | null {
  const trimmed = question.trim();
  if (trimmed === '') return 'empty';
  if ([...trimmed].length > MAX_QUESTION_CHARS) return 'too-long';
  return null;
}

export function composeAnswer(question: string, corpus: Corpus): Answer {
  const problem = questionProblem(question);
  if (problem) {
    const text = problem === 'empty' ? 'Please ask a question.' : `Please keep questions under ${MAX_QUESTION_CHARS} characters.`;
    return { question, answered: false, text, citations: [], related: [], declineReason: problem, confidence: 0 };
  }
  const { query, judgement } = judge(question, corpus);
  const { verdict } = judgement;
  const confidence = Math.round(verdict.confidence * 1000) / 1000;
  if (verdict.outcome === 'declined') {
    return { question, answered: false, text: DECLINE_MESSAGE, citations: [], related: [], declineReason: 'off-topic', confidence };
  }
  if (verdict.outcome === 'related') {
    const related = closestPassages(verdict.ranked, query, corpus);
    const text = verdict.missing ? missingFactText(verdict.missing) : NOT_SURE_MESSAGE;
    return { question, answered: false, text, citations: [], related, declineReason: verdict.missing ? 'missing-fact' : 'not-sure', confidence };
  }
  const chosen = chooseCitations(verdict.ranked, query, corpus);
  const citations = chosen.map(({ hit, span }, i) => citationFor(hit, span.text, i + 1, query, corpus));
  const more = citations.slice(1).map((c) => `[${c.n}]`);
  const text = `${citations[0]!.snippet} [1]${more.length ? `\n(See also ${more.join(' ')}.)` : ''}`;
  return { question, answered: true, text, citations, related: [], confidence };
}

/** What a person reads above the closest passages: they are shown, but not as the answer. */
export const NOT_SURE_MESSAGE = "I'm not sure my sources answer this. These passages are the closest I found:";

function missingFactText(missing: MissingFact): string {
  return `My sources mention ${missing.subject} but not ${missing.fact}. What they say about it:`;
}

/** Up to three passages to show when not sure, each telling something new, quoted as it would be in an answer. */
function closestPassages(ranked: RankedPassage[], query: QueryAnalysis, corpus: Corpus): Citation[] {
  const shown: Citation[] = [];
  const quoted = new Set<string>();
  const told = new ToldSoFar(corpus);
  for (const hit of ranked) {
    if (shown.length >= MAX_CITATIONS) break;
    if (quoted.has(hit.passage.id)) continue;
    const span = spanOf(hit, corpus, query);
    if (span.passages.some((p) => quoted.has(p.id))) continue;
    if (told.retells(span.text)) continue;
    for (const p of span.passages) quoted.add(p.id);
    shown.push(citationFor(hit, span.text, shown.length + 1, query, corpus));
  }
  return shown;
}

/** One search and one decision behind answers, /search and `ask --explain`. */
export function judge(question: string, corpus: Corpus): { query: QueryAnalysis; judgement: Judgement } {
  const query = corpus.analyzer.analyzeQuery(question);
  const ranked = corpus.index.search(query);
  const termsOf = (text: string) => corpus.analyzer.indexTerms(text);
  // Several features read a candidate's quote (the year named, the fact spoken of): work it out once.
  const quotes = new Map<RankedPassage, string>();
  const quoteOf = (hit: RankedPassage) => {
    let quote = quotes.get(hit);
    if (quote === undefined) quotes.set(hit, (quote = spanOf(hit, corpus, query).text));
    return quote;
  };
  return { query, judgement: judgeCandidates({ query, ranked, index: corpus.index, quoteOf, companies: aliasTerms(corpus, 'company'), places: aliasTerms(corpus, 'place'), models: aliasTerms(corpus, 'model'), termsOf }, corpus.model) };
}

const aliasTermsOf = new WeakMap<Corpus, Map<string, string[]>>();
/** The alias term of every name of one kind (a company, a place) the knowledge knows, worked out once per corpus. */
function aliasTerms(corpus: Corpus, kind: string): string[] {
  let byKind = aliasTermsOf.get(corpus);
  if (!byKind) aliasTermsOf.set(corpus, (byKind = new Map()));
  let terms = byKind.get(kind);
  if (!terms) byKind.set(kind, (terms = [...new Set(corpus.analyzer.aliases.names.filter((n) => n.kind === kind).map((n) => n.canonical))]));
  return terms;
}

/** The top passages for a query (`/search`): none when the question would be declined outright. */
export function searchPassages(text: string, corpus: Corpus, limit: number): SearchHit[] {
  if (questionProblem(text)) return [];
  const { query, judgement } = judge(text, corpus);
  return judgement.verdict.ranked.slice(0, limit).map((hit) => ({
    passageId: hit.passage.id,
    ...sourceFields(corpus.articles.get(hit.passage.articleId)!),
    text: hit.passage.text,
    score: hit.score,
    matchedTerms: matchedTerms(hit, query),
  }));
}

/** What every surface shows about where a quote comes from. */
export function sourceFields(article: Article) {
  const { title, publisher, published, publishedApprox, url } = article;
  return { articleId: article.id, title, publisher, published, publishedApprox, url };
}

/** The question's words (as typed) that a passage matched, for highlighting. */
function matchedTerms(hit: RankedPassage, query: QueryAnalysis): string[] {
  return [...hit.matchedWords].map((w) => query.words[w]!).filter(Boolean);
}

/** The verbatim stretch quoted for a passage, read against the question (see quoteSpan). */
export function spanOf(hit: RankedPassage, corpus: Corpus, query: QueryAnalysis): SnippetSpan {
  const article = corpus.articles.get(hit.passage.articleId)!;
  const completes = (next: Passage) => completesAnswer(hit, next, query, corpus.index, aliasTerms(corpus, 'company'));
  return quoteSpan(hit.passage, corpus.passagesByArticle.get(article.id) ?? [], article.body, completes);
}

/**
 * Does the sentence after `hit` hold a word of the question that `hit`'s own text lacks and that is
 * not everyday English, or the kind of fact asked (a date, a count, a name) that `hit` lacks? An
 * answer often takes two sentences: the first names the subject ("the “Four AI Tigers”: SenseTime,
 * …"), the next says what was asked of it ("only SenseTime and CloudWalk have launched large models").
 */
function completesAnswer(hit: RankedPassage, next: Passage, query: QueryAnalysis, index: PassageIndex, companies: readonly string[]): boolean {
  const position = hit.position + 1;
  if (index.passages[position]?.id !== next.id) return false;
  const adds = (term: string) => index.textHas(position, term) && !index.textHas(hit.position, term);
  // A word's own term, not a kind or alias term that `hit` may hold for it ("#model" for any model's name).
  const word = query.terms.some((t) => !t.part && !t.term.startsWith(KIND_TERM_PREFIX) && t.words.some((w) => query.entities[w] || !query.everyday[w]) && adds(t.term));
  const facts = query.types.filter((type) => type === 'date' || type === 'count' || type === 'who');
  if (word || (facts.length > 0 && facts.every((type) => adds(TYPE_TERMS[type])))) return true;
  // "Which company leads on Nvidia alternatives?" after "Chinese companies … alternatives to Nvidia.":
  // the next sentence names a company that neither the question nor the first sentence names.
  const asked = new Set(query.terms.map((t) => t.term));
  return query.types.some((type) => type === 'company' || type === 'who') && companies.some((c) => !asked.has(c) && adds(c));
}

/**
 * The best passage, then up to two more that add something on the same subject: not a repeat, not
 * already quoted, and about the same names and numbers (a question about China in 2023 is not
 * supported by a passage about another company's 2023).
 */
function chooseCitations(ranked: RankedPassage[], query: QueryAnalysis, corpus: Corpus): Array<{ hit: RankedPassage; span: SnippetSpan }> {
  const best = ranked[0]!;
  const chosen = [{ hit: best, span: spanOf(best, corpus, query) }];
  const quoted = new Set(chosen[0]!.span.passages.map((p) => p.id));
  const told = new ToldSoFar(corpus, chosen[0]!.span.text);
  const anchors = [...best.matchedWords].filter((w) => query.entities[w] || /\d/.test(query.words[w] ?? ''));
  for (const hit of ranked.slice(1)) {
    if (chosen.length >= MAX_CITATIONS || hit.score < best.score * SUPPORT_MIN_RATIO) break;
    if (quoted.has(hit.passage.id)) continue;
    if (!anchors.every((w) => hit.matchedWords.has(w))) continue;
    const span = spanOf(hit, corpus, query);
    if (span.passages.some((p) => quoted.has(p.id))) continue;
    if (told.retells(span.text)) continue;
    for (const p of span.passages) quoted.add(p.id);
    chosen.push({ hit, span });
  }
  return chosen;
}

function citationFor(hit: RankedPassage, quote: string, n: number, query: QueryAnalysis, corpus: Corpus): Citation {
  const terms = matchedTerms(hit, query);
  return {
    n,
    ...sourceFields(corpus.articles.get(hit.passage.articleId)!),
    passageId: hit.passage.id,
    snippet: trimSnippet(quote, terms),
    matchedTerms: terms,
  };
}

/**
 * A quote whose words (as the index reads them) are mostly in one already shown tells the same fact
 * again: a headline under the sentence it sums up, or an article repeating itself. Showing it would
 * spend one of three places. Measured on the bank: useful@3 1,781 → 1,786, one wrong answer fewer
 * (its [2] now a passage that holds the answer); 0.6 also dropped passages telling a new fact.
 */
const RETOLD_SHARE = 0.8;

/** A quote's index terms, kept per corpus: the same few quotes come up again and again (bounded, as the questions are not). */
const quoteTermsOf = new WeakMap<Corpus, Map<string, ReadonlySet<string>>>();
const QUOTE_TERMS_KEPT = 4096;

function quoteTerms(corpus: Corpus, quote: string): ReadonlySet<string> {
  let kept = quoteTermsOf.get(corpus);
  if (!kept) quoteTermsOf.set(corpus, (kept = new Map()));
  let terms = kept.get(quote);
  if (!terms) {
    if (kept.size >= QUOTE_TERMS_KEPT) kept.clear();
    kept.set(quote, (terms = new Set(corpus.analyzer.indexTerms(quote))));
  }
  return terms;
}

/** The quotes shown so far, as the index reads them. */
class ToldSoFar {
  private readonly told: Array<ReadonlySet<string>>;
  constructor(
    private readonly corpus: Corpus,
    ...shown: string[]
  ) {
    this.told = shown.map((quote) => quoteTerms(corpus, quote));
  }

  /** Whether `quote` retells one already told; if not, it is told now. */
  retells(quote: string): boolean {
    const terms = quoteTerms(this.corpus, quote);
    const retold = this.told.some((seen) => {
      let shared = 0;
      for (const term of terms) if (seen.has(term)) shared++;
      return shared >= RETOLD_SHARE * terms.size;
    });
    if (!retold) this.told.push(terms);
    return retold;
  }
}
