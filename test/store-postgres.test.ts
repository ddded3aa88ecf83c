/**
 * Issue 18, item 4: what only the PostgreSQL store has to show: the hashing secret kept out of the
 * database and the same on every machine; a server that is down at start or restarts under load
 * loses nothing and is never thrown at the bot; /forget-me holds for writes still waiting on it;
 * processes starting together migrate once; a newer schema is refused.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, afterEach, describe, expect, inject, it } from 'vitest';
import { userHash } from '../src/store/secret.js';
import { StoreUnavailableError } from '../src/store/types.js';
import { backendSettings, cleanUp, eventually, open, question, tempDir } from './store-support.js';
import { PG_PASSWORD, createDatabase, startPostgres, withClient, type TestPostgres } from './support/postgres.js';

afterEach(cleanUp);

const tuning = { retry: { firstMs: 50, maxMs: 300 }, flushMs: 20, connectTimeoutMs: 5000, queryTimeoutMs: 5000 };
const errors = (logs: string[]) => logs.filter((l) => l.startsWith('ERROR'));
const rows = (url: string) =>
  withClient(url, async (c) => (await c.query<{ question: string; user_hash: string }>('SELECT question, user_hash FROM questions ORDER BY seq')).rows);

describe('the hashing secret on PostgreSQL', () => {
  it('is made in DATA_DIR (mode 0600) when STORE_SECRET is not set, and is in no table of the database', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    const { store, dir } = await open(tempDir(), { databaseUrl });
    store.record(question('What is Qwen?', 'alice'));
    await store.flush();
    const secret = readFileSync(join(dir, 'questions.secret'), 'utf8').trim();
    expect(statSync(join(dir, 'questions.secret')).mode & 0o777).toBe(0o600);
    const dump = await withClient(databaseUrl!, async (c) => ({
      meta: (await c.query('SELECT key, value FROM meta')).rows,
      hashes: (await c.query('SELECT user_hash FROM questions')).rows,
    }));
    expect(JSON.stringify(dump)).not.toContain(secret);
    expect(dump.hashes).toEqual([{ user_hash: userHash(secret, 'alice') }]);
  });

  it('comes from STORE_SECRET, the same on every machine; a machine with another secret is refused, says what to do, and writes nothing', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    const secret = 'environment-secret-0123456789';
    const first = await open(tempDir(), { databaseUrl, secret });
    first.store.record(question('Which chips does Huawei make?', 'alice'));
    await first.store.flush();
    expect(existsSync(join(first.dir, 'questions.secret'))).toBe(false);
    // A second machine, its own DATA_DIR, the same secret: the same hashes, so /forget-me there finds her rows.
    const second = await open(tempDir(), { databaseUrl, secret });
    expect((await rows(databaseUrl!)).map((r) => r.user_hash)).toEqual([userHash(secret, 'alice')]);
    expect(await second.store.forget('alice')).toBe(1);

    const other = await open(tempDir(), { databaseUrl, tuning });
    expect(other.store.available).toBe(false);
    expect(errors(other.logs)[0]).toMatch(/hashing secret is not the one .*What to do: set STORE_SECRET to the same value on every machine/);
    other.store.record(question('Hashed with the wrong secret', 'bob'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await rows(databaseUrl!)).toEqual([]);
  });
});

describe('a PostgreSQL server that is down', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 30_000);
  afterAll(async () => server?.destroy());

  it('at start: the store opens unavailable, says once what to do (never the password), keeps the questions, and writes them when it is up', async () => {
    const url = await server.createDatabase();
    await server.stop();
    try {
      const { store, logs } = await open(tempDir(), { databaseUrl: url, tuning });
      expect(store.available).toBe(false);
      await expect(store.gaps({ scope: 'everywhere' })).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.vote('some-id', 'alice', 1)).toBe('unavailable');
      for (let i = 0; i < 20; i++) store.record(question(`Asked while PostgreSQL was down ${i}`, `u${i}`));
      await new Promise((r) => setTimeout(r, 800)); // several retries
      expect(errors(logs)).toHaveLength(1);
      expect(errors(logs)[0]).toMatch(/ECONNREFUSED|connect/);
      expect(errors(logs)[0]).toMatch(/What to do: start PostgreSQL, or correct the host and port in DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
      expect(logs.join('\n')).not.toContain(PG_PASSWORD);
      await server.start();
      await eventually(() => store.available, (ok) => ok, 5000);
      await eventually(() => rows(url), (r) => r.length === 20, 5000);
      expect(logs.join('\n')).toMatch(/available again .*writing the 20 questions and votes kept meanwhile/);
    } finally {
      await server.start().catch(() => undefined);
    }
  });

  it('restarted under load: every question recorded meanwhile is written once, none lost, none twice', async () => {
    const url = await server.createDatabase();
    const { store, logs } = await open(tempDir(), { databaseUrl: url, tuning });
    expect(store.available).toBe(true);
    const N = 1500;
    let sent = 0;
    const load = (async () => {
      while (sent < N) {
        for (let i = 0; i < 15; i++) store.record(question(`Load question ${sent++}`, `user-${sent % 37}`));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await eventually(() => sent, (n) => n >= N / 3, 10_000);
    await server.stop();
    await new Promise((r) => setTimeout(r, 700));
    await server.start();
    await load;
    await eventually(() => store.available, (ok) => ok, 10_000);
    await store.flush().catch(() => undefined);
    const written = await eventually(() => rows(url), (r) => r.length >= N, 10_000);
    expect(written).toHaveLength(N);
    expect(new Set(written.map((r) => r.question)).size).toBe(N);
    expect(logs.join('\n')).toMatch(/available again|writing again/);
    expect(logs.join('\n')).not.toContain(PG_PASSWORD);
  }, 40_000);

  it("/forget-me while it is down: their questions waiting in memory are never written when it is back; others' are", async () => {
    const url = await server.createDatabase();
    const { store } = await open(tempDir(), { databaseUrl: url, tuning });
    store.record(question('Written before', 'bob'));
    await store.flush();
    await server.stop();
    try {
      store.record(question('ALICE-SECRET: does Moonshot pay its interns?', 'alice'));
      store.record(question('What does Baichuan sell?', 'carol'));
      await expect(store.flush()).rejects.toThrow();
      await expect(store.forget('alice')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await server.start();
    }
    await eventually(() => rows(url), (r) => r.length === 2, 8000);
    await new Promise((r) => setTimeout(r, 400));
    expect((await rows(url)).map((r) => r.question)).toEqual(['Written before', 'What does Baichuan sell?']);
  }, 30_000);
});

describe('/forget-me behind a batch that waits on another connection', () => {
  it('a batch held up by a lock another connection holds: her question is not in the database once the forget has answered, nor later', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    const { store } = await open(tempDir(), { databaseUrl, tuning });
    store.record(question('warm-up', 'nobody'));
    await store.flush();
    // Another connection (a migration, a backup tool) takes the table and keeps it for a while.
    const locker = await withClient(databaseUrl!, async (other) => {
      await other.query('BEGIN');
      await other.query('LOCK TABLE questions IN ACCESS EXCLUSIVE MODE');
      store.record(question('ALICE-SECRET: who funds Zhipu?', 'alice'));
      store.record(question('Who funds Baichuan?', 'bob'));
      const inFlight = store.flush(); // handed to the worker, which waits on the lock
      const forgetting = store.forget('alice'); // sent behind it
      await new Promise((r) => setTimeout(r, 300));
      await other.query('COMMIT');
      return { inFlight, forgetting };
    });
    await locker.inFlight;
    expect(await locker.forgetting).toBe(1);
    expect((await rows(databaseUrl!)).map((r) => r.question)).toEqual(['warm-up', 'Who funds Baichuan?']);
    await new Promise((r) => setTimeout(r, 400)); // any retry still pending would have run by now
    expect((await rows(databaseUrl!)).map((r) => r.question)).toEqual(['warm-up', 'Who funds Baichuan?']);
  });
});

describe('migrations', () => {
  it('four processes starting at the same moment: each migration applied once, every one of them opens', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    const openJs = new URL('../dist/src/store/open.js', import.meta.url).href;
    const startAt = Date.now() + 1500;
    const script = `
      const { openStore } = await import(${JSON.stringify(openJs)});
      const logs = [];
      const logger = { warn: (m) => logs.push(m), error: (m) => logs.push(m), info: (m) => logs.push(m), debug: () => {} };
      await new Promise((r) => setTimeout(r, ${startAt} - Date.now()));
      const store = await openStore({ enabled: true, dataDir: process.env.DIR, databaseUrl: process.env.DATABASE_URL, secret: 'a-shared-secret-for-all-four', logger });
      console.log(JSON.stringify({ available: store.available, logs }));
      await store.close();`;
    // A file, not `node -e`: the store's worker thread would inherit --input-type.
    const scriptFile = join(tempDir(), 'open-store.mjs');
    writeFileSync(scriptFile, script);
    const run = () =>
      new Promise<{ available: boolean; logs: string[] }>((resolve, reject) => {
        const child = spawn(process.execPath, [scriptFile], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, DIR: tempDir() } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(out))));
      });
    const results = await Promise.all([run(), run(), run(), run()]);
    expect(results.map((r) => r.available), JSON.stringify(results)).toEqual([true, true, true, true]);
    expect(results.flatMap((r) => r.logs).filter((l) => /migrated from schema 0 to 1/.test(l))).toHaveLength(1);
    const applied = await withClient(url, async (c) => (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows);
    expect(applied).toEqual([{ version: 1 }]);
  }, 20_000);

  it('a database made by a newer version of the bot is refused with what to do, not migrated backwards', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    const first = await open(tempDir(), { databaseUrl });
    await first.store.close();
    await withClient(databaseUrl!, (c) => c.query('INSERT INTO schema_migrations (version) VALUES (99)'));
    const { store, logs } = await open(tempDir(), { databaseUrl, tuning });
    expect(store.available).toBe(false);
    expect(errors(logs)[0]).toMatch(/schema version 99, made by a newer version of the bot.*What to do: run the newer version/);
  });
});
