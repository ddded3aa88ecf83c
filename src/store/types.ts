/**
 * What the bot remembers about questions, behind an interface small enough that a server database
 * (libSQL's sqld, Postgres, …) can replace the embedded SQLite file without touching the callers:
 * implement `QuestionStore`, return it from `openStore`, and nothing above this folder changes.
 */
import type { Answer } from '../answer/types.js';

/** Where a question was asked. */
export type Surface = 'slash' | 'mention' | 'reply' | 'dm' | 'check' | 'terminal';

/**
 * Where a question was asked: the server's id, or `DM_PLACE` for a direct message. Rows recorded
 * before places were kept read `UNKNOWN_PLACE`, and only operators see those.
 */
export type Place = string;
export const DM_PLACE = 'dm';
export const UNKNOWN_PLACE = 'unknown';

/** The place of a question asked in this guild (`null`: a DM). */
export function placeOf(guildId: string | null): Place {
  return guildId ?? DM_PLACE;
}

/**
 * Whose questions a gaps report reads: one place's (what `/gaps` shows in a server: that server's
 * questions only, whoever runs it), or every place's (an operator's `/gaps` in a DM, `npm run gaps`).
 */
export type GapScope = { place: Place } | 'everywhere';

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
  /** The server it was asked in, or a DM (`placeOf`). */
  place: Place;
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
  /** Where the group's questions were asked (server ids, `dm`, `unknown`), sorted. */
  places: Place[];
}

/** What became of a vote: kept, not kept because its question is not (or no longer) recorded, or not kept because the store is down. */
export type VoteOutcome = 'counted' | 'no-question' | 'unavailable';

/** Thrown by reads and `forget` while the database cannot be used (the bot answers meanwhile). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export interface QuestionStore {
  /** False when STORE_QUESTIONS=false: nothing is kept, so there is nothing to vote on either. */
  readonly recording: boolean;
  /** False while the database cannot be used (it is retried in the background); reads and forget then throw `StoreUnavailableError`. */
  readonly available: boolean;
  /** Queues a question; never waits, never throws (a failed write is logged, the answer is not affected). */
  record(entry: QuestionRecord): void;
  /**
   * Queues a vote: one per person per question, a later one replaces it. Resolves once written (or
   * dropped); a vote counts only for a question that is recorded. Never rejects.
   */
  vote(questionId: string, userId: string, vote: Vote, at?: number): Promise<VoteOutcome>;
  /** The votes on a question as they stand (queued ones included). */
  votes(questionId: string): Promise<{ up: number; down: number }>;
  /** Declined, closest-passages-only and voted-down questions of the last `days` in `scope`, grouped, most frequent first. */
  gaps(options: { scope: GapScope; days?: number; now?: number }): Promise<Gap[]>;
  /**
   * Deletes every question and vote of this user, in every place, stored or still queued (retried
   * writes included), and scrubs the deleted text from the database's files; resolves to how many went.
   */
  forget(userId: string): Promise<number>;
  /** Writes what is queued now (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** For monitoring (`/metrics`): writes waiting, and writes that failed so far (each retried). Optional: a store without a queue has none. */
  stats?(): StoreStats;
}

export interface StoreStats {
  /** Questions and votes queued or being written. */
  queued: number;
  /** Write transactions that failed since start (their contents are retried, not lost). */
  failedWrites: number;
}

/** A store that keeps nothing: STORE_QUESTIONS=false. */
export const NO_STORE: QuestionStore = {
  recording: false,
  available: true,
  record: () => undefined,
  vote: async () => 'no-question',
  votes: async () => ({ up: 0, down: 0 }),
  gaps: async () => [],
  forget: async () => 0,
  flush: async () => undefined,
  close: async () => undefined,
};
