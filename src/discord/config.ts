import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { DEFAULT_DATA_DIR } from '../runtime/data-dir.js';
import { z } from 'zod';
import { maxArticleBytesFrom } from '../knowledge/read-text.js';
import { isPostgresUrl } from '../store/pg-url.js';
import { LOG_FORMATS, LOG_LEVELS, USER_ID_LOGGING, type LogFormat, type LogLevel, type UserIdLogging } from './logger.js';

/** Everything the bot reads from its environment, validated once at start-up. */
export interface BotConfig {
  token: string;
  clientId: string;
  guildId: string | undefined;
  rateLimit: { max: number; windowSeconds: number };
  logLevel: LogLevel;
  /** REST base such as `https://discord.com/api`; undefined means Discord's own. */
  apiUrl: string | undefined;
  /** Users who may run admin commands (`/reload`) anywhere, DMs included, without Manage Server. */
  ownerIds: readonly string[];
  /** Absolute path of the knowledge folder; undefined means the project's own `knowledge/`. */
  knowledgeDir: string | undefined;
  /** Largest article file served, in bytes (MAX_ARTICLE_KB); larger ones are refused at load. */
  maxArticleBytes: number;
  /** The question store (README, "What is stored"); `secret` is STORE_SECRET (undefined: DATA_DIR/questions.secret). */
  store: { enabled: boolean; dataDir: string; retentionDays: number; secret: string | undefined; databaseUrl: string | undefined };
  /** LOG_USER_IDS: user ids in log lines as they are, hashed as the store hashes them, or left out. */
  logUserIds: UserIdLogging;
  /** A DM question within this many minutes of the previous one is a follow-up to it. */
  followUpMinutes: number;
  /** Feeds and links (README, "Follow a feed"): poll interval (0: off), the feeds file (undefined: feeds.yaml in the knowledge folder), private addresses allowed. */
  feeds: { pollMinutes: number; file: string | undefined; allowPrivateUrls: boolean };
  /** LOG_FORMAT: `json` or `pretty`; undefined: pretty on a terminal, JSON otherwise. */
  logFormat: LogFormat | undefined;
  /** HTTP_PORT / HTTP_HOST: where /healthz and /metrics are served; undefined port: not served. */
  http: { port: number | undefined; host: string };
}

/**
 * Discord ids are snowflakes: 17 digits for the earliest (2015), 19 today, 20 from 2090 on. A
 * shorter number is a typo or a pasted count, never an id, and would only fail later at Discord.
 */
const SNOWFLAKE = /^\d{17,20}$/;
const snowflake = (what: string) => z.string().regex(SNOWFLAKE, `expected ${what} (a Discord id: 17–20 digits)`);

/** Unset and empty are the same thing in a .env file ("DISCORD_GUILD_ID=" means "not set"). */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const intFrom = (min: number, fallback: number, what: string) =>
  optional(z.string().regex(/^\d+$/, `expected ${what}`))
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .pipe(z.number().int().min(min, `expected ${what}`));

/**
 * "id, id, id" → ids. A bad entry is named by position, not echoed: a token pasted into the wrong
 * variable must not end up on the terminal.
 */
const idList = optional(z.string()).transform((value, ctx) => {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = entries.flatMap((entry, i) => (SNOWFLAKE.test(entry) ? [] : [i + 1]));
  if (bad.length) {
    const which = bad.length === 1 ? `entry ${bad[0]} is not one` : `entries ${bad.join(', ')} are not`;
    ctx.addIssue({ code: 'custom', message: `expected comma-separated user ids (17–20 digits each); ${which} (values not shown)` });
    return z.NEVER;
  }
  return [...new Set(entries)];
});

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Required, with empty meaning missing: `.env.example` ships `DISCORD_TOKEN=` for people to fill in. */
const required = <T extends z.ZodType<unknown, string>>(schema: T, missing: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string({ error: missing }).pipe(schema));

