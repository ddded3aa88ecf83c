import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, defaultKnowledgeDir } from '../src/engine.js';
import type { Engine } from '../src/engine-types.js';
import { loadKnowledge, type Knowledge } from '../src/knowledge/load.js';
import { passageLayout, passagesFromLayout, splitPassages } from '../src/knowledge/passages.js';
import { syntheticKnowledge } from '../src/bench/synthetic.js';
import { KnowledgeHolder } from '../src/runtime/knowledge-holder.js';
import { buildWithPersistedIndex, indexKey } from '../src/runtime/persisted-index.js';
import { decodeSnapshot, encodeSnapshot } from '../src/search/index/index-snapshot.js';
import { readQuestions } from './support/questions.js';

/**
 * Issue 10, item 6: a start over unchanged knowledge reads the index persisted in DATA_DIR instead
 * of analysing every passage again, and answers exactly as a fresh build does; a stale, truncated
 * or corrupt file is ignored and rebuilt, never trusted.
 */
let knowledge: Knowledge;
let fresh: Engine;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'index-test-'));
  dirs.push(d);
  return d;
};
const indexFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('index-'));

beforeAll(async () => {
  knowledge = await loadKnowledge(defaultKnowledgeDir());
  fresh = createEngine(knowledge);
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const asked = [...[...readQuestions('dev-questions.jsonl'), ...readQuestions('realistic-questions.jsonl')].map((q) => q.q), 'whats the deal w/ alibbas qwen tbh', 'who foundd moonshto ai', 'DeepSeek 是什么时候成立的？'];

function expectSameAnswers(engine: Engine) {
  for (const q of asked) {
    expect(engine.answer(q), q).toEqual(fresh.answer(q));
    expect(engine.search(q, 8), q).toEqual(fresh.search(q, 8));
  }
  // Follow-ups read which words are names from what the analyzer learnt from the text.
  const previous = 'How many LLMs did China release in 2023?';
  for (const q of ['and the year before?', 'what about Tencent?', 'who made it?']) {
    expect(engine.answer(q, { previous }), q).toEqual(fresh.answer(q, { previous }));
  }
  expect(engine.suggest('De', 10)).toEqual(fresh.suggest('De', 10));
  expect(engine.stats).toEqual(fresh.stats);
}

describe('persisted index', () => {
  it('is written on the first start and read on the next, with the same answers', () => {
    const dir = tempDir();
    const first = buildWithPersistedIndex(knowledge, dir);
    expect(first.from).toBe('built');
    expect(first.problem).toBeUndefined();
    expect(indexFiles(dir)).toEqual([first.file.split('/').pop()]);
    const second = buildWithPersistedIndex(knowledge, dir);
    expect(second.from).toBe('persisted');
    expectSameAnswers(second.engine);
  });

  it('keeps the passages: rebuilt from their layout they are those splitPassages finds', () => {
    for (const article of [...knowledge.articles, ...syntheticKnowledge(knowledge, 30).articles]) {
      const passages = splitPassages(article);
      expect(passagesFromLayout(article, passageLayout(passages))).toEqual(passages);
    }
    const article = knowledge.articles[0]!;
    expect(passagesFromLayout({ ...article, body: article.body.slice(0, 10) }, passageLayout(splitPassages(article)))).toBeNull();
  });

  it('round-trips the analysed terms and observations exactly', () => {
    const dir = tempDir();
    const { file } = buildWithPersistedIndex(knowledge, dir);
    const key = indexKey(knowledge);
    const snapshot = decodeSnapshot(readFileSync(file), key);
    expect(encodeSnapshot(snapshot, key).equals(readFileSync(file))).toBe(true);
  });

  it.each([
    ['a flipped byte', (b: Buffer) => (b[b.length - 100]! ^= 0xff, b), /checksum/],
    ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 1000), /truncated/],
    ['an empty file', () => Buffer.alloc(0), /not an index file/],
    ['garbage', () => Buffer.from('not an index at all, just some text that happens to be here'), /not an index file/],
  ])('ignores and rebuilds %s', (_what, damage, why) => {
    const dir = tempDir();
    const { file } = buildWithPersistedIndex(knowledge, dir);
    writeFileSync(file, damage(readFileSync(file)));
    const again = buildWithPersistedIndex(knowledge, dir);
    expect(again.from).toBe('built');
    expect(again.problem).toMatch(why);
    expectSameAnswers(again.engine);
    // …and the rebuilt file is whole again.
    expect(buildWithPersistedIndex(knowledge, dir).from).toBe('persisted');
  });

  it('never uses a file built for other knowledge, and prunes it', () => {
    const dir = tempDir();
    const old = buildWithPersistedIndex(knowledge, dir);
    const changed: Knowledge = { ...knowledge, articles: knowledge.articles.map((a, i) => (i === 0 ? { ...a, body: `${a.body}\n\nOne more sentence about Qwen.` } : a)) };
    const rebuilt = buildWithPersistedIndex(changed, dir);
    expect(rebuilt.from).toBe('built');
    expect(rebuilt.file).not.toBe(old.file);
    expect(existsSync(old.file)).toBe(false);
    expect(indexFiles(dir)).toHaveLength(1);
    // A stale file under the current name (same key prefix, say) is refused by the full key inside.
    copyFileSync(rebuilt.file, join(dir, 'stale.bin'));
    const unchanged = buildWithPersistedIndex(knowledge, dir);
    copyFileSync(join(dir, 'stale.bin'), unchanged.file);
    const refused = buildWithPersistedIndex(knowledge, dir);
    expect(refused.from).toBe('built');
    expect(refused.problem).toMatch(/other knowledge or code/);
  });

  it('still answers when the data folder cannot be written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const built = buildWithPersistedIndex(knowledge, join(dir, 'file', 'sub'));
    expect(built.from).toBe('built');
    expect(built.problem).toMatch(/cannot write/);
    expect(built.engine.answer('What is Qwen?')).toEqual(fresh.answer('What is Qwen?'));
  });

  it('is used by the bot’s knowledge holder (DATA_DIR), built in its worker', async () => {
    const dir = tempDir();
    const logged: string[] = [];
    const logger = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    for (let i = 0; i < 2; i++) {
      const holder = await KnowledgeHolder.open(defaultKnowledgeDir(), { logger, dataDir: dir });
      expect(holder.engine().answer('What is Qwen?')).toEqual(fresh.answer('What is Qwen?'));
      holder.close();
    }
    expect(logged.filter((m) => m.includes('index'))).toEqual([
      expect.stringMatching(/index built and written to .*index-[0-9a-f]{16}\.bin/),
      expect.stringMatching(/index read from .*index-[0-9a-f]{16}\.bin/),
    ]);
  });
});
