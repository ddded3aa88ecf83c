/**
 * The question store's SQLite database itself, synchronous (libsql has better-sqlite3's API). It
 * runs only inside the store's worker thread (sqlite-worker.ts), never on the bot's event loop:
 * a write waiting on another shard's lock, or a WAL checkpoint's fsync, then stalls no answer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './migrations.js';
import { groupAlike } from './similar.js';
import type { Gap, Outcome, QuestionRecord, Vote } from './types.js';

export const DATABASE_FILE = 'questions.db';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows a gaps report reads at most: months of a busy server's unanswered questions. */
const MAX_GAP_ROWS = 5000;

export type Op =
  | { kind: 'question'; entry: QuestionRecord; at: number }
  | { kind: 'vote'; questionId: string; userId: string; vote: Vote; at: number };

export interface QuestionDb {
  write(ops: Op[]): void;
  votes(questionId: string): { up: number; down: number };
  gaps(days: number, now: number): Gap[];
  forget(userId: string): number;
  prune(retentionDays: number, now?: number): void;
  close(): void;
}

/** Brings the schema up to date inside one immediate transaction, so two shards starting at once cannot both migrate. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)`).run(randomBytes(32).toString('hex'));
  }).immediate();
}

export function openQuestionDb(dir: string): QuestionDb {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, DATABASE_FILE));
  // Another shard holding the write lock is waited for (here, off the bot's event loop), not failed.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // WAL with NORMAL survives a crash of the process; at worst a power cut loses the last writes.
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const salt = (db.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string }).value;
  const hash = (userId: string) => createHash('sha256').update(`${salt}:${userId}`).digest('hex').slice(0, 32);

  const insertQuestion = db.prepare(
    `INSERT OR IGNORE INTO questions (id, asked_at, user_hash, surface, question, resolved, outcome, passage_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertVote = db.prepare(
    `INSERT INTO votes (question_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
  );
  const write = db.transaction((ops: Op[]) => {
    for (const op of ops) {
      if (op.kind === 'question') {
        const e = op.entry;
        insertQuestion.run(e.id, op.at, hash(e.userId), e.surface, e.question, e.resolved ?? null, e.outcome, JSON.stringify(e.passageIds));
      } else {
        upsertVote.run(op.questionId, hash(op.userId), op.vote, op.at);
      }
    }
  });

  return {
    write: (ops) => write.immediate(ops),
    votes(questionId) {
      const row = db
        .prepare('SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down FROM votes WHERE question_id = ?')
        .get(questionId) as { up: number; down: number };
      return { up: Number(row.up), down: Number(row.down) };
    },
    gaps(days, now) {
      const rows = db
        .prepare(
          `SELECT q.asked_at AS at, q.user_hash AS who, COALESCE(q.resolved, q.question) AS text, q.outcome AS outcome,
                  (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.vote = -1) AS down
             FROM questions q
            WHERE q.asked_at >= ?
              AND (q.outcome <> 'answered' OR EXISTS (SELECT 1 FROM votes v WHERE v.question_id = q.id AND v.vote = -1))
            ORDER BY q.asked_at DESC
            LIMIT ${MAX_GAP_ROWS}`,
        )
        .all(now - days * DAY_MS) as Array<{ at: number; who: string; text: string; outcome: Outcome; down: number }>;
      const gaps: Gap[] = groupAlike(rows, (r) => r.text).map((group) => {
        const outcomes: Record<Outcome, number> = { answered: 0, related: 0, declined: 0 };
        for (const r of group) outcomes[r.outcome]++;
        return {
          count: group.length,
          people: new Set(group.map((r) => r.who)).size,
          latest: group[0]!.text,
          latestAt: Number(group[0]!.at),
          outcomes,
          downVotes: group.reduce((sum, r) => sum + Number(r.down), 0),
        };
      });
      return gaps.sort((a, b) => b.count - a.count || b.latestAt - a.latestAt);
    },
    forget(userId) {
      const who = hash(userId);
      return db.transaction(() => {
        const q = db.prepare('DELETE FROM questions WHERE user_hash = ?').run(who).changes;
        const v = db.prepare('DELETE FROM votes WHERE user_hash = ?').run(who).changes;
        return Number(q) + Number(v);
      }).immediate();
    },
    prune(retentionDays, now = Date.now()) {
      const cutoff = now - retentionDays * DAY_MS;
      db.transaction(() => {
        db.prepare('DELETE FROM questions WHERE asked_at < ?').run(cutoff);
        db.prepare('DELETE FROM votes WHERE voted_at < ?').run(cutoff);
      }).immediate();
    },
    close: () => db.close(),
  };
}
