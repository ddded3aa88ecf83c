/**
 * Issue 15, items 4 to 6: a store that cannot be opened is reported once with what to do and retried
 * in the background, never thrown at the bot; a database deleted or replaced under it is noticed,
 * reported and reopened.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../src/store/types.js';
import { cleanUp, eventually, open, question, tempDir } from './store-support.js';

afterEach(cleanUp);

const tuning = { retry: { firstMs: 50, maxMs: 200 }, watchMs: 100, flushMs: 20 };
const errors = (logs: string[]) => logs.filter((l) => l.startsWith('ERROR'));

const rows = (dir: string) => {
  const db = new Database(join(dir, 'questions.db'));
  try {
    return (db.prepare('SELECT question, place FROM questions ORDER BY asked_at').all() as Array<{ question: string; place: string }>).map((r) => r.question);
  } finally {
    db.close();
  }
};

describe('a store that cannot be opened', () => {
  it('with DATA_DIR a file: opens unavailable, says once what to do, keeps the questions asked meanwhile, and recovers when the folder is fixed', async () => {
    const parent = tempDir();
    const dataDir = join(parent, 'data');
    writeFileSync(dataDir, 'not a folder');
    const { store, logs } = await open(dataDir, { tuning });
    expect(store.available).toBe(false);
    await expect(store.gaps({ scope: 'everywhere' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.forget('alice')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.vote('some-id', 'alice', 1)).toBe('unavailable');
    store.record(question('Asked while the store was down', 'bob'));

    await new Promise((r) => setTimeout(r, 600)); // several retries
    expect(errors(logs)).toHaveLength(1);
    expect(errors(logs)[0]).toMatch(/is a file, not a folder\. What to do: DATA_DIR \(.*\) must be a folder/);
    expect(errors(logs)[0]).toMatch(/The bot answers meanwhile/);

    rmSync(dataDir);
    // The store's own retry creates a missing DATA_DIR, and may do so between these two lines.
    mkdirSync(dataDir, { recursive: true });
    await eventually(() => store.available, (ok) => ok, 3000);
    expect(store.available).toBe(true);
    expect(logs.join('\n')).toMatch(/available again .*writing the 1 questions and votes kept meanwhile/);
    await eventually(() => store.gaps({ scope: 'everywhere' }), (g) => g.length === 1);
    expect((await store.gaps({ scope: 'everywhere' })).map((g) => g.latest)).toEqual(['Asked while the store was down']);
  });

  it('with questions.db not a database: says to move it aside, and does not touch it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'questions.db'), 'this is not a database '.repeat(500));
    const { store, logs } = await open(dir, { tuning });
    expect(store.available).toBe(false);
    expect(errors(logs)[0]).toMatch(/not a database.*What to do: stop the bot and move .*questions\.db.* aside/);
    expect(readFileSync(join(dir, 'questions.db'), 'utf8')).toMatch(/^this is not a database/);
  });

  it('with questions.db truncated: refuses it at open, with the reason, rather than failing write by write', async () => {
    const dir = tempDir();
    const first = await open(dir);
    for (let i = 0; i < 400; i++) first.store.record(question(`Question number ${i} about a long list of Chinese models and their makers`, `u${i}`));
    await first.store.close();
    truncateSync(join(dir, 'questions.db'), 20_000);
    const { store, logs } = await open(dir, { tuning });
    expect(store.available).toBe(false);
    expect(errors(logs)[0]).toMatch(/(damaged|malformed).*What to do: stop the bot and move/);
  });
  it('made by a newer version of the bot: refused with what to do, not migrated backwards', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'questions.db'));
    db.pragma('user_version = 99');
    db.close();
    const { store, logs } = await open(dir, { tuning });
    expect(store.available).toBe(false);
    expect(errors(logs)[0]).toMatch(/schema version 99, made by a newer version of the bot.*What to do: run the newer version/);
  });
});

describe('the database file changed under a running store', () => {
  it('deleted: noticed within seconds, reported, and a new database started at the same path', async () => {
    const { store, dir, logs } = await open(tempDir(), { tuning });
    store.record(question('Before the deletion', 'alice'));
    await store.flush();
    rmSync(join(dir, 'questions.db')); // its write-ahead log stays behind, as after a careless `rm`
    await eventually(() => logs.join('\n'), (l) => /was deleted while the bot was running/.test(l), 3000);
    expect(logs.join('\n')).toMatch(/WARN question store: .*questions\.db was deleted while the bot was running.*Starting a new database there/);
    store.record(question('After the deletion', 'alice'));
    await store.flush();
    expect(rows(dir)).toEqual(['After the deletion']);
  });

  it('replaced by another file: noticed before the next write, which goes to the new file', async () => {
    const { store, dir, logs } = await open(tempDir(), { tuning: { ...tuning, watchMs: 60_000 } });
    store.record(question('In the original', 'alice'));
    await store.flush();
    // Another database (say, a restored backup) moved over the path.
    const other = tempDir();
    const second = await open(other);
    second.store.record(question('In the backup', 'bob'));
    await second.store.close();
    renameSync(join(other, 'questions.db'), join(dir, 'questions.db'));
    store.record(question('After the replacement', 'alice'));
    await store.flush();
    expect(logs.join('\n')).toMatch(/questions\.db was replaced by another file while the bot was running/);
    expect(rows(dir)).toEqual(['In the backup', 'After the replacement']);
  });
});
