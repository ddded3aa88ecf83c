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

export interface Answer {
  question: string;
  answered: boolean;
  /** What a person reads, with [n] markers; when declined, a short helpful message. */
  text: string;
  citations: Citation[];
  /** Why the question was not answered, when `answered` is false. */
  declineReason?: 'empty' | 'off-topic' | 'too-long';
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
