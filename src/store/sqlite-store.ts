/**
 * The question store in an embedded SQLite file (through libsql, whose binaries come inside npm
 * packages: README, dependencies). Every process of the bot, each shard and `npm run gaps`, opens the
 * same file: WAL lets readers go on while one writer writes, and the busy timeout makes a second
 * writer wait its turn instead of failing.
 *
 * Writes never stand in an answer's way: `record` and `vote` only push onto a queue, written as one
 * transaction a moment later (a batch of a hundred rows takes about a millisecond).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './migrations.js';
import { groupAlike } from './similar.js';
import type { Gap, Outcome, QuestionRecord, QuestionStore, Vote } from './types.js';

/** What the store needs of a logger (the bot's redacting one fits). */
export interface StoreLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface SqliteStoreOptions {
  /** Folder of the database file, created when missing. */
  dir: string;
  /** Questions and votes older than this are deleted, at open and every few hours. */
  retentionDays?: number;
  /** How long a write waits in the queue, so that a burst of answers is written as one transaction. */
  flushMs?: number;
  logger?: StoreLogger;
  /** False for a reader beside the bot (`npm run gaps`): pruning is the bot's job, with the bot's RETENTION_DAYS. */
  prune?: boolean;
}

export const DATABASE_FILE = 'questions.db';
const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
/** Past this many queued writes (a database that keeps failing), the oldest are dropped, not memory. */
const MAX_QUEUED = 10_000;
const BATCH = 500;
/** Rows a /gaps report reads at most: months of a busy server's unanswered questions. */
const MAX_GAP_ROWS = 5000;

type Op =
  | { kind: 'question'; entry: QuestionRecord; at: number }
  | { kind: 'vote'; questionId: string; userId: string; vote: Vote; at: number };

/** Brings the schema up to date inside one immediate transaction, so two shards starting at once cannot both migrate. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)`).run(randomBytes(32).toString('hex'));
  }).immediate();
}

export function openSqliteStore(options: SqliteStoreOptions): QuestionStore {
  mkdirSync(options.dir, { recursive: true });
  const db = new Database(join(options.dir, DATABASE_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // WAL with NORMAL survives a crash of the process; at worst a power cut loses the last writes.
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const salt = (db.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string }).value;
  const hash = (userId: string) => createHash('sha256').update(`${salt}:${userId}`).digest('hex').slice(0, 32);
  const flushMs = options.flushMs ?? 200;
  const retentionMs = (options.retentionDays ?? 90) * DAY_MS;

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

  let queue: Op[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Writes everything queued; throws what the database threw, leaving the unwritten ops queued. */
  function drain(): void {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length > 0) {
      const batch = queue.slice(0, BATCH);
      write.immediate(batch);
      queue = queue.slice(batch.length);
    }
  }
  function drainLater(): void {
    try {
      drain();
    } catch (error) {
      options.logger?.warn('question store: write failed; will retry', { error, queued: queue.length });
      if (queue.length > MAX_QUEUED) queue = queue.slice(queue.length - MAX_QUEUED);
      schedule(Math.max(flushMs, 1000));
    }
  }
  function schedule(ms = flushMs): void {
    if (timer || closed) return;
    timer = setTimeout(drainLater, ms);
    // Queued writes never keep a finished process alive; close() writes them.
    timer.unref();
  }
  function prune(now = Date.now()): void {
    const cutoff = now - retentionMs;
    db.transaction(() => {
      db.prepare('DELETE FROM questions WHERE asked_at < ?').run(cutoff);
      db.prepare('DELETE FROM votes WHERE voted_at < ?').run(cutoff);
    }).immediate();
  }
  if (options.prune !== false) prune();
  const pruner = setInterval(() => {
    try {
      prune();
    } catch (error) {
      options.logger?.warn('question store: pruning failed; will retry', { error });
    }
  }, PRUNE_EVERY_MS);
  pruner.unref();
  if (options.prune === false) clearInterval(pruner);

  return {
    recording: true,
    record(entry) {
      if (closed) return;
      queue.push({ kind: 'question', entry, at: entry.at ?? Date.now() });
      schedule();
    },
    vote(questionId, userId, vote, at = Date.now()) {
      if (closed) return;
      queue.push({ kind: 'vote', questionId, userId, vote, at });
      schedule();
    },
    async votes(questionId) {
      drain();
      const row = db
        .prepare('SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down FROM votes WHERE question_id = ?')
        .get(questionId) as { up: number; down: number };
      return { up: Number(row.up), down: Number(row.down) };
    },
    async gaps({ days = 30, now = Date.now() } = {}) {
      drain();
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
    async forget(userId) {
      drain();
      const who = hash(userId);
      return db.transaction(() => {
        const q = db.prepare('DELETE FROM questions WHERE user_hash = ?').run(who).changes;
        const v = db.prepare('DELETE FROM votes WHERE user_hash = ?').run(who).changes;
        return Number(q) + Number(v);
      }).immediate();
    },
    async flush() {
      drain();
    },
    async close() {
      if (closed) return;
      clearInterval(pruner);
      try {
        drain();
      } finally {
        closed = true;
        db.close();
      }
    },
  };
}

/** Short, unguessable and safe in a custom_id: 96 random bits. */
export function newQuestionId(): string {
  return randomBytes(12).toString('base64url');
}
