/**
 * The question store's SQLite database itself, synchronous (libsql has better-sqlite3's API). It
 * runs only inside the store's worker thread (sqlite-worker.ts), never on the bot's event loop:
 * a write waiting on another shard's lock, or a WAL checkpoint's fsync, then stalls no answer.
 * `npm run gaps` reads through `readGaps` on a read-only connection of its own.
 */
import { checkpoint, immediate, type Db, type Writer } from './sqlite-open.js';
import { gapsFromRows } from './similar.js';
import { userHash, userHashes } from './secret.js';
import { UNKNOWN_PLACE, type Gap, type GapScope, type Outcome, type QuestionRecord, type Vote } from './types.js';

export { DATABASE_FILE } from './sqlite-open.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows a gaps report reads at most: months of a busy server's unanswered questions. */
const MAX_GAP_ROWS = 5000;

export type Op =
  | { kind: 'question'; entry: QuestionRecord; at: number }
  | { kind: 'vote'; questionId: string; userId: string; vote: Vote; at: number };

export interface QuestionDb {
  /** Writes the ops as one transaction; for each op, whether it was kept (a vote for a question that is not recorded is not). */
  write(ops: Op[]): boolean[];
  votes(questionId: string): { up: number; down: number };
  gaps(scope: GapScope, days: number, now: number): Gap[];
  /** Deletes the user's rows; how many of theirs went. The deleted text is scrubbed from the files unless `scrubbed` is false (a reader held the log: retry `scrub`). */
  forget(userId: string): { removed: number; scrubbed: boolean };
  prune(retentionDays: number, now?: number): { scrubbed: boolean };
  /** Empties the write-ahead log into the database; false while a reader still needs it. */
  scrub(): boolean;
  close(): void;
}

export function questionDb(writer: Writer): QuestionDb {
  const { db, secrets } = writer;
  const hash = (userId: string) => userHash(secrets.current, userId);
  const insertQuestion = db.prepare(
    `INSERT OR IGNORE INTO questions (id, asked_at, user_hash, surface, place, question, resolved, outcome, passage_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A vote is kept only for a question that is recorded: not for a made-up id, nor one deleted by
  // /forget-me or retention (those votes would otherwise outlive their question).
  const upsertVote = db.prepare(
    `INSERT INTO votes (question_id, user_hash, vote, voted_at)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?)
     ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
  );
  const votesOnTheirQuestions = db.prepare('DELETE FROM votes WHERE question_id IN (SELECT id FROM questions WHERE user_hash = ?)');
  const theirQuestions = db.prepare('DELETE FROM questions WHERE user_hash = ?');
  const theirVotes = db.prepare('DELETE FROM votes WHERE user_hash = ?');

  return {
    write: (ops) =>
      immediate(db, () =>
        ops.map((op) => {
          if (op.kind === 'question') {
            const e = op.entry;
            insertQuestion.run(e.id, op.at, hash(e.userId), e.surface, e.place, e.question, e.resolved ?? null, e.outcome, JSON.stringify(e.passageIds));
            return true;
          }
          return Number(upsertVote.run(op.questionId, hash(op.userId), op.vote, op.at, op.questionId).changes) > 0;
        }),
      ),
    votes(questionId) {
      const row = db
        .prepare('SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down FROM votes WHERE question_id = ?')
        .get(questionId) as { up: number; down: number };
      return { up: Number(row.up), down: Number(row.down) };
    },
    gaps: (scope, days, now) => readGaps(db, { scope, days, now, hasPlaces: true }),
    forget(userId) {
      const removed = immediate(db, () => {
        let n = 0;
        // Every stored form of the id: rows hashed with a salt from before the secret left the database too.
        for (const who of userHashes(secrets, userId)) {
          // Others' votes on their questions say nothing without the question; they go with it.
          votesOnTheirQuestions.run(who);
          n += Number(theirQuestions.run(who).changes) + Number(theirVotes.run(who).changes);
        }
        return n;
      });
      return { removed, scrubbed: checkpoint(db) };
    },
    prune(retentionDays, now = Date.now()) {
      const cutoff = now - retentionDays * DAY_MS;
      immediate(db, () => {
        db.prepare('DELETE FROM questions WHERE asked_at < ?').run(cutoff);
        db.prepare('DELETE FROM votes WHERE voted_at < ? OR question_id NOT IN (SELECT id FROM questions)').run(cutoff);
      });
      return { scrubbed: checkpoint(db) };
    },
    scrub: () => checkpoint(db),
    close: () => db.close(),
  };
}

/** How many questions `scope` holds, all told and since `since` (for "no questions recorded yet" when that is the truth). */
export function countQuestions(db: Db, options: { scope: GapScope; since: number; hasPlaces: boolean }): { all: number; since: number } {
  const { scope, since, hasPlaces } = options;
  const where = scope === 'everywhere' ? '' : hasPlaces ? 'WHERE place = ?' : `WHERE '${UNKNOWN_PLACE}' = ?`;
  const row = db
    .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(asked_at >= ?), 0) AS recent FROM questions ${where}`)
    .get(since, ...(scope === 'everywhere' ? [] : [scope.place])) as { n: number; recent: number };
  return { all: Number(row.n), since: Number(row.recent) };
}

/**
 * The gaps report over `db`: declined, closest-passages-only and voted-down questions of the last
 * `days` in `scope`, grouped when they ask the same thing in other words. `hasPlaces` is false for
 * a database from before migration 2, read as it is by `npm run gaps` (readers never migrate).
 */
export function readGaps(db: Db, options: { scope: GapScope; days: number; now: number; hasPlaces: boolean }): Gap[] {
  const { scope, days, now, hasPlaces } = options;
  const place = hasPlaces ? 'q.place' : `'${UNKNOWN_PLACE}'`;
  const where = scope === 'everywhere' ? '' : `AND ${place} = ?`;
  const params: unknown[] = [now - days * DAY_MS, ...(scope === 'everywhere' ? [] : [scope.place])];
  const rows = db
    .prepare(
      `SELECT q.asked_at AS at, q.user_hash AS who, COALESCE(q.resolved, q.question) AS text, q.outcome AS outcome, ${place} AS place,
              (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.vote = -1) AS down
         FROM questions q
        WHERE q.asked_at >= ? ${where}
          AND (q.outcome <> 'answered' OR EXISTS (SELECT 1 FROM votes v WHERE v.question_id = q.id AND v.vote = -1))
        ORDER BY q.asked_at DESC
        LIMIT ${MAX_GAP_ROWS}`,
    )
    .all(...params) as Array<{ at: number; who: string; text: string; outcome: Outcome; place: string; down: number }>;
  return gapsFromRows(rows);
}