const schema = z.object({
  DISCORD_TOKEN: required(
    z
      .string()
      .transform((v) => v.trim().replace(/^Bot\s+/i, ''))
      // Never echo the value: this is the one variable whose content must not reach a terminal.
      // Only the character set is checked (a pasted quote, space or URL is caught); test beds use short tokens.
      .pipe(z.string().regex(/^[\w.-]+$/, 'does not look like a bot token (value not shown)')),
    'is missing: the bot token from the Developer Portal (Bot → Reset Token)',
  ),
  DISCORD_CLIENT_ID: required(snowflake('the application id'), 'is missing: the application id (General Information)'),
  DISCORD_GUILD_ID: optional(snowflake('a server id')),
  RATE_LIMIT_MAX: intFrom(1, 5, 'a whole number of questions ≥ 1'),
  RATE_LIMIT_WINDOW_SECONDS: intFrom(1, 30, 'a whole number of seconds ≥ 1'),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })).transform(
    (v) => v ?? 'info',
  ),
  DISCORD_API_URL: optional(
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://discord.com/api' }),
  ).transform((v) => v?.replace(/\/+$/, '')),
  OWNER_IDS: idList,
  // Checked here so a typo stops the bot with the variable's name, not a bare ENOENT.
  KNOWLEDGE_DIR: optional(
    z
      .string()
      .transform((v) => resolve(v))
      .refine(isFolder, 'expected an existing folder of knowledge files (a relative path starts at the working directory)'),
  ),
  // One parser for the bot and the knowledge CLIs, so they agree on which articles load.
  MAX_ARTICLE_KB: z.string().optional().transform((v, ctx) => {
    try {
      return maxArticleBytesFrom(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^MAX_ARTICLE_KB /, '') });
      return z.NEVER;
    }
  }),
  STORE_QUESTIONS: optional(z.enum(['true', 'false'], { error: 'expected true or false' })).transform((v) => v !== 'false'),
  // Relative to the working directory, like KNOWLEDGE_DIR; created on first start.
  DATA_DIR: optional(z.string()).transform((v) => resolve(v ?? DEFAULT_DATA_DIR)),
  RETENTION_DAYS: intFrom(1, 90, 'a whole number of days ≥ 1'),
  // A secret: checked for length only, never echoed.
  STORE_SECRET: optional(z.string().trim().min(16, 'is too short: use at least 16 characters, e.g. the output of `openssl rand -hex 32` (value not shown)')),
  // PostgreSQL instead of DATA_DIR/questions.db (shards on several machines); never echoed: it may hold a password.
  DATABASE_URL: optional(z.string().trim().refine(isPostgresUrl, 'expected a postgres:// or postgresql:// URL (value not shown)')),
  LOG_USER_IDS: optional(z.enum(USER_ID_LOGGING, { error: `expected one of ${USER_ID_LOGGING.join(', ')}` })).transform((v) => v ?? 'hashed'),
  FOLLOW_UP_MINUTES: intFrom(0, 10, 'a whole number of minutes ≥ 0'),
  FEEDS_POLL_MINUTES: intFrom(0, 60, 'a whole number of minutes ≥ 0 (0 turns polling off)'),
  FEEDS_FILE: optional(z.string()).transform((v) => (v === undefined ? undefined : resolve(v))),
  ALLOW_PRIVATE_URLS: optional(z.enum(['true', 'false'], { error: 'expected true or false' })).transform((v) => v === 'true'),
  LOG_FORMAT: optional(z.enum(LOG_FORMATS, { error: `expected one of ${LOG_FORMATS.join(', ')}` })),
  // Off unless set; 0 would mean "any free port", which no health checker could find.
  HTTP_PORT: optional(z.string().regex(/^\d+$/, 'expected a port number 1–65535').transform(Number).pipe(z.number().int().min(1, 'expected a port number 1–65535').max(65535, 'expected a port number 1–65535'))),
  // Loopback unless the operator opens it (e.g. 0.0.0.0 inside a container).
  HTTP_HOST: optional(z.string().trim().min(1)).transform((v) => v ?? '127.0.0.1'),
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates the environment. Throws a `ConfigError` whose message is one line naming each bad
 * variable and what is wrong, never its value.
 */
export function parseConfig(env: NodeJS.ProcessEnv): BotConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Configuration error: ${problems.join('; ')} (see .env.example)`);
  }
  const v = result.data;
  return {
    token: v.DISCORD_TOKEN,
    clientId: v.DISCORD_CLIENT_ID,
    guildId: v.DISCORD_GUILD_ID,
    rateLimit: { max: v.RATE_LIMIT_MAX, windowSeconds: v.RATE_LIMIT_WINDOW_SECONDS },
    logLevel: v.LOG_LEVEL,
    apiUrl: v.DISCORD_API_URL,
    ownerIds: v.OWNER_IDS,
    knowledgeDir: v.KNOWLEDGE_DIR,
    maxArticleBytes: v.MAX_ARTICLE_KB,
    store: { enabled: v.STORE_QUESTIONS, dataDir: v.DATA_DIR, retentionDays: v.RETENTION_DAYS, secret: v.STORE_SECRET, databaseUrl: v.DATABASE_URL },
    logUserIds: v.LOG_USER_IDS,
    followUpMinutes: v.FOLLOW_UP_MINUTES,
    feeds: { pollMinutes: v.FEEDS_POLL_MINUTES, file: v.FEEDS_FILE, allowPrivateUrls: v.ALLOW_PRIVATE_URLS },
    logFormat: v.LOG_FORMAT,
    http: { port: v.HTTP_PORT, host: v.HTTP_HOST },
  };
}

/** For entry points: reads `.env`, validates, and on a problem prints one line and exits 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): BotConfig {
  dotenv.config({ quiet: true, processEnv: env });
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
