/**
 * What the bot remembers about questions, behind an interface small enough that a server database
 * (libSQL's sqld, Postgres, …) can replace the embedded SQLite file without touching the callers:
 * implement `QuestionStore`, return it from `openStore`, and nothing above this folder changes.
 */
import type { Answer } from '../answer/types.js';

/** Where a question was asked. */
export type Surface = 'slash' | 'mention' | 'reply' | 'dm' | 'check' | 'terminal';

/** The three outcomes a person can see: an answer, only the closest passages, or a polite no. */
export type Outcome = 'answered' | 'related' | 'declined';

export function outcomeOf(answer: Answer): Outcome {
  if (answer.answered) return 'answered';
  return answer.related.length > 0 ? 'related' : 'declined';
}

export interface QuestionRecord {
  /** Chosen by the caller (`newQuestionId`), so buttons can name the question before it is written. */
  id: string;
  /** The asker's Discord id (or any stable id); stored only as a salted hash. */
  userId: string;
  surface: Surface;
  /** What the person typed. */
  question: string;
  /** What was answered when that differs (a follow-up that took its subject from the question before). */
  resolved?: string | undefined;
  outcome: Outcome;
  /** Passages cited, or the closest passages when not answered. */
  passageIds: string[];
  /** Epoch milliseconds; defaults to now. */
  at?: number;
}

export type Vote = 1 | -1;

/** Questions that asked the same thing in other words, with how often and the latest wording. */
export interface Gap {
  /** Questions in the group. */
  count: number;
  /** Distinct askers. */
  people: number;
  /** The latest question of the group, as answered (a follow-up's resolved wording). */
  latest: string;
  latestAt: number;
  outcomes: Record<Outcome, number>;
  /** 👎 votes on the group's questions (a question answered but voted down is a gap too). */
  downVotes: number;
}

export interface QuestionStore {
  /** False when STORE_QUESTIONS=false: nothing is kept, so there is nothing to vote on either. */
  readonly recording: boolean;
  /** Queues a question; never waits, never throws (a failed write is logged, the answer is not affected). */
  record(entry: QuestionRecord): void;
  /** Queues a vote: one per person per question, a later one replaces it. */
  vote(questionId: string, userId: string, vote: Vote, at?: number): void;
  /** The votes on a question as they stand (queued ones included). */
  votes(questionId: string): Promise<{ up: number; down: number }>;
  /** Declined, closest-passages-only and voted-down questions of the last `days`, grouped, most frequent first. */
  gaps(options?: { days?: number; now?: number }): Promise<Gap[]>;
  /** Deletes every question and vote of this user; resolves to how many rows went. */
  forget(userId: string): Promise<number>;
  /** Writes what is queued now (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A store that keeps nothing: STORE_QUESTIONS=false. */
export const NO_STORE: QuestionStore = {
  recording: false,
  record: () => undefined,
  vote: () => undefined,
  votes: async () => ({ up: 0, down: 0 }),
  gaps: async () => [],
  forget: async () => 0,
  flush: async () => undefined,
  close: async () => undefined,
};
