/**
 * Issue 15, items 2 and 3: /forget-me holds whatever the writes queued before it are doing (waiting
 * on another connection's lock, failing, retried after it), and what it deletes (and what retention
 * deletes) is gone from the bytes of every file of the database within seconds, the bot still running.
 */
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { immediate } from '../src/store/sqlite-open.js';
import { cleanUp, eventually, occurrences, open, question, tempDir, total } from './store-support.js';

afterEach(cleanUp);

/** A second connection, as another shard or a backup would hold one: it takes the write lock and keeps it. */
function holdWriteLock(dir: string): { release(): void } {
  const other = new Database(join(dir, 'questions.db'));
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('COMMIT');
      other.close();
    },
  };
}

const inDatabase = (dir: string) => {
  const db = new Database(join(dir, 'questions.db'));
  try {
    return (db.prepare('SELECT question FROM questions ORDER BY question').all() as Array<{ question: string }>).map((r) => r.question);
  } finally {
    db.close();
  }
};

// Short waits, so a write blocked by the lock fails and is retried several times within the test.
const tuning = { busyTimeoutMs: 200, retry: { firstMs: 100, maxMs: 400 }, flushMs: 50 };

describe('/forget-me while another connection holds the write lock', () => {
  it('a question queued and failed before the forget is not written when the lock goes, nor is a vote of theirs; others are', async () => {
    const { store, dir, logs } = await open(tempDir(), { tuning });
    const bobs = question('How many GPUs does Zhipu own?', 'bob');
    store.record(bobs);
    await store.flush();
    const lock = holdWriteLock(dir);

    const alices = question('ALICE-SECRET: does Moonshot pay its interns?', 'alice');
    store.record(alices);
    store.record(question('What does Baichuan sell?', 'carol'));
    const aliceVote = store.vote(bobs.id, 'alice', -1);
    const bobVote = store.vote(alices.id, 'bob', 1);
    await expect(store.flush()).rejects.toThrow(/locked|busy/i); // failed, back in the queue, retried

    const forgetting = store.forget('alice');
    setTimeout(() => lock.release(), 1200);
    expect(await forgetting).toBe(2); // her question and her vote, both still unwritten
    await eventually(() => inDatabase(dir), (rows) => rows.length === 2);
    await new Promise((r) => setTimeout(r, 500)); // any retry still pending would have run by now
    expect(inDatabase(dir)).toEqual(['How many GPUs does Zhipu own?', 'What does Baichuan sell?']);
    expect(await aliceVote).toBe('no-question');
    expect(await bobVote).toBe('no-question'); // her question was never stored, so nothing to vote on
    expect(await store.votes(bobs.id)).toEqual({ up: 0, down: 0 });
    expect(total(occurrences(dir, 'ALICE-SECRET'))).toBe(0);
    expect(logs.join('\n')).toMatch(/could not write 4 questions and votes/);
  });

  it('a batch already handed to the database thread, waiting on the lock, is not retried for the forgotten user', async () => {
    const { store, dir } = await open(tempDir(), { tuning });
    store.record(question('warm-up', 'nobody'));
    await store.flush();
    const lock = holdWriteLock(dir);
    store.record(question('ALICE-SECRET: who funds Zhipu?', 'alice'));
    store.record(question('Who funds Baichuan?', 'bob'));
    const inFlight = store.flush().catch(() => 'failed'); // sent to the worker, which waits on the lock
    const forgetting = store.forget('alice'); // sent behind it
    expect(await inFlight).toBe('failed');
    setTimeout(() => lock.release(), 300);
    const removed = await forgetting;
    await eventually(() => inDatabase(dir), (rows) => rows.includes('Who funds Baichuan?'));
    await new Promise((r) => setTimeout(r, 500)); // any retry still pending would have run by now
    expect(inDatabase(dir)).toEqual(['Who funds Baichuan?', 'warm-up']);
    expect(removed).toBe(1); // and she is told one record went
  });
});

