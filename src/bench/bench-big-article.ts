#!/usr/bin/env node
/**
 * `npm run bench:big-article`: the bot on the loopback Discord, serving a copy of the knowledge,
 * while an article of several MB is saved into it. `/ask` is sent on a fixed schedule (default every
 * 250 ms for 15 s) and each is timed from its scheduled time to its callback reaching the fake, so a
 * blocked event loop counts against it, as it would against Discord's 3-second deadline. Reports
 * those latencies, the reload time and the process's peak memory (maxRSS, which the kernel keeps,
 * so it counts worker threads and peaks between samples).
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBotOnFake } from '../../test/discord-harness.js';
import { defaultKnowledgeDir } from '../engine.js';
import { loadKnowledge } from '../knowledge/load.js';
import { bigArticleText } from './big-article.js';
import { ms, runBench, summarise } from './stats.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '15' },
    every: { type: 'string', default: '250' },
    // Above the default MAX_ARTICLE_KB, so that the article is built, not refused: the hard case.
    'max-article-kb': { type: 'string', default: '65536' },
  },
});
const BYTES = Number(values.mb) * 1e6;
const SECONDS = Number(values.seconds);
const EVERY_MS = Number(values.every);
const DEADLINE_MS = 2500;
const QUESTIONS = ['What is Qwen?', "How many users has Baidu's Ernie Bot attracted?", 'Who founded Baichuan?', 'How many LLMs did China release in 2023?'];

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'bench-big-article-'));
  const dir = join(root, 'knowledge');
  try {
    await cp(defaultKnowledgeDir(), dir, { recursive: true });
    const text = bigArticleText(await loadKnowledge(dir), BYTES);
    const t = await startBotOnFake({ knowledge: { dir, watch: true, maxArticleBytes: Number(values['max-article-kb']) * 1024 } });
    try {
      for (const q of QUESTIONS) await t.discord.sendCommand('ask', { question: q }); // warm: JIT, sockets
      const rssBefore = maxRss();
      console.log(`bench:big-article: ${mb(Buffer.byteLength(text))} article saved while /ask runs every ${EVERY_MS} ms for ${SECONDS} s; peak RSS so far ${mb(rssBefore)}`);

      const written = performance.now();
      await writeFile(join(dir, 'big-pasted-report.md'), text);
      let servedMs: number | undefined;
      const reloadsBefore = t.reloads.length;
      const watchReload = (async () => {
        while (t.reloads.length === reloadsBefore && performance.now() - written < 120_000) await sleep(5);
        servedMs = performance.now() - written;
      })();

      const n = Math.round((SECONDS * 1000) / EVERY_MS);
      const t0 = performance.now();
      const pending: Array<Promise<{ ms: number; ok: boolean }>> = [];
      for (let i = 0; i < n; ) {
        for (const now = performance.now(); i < n && t0 + i * EVERY_MS <= now; i++) {
          const scheduled = t0 + i * EVERY_MS;
          pending.push(
            t.discord.sendCommand('ask', { question: QUESTIONS[i % QUESTIONS.length]! }, { timeoutMs: 30_000 }).then(
              (r) => ({ ms: performance.now() - scheduled, ok: r.callback.type === 4 || r.callback.type === 5 }),
              () => ({ ms: Infinity, ok: false }),
            ),
          );
        }
        if (i < n) await sleep(t0 + i * EVERY_MS - performance.now());
      }
      const asks = await Promise.all(pending);
      await watchReload;
      const latencies = asks.map((a) => a.ms);
      const s = summarise(latencies);
      const late = asks.filter((a) => !a.ok || a.ms > DEADLINE_MS).length;
      const result = t.reloads[reloadsBefore];
      console.log(`  /ask callbacks: ${asks.length} sent, ${late} later than ${DEADLINE_MS} ms or lost; p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(Math.max(...latencies))}`);
      console.log(`  reload: ${result ? (result.ok ? `swapped in ${result.ms} ms (${result.stats.passages} passages)` : `refused in ${result.ms} ms: ${result.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('; ')}`) : 'none'}; file write → reload done ${servedMs === undefined ? '—' : ms(servedMs)}`);
      console.log(`  peak RSS: ${mb(rssBefore)} before the save, ${mb(maxRss())} after; late interactions Discord refused: ${t.discord.violations.filter((v) => /nknown interaction|late/i.test(v)).length}`);
      return late === 0 ? 0 : 1;
    } finally {
      await t.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

runBench('bench:big-article', main);
