import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultKnowledgeDir } from '../src/engine.js';
import { KnowledgeError, loadKnowledge, type LoadedKnowledge } from '../src/knowledge/load.js';
import { indexKey } from '../src/runtime/persisted-index.js';
import { loadKnowledgeWithCache } from '../src/runtime/persisted-knowledge.js';

/**
 * `ask` keeps the parsed knowledge in DATA_DIR, so a start over the same files skips the front
 * matter's YAML and the schemas: what it reads back must be exactly what parsing gives, and a
 * changed, stale or corrupt file must never stand in for the files as they are.
 */
let parsed: LoadedKnowledge;
const dirs: string[] = [];
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `${name}-`));
  dirs.push(d);
  return d;
};
const stored = (dir: string) => readdirSync(dir).filter((f) => /^knowledge-[0-9a-f]{16}\.json$/.test(f));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  parsed = await loadKnowledge(defaultKnowledgeDir());
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('persisted knowledge', () => {
  it('gives what parsing gives, on the start that writes it and on the one that reads it', async () => {
    const data = tempDir('data');
    const first = await loadKnowledgeWithCache(defaultKnowledgeDir(), data);
    expect(stored(data)).toHaveLength(1);
    const second = await loadKnowledgeWithCache(defaultKnowledgeDir(), data);
    for (const k of [first, second]) {
      expect(k).toStrictEqual(parsed);
      // Key order too: the persisted index's key is computed from these objects as JSON.
      expect(JSON.stringify(k)).toBe(JSON.stringify(parsed));
      expect(indexKey(k)).toBe(indexKey(parsed));
    }
  });

  it('is what the next start reads (it does not parse again)', async () => {
    const data = tempDir('data');
    await loadKnowledgeWithCache(defaultKnowledgeDir(), data);
    const file = join(data, stored(data)[0]!);
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const [format, key] = text.slice(0, newline).split(' ');
    const knowledge = JSON.parse(text.slice(newline + 1)) as LoadedKnowledge;
    knowledge.articles[0]!.title = 'Marked by the test';
    const json = JSON.stringify(knowledge);
    writeFileSync(file, `${format} ${key} ${sha256(json)}\n${json}`);
    expect((await loadKnowledgeWithCache(defaultKnowledgeDir(), data)).articles[0]!.title).toBe('Marked by the test');
  });

  it('is parsed afresh and replaced when an article changes', async () => {
    const knowledgeDir = tempDir('knowledge');
    cpSync(defaultKnowledgeDir(), knowledgeDir, { recursive: true });
    const data = tempDir('data');
    await loadKnowledgeWithCache(knowledgeDir, data);
    const before = stored(data);
    const name = parsed.articles[0]!.file;
    const text = readFileSync(join(knowledgeDir, name), 'utf8');
    writeFileSync(join(knowledgeDir, name), text.replace(/^title: .*$/m, 'title: "A new title"'));
    const changed = await loadKnowledgeWithCache(knowledgeDir, data);
    expect(changed).toStrictEqual(await loadKnowledge(knowledgeDir));
    expect(changed.articles[0]!.title).toBe('A new title');
    expect(stored(data)).toHaveLength(1);
    expect(stored(data)).not.toEqual(before);
  });

  it('ignores a truncated or corrupt file and writes it again', async () => {
    const data = tempDir('data');
    await loadKnowledgeWithCache(defaultKnowledgeDir(), data);
    const file = join(data, stored(data)[0]!);
    const whole = readFileSync(file, 'utf8');
    for (const bad of [whole.slice(0, whole.length - 100), whole.replace('"id":"', '"id":"x'), 'garbage', '']) {
      writeFileSync(file, bad);
      expect(await loadKnowledgeWithCache(defaultKnowledgeDir(), data)).toStrictEqual(parsed);
      expect(readFileSync(file, 'utf8')).toBe(whole);
    }
  });

  it('fails on invalid knowledge as loadKnowledge does, and stores nothing', async () => {
    const knowledgeDir = tempDir('knowledge');
    cpSync(defaultKnowledgeDir(), knowledgeDir, { recursive: true });
    writeFileSync(join(knowledgeDir, 'broken.md'), '---\nid: Not A Slug\n---\nText.\n');
    const data = tempDir('data');
    const expected = await loadKnowledge(knowledgeDir).catch((e: unknown) => e);
    expect(expected).toBeInstanceOf(KnowledgeError);
    await expect(loadKnowledgeWithCache(knowledgeDir, data)).rejects.toThrow((expected as KnowledgeError).message);
    expect(stored(data)).toEqual([]);
  });

  it('still loads when DATA_DIR cannot be made (a file is in its way, which stops root too)', async () => {
    const blocker = join(tempDir('data'), 'a-file');
    writeFileSync(blocker, '');
    expect(await loadKnowledgeWithCache(defaultKnowledgeDir(), join(blocker, 'data'))).toStrictEqual(parsed);
  });
});
