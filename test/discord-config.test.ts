import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/discord/config.js';
import { createLogger, defaultLogFormat, redact, type LoggerOptions } from '../src/discord/logger.js';
import { userHash } from '../src/store/secret.js';

const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const base = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '112345678901234567' };

function problem(env: NodeJS.ProcessEnv): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig(base)).toEqual({
      token: TOKEN,
      clientId: '112345678901234567',
      guildId: undefined,
      rateLimit: { max: 5, windowSeconds: 30 },
      logLevel: 'info',
      apiUrl: undefined,
      ownerIds: [],
      knowledgeDir: undefined,
      maxArticleBytes: 1024 * 1024,
      store: { enabled: true, dataDir: resolve('data'), retentionDays: 90, secret: undefined, databaseUrl: undefined },
      logUserIds: 'hashed',
      followUpMinutes: 10,
      feeds: { pollMinutes: 60, file: undefined, allowPrivateUrls: false },
      logFormat: undefined,
      http: { port: undefined, host: '127.0.0.1' },
    });
  });

  it('LOG_FORMAT, HTTP_PORT and HTTP_HOST: checked, with the health endpoint off unless a port is given', () => {
    expect(parseConfig({ ...base, LOG_FORMAT: 'pretty', HTTP_PORT: '9464', HTTP_HOST: '0.0.0.0' })).toMatchObject({ logFormat: 'pretty', http: { port: 9464, host: '0.0.0.0' } });
    expect(problem({ ...base, LOG_FORMAT: 'xml' })).toMatch(/LOG_FORMAT expected one of json, pretty/);
    for (const port of ['0', '70000', 'http']) expect(problem({ ...base, HTTP_PORT: port })).toMatch(/HTTP_PORT expected a port number 1–65535/);
  });

  it('reads the feed settings: FEEDS_POLL_MINUTES (0 turns polling off), FEEDS_FILE, ALLOW_PRIVATE_URLS', () => {
    expect(parseConfig({ ...base, FEEDS_POLL_MINUTES: '0', FEEDS_FILE: 'my-feeds.yaml', ALLOW_PRIVATE_URLS: 'true' }).feeds).toEqual({ pollMinutes: 0, file: resolve('my-feeds.yaml'), allowPrivateUrls: true });
    expect(problem({ ...base, FEEDS_POLL_MINUTES: 'hourly' })).toMatch(/FEEDS_POLL_MINUTES expected a whole number of minutes ≥ 0/);
    expect(problem({ ...base, ALLOW_PRIVATE_URLS: 'yes' })).toMatch(/ALLOW_PRIVATE_URLS expected true or false/);
  });

  it('reads the store settings: STORE_QUESTIONS=false turns recording off; a bad RETENTION_DAYS is named', () => {
    expect(parseConfig({ ...base, STORE_QUESTIONS: 'false', DATA_DIR: '/tmp/qs', RETENTION_DAYS: '7' }).store).toEqual({
      enabled: false, dataDir: '/tmp/qs', retentionDays: 7, secret: undefined, databaseUrl: undefined,
    });
    expect(() => parseConfig({ ...base, RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS expected a whole number of days/);
    expect(() => parseConfig({ ...base, STORE_QUESTIONS: 'no' })).toThrow(/STORE_QUESTIONS expected true or false/);
  });

  it('reads DATABASE_URL (postgres:// or postgresql://), naming a bad one without echoing it or its password', () => {
    const url = 'postgres://bot:s3cret-pw@db.internal:5432/questions';
    expect(parseConfig({ ...base, DATABASE_URL: ` ${url} ` }).store.databaseUrl).toBe(url);
    expect(parseConfig({ ...base, DATABASE_URL: 'postgresql://localhost/q' }).store.databaseUrl).toBe('postgresql://localhost/q');
    expect(parseConfig({ ...base, DATABASE_URL: '' }).store.databaseUrl).toBeUndefined();
    const bad = problem({ ...base, DATABASE_URL: 'mysql://bot:s3cret-pw@db/q' });
    expect(bad).toMatch(/DATABASE_URL expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(bad).not.toContain('s3cret-pw');
  });

  it('reads STORE_SECRET (at least 16 characters, never echoed) and LOG_USER_IDS', () => {
    const secret = 'a-long-enough-secret-of-ours';
    expect(parseConfig({ ...base, STORE_SECRET: ` ${secret} `, LOG_USER_IDS: 'off' })).toMatchObject({ store: { secret }, logUserIds: 'off' });
    const short = problem({ ...base, STORE_SECRET: 'tiny-secret' });
    expect(short).toMatch(/STORE_SECRET is too short: use at least 16 characters/);
    expect(short).not.toContain('tiny-secret');
    expect(problem({ ...base, LOG_USER_IDS: 'yes' })).toMatch(/LOG_USER_IDS expected one of hashed, plain, off/);
  });

  it('reads OWNER_IDS as a comma-separated list, tolerating spaces, empty entries and repeats', () => {
    const [a, b] = ['112345678901234567', '98765432109876543'];
    expect(parseConfig({ ...base, OWNER_IDS: ` ${a} , ${b},,${a}, ` }).ownerIds).toEqual([a, b]);
    expect(parseConfig({ ...base, OWNER_IDS: '   ' }).ownerIds).toEqual([]);
  });

  it('accepts the short tokens of test beds and proxies, and ids of 17 to 20 digits', () => {
    const ids = { DISCORD_CLIENT_ID: '12345678901234567', DISCORD_GUILD_ID: '12345678901234567890' };
    expect(parseConfig({ DISCORD_TOKEN: 'test-token', ...ids })).toMatchObject({
      token: 'test-token',
      clientId: ids.DISCORD_CLIENT_ID,
      guildId: ids.DISCORD_GUILD_ID,
    });
  });

  it('reports an empty DISCORD_TOKEN= (as in .env.example) as missing, like an unset one', () => {
    expect(problem({ ...base, DISCORD_TOKEN: '' })).toMatch(/^Configuration error: DISCORD_TOKEN is missing: the bot token/);
    expect(problem({ ...base, DISCORD_TOKEN: '  ' })).toMatch(/DISCORD_TOKEN is missing/);
    expect(problem({ ...base, DISCORD_CLIENT_ID: '' })).toMatch(/DISCORD_CLIENT_ID is missing: the application id/);
  });

  it('resolves KNOWLEDGE_DIR to an absolute folder', () => {
    const dir = parseConfig({ ...base, KNOWLEDGE_DIR: '.' }).knowledgeDir;
    expect(dir).toBe(process.cwd());
  });

  it('reads every variable, treating empty as unset and dropping a "Bot " prefix and trailing slash', () => {
    const config = parseConfig({
      ...base,
      DISCORD_TOKEN: `Bot ${TOKEN}`,
      DISCORD_GUILD_ID: '',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      LOG_LEVEL: 'debug',
      DISCORD_API_URL: 'http://127.0.0.1:1234/api/',
    });
    expect(config).toMatchObject({ token: TOKEN, guildId: undefined, rateLimit: { max: 3, windowSeconds: 10 } });
    expect(config.apiUrl).toBe('http://127.0.0.1:1234/api');
  });

  it.each([
    [{ DISCORD_CLIENT_ID: base.DISCORD_CLIENT_ID }, /^Configuration error: DISCORD_TOKEN is missing/],
    [{ DISCORD_TOKEN: TOKEN }, /DISCORD_CLIENT_ID is missing/],
    [{ ...base, DISCORD_CLIENT_ID: 'my-bot' }, /DISCORD_CLIENT_ID expected the application id/],
    [{ ...base, DISCORD_GUILD_ID: 'my-server' }, /DISCORD_GUILD_ID expected a server id/],
    [{ ...base, DISCORD_CLIENT_ID: '123' }, /DISCORD_CLIENT_ID expected the application id \(a Discord id: 17–20 digits\)/],
    [{ ...base, DISCORD_GUILD_ID: '1234567890123456' }, /DISCORD_GUILD_ID expected a server id \(a Discord id: 17–20 digits\)/],
    [{ ...base, DISCORD_GUILD_ID: '123456789012345678901' }, /DISCORD_GUILD_ID expected a server id/],
    [{ ...base, OWNER_IDS: '112345678901234567,42' }, /OWNER_IDS .*entry 2 is not one/],
    [{ ...base, RATE_LIMIT_MAX: 'five' }, /RATE_LIMIT_MAX expected a whole number/],
    [{ ...base, RATE_LIMIT_MAX: '0' }, /RATE_LIMIT_MAX expected a whole number of questions ≥ 1/],
    [{ ...base, RATE_LIMIT_WINDOW_SECONDS: '-3' }, /RATE_LIMIT_WINDOW_SECONDS/],
    [{ ...base, LOG_LEVEL: 'loud' }, /LOG_LEVEL expected one of debug, info/],
    [{ ...base, DISCORD_API_URL: 'ftp://x' }, /DISCORD_API_URL expected an http\(s\) URL/],
    [{ ...base, OWNER_IDS: 'alice' }, /^Configuration error: OWNER_IDS expected comma-separated user ids \(17–20 digits each\); entry 1 is not one \(values not shown\)/],
    [{ ...base, OWNER_IDS: '112345678901234567;212345678901234567' }, /OWNER_IDS .*entry 1 is not one/],
    [{ ...base, OWNER_IDS: '112345678901234567, 12ab, <@212345678901234567>' }, /OWNER_IDS .*entries 2, 3 are not \(values not shown\)/],
    [{ ...base, OWNER_IDS: '1123456789012345678901' }, /OWNER_IDS .*entry 1 is not one/],
    [{ ...base, KNOWLEDGE_DIR: '/nonexistent/knowledge' }, /KNOWLEDGE_DIR expected an existing folder of knowledge files/],
  ])('names the bad variable in one line: %j', (env, pattern) => {
    const message = problem(env);
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  });

  it('never prints the token, even a malformed one', () => {
    const secret = 'super secret token with spaces';
    const message = problem({ ...base, DISCORD_TOKEN: secret });
    expect(message).toMatch(/DISCORD_TOKEN does not look like a bot token \(value not shown\)/);
    expect(message).not.toContain('super secret');
  });

  it('never echoes an OWNER_IDS entry, in case a token was pasted there', () => {
    const message = problem({ ...base, OWNER_IDS: `112345678901234567,${TOKEN}` });
    expect(message).toMatch(/OWNER_IDS .*entry 2 is not one/);
    expect(message).not.toContain(TOKEN.split('.')[0]);
  });
});

describe('logger redaction', () => {
  const FORMATS = ['json', 'pretty'] as const;
  const collect = (options: Omit<LoggerOptions, 'write'>) => {
    const lines: string[] = [];
    return { lines, logger: createLogger({ ...options, write: (line) => lines.push(line.trimEnd()) }) };
  };

  it.each(FORMATS)('hides the token, token-shaped strings and interaction tokens in messages, context and stacks (%s)', (format) => {
    const { lines, logger } = collect({ level: 'debug', format, secrets: ['plain-secret-token-value'] });
    const error = new Error(`failed with plain-secret-token-value at /interactions/123/${'a'.repeat(40)}/callback`);
    logger.debug(`identify ${TOKEN}`);
    logger.error('boom', { error });
    logger.child({ guildId: '998877665544332211' }).warn('child line', { detail: `token plain-secret-token-value` });
    const all = lines.join('\n');
    expect(all).not.toContain('plain-secret-token-value');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('a'.repeat(40));
    expect(all).toContain('/interactions/123/[redacted]/callback');
    expect(all).toContain('"stack"');
    expect(all).toContain('998877665544332211');
  });

  it('writes one JSON object per line: level, time, message and fields; the error with its stack', () => {
    const { lines, logger } = collect({ level: 'debug', format: 'json' });
    logger.child({ shard: 1 }).error('boom', { error: new Error('exploded', { cause: new Error('underneath') }), n: 3 });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'error', msg: 'boom', shard: 1, n: 3, error: { type: 'Error', message: 'exploded', cause: { message: 'underneath' } } });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(entry.error.stack).toMatch(/^Error: exploded\n\s+at /);
  });

  it('pretty: a readable line with the level and the message, no JSON braces around it', () => {
    const { lines, logger } = collect({ format: 'pretty' });
    logger.info('bot ready', { guilds: 2 });
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: bot ready \{"guilds":2\}$/);
  });

  it.each(FORMATS)('hides a token however short it is, also in the form discord.js prints at debug level (%s)', (format) => {
    for (const secret of ['abc1234', 'ab.cd.ef', 'x', 'q"uote\\secret']) {
      const { lines, logger } = collect({ level: 'debug', format, secrets: [secret] });
      const censored = secret.split('.').map((p, i) => (i > 1 ? '*'.repeat(p.length) : p)).join('.');
      logger.debug(`Provided token: ${censored}`);
      logger.error('login failed', { token: secret, given: secret });
      logger.child({ key: secret }).info(`the secret is ${secret}`);
      const all = lines.join('\n');
      expect(all).not.toContain(censored);
      expect(all).not.toContain(`"${secret}"`);
      if (secret.length > 1) expect(all).not.toContain(secret);
      expect(all).not.toContain(JSON.stringify(secret).slice(1, -1));
      expect(lines[0]).toMatch(/Provided token: \[redacted\]("\}|$)/);
    }
  });

  it('LOG_USER_IDS: writes a userId field as the store hashes it (hashed), leaves it out (off), or as it is (plain), in fields and child bindings', () => {
    const secret = 'the-store-secret-0123456789';
    const id = '112345678901234567';
    const entriesFor = (mode: 'hashed' | 'plain' | 'off') => {
      const { lines, logger } = collect({ format: 'json', userIds: { mode, hash: (u) => userHash(secret, u) } });
      logger.info('/gaps refused: not an admin', { userId: id, guildId: '998877665544332211' });
      logger.child({ userId: id }).info('bound');
      return lines.map((l) => JSON.parse(l));
    };
    const hashed = entriesFor('hashed');
    for (const entry of hashed) {
      expect(entry.userHash).toBe(userHash(secret, id));
      expect(entry.userId).toBeUndefined();
      expect(JSON.stringify(entry)).not.toContain(id);
    }
    expect(hashed[0]).toMatchObject({ msg: '/gaps refused: not an admin', guildId: '998877665544332211' });
    for (const entry of entriesFor('off')) {
      expect(entry).not.toHaveProperty('userId');
      expect(entry).not.toHaveProperty('userHash');
    }
    expect(entriesFor('plain').map((e) => e.userId)).toEqual([id, id]);
  });

  it('drops events below the level', () => {
    const { lines, logger } = collect({ level: 'warn', format: 'json' });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
    expect(redact('x', [])).toBe('x');
  });

  it('defaults to readable lines on a terminal and JSON elsewhere', () => {
    expect(defaultLogFormat({ isTTY: true })).toBe('pretty');
    expect(defaultLogFormat({ isTTY: false })).toBe('json');
    expect(defaultLogFormat({})).toBe('json');
  });
});

// The compiled entry point, as `npm start` runs it: exit 1 and one line, nothing else.
const botJs = new URL('../dist/src/discord/bot.js', import.meta.url);
describe('npm start with bad configuration', () => {
  beforeAll(() => {
    if (!existsSync(botJs)) throw new Error(`${botJs.pathname} is missing: run "npm run build" first (npm test does)`);
  });

  it('prints one line naming the variable and exits 1, without the token', () => {
    const result = spawnSync(process.execPath, [botJs.pathname], {
      cwd: tmpdir(), // no .env there
      env: { PATH: process.env.PATH, DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'nope' },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/DISCORD_CLIENT_ID/);
    expect(result.stderr).not.toContain(TOKEN);
  });
});
