/**
 * A small levelled logger: one line per event, `time LEVEL message {context}`.
 * Every line passes through `redact` so that the bot token and interaction/webhook tokens never
 * reach a log, whatever an error message or a discord.js debug line happens to contain.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type EventLevel = Exclude<LogLevel, 'silent'>;

export type LogContext = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Exact strings to hide (the bot token). */
  secrets?: readonly string[];
  /** Where lines go; defaults to stdout for debug/info and stderr for warn/error. */
  write?: (level: EventLevel, line: string) => void;
  /**
   * LOG_USER_IDS: how the `userId` field of a line is written: as it is (`plain`), as the question
   * store stores it (`hashed`, with `hash`), or not at all (`off`). Default `plain`.
   */
  userIds?: { mode: UserIdLogging; hash: (userId: string) => string };
}

export const USER_ID_LOGGING = ['hashed', 'plain', 'off'] as const;
export type UserIdLogging = (typeof USER_ID_LOGGING)[number];

/** The fields of a log line that hold a Discord user id: what LOG_USER_IDS applies to. */
const USER_ID_FIELDS = new Set(['userId']);

function withUserIds(context: LogContext, userIds: NonNullable<LoggerOptions['userIds']>): LogContext {
  if (userIds.mode === 'plain' || !Object.keys(context).some((k) => USER_ID_FIELDS.has(k))) return context;
  const out: LogContext = {};
  for (const [key, value] of Object.entries(context)) {
    if (!USER_ID_FIELDS.has(key)) out[key] = value;
    else if (userIds.mode === 'hashed' && typeof value === 'string') out.userHash = userIds.hash(value);
  }
  return out;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Interaction and webhook tokens sit in URL paths of REST errors; they grant replies for 15 min. */
const URL_TOKENS = /\/(interactions\/\d+|webhooks\/\d+)\/[\w.-]{20,}/g;
/** Anything shaped like a bot token (three base64url parts), even one we were not told about. */
const TOKEN_SHAPE = /\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}\b/g;

/** discord.js's own debug line "Provided token: id.time.*****" still shows the first two parts. */
const CENSORED_TOKEN = /\b[\w-]+\.[\w-]+\.\*{6,}/g;

/**
 * What to hide for each secret: the secret itself and the form discord.js prints at debug level
 * ("Provided token: id.time.*****"), whatever their length, since a short token is no less a
 * secret; and its leading dot-separated parts (what a partial "censoring" leaves visible) when
 * long enough to be the token's and not a word of the log line.
 */
function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const parts = secret.split('.');
  const censored = parts.map((part, i) => (i > 1 ? '*'.repeat(part.length) : part)).join('.');
  const leading: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) leading.push(parts.slice(0, n).join('.'));
  // Longest first, so a shorter form never splits a longer one before it is replaced.
  return [secret, censored, ...leading.filter((form) => form.length >= 8)].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CENSORED_TOKEN, '[redacted]');
  for (const secret of secrets) for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  return out.replace(URL_TOKENS, '/$1/[redacted]').replace(TOKEN_SHAPE, '[redacted]');
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, ...(value.cause ? { cause: serialise(value.cause) } : {}) };
  }
  return value;
}

/** JSON that survives what logging meets in practice: bigints, cycles, errors nested anywhere. */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return serialise(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
}

function defaultWrite(level: EventLevel, line: string): void {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const secrets = options.secrets ?? [];
  const write = options.write ?? defaultWrite;
  const userIds = options.userIds;
  const log = (at: EventLevel, message: string, given?: LogContext) => {
    if (RANK[at] < RANK[level]) return;
    let line = `${new Date().toISOString()} ${at.toUpperCase()} ${message}`;
    const context = given && userIds ? withUserIds(given, userIds) : given;
    if (context && Object.keys(context).length > 0) {
      line += ` ${safeJson(context)}`;
    }
    write(at, redact(line, secrets));
  };
  return {
    level,
    debug: (m, c) => log('debug', m, c),
    info: (m, c) => log('info', m, c),
    warn: (m, c) => log('warn', m, c),
    error: (m, c) => log('error', m, c),
  };
}
