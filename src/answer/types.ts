/**
 * The engine's output, shared by every surface (terminal, JSON, Discord).
 * Surfaces render these; they never search or compose answers themselves.
 */

/** One numbered source quote behind an answer. */
export interface Citation {
  /** The marker number used in `Answer.text`, starting at 1. */
  n: number;
  articleId: string;
  /** Stable passage id, `article-id#index`. */
  passageId: string;
  title: string;
  publisher: string | null;
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a range `YYYY-MM/YYYY-MM`; null when unknown. */
  published: string | null;
  /** True when the date is inferred, not printed on the page: show it as "about …". */
  publishedApprox: boolean;
  url: string | null;
  /** Verbatim article text; "…" marks where it was trimmed, nothing else is changed. */
  snippet: string;
  /** Query terms (as typed by the user) that this snippet matched, for highlighting by a renderer. */
  matchedTerms: string[];
}

/**
 * Why a question was not answered:
 * - `empty`, `too-long`: it cannot be asked as it is;
 * - `off-topic`: nothing in the knowledge is about it (no `related` passages);
 * - `not-sure`: some passages are about it, but none clearly answers it (they are `related`);
 * - `missing-fact`: the sources mention the question's subject but not the fact asked for
 *   ("my sources mention DeepSeek-R1 but not its parameter count"); passages about it are `related`.
 */
export type DeclineReason = 'empty' | 'too-long' | 'off-topic' | 'not-sure' | 'missing-fact';

/**
 * Three outcomes: answered (`citations`), not sure (`answered: false` with the closest passages in
 * `related`, never presented as the answer), or declined (nothing related).
 */
export interface Answer {
  question: string;
  answered: boolean;
  /** What a person reads, with [n] markers; when not answered, a short explanation. */
  text: string;
  citations: Citation[];
  /** The closest passages when not answered but something relevant was found (at most 3); empty otherwise. */
  related: Citation[];
  /** Why the question was not answered, when `answered` is false. */
  declineReason?: DeclineReason;
  /**
   * The decision model's estimate, 0 to 1, that passage [1] (or, when not answered, the closest
   * passage) answers the question. 0 when the question could not be asked.
   */
  confidence: number;
}

/** One ranked passage, as `search()` returns it (for `/search` and similar lists). */
export interface SearchHit {
  passageId: string;
  articleId: string;
  title: string;
  publisher: string | null;
  published: string | null;
  publishedApprox: boolean;
  url: string | null;
  /** The passage text, verbatim. */
  text: string;
  score: number;
  matchedTerms: string[];
}

/** An article the engine knows, for `/sources`-style listings. */
export interface SourceInfo {
  id: string;
  title: string;
  publisher: string | null;
  author: string | null;
  published: string | null;
  publishedApprox: boolean;
  url: string | null;
  passageCount: number;
}
