#!/usr/bin/env node
/**
 * `npm run bench:feeds`: how fast an article page is extracted, and whether the bot keeps answering
 * while a feed is polled.
 *
 * 1. (run second) Extraction: the five articles of knowledge/ served as the page shapes of the tests (WordPress
 *    with JSON-LD, a "Key Points" business page, AMP), each extracted many times after a warm-up;
 *    the median and p95 per page, the whole of `extractArticle` (parse, metadata, Readability,
 *    blocks, furniture).
 * 2. (run first) The bot on the loopback Discord, serving a watched copy of the knowledge, with the sources
 *    worker polling a feed of new articles on 127.0.0.1: `/ask` is sent every 100 ms, timed from its
 *    scheduled time to its callback reaching the fake (a blocked event loop counts against it),
 *    before the poll, and while the poll and the reloads it causes run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBotOnFake } from '../../test/discord-harness.js';
import { rssFeed, storyBody, storyPage, type StoryFixture } from '../../test/support/feed-fixtures.js';
import { serve, startLoopbackServer } from '../../test/support/loopback-server.js';
import { ampPage, keyPointsPage, wordpressPage, type PageArticle } from '../../test/support/news-pages.js';
import { tempKnowledge } from '../../test/support/temp-knowledge.js';
import { extractArticle } from '../extract/article.js';
import { formatFrontMatter } from '../knowledge/frontmatter.js';
import { loadKnowledge } from '../knowledge/load.js';
import { defaultKnowledgeDir } from '../engine.js';
import { startSourcesWorker } from '../runtime/sources-in-worker.js';
import { median, ms, runBench, summarise } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '60' }, items: { type: 'string', default: '20' }, control: { type: 'string' } } });
const RUNS = Number(values.runs);
const ITEMS = Number(values.items);
const QUESTIONS = ['What is Qwen?', "How many users has Baidu's Ernie Bot attracted?", 'Who founded Baichuan?', 'How many LLMs did China release in 2023?'];
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/**
 * A page as heavy as a big news site's: about 300 kB, most of it inline scripts and JSON state, a
 * mega-menu of 400 links, inline SVG icons and a footer of link lists around the same article.
 */
function heavy(html: string): string {
  const state = `<script>window.__STATE__=${JSON.stringify({ items: Array.from({ length: 600 }, (_, i) => ({ id: i, headline: `Story number ${i} about markets`, url: `/news/${i}`, tags: ['markets', 'china', 'tech'] })) })}</script>`;
  const analytics = `<script>${'(function(w,d){w.dl=w.dl||[];w.dl.push({event:"pageview",ts:Date.now()});})(window,document);\n'.repeat(400)}</script>`;
  const menu = `<nav class="mega-menu"><ul>${Array.from({ length: 400 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav>`;
  const icons = `<svg style="display:none">${Array.from({ length: 60 }, (_, i) => `<symbol id="icon-${i}" viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5zm0 13l-10-5v6l10 5 10-5v-6l-10 5z"/></symbol>`).join('')}</svg>`;
  const footer = `<div class="site-links">${Array.from({ length: 20 }, (_, c) => `<div class="col"><h4>Column ${c}</h4><ul>${Array.from({ length: 15 }, (_, i) => `<li><a href="/f/${c}/${i}">Link ${i}</a></li>`).join('')}</ul></div>`).join('')}</div>`;
  return html.replace('</head>', `${state}${analytics}</head>`).replace('<body class="post-template-default single single-post">', `<body class="post-template-default single single-post">${icons}${menu}`).replace('</body>', `${footer}</body>`);
}

async function extraction(): Promise<void> {
  const { articles } = await loadKnowledge(defaultKnowledgeDir());
  const pages: Array<{ name: string; html: string }> = [];
  for (const a of articles) {
    const page: PageArticle = { title: a.title, publisher: a.publisher, author: a.author, publishedAt: '2024-01-12T08:15:00+08:00', canonical: a.url ?? `https://news.example/${a.id}`, body: a.body };
    pages.push({ name: `${a.id} (WordPress)`, html: wordpressPage(page) });
    pages.push({ name: `${a.id} (key points)`, html: keyPointsPage(page, []) });
    pages.push({ name: `${a.id} (AMP)`, html: ampPage(page) });
    pages.push({ name: `${a.id} (WordPress, heavy)`, html: heavy(wordpressPage(page)) });
  }
  for (const p of pages) for (let i = 0; i < 10; i++) extractArticle(p.html, 'https://news.example/'); // warm-up: JIT
  const all: number[] = [];
  const heavyOnes: number[] = [];
  console.log(`extraction: ${pages.length} pages of ${Math.min(...pages.map((p) => p.html.length))}–${Math.max(...pages.map((p) => p.html.length))} characters, ${RUNS} runs each after 10 of warm-up`);
  for (const p of pages) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      extractArticle(p.html, 'https://news.example/');
      times.push(performance.now() - t0);
    }
    (p.name.endsWith('heavy)') ? heavyOnes : all).push(...times);
    const s = summarise(times);
    console.log(`  ${p.name.padEnd(64)} median ${ms(s.p50)}, p95 ${ms(s.p95)}`);
  }
  const s = summarise(all);
  const h = summarise(heavyOnes);
  console.log(`extraction, the three light shapes: median ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}; the heavy pages: median ${ms(h.p50)}, p95 ${ms(h.p95)}, p99 ${ms(h.p99)} (target: median ≤ 50 ms)`);
}

