/**
 * The bot's logger: pino, one JSON object per line on stdout (what log shippers read), or readable
 * lines (pino-pretty, in this thread: no transport worker) when stdout is a terminal or
 * LOG_FORMAT=pretty. Context goes in fields, and in child loggers for what a whole request shares
 * (shard, guild, interaction or message id).
 *
 * The token never reaches a line, in either format: fields named like secrets are censored by path,
 * and every finished JSON line passes through `redact` (the token itself, the forms discord.js
 * prints at debug level, interaction/webhook tokens in URL paths, anything token-shaped) before it
 * is written or prettified, whatever an error message or a discord.js debug line happens to contain.
 */
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogContext = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  /** A logger whose every line carries `bindings` (LOG_USER_IDS applies to them too). */
  child(bindings: LogContext): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Exact strings to hide (the bot token, STORE_SECRET). */
  secrets?: readonly string[];
  /** `json` (default when stdout is not a terminal) or `pretty` (default on a terminal). */
  format?: LogFormat | undefined;
  /** Where finished lines go (one call per line, with its newline); defaults to stdout. Tests collect them. */
  write?: (line: string) => void;
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

function withUserIds(context: LogContext, userIds: LoggerOptions['userIds']): LogContext {
  if (!userIds || userIds.mode === 'plain' || !Object.keys(context).some((k) => USER_ID_FIELDS.has(k))) return context;
  const out: LogContext = {};
  for (const [key, value] of Object.entries(context)) {
    if (!USER_ID_FIELDS.has(key)) out[key] = value;
    else if (userIds.mode === 'hashed' && typeof value === 'string') out.userHash = userIds.hash(value);
  }
  return out;
}

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
 * long enough to be the token's and not a word of the log line. Each also as it reads inside a
 * JSON string, where a quote or backslash of a secret is escaped.
 */
function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const parts = secret.split('.');
  const censored = parts.map((part, i) => (i > 1 ? '*'.repeat(part.length) : part)).join('.');
  const leading: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) leading.push(parts.slice(0, n).join('.'));
  const forms = [secret, censored, ...leading.filter((form) => form.length >= 8)];
  const inJson = forms.map((form) => JSON.stringify(form).slice(1, -1));
  // Longest first, so a shorter form never splits a longer one before it is replaced.
  return [...new Set([...forms, ...inJson])].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CENSORED_TOKEN, '[redacted]');
  for (const secret of secrets) for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  return out.replace(URL_TOKENS, '/$1/[redacted]').replace(TOKEN_SHAPE, '[redacted]');
}

/**
 * Fields censored by name wherever a caller put them, before the value check above: a secret
 * shorter than any pattern, or one the logger was not told about, still never shows.
 */
const SECRET_FIELDS = ['token', 'password', 'secret', 'authorization', 'DISCORD_TOKEN', 'STORE_SECRET', 'DATABASE_URL'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]).concat(['headers.authorization', '*.headers.authorization']);

function serialiseError(value: Error): Record<string, unknown> {
  return { type: value.name, message: value.message, stack: value.stack, ...(value.cause !== undefined ? { cause: serialiseValue(value.cause) } : {}) };
}

/** Errors anywhere in a field become their name, message, stack and cause (JSON would make them `{}`). */
function serialiseValue(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return serialiseError(value);
  if (depth >= 3 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.some((v) => v instanceof Error || (typeof v === 'object' && v !== null)) ? value.map((v) => serialiseValue(v, depth + 1)) : value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    const s = serialiseValue(v, depth + 1);
    if (s !== v) (out ??= { ...(value as Record<string, unknown>) })[key] = s;
  }
  return out ?? value;
}

function prepare(context: LogContext, userIds: LoggerOptions['userIds']): LogContext {
  const out: LogContext = {};
  for (const [key, value] of Object.entries(withUserIds(context, userIds))) out[key] = serialiseValue(value);
  return out;
}

/** Whether a terminal reads stdout: then the default is readable lines, else JSON. */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY ? 'pretty' : 'json';
}

function destination(options: LoggerOptions, format: LogFormat): pino.DestinationStream {
  // Synchronous on purpose: the line saying why the process exits must be written before it does.
  let out = options.write;
  if (!out) {
    const stdout = pino.destination({ fd: 1, sync: true });
    out = (line) => void stdout.write(line);
  }
  if (format === 'json') return { write: out };
  const prettify = prettyFactory({
    colorize: !options.write && Boolean(process.stdout.isTTY),
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
    messageKey: 'msg',
  });
  const write = out;
  return { write: (line: string) => write(prettify(line)) };
}

function wrap(base: pino.Logger, level: LogLevel, userIds: LoggerOptions['userIds']): Logger {
  const at = (method: 'debug' | 'info' | 'warn' | 'error') => (message: string, context?: LogContext) => {
    if (!base.isLevelEnabled(method)) return;
    if (context && Object.keys(context).length > 0) base[method](prepare(context, userIds), message);
    else base[method](message);
  };
  return {
    level,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(base.child(prepare(bindings, userIds)), level, userIds),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const secrets = (options.secrets ?? []).filter((s) => s !== '');
  const format = options.format ?? defaultLogFormat();
  const base = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Labels, not pino's numbers: what people grep for and shippers map without configuration.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: (line) => redact(line, secrets) },
    },
    destination(options, format),
  );
  return wrap(base, level, options.userIds);
}
