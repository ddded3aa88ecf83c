import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { median, PROBE_ID, PROBE_QUESTION, probeGenerations, waitUntilServing, writeProbe } from '../src/bench/reload-probe.js';
import { createEngine } from '../src/engine.js';
import { describeDiff } from '../src/knowledge/diff.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KnowledgeHolder, type HolderLogger, type ReloadResult } from '../src/runtime/knowledge-holder.js';
import { tempKnowledge } from './support/temp-knowledge.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingLogger() {
  const lines: Array<{ level: string; message: string; context?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, context?: Record<string, unknown>) => void lines.push({ level, message, ...(context ? { context } : {}) });
  const logger: HolderLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

const KIMI = `---
id: kimi-long-context
title: "Moonshot AI's Kimi reads long documents"
publisher: "Example News"
author: null
published: "2024-03"
publishedApprox: false
url: null
source: null
---
Moonshot AI said its Kimi assistant can read documents of two million Chinese characters in one go.
`;

describe('KnowledgeHolder', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let holder: KnowledgeHolder | undefined;
  beforeEach(async () => ({ dir, remove } = await tempKnowledge()));
  afterEach(async () => {
    holder?.close();
    holder = undefined;
    await remove();
  });

  it('reloads with a diff of articles and passages, and swaps only when something changed', async () => {
    holder = await KnowledgeHolder.open(dir);
    const first = holder.engine();
    expect(await holder.reload()).toMatchObject({ ok: true, changed: false });
    expect(holder.engine()).toBe(first);

    await writeFile(join(dir, 'kimi.md'), KIMI);
    await rm(join(dir, 'china-accelerates-llm-launches-musk-visit.md'));
    const trio = join(dir, 'trio-dominating-china-large-model-landscape.md');
    const text = await readFile(trio, 'utf8');
    await writeFile(trio, text.replace('Wen Xin Yi Yan, dubbed', 'Wen Xin Yi Yan (Ernie Bot), dubbed') + 'One more closing sentence for the test.\n');

    const result = await holder.reload();
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      diff: {
        articlesAdded: ['kimi-long-context'],
        articlesRemoved: ['china-accelerates-llm-launches-musk-visit'],
        articlesChanged: ['trio-dominating-china-large-model-landscape'],
        passagesAdded: 1 + 2, // Kimi's sentence; the edited sentence and the new one
        passagesRemoved: 18 + 1, // the Musk article's passages; the sentence before the edit
        aliasesChanged: false,
      },
    });
    if (!result.ok) throw new Error('unreachable');
    expect(result.stats).toEqual(holder.engine().stats);
    expect(describeDiff(result.diff)).toBe(
      'added 1 article (kimi-long-context), removed 1 article (china-accelerates-llm-launches-musk-visit), changed 1 article (trio-dominating-china-large-model-landscape), passages +3 -19',
    );
    expect(holder.engine()).not.toBe(first);
    expect(holder.generation).toBe(1);
    expect(holder.engine().answer('How much text can Kimi read?').citations[0]?.articleId).toBe('kimi-long-context');
    expect(first.answer('How much text can Kimi read?').citations.some((c) => c.articleId === 'kimi-long-context')).toBe(false);
  });

  it('serves, from its worker thread, everything an engine built here offers, with the same results', async () => {
    holder = await KnowledgeHolder.open(dir);
    const here = createEngine(await loadKnowledge(dir));
    const served = holder.engine();
    expect(Object.keys(served).sort()).toEqual(Object.keys(here).sort());
    expect(served.stats).toEqual(here.stats);
    const question = "How many users has Baidu's Ernie Bot attracted?";
    expect(served.answer(question)).toEqual(here.answer(question));
    expect(served.answer(question)).toBe(served.answer(question)); // one frozen answer: rendered embeds are cached by it
    expect(served.search('Qwen', 3)).toEqual(here.search('Qwen', 3));
    expect(served.suggest('Qw')).toEqual(here.suggest('Qw'));
    expect(served.sources()).toEqual(here.sources());
  });

  it('keeps serving the old engine when a file is broken, and logs file and field', async () => {
    const { lines, logger } = recordingLogger();
    holder = await KnowledgeHolder.open(dir, { logger });
    const serving = holder.engine();
    const question = "How many users has Baidu's Ernie Bot attracted?";
    const before = serving.answer(question);

    await writeFile(join(dir, 'kimi.md'), KIMI.replace('published: "2024-03"', 'published: "March 2024"'));
    const result = await holder.reload();
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.problems).toEqual([{ file: expect.stringMatching(/kimi\.md$/), field: 'published', message: expect.stringMatching(/expected YYYY/) }]);
    expect(holder.engine()).toBe(serving);
    expect(holder.engine().answer(question)).toEqual(before);
    expect(lines).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(/^knowledge reload refused, still serving the previous knowledge: .*kimi\.md: published: expected YYYY/),
        context: { file: expect.stringMatching(/kimi\.md$/), field: 'published' },
      },
    ]);

    await writeFile(join(dir, 'kimi.md'), KIMI);
    expect(await holder.reload()).toMatchObject({ ok: true, changed: true, diff: { articlesAdded: ['kimi-long-context'] } });
    expect(lines.at(-1)).toMatchObject({ level: 'info', message: expect.stringMatching(/^knowledge reloaded: added 1 article \(kimi-long-context\)/) });
  });

  it('never runs two rebuilds at once: calls during a rebuild share one more rebuild', async () => {
    const results: ReloadResult[] = [];
    holder = await KnowledgeHolder.open(dir, { onReload: (r) => results.push(r) });
    const burst = [holder.reload(), holder.reload(), holder.reload()];
    expect(new Set(burst).size).toBe(1); // asked together: one rebuild
    await Promise.resolve(); // the rebuild has started and is reading files
    await writeFile(join(dir, 'kimi.md'), KIMI);
    const during = [holder.reload(), holder.reload()];
    expect(during[0]).toBe(during[1]);
    expect(during[0]).not.toBe(burst[0]);
    const both = [await burst[0]!, await during[0]!];
    expect(results).toEqual(both); // five calls, two rebuilds, one after the other
    // The file was written while the first rebuild ran: it may or may not have seen it; the second surely did.
    expect(both.filter((r) => r.ok && r.diff.articlesAdded.includes('kimi-long-context'))).toHaveLength(1);
    expect(holder.engine().sources().map((s) => s.id)).toContain('kimi-long-context');
  });

  it('watches the folder: a new file is served within a couple of seconds, a burst gives one rebuild', async () => {
    const results: ReloadResult[] = [];
    holder = await KnowledgeHolder.open(dir, { debounceMs: 300, onReload: (r) => results.push(r) });
    holder.watch();
    const since = performance.now();
    await writeFile(join(dir, 'kimi.md'), KIMI);
    for (;;) {
      if (holder.engine().sources().some((s) => s.id === 'kimi-long-context')) break;
      expect(performance.now() - since).toBeLessThan(2000);
      await sleep(2);
    }
    const ms = performance.now() - since;
    console.log(`watch: new file served ${ms.toFixed(0)} ms after the write (debounce 300 ms)`);
    expect(results).toHaveLength(1);

    // Twenty saves in quick succession, temp files and swap files alongside: one rebuild.
    for (let i = 0; i < 20; i++) {
      await writeFile(join(dir, 'kimi.md'), KIMI.replace('two million', `${i + 3} million`));
      await writeFile(join(dir, `.kimi.md.${i}.tmp`), 'not an article');
      await sleep(5);
    }
    // The rebuild runs in a worker thread; wait for it rather than assume how long it takes.
    const burstEnded = performance.now();
    while (results.length < 2 && performance.now() - burstEnded < 5000) await sleep(10);
    await sleep(500);
    expect(results).toHaveLength(2);
    expect(holder.engine().answer('How much text can Kimi read?').citations[0]?.snippet).toContain('22 million');

    holder.close();
    await rm(join(dir, 'kimi.md'));
    await sleep(500);
    expect(results).toHaveLength(2);
  });

  it('loses no question and answers each from one whole index while reloading again and again', async () => {
    let generation = 1000; // high numbers never collide with numbers in the questions
    await writeProbe(dir, generation);
    holder = await KnowledgeHolder.open(dir, { debounceMs: 20 });
    holder.watch();
    const questions = (await readFile(join(import.meta.dirname, 'fixtures', 'dev-questions.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { q: string; ood?: boolean })
      .filter((q) => !q.ood)
      .map((q) => q.q);
    // Only the probe changes, so every other answer must equal its answer before the reloads.
    const expected = new Map(questions.map((q) => [q, holder!.engine().answer(q)]));

    const latencies: number[] = [];
    let answered = 0;
    let lastSeen = generation;
    const writes = (async () => {
      for (let i = 0; i < 10; i++) {
        const since = performance.now();
        await writeProbe(dir, ++generation);
        latencies.push(await waitUntilServing(holder!.engine, generation, since));
      }
    })();
    for (let i = 0; i < 100; i++) {
      const probe = i % 2 === 0;
      const question = probe ? PROBE_QUESTION : questions[i % questions.length]!;
      const answer = holder.engine().answer(question);
      if (probe) {
        const gens = probeGenerations(answer);
        expect(gens).toHaveLength(1); // one index: never two generations in one answer
        expect(gens[0]).toBeGreaterThanOrEqual(lastSeen); // and never an older index again
        lastSeen = gens[0]!;
      } else {
        expect(answer).toEqual(expected.get(question));
      }
      if (answer.answered && answer.citations.length > 0) answered++;
      await sleep(i % 10 === 0 ? 25 : 3);
    }
    await writes;
    expect(answered).toBe(100);
    expect(holder.generation).toBeGreaterThanOrEqual(5);
    const probeAnswer = holder.engine().answer(PROBE_QUESTION);
    expect(probeAnswer.citations[0]?.articleId).toBe(PROBE_ID);
    console.log(
      `reload under load: 100/100 answered, ${holder.generation} swaps, file write → new index serving: median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (debounce 20 ms)`,
    );
  });
});
