/**
 * Issue 15, items 1 and 10: `npm run gaps` (compiled) is the operator's terminal: every server's and
 * every DM's questions, or one server's with --guild; one clear line and a non-zero exit when it
 * cannot read; never creates, migrates or writes the database; "no questions recorded yet" when so.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { GUILD_A, GUILD_B, backendSettings, cleanUp, oldDatabase, open, question, tempDir } from './store-support.js';
import { PG_PASSWORD, withClient } from './support/postgres.js';

const cli = new URL('../dist/src/cli/gaps.js', import.meta.url).pathname;
const asRoot = process.getuid?.() === 0;

function gaps(dataDir: string, args: string[] = [], options: { unprivileged?: boolean } = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
    ...(options.unprivileged && asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** One line, saying what is wrong and what to do: no usage text, no stack trace. */
function expectOneLineError(run: ReturnType<typeof gaps>, what: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(what);
  expect(run.stderr).toMatch(/What to do: /);
  expect(run.stderr).not.toMatch(/\n\s+at |npm run gaps -- --days/);
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

afterEach(cleanUp);

describe('npm run gaps', () => {
  it('lists every place, saying where; --guild one server; --dm the direct messages', async () => {
    const { store, dir } = await open();
    store.record(question('How many GPUs does Zhipu own?', 'u1', { place: GUILD_A }));
    store.record(question('What does Moonshot charge for Kimi?', 'u2', { place: GUILD_B }));
    store.record(question('Where is Baichuan based?', 'u3', { place: 'dm' }));
    await store.close();

    const all = gaps(dir);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Zhipu[^]*asked in server 111111111111111111/);
    expect(all.stdout).toMatch(/Moonshot[^]*asked in server 222222222222222222/);
    expect(all.stdout).toMatch(/Baichuan[^]*asked in a DM/);

    const inA = gaps(dir, ['--guild', GUILD_A, '--json']);
    expect(JSON.parse(inA.stdout)).toMatchObject({ scope: { place: GUILD_A }, questions: 1, gaps: [{ latest: 'How many GPUs does Zhipu own?', places: [GUILD_A] }] });
    expect(gaps(dir, ['--dm']).stdout).toMatch(/^What the knowledge is missing, last 30 days in a DM[^]*Baichuan/);
    expect(gaps(dir, ['--dm']).stdout).not.toMatch(/Zhipu|Moonshot/);
    expect(gaps(dir, [`--guild=${GUILD_B}`]).stdout).not.toMatch(/Zhipu|Baichuan/);
    expect(gaps(dir, ['--guild', 'abc']).code).toBe(2);
  });

  it('says "no questions recorded yet" with no database, and with a database that holds none', async () => {
    const missing = join(tempDir(), 'not-yet');
    const none = gaps(missing);
    expect(none).toMatchObject({ code: 0, stdout: 'No questions recorded yet.\n' });
    expect(existsSync(missing)).toBe(false);

    const { store, dir } = await open();
    await store.close();
    expect(gaps(dir).stdout).toBe('No questions recorded yet.\n');
    expect(gaps(dir, ['--guild', GUILD_A]).stdout).toBe(`No questions recorded yet in server ${GUILD_A}.\n`);
  });

  it('fails in one line, non-zero, for DATA_DIR a file, a corrupt database, and one it cannot read', () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'a file');
    expectOneLineError(gaps(file), /^gaps: .*data is a file, not a folder\. What to do: DATA_DIR .* must be a folder/);

    const corrupt = tempDir();
    writeFileSync(join(corrupt, 'questions.db'), 'garbage '.repeat(1000));
    expectOneLineError(gaps(corrupt), /^gaps: cannot read .*questions\.db: file is not a database\. What to do: stop the bot and move/);

    const unreadable = tempDir();
    mkdirSync(join(unreadable, 'questions.db')); // what no user, root included, can read as a file
    expectOneLineError(gaps(unreadable), /^gaps: .*questions\.db is not a file/);
  });

  for (const wal of ['with its write-ahead log', 'checkpointed, with no write-ahead log or shared memory beside it'] as const) {
    it(`reads a read-only database of an older schema ${wal} as it is, never migrating or writing it (${asRoot ? 'run as nobody' : 'mode 555/444'})`, () => {
      const dir = tempDir();
      chmodSync(dir, 0o755);
      oldDatabase(dir, 'b2'.repeat(32), [{ id: 'old-1', user: 'alice', text: 'Old question about Zhipu revenue' }]);
      if (wal !== 'with its write-ahead log') {
        const db = new Database(join(dir, 'questions.db'));
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        rmSync(join(dir, 'questions.db-wal'));
        rmSync(join(dir, 'questions.db-shm'));
      }
      const files = readdirSync(dir).sort();
      for (const f of files) chmodSync(join(dir, f), 0o444);
      chmodSync(dir, 0o555);
      const before = files.map((f) => sha(join(dir, f)));
      const run = gaps(dir, ['--json'], { unprivileged: true });
      chmodSync(dir, 0o755);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).gaps).toEqual([expect.objectContaining({ latest: 'Old question about Zhipu revenue', places: ['unknown'] })]);
      expect(readdirSync(dir).sort()).toEqual(files);
      expect(files.map((f) => sha(join(dir, f)))).toEqual(before);
      const db = new Database(join(dir, 'questions.db'));
      expect(db.prepare('PRAGMA user_version').get()).toMatchObject({ user_version: 1 });
      db.close();
    });
  }
});

