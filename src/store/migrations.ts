/**
 * The store's schema, one migration per version, applied in order and never edited once released:
 * a database made by an older bot is brought up to date on open (`PRAGMA user_version` says where
 * it is). Add a change as a new entry at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: questions, votes and the salt that keeps user ids unreadable.
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
];
