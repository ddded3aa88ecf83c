/**
 * Issue 15, items 1 and 12: each question keeps the place it was asked in and every report reads one
 * place, or all of them; the hashing secret lives outside the database; a database from before both
 * is brought along (its rows count as asked somewhere unknown, its salt moves out, its hashes still match).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { userHash } from '../src/store/secret.js';
import { BACKENDS, GUILD_A, GUILD_B, backendSettings, cleanUp, occurrences, oldDatabase, open, question, tempDir, total } from './store-support.js';

afterEach(cleanUp);

describe.each(BACKENDS)('places on %s', (backend) => {
  it("a server's report holds that server's questions only; the report everywhere holds every server's and every DM's, saying where", async () => {
    const { store } = await open(tempDir(), await backendSettings(backend));
    store.record(question('How many GPUs does Zhipu own?', 'u1', { place: GUILD_A }));
    store.record(question('What does Moonshot charge for Kimi?', 'u2', { place: GUILD_B }));
    store.record(question('Where is Baichuan based?', 'u3', { place: 'dm' }));
    store.record(question('How many GPUs does Zhipu have?', 'u4', { place: GUILD_B }));

    const inA = await store.gaps({ scope: { place: GUILD_A } });
    expect(inA.map((g) => [g.latest, g.count, g.places])).toEqual([['How many GPUs does Zhipu own?', 1, [GUILD_A]]]);
    const inB = await store.gaps({ scope: { place: GUILD_B } });
    expect(inB.map((g) => g.latest).sort()).toEqual(['How many GPUs does Zhipu have?', 'What does Moonshot charge for Kimi?']);
    expect(JSON.stringify(inB)).not.toMatch(/Baichuan|own\?/);
    expect((await store.gaps({ scope: { place: 'dm' } })).map((g) => g.latest)).toEqual(['Where is Baichuan based?']);

    const all = await store.gaps({ scope: 'everywhere' });
    expect(all.map((g) => [g.count, g.places])).toEqual([
      [2, [GUILD_A, GUILD_B]],
      [1, ['dm']],
      [1, [GUILD_B]],
    ]);
  });
});

const SALT = 'a1'.repeat(32);

describe('migrating a database from before places and the secret file', () => {
  it('keeps its rows as asked somewhere unknown (operators only), moves the salt out of every file of the database, and old hashes still match', async () => {
    const dir = tempDir();
    oldDatabase(dir, SALT, [
      { id: 'old-1', user: 'alice', text: 'Old question about Zhipu revenue' },
      { id: 'old-2', user: 'bob', text: 'Old question about Moonshot funding' },
    ]);
    const { store, logs } = await open(dir);
    expect(await store.gaps({ scope: { place: GUILD_A } })).toEqual([]);
    const all = await store.gaps({ scope: 'everywhere' });
    expect(all.map((g) => [g.latest, g.places])).toEqual([
      ['Old question about Moonshot funding', ['unknown']],
      ['Old question about Zhipu revenue', ['unknown']],
    ]);

    // The salt now lives in a file of its own, readable by its owner only, and in no file of the database.
    const secretFile = join(dir, 'questions.secret');
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(SALT);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const counts = occurrences(dir, SALT);
    delete counts['questions.secret'];
    expect(total(counts)).toBe(0);
    expect(logs.join('\n')).toMatch(/hashing salt left the database/);

    // alice's old row is still hers: /forget-me reaches it; new rows are hashed the same way.
    store.record(question('New question about Zhipu chips', 'alice', { place: GUILD_B }));
    expect(await store.forget('alice')).toBe(2);
    expect((await store.gaps({ scope: 'everywhere' })).map((g) => g.latest)).toEqual(['Old question about Moonshot funding']);
  });

  it('with STORE_SECRET set, keeps the old salt in questions.salt-v1 so old rows can still be forgotten', async () => {
    const dir = tempDir();
    oldDatabase(dir, SALT, [{ id: 'old-1', user: 'alice', text: 'Old question about Zhipu revenue' }]);
    const secret = 'environment-secret-0123456789';
    const { store } = await open(dir, { secret });
    expect(existsSync(join(dir, 'questions.secret'))).toBe(false);
    expect(readFileSync(join(dir, 'questions.salt-v1'), 'utf8').trim()).toBe(SALT);
    expect(statSync(join(dir, 'questions.salt-v1')).mode & 0o777).toBe(0o600);
    store.record(question('New question about Zhipu chips', 'alice'));
    await store.flush();
    const db = new Database(join(dir, 'questions.db'));
    const hashes = (db.prepare('SELECT user_hash FROM questions ORDER BY question').all() as Array<{ user_hash: string }>).map((r) => r.user_hash);
    db.close();
    expect(hashes).toEqual([userHash(secret, 'alice'), userHash(SALT, 'alice')]);
    expect(await store.forget('alice')).toBe(2);
  });
});

describe('the hashing secret', () => {
  it('is made on first start beside the database, mode 0600, and never written into the database', async () => {
    const { store, dir } = await open();
    store.record(question('What is Qwen?', 'alice'));
    await store.flush();
    const secret = readFileSync(join(dir, 'questions.secret'), 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'questions.secret')).mode & 0o777).toBe(0o600);
    const counts = occurrences(dir, secret);
    delete counts['questions.secret'];
    expect(total(counts)).toBe(0);
    const db = new Database(join(dir, 'questions.db'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM meta').get()).toMatchObject({ n: 0 });
    expect(db.prepare('SELECT user_hash FROM questions').get()).toMatchObject({ user_hash: userHash(secret, 'alice') });
    db.close();
  });

  it('comes from STORE_SECRET when set: no file is made, and the same id hashes the same way across restarts', async () => {
    const dir = tempDir();
    const secret = 'environment-secret-0123456789';
    const first = await open(dir, { secret });
    first.store.record(question('Which chips does Huawei make?', 'alice'));
    await first.store.close();
    expect(existsSync(join(dir, 'questions.secret'))).toBe(false);
    const db = new Database(join(dir, 'questions.db'));
    expect(db.prepare('SELECT user_hash FROM questions').get()).toMatchObject({ user_hash: userHash(secret, 'alice') });
    db.close();
    const again = await open(dir, { secret });
    expect(await again.store.forget('alice')).toBe(1);
  });
});
