import type { Answer, SearchHit, SourceInfo } from './answer/types.js';
import type { Explanation } from './answer/explain.js';

/**
 * The one way in for every surface. An `Engine` answers from one whole, immutable index;
 * reloading builds a new `Engine` and swaps it in (see `KnowledgeHolder`).
 */
/** What a surface knows about the conversation around a question. */
export interface AnswerOptions {
  /**
   * The question this one follows (the one replied to, or the previous one in a DM), as it was
   * answered. A question without its own subject ("and the year before?") then takes that one's,
   * and the answer's `question` says what was answered.
   */
  previous?: string | undefined;
}

export interface Engine {
  /** Answers a question with cited, verbatim snippets, or declines (`answered: false`). */
  answer(question: string, options?: AnswerOptions): Answer;
  /** The candidate passages the decision weighed, with their features and the model's estimates (`ask --explain`, training). */
  explain(question: string): Explanation;
  /** The top passages for a query, best first (`limit` defaults to 5). */
  search(query: string, limit?: number): SearchHit[];
  /** Autocomplete: entity and topic names from the knowledge that complete `partial` (≤ `limit`, default 25). */
  suggest(partial: string, limit?: number): string[];
  /** The articles the engine knows, in knowledge order. */
  sources(): SourceInfo[];
  readonly stats: { articles: number; passages: number; aliases: number };
}
