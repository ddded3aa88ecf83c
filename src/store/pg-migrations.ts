/**
 * The PostgreSQL store's schema, one migration per version, applied in order and never edited once
 * released (the same rows as SQLite's, migrations.ts). `schema_migrations` records each version
 * applied; they run in one transaction under an advisory lock, so shards starting together on several
 * machines apply each exactly once. Add a change as a new entry at the end.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: questions, each with the place it was asked in; votes, which go with their question. No salt:
  // the hashing secret is never in the database (secret.ts), only a check of it (`meta`).
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE questions (
     id TEXT PRIMARY KEY,
     asked_at BIGINT NOT NULL,
     user_hash TEXT NOT NULL,
     surface TEXT NOT NULL,
     place TEXT NOT NULL,
     question TEXT NOT NULL,
     resolved TEXT,
     outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'related', 'declined')),
     passage_ids TEXT NOT NULL,
     -- Insertion order: reports list questions asked in the same millisecond newest first, as SQLite's rowid does.
     seq BIGINT GENERATED ALWAYS AS IDENTITY
   );
   CREATE INDEX questions_asked_at ON questions (asked_at);
   CREATE INDEX questions_user ON questions (user_hash);
   CREATE INDEX questions_place ON questions (place, asked_at);
   CREATE TABLE votes (
     question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
     user_hash TEXT NOT NULL,
     vote SMALLINT NOT NULL CHECK (vote IN (-1, 1)),
     voted_at BIGINT NOT NULL,
     PRIMARY KEY (question_id, user_hash)
   );
   CREATE INDEX votes_user ON votes (user_hash);`,
];

/** The advisory lock the migrations run under (any constant; this one spells "qstore"). */
export const MIGRATION_LOCK = 0x7173746f7265;
