/**
 * The store's schema, one migration per version, applied in order and never edited once released:
 * a database made by an older bot is brought up to date on open (`PRAGMA user_version` says where
 * it is). Add a change as a new entry at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: questions, votes and (until 3) the salt that keeps user ids unreadable.
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE questions (
     id TEXT PRIMARY KEY,
     asked_at INTEGER NOT NULL,
     user_hash TEXT NOT NULL,
     surface TEXT NOT NULL,
     question TEXT NOT NULL,
     resolved TEXT,
     outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'related', 'declined')),
     passage_ids TEXT NOT NULL
   );
   CREATE INDEX questions_asked_at ON questions (asked_at);
   CREATE INDEX questions_user ON questions (user_hash);
   CREATE TABLE votes (
     question_id TEXT NOT NULL,
     user_hash TEXT NOT NULL,
     vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     voted_at INTEGER NOT NULL,
     PRIMARY KEY (question_id, user_hash)
   );
   CREATE INDEX votes_user ON votes (user_hash);`,
  // 2: where each question was asked (a server's id, or 'dm'), so that a server's /gaps reads its own
  // questions only. Rows from before were asked somewhere unknown: only operators see them.
  `ALTER TABLE questions ADD COLUMN place TEXT NOT NULL DEFAULT 'unknown';
   CREATE INDEX questions_place ON questions (place, asked_at);`,
  // 3: the salt leaves the database: whoever has the file could otherwise test a known user id
  // against the hashes. The opener has first moved it to a file beside it, or kept it as a legacy
  // salt (secret.ts), in the same transaction, so existing hashes keep matching.
  `DELETE FROM meta WHERE key = 'salt';`,
];