async function answeringDuringPoll(): Promise<void> {
  const server = await startLoopbackServer();
  const stories: StoryFixture[] = Array.from({ length: ITEMS }, (_, i) => ({
    slug: `story-${i}`,
    title: `Chinese AI developer number ${i} releases a new model`,
    summary: 'A new model.',
    date: `Fri, ${String(1 + (i % 27)).padStart(2, '0')} Mar 2024 10:00:00 +0800`,
    body: [storyBody(i, `model ${i}`), storyBody(i + 40, `the assistant ${i}`), storyBody(i + 80, `service ${i}`)].join('\n'),
  }));
  server.routes.set('/feed.xml', serve(rssFeed(server.origin, stories), { 'content-type': 'application/rss+xml' }));
  for (const s of stories) server.routes.set(`/story/${s.slug}`, serve(storyPage(server.origin, s, '2024-03-01T10:00:00+08:00')));
  const { dir, remove } = await tempKnowledge();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-feeds-data-'));
  await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${server.origin}/feed.xml\n`);
  const sources = startSourcesWorker({ knowledgeDir: dir, feedsFile: join(dir, 'feeds.yaml'), dataDir, rule: { allowPrivate: true }, pauseMs: 0 });
  const t = await startBotOnFake({ knowledge: { dir, watch: true }, sources });
  try {
    for (const q of QUESTIONS) await t.discord.sendCommand('ask', { question: q });
    const latencies = { before: [] as number[], during: [] as number[] };
    // The main thread's event loop itself: how long a timer waited past its time, in each phase.
    const loop = { before: monitorEventLoopDelay({ resolution: 10 }), during: monitorEventLoopDelay({ resolution: 10 }) };
    loop.before.enable();
    const now = { phase: 'before' as 'before' | 'during' | 'done' };
    const asks: Array<Promise<void>> = [];
    // Each ask is scheduled at an absolute time (setInterval drifts by a little every tick, which
    // over a long phase would read as latency); a timer that fires late counts against the ask.
    const start = performance.now();
    const sender = (async () => {
      for (let n = 1; now.phase !== 'done'; n++) {
        const scheduled = start + n * 100;
        await sleep(Math.max(0, scheduled - performance.now()));
        if ((now.phase as string) === 'done') break; // it may have changed during the sleep
        const bucket = latencies[now.phase];
        asks.push(t.discord.sendCommand('ask', { question: QUESTIONS[n % QUESTIONS.length]! }).then(() => void bucket.push(performance.now() - scheduled)));
      }
    })();
    await sleep(3000);
    now.phase = 'during';
    loop.before.disable();
    loop.during.enable();
    const pollStart = performance.now();
    // --control=idle: the same phase without the poll (5 s of waiting), the machine's own noise.
    // --control=reloads: no poll, but 8 articles saved by hand 1.2 s apart: the reloads' own cost.
    let report: { added: unknown[] };
    if (values.control === 'idle') report = await sleep(5000).then(() => ({ added: [] }));
    else if (values.control === 'reloads') {
      for (let i = 0; i < 8; i++) {
        const body = [storyBody(i + 200, `hand model ${i}`), storyBody(i + 300, `hand assistant ${i}`)].join('\n');
        await writeFile(join(dir, `hand-${i}.md`), formatFrontMatter({ id: `hand-${i}`, title: `Hand-saved article ${i}`, publisher: 'Bench', author: null, published: '2024-03', publishedApprox: false, url: null, source: null }, body));
        await sleep(1200);
      }
      report = { added: [] };
    } else report = await sources.poll();
    const pollMs = performance.now() - pollStart;
    // The watcher's reloads after the last file: keep asking until they are done.
    const reloadsAtEnd = t.reloads.length;
    await sleep(2000);
    while (t.reloads.length > reloadsAtEnd && performance.now() - pollStart < pollMs + 10_000) await sleep(500);
    now.phase = 'done';
    loop.during.disable();
    await sender;
    await Promise.all(asks);
    const before = summarise(latencies.before);
    const during = summarise(latencies.during);
    console.log(`${values.control ? `CONTROL (${values.control}, no poll): ` : ''}poll: ${report.added.length} of ${ITEMS} articles added in ${(pollMs / 1000).toFixed(1)} s (fetch, extract, check against the whole knowledge, write), ${t.reloads.length} reloads by the watcher`);
    console.log(`/ask every 100 ms, scheduled → callback: before the poll p50 ${ms(before.p50)}, p95 ${ms(before.p95)}, max ${ms(Math.max(...latencies.before))} (n=${before.n})`);
    console.log(`                                       during the poll and its reloads p50 ${ms(during.p50)}, p95 ${ms(during.p95)}, max ${ms(Math.max(...latencies.during))} (n=${during.n}); median shift ${ms(median(latencies.during) - median(latencies.before))} (target: no answer delayed by more than 50 ms)`);
    const delay = (h: IntervalHistogram) => `p50 ${ms(h.percentile(50) / 1e6)}, p99 ${ms(h.percentile(99) / 1e6)}, max ${ms(h.max / 1e6)}`;
    console.log(`main thread's event-loop delay (10 ms timer): before ${delay(loop.before)}; during ${delay(loop.during)}`);
    if (!values.control) console.log(`state file: ${(await readFile(join(dataDir, 'feeds-state.json'), 'utf8')).length} bytes for ${ITEMS} articles`);
  } finally {
    await t.close();
    await sources.close();
    await server.close();
    await remove();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBench('bench:feeds', async () => {
  // The bot first: the extraction runs leave a large heap behind, whose collection would be
  // counted against the answers.
  await answeringDuringPoll();
  await extraction();
  return 0;
});