describe('deleted text leaves the files', () => {
  it("after /forget-me, the question's text is in none of the database's files (WAL included) within seconds, the store still open", async () => {
    const { store, dir } = await open();
    const text = 'Walrus-7f3a: how many H800s did DeepSeek buy?';
    store.record(question(text, 'alice'));
    for (let i = 0; i < 50; i++) store.record(question(`Other question number ${i} about Qwen`, `u${i}`));
    store.record(question(`${text} (asked again)`, 'alice', { resolved: `${text} resolved` }));
    await store.flush();
    expect(total(occurrences(dir, 'Walrus-7f3a'))).toBeGreaterThan(0);

    expect(await store.forget('alice')).toBe(2);
    const left = await eventually(() => occurrences(dir, 'Walrus-7f3a'), (c) => total(c) === 0, 3000);
    expect(left).toEqual(expect.objectContaining({ 'questions.db': 0 }));
    expect(total(left)).toBe(0);
    // Still running: it records and reports as before.
    store.record(question('After the forget', 'bob'));
    expect((await store.gaps({ scope: 'everywhere' })).length).toBeGreaterThan(0);
  });

  it('a reader holding an old snapshot delays the scrub only until it lets go', async () => {
    const { store, dir } = await open();
    store.record(question('Narwhal-91bc: what does Moonshot charge?', 'alice'));
    await store.flush();
    const reader = new Database(join(dir, 'questions.db'));
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM questions').get(); // a read snapshot from before the delete
    await store.forget('alice');
    await new Promise((r) => setTimeout(r, 300));
    reader.exec('COMMIT');
    reader.close();
    expect(total(await eventually(() => occurrences(dir, 'Narwhal-91bc'), (c) => total(c) === 0, 5000))).toBe(0);
  });

  it('what retention deletes leaves the files too', async () => {
    const dir = tempDir();
    const first = await open(dir, { retentionDays: 90 });
    first.store.record(question('Okapi-55d1: old question', 'alice', { at: Date.now() - 100 * 24 * 60 * 60 * 1000 }));
    first.store.record(question('Recent question', 'bob'));
    await first.store.close();
    expect(total(occurrences(dir, 'Okapi-55d1'))).toBeGreaterThan(0);
    const again = await open(dir, { retentionDays: 90 }); // prunes on open
    expect(total(await eventually(() => occurrences(dir, 'Okapi-55d1'), (c) => total(c) === 0, 3000))).toBe(0);
    expect((await again.store.gaps({ scope: 'everywhere' })).map((g) => g.latest)).toEqual(['Recent question']);
  });
});

describe('a failed write', () => {
  it("is reported with SQLite's real reason, not libsql's 'cannot rollback' (a full disk, here a database capped at its size)", () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'full.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('max_page_count = 3');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const fill = () => {
      for (let i = 0; i < 50; i++) insert.run('y'.repeat(1000));
    };
    expect(() => db.transaction(fill).immediate()).toThrow(/cannot rollback/); // libsql's own wrapper hides it
    expect(() => immediate(db, fill)).toThrow(/database or disk is full/);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('is logged by the store with the error that made SQLite roll the transaction back', async () => {
    const { store, dir, logs } = await open(tempDir(), { tuning });
    store.record(question('first', 'bob'));
    await store.flush();
    const other = new Database(join(dir, 'questions.db'));
    // A trigger that rolls back the whole transaction, as SQLite does by itself on a full disk or an I/O error.
    other.exec(`CREATE TRIGGER fail_writes BEFORE INSERT ON questions BEGIN SELECT RAISE(ROLLBACK, 'disk on fire (simulated)'); END;`);
    store.record(question('second', 'bob'));
    await expect(store.flush()).rejects.toThrow(/disk on fire/);
    const logged = logs.join('\n');
    expect(logged).toMatch(/could not write 1 questions and votes .*disk on fire \(simulated\)/);
    expect(logged).not.toMatch(/cannot rollback/);
    other.exec('DROP TRIGGER fail_writes');
    other.close();
    await eventually(() => inDatabase(dir), (rows) => rows.length === 2);
    expect(inDatabase(dir)).toEqual(['first', 'second']);
    expect(await eventually(() => logs.join('\n'), (l) => /writing again/.test(l))).toMatch(/writing again/);
  });
});
