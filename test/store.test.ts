import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseVoteCustomId, voteCustomId } from '../src/discord/render/buttons.js';
import { openStore } from '../src/store/open.js';
import { newQuestionId } from '../src/store/sqlite-store.js';
import type { QuestionRecord, QuestionStore } from '../src/store/types.js';
import { BACKENDS, backendSettings, type Backend } from './store-support.js';

const dirs: string[] = [];
const stores: QuestionStore[] = [];
/** A new store on `backend`, and a way to open the same database again (a restart). */
async function fresh(backend: Backend, retentionDays?: number): Promise<{ store: QuestionStore; dir: string; reopen(): Promise<QuestionStore> }> {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  dirs.push(dir);
  const where = await backendSettings(backend);
  const reopen = async () => {
    const store = await openStore({ enabled: true, dataDir: dir, retentionDays, ...where });
    stores.push(store);
    return store;
  };
  return { store: await reopen(), dir, reopen };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const q = (question: string, userId: string, outcome: QuestionRecord['outcome'], at?: number, place = '111111111111111111'): QuestionRecord => ({
  id: newQuestionId(), userId, surface: 'slash', place, question, outcome, passageIds: [], ...(at ? { at } : {}),
});
const everywhere = { scope: 'everywhere' } as const;

describe('question ids', () => {
  it('are 16 base64url characters (96 bits), all distinct across many pool refills, and fit a vote button', () => {
    const ids = Array.from({ length: 5000 }, () => newQuestionId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const id = ids[4321]!;
    expect(voteCustomId(-1, id).length).toBeLessThanOrEqual(100);
    expect(parseVoteCustomId(voteCustomId(-1, id))).toEqual({ vote: -1, questionId: id });
  });
});

/** The nice value of each thread of this process (Linux), from field 19 of /proc/self/task/<tid>/stat. */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

describe.each(BACKENDS)('question store on %s', (backend) => {
  it.runIf(existsSync('/proc/thread-self'))('writes in a thread at the lowest CPU priority, the rest of the process untouched', async () => {
    const before = threadNices().filter((n) => n === 19).length;
    const mainNice = Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16]);
    await fresh(backend);
    // The worker thread, and the threads libsql starts from it (they inherit its priority).
    expect(threadNices().filter((n) => n === 19).length).toBeGreaterThan(before);
    expect(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16])).toBe(mainNice);
  });

  it('groups declined questions asked in other words, most frequent first, with the latest wording', async () => {
    const { store } = await fresh(backend);
    const now = Date.now();
    store.record(q('Which chips did Huawei make?', 'u1', 'declined', now - 3000));
    store.record(q('What about Apple?', 'u3', 'related', now - 2500));
    store.record(q('what chips does huawei make', 'u2', 'declined', now - 1000));
    store.record(q('What is Qwen?', 'u1', 'answered', now - 500));
    const gaps = await store.gaps(everywhere);
    expect(gaps.map((g) => [g.latest, g.count, g.people])).toEqual([
      ['what chips does huawei make', 2, 2],
      ['What about Apple?', 1, 1],
    ]);
  });

  it('keeps one vote per person per question, and a later vote replaces it; a 👎 answer is a gap', async () => {
    const { store } = await fresh(backend);
    const entry = q('What is Qwen?', 'u1', 'answered');
    store.record(entry);
    store.vote(entry.id, 'u1', 1);
    store.vote(entry.id, 'u1', 1);
    store.vote(entry.id, 'u2', 1);
    expect(await store.votes(entry.id)).toEqual({ up: 2, down: 0 });
    expect(await store.gaps(everywhere)).toEqual([]);
    store.vote(entry.id, 'u2', -1);
    expect(await store.votes(entry.id)).toEqual({ up: 1, down: 1 });
    expect((await store.gaps(everywhere)).map((g) => [g.latest, g.downVotes])).toEqual([['What is Qwen?', 1]]);
  });

  it('forgets one person entirely and no one else; survives a reopen with the same salt', async () => {
    const { store, reopen } = await fresh(backend);
    store.record(q('Who makes Ascend chips?', 'alice', 'declined'));
    store.record(q('Who designs Ascend chips?', 'bob', 'declined'));
    expect(await store.forget('alice')).toBe(1);
    await store.close();
    const again = await reopen();
    expect((await again.gaps(everywhere))[0]).toMatchObject({ count: 1, people: 1 });
    expect(await again.forget('bob')).toBe(1);
    expect(await again.gaps(everywhere)).toEqual([]);
  });

  it('drops questions older than the retention on open, and reports only the asked-for days', async () => {
    const { store, reopen } = await fresh(backend, 90);
    const day = 24 * 60 * 60 * 1000;
    store.record(q('Old question about Baichuan funding', 'u1', 'declined', Date.now() - 100 * day));
    store.record(q('Recent question about Zhipu funding', 'u1', 'declined', Date.now() - 40 * day));
    expect((await store.gaps({ ...everywhere, days: 30 })).length).toBe(0);
    expect((await store.gaps({ ...everywhere, days: 365 })).map((g) => g.latest)).toEqual(['Recent question about Zhipu funding', 'Old question about Baichuan funding']);
    await store.close();
    const again = await reopen();
    expect((await again.gaps({ ...everywhere, days: 365 })).map((g) => g.latest)).toEqual(['Recent question about Zhipu funding']);
  });


  it('STORE_QUESTIONS=false keeps nothing', async () => {
    const store = await openStore({ enabled: false, ...(await backendSettings(backend)) });
    store.record(q('Which chips did Huawei make?', 'u1', 'declined'));
    expect(store.recording).toBe(false);
    expect(await store.gaps(everywhere)).toEqual([]);
  });
});
