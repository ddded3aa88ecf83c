/**
 * Articles far larger than news: ~125,000 passages, and a Chinese text with no sentence breaks.
 * Whatever knowledge:check passes, the bot must load and answer from; nothing may spread an
 * unbounded array into a call (push(...xs) overflows the stack somewhere past 100,000 items).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runKnowledgeCheck } from '../src/cli/knowledge-check.js';
import { formatFrontMatter } from '../src/knowledge/frontmatter.js';
import { formatProblem, KnowledgeError, loadKnowledge } from '../src/knowledge/load.js';
import { KnowledgeHolder } from '../src/runtime/knowledge-holder.js';
import { captureOutput } from './support/temp-knowledge.js';

const META = { id: 'ledger', title: 'A very long ledger', publisher: 'Example News', author: null, published: '2024', publishedApprox: false, url: null, source: null };
const PASSAGES = 125_000;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'large-article-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

async function check(): Promise<{ code: number; out: string[] }> {
  const output = captureOutput();
  return { code: await runKnowledgeCheck(['--dir', dir], output.io), out: output.out };
}

describe('a very large article', () => {
  it(`of ${PASSAGES.toLocaleString('en-US')} passages: what knowledge:check passes, the bot loads and answers from`, { timeout: 120_000 }, async () => {
    const lines = Array.from({ length: PASSAGES - 1 }, (_, i) => `Ledger entry ${i}`); // each a heading-like passage
    lines.push('The zorblax reactor was built in Lanzhou in 2023.');
    await writeFile(join(dir, 'ledger.md'), formatFrontMatter(META, lines.join('\n')));
    vi.stubEnv('MAX_ARTICLE_KB', '4096'); // about 2.4 MB: over the default, so allowed explicitly

    const { code, out } = await check();
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^1 article, 125,?000 passages, 0 alias groups: 0 faults/);

    const holder = await KnowledgeHolder.open(dir, { maxArticleBytes: 4096 * 1024 }); // threw RangeError before
    try {
      expect(holder.engine().stats.passages).toBe(PASSAGES);
      const answer = holder.engine().answer('Where was the zorblax reactor built?');
      expect(answer.answered).toBe(true);
      expect(answer.citations[0]?.snippet).toBe('The zorblax reactor was built in Lanzhou in 2023.');
    } finally {
      holder.close();
    }

    // Under the default limit, both refuse it, with the same line.
    vi.unstubAllEnvs();
    const refused = await check();
    expect(refused.code).toBe(1);
    const fault = await loadKnowledge(dir).then(
      () => 'loaded',
      (err: unknown) => (err instanceof KnowledgeError ? err.problems.map(formatProblem).join('\n') : String(err)),
    );
    expect(fault).toMatch(/ledger\.md: size: 2,\d{3} kB, over the 1,024 kB/);
    expect(refused.out[0]).toBe(fault);
  });

  it('in Chinese with no sentence break: one passage of 300,000 characters loads and is found', { timeout: 60_000 }, async () => {
    const run = '深度求索发布新模型'.repeat(33_000); // ~900 kB of one unpunctuated Chinese run
    await writeFile(join(dir, 'run.md'), formatFrontMatter({ ...META, id: 'run', title: '一段很长的文字' }, `${run}\n\n月之暗面的Kimi助手可以一次读取两百万字的文件。`));
    const { code } = await check();
    expect(code).toBe(0);
    const holder = await KnowledgeHolder.open(dir); // threw RangeError before
    try {
      const answer = holder.engine().answer('Kimi助手可以读取多少字？');
      // Found: quoted first, as the answer or, in a two-article knowledge unlike the bank the
      // decision learned from, as the closest passage.
      expect((answer.answered ? answer.citations : answer.related)[0]?.snippet).toContain('两百万字');
    } finally {
      holder.close();
    }
  });
});