describe('npm run gaps -- --days', () => {
  it('takes 1 to 365 days, as /gaps does, and refuses anything else with a clear error and exit 2', () => {
    for (const days of ['0', '366', '-1', 'abc', '2.5']) {
      const run = gaps(tempDir(), ['--days', days]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--days takes a whole number from 1 to 365/);
    }
  });
});

describe('npm run gaps with DATABASE_URL (PostgreSQL)', () => {
  const gapsOn = (databaseUrl: string, args: string[] = []) => {
    const run = spawnSync(process.execPath, [cli, ...args], {
      cwd: tmpdir(),
      // No Discord token: the operator's terminal needs none.
      env: { PATH: process.env.PATH ?? '', DATA_DIR: join(tempDir(), 'unused'), DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('lists every place, or one server, and names the database without its password', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    const { store } = await open(tempDir(), { databaseUrl });
    store.record(question('How many GPUs does Zhipu own?', 'u1', { place: GUILD_A }));
    store.record(question('What does Moonshot charge for Kimi?', 'u2', { place: GUILD_B }));
    await store.close();
    const all = gapsOn(databaseUrl!);
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/Zhipu[^]*asked in server 111111111111111111/);
    expect(all.stdout).toMatch(/Moonshot[^]*asked in server 222222222222222222/);
    const inA = gapsOn(databaseUrl!, ['--guild', GUILD_A, '--json']);
    const report = JSON.parse(inA.stdout);
    expect(report).toMatchObject({ scope: { place: GUILD_A }, questions: 1, gaps: [{ latest: 'How many GPUs does Zhipu own?', places: [GUILD_A] }] });
    expect(report.database).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/t_/);
    expect(inA.stdout).not.toContain(PG_PASSWORD);
  });

  it('says "no questions recorded yet" for a database the bot has not used, and creates nothing in it', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    expect(gapsOn(databaseUrl!)).toMatchObject({ code: 0, stdout: 'No questions recorded yet.\n' });
    const tables = await withClient(databaseUrl!, async (c) => (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows);
    expect(tables).toEqual([]);
  });

  it('fails in one line, non-zero, never showing the password: a server that is not there, a wrong password', async () => {
    const { databaseUrl } = await backendSettings('postgres');
    const nowhere = databaseUrl!.replace(/:(\d+)\//, ':1/');
    const down = gapsOn(nowhere);
    expectOneLineError(down, /^gaps: cannot read postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/.*What to do: start PostgreSQL, or correct the host and port/);
    expect(down.stderr).not.toContain(PG_PASSWORD);
    const wrong = gapsOn(databaseUrl!.replace(PG_PASSWORD, 'not-the-password-77'));
    expectOneLineError(wrong, /password authentication failed.*What to do: correct the user name and password in DATABASE_URL/);
    expect(wrong.stderr).not.toContain('not-the-password-77');
  });
});
