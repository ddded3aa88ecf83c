/**
 * `/source` end to end: the real bot on the loopback Discord, serving a watched temp copy of
 * knowledge/ as bot.ts does, with the sources worker (`dist/`, built by `npm test`) fetching pages
 * and feeds from a server on 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedLimitViolations } from '../src/discord/render/limits.js';
import { SOURCE_REFUSED } from '../src/discord/render/source.js';
import { startSourcesWorker, type SourcesService, type SourcesWorkerData } from '../src/runtime/sources-in-worker.js';
import type { InteractionResult } from './support/fake-discord/index.js';
import { rssFeed, storyBody, storyPage, type StoryFixture } from './support/feed-fixtures.js';
import { serve, startLoopbackServer, type LoopbackServer } from './support/loopback-server.js';
import { ampPage } from './support/news-pages.js';
import { tempKnowledge } from './support/temp-knowledge.js';
import { startBotOnFake, type BotOnFake } from './discord-harness.js';

const EPHEMERAL = 64;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const KIMI_TITLE = 'Moonshot AI opens its Kimi assistant to businesses';
const KIMI_BODY = [
  'Moonshot AI, the Beijing start-up behind the Kimi chatbot, said on Tuesday that businesses can now use Kimi through a paid interface for developers.',
  'The company said Kimi can read documents of two million Chinese characters in a single conversation, up from 200,000 characters when it launched.',
  'Moonshot AI was founded in 2023 by Yang Zhilin, a graduate of Tsinghua University and Carnegie Mellon University, and has raised money from Alibaba and Tencent.',
  'Analysts said long-context reading had become a selling point for Chinese chatbots competing for corporate customers in finance and law.',
  'Kimi will cost businesses 12 yuan per million tokens, the company said, with discounts for customers who commit to a year of use.',
  'Rivals including Baidu, Alibaba and ByteDance have cut the prices of their own models this year, and some now offer basic access for free.',
].join('\n');
const KIMI_Q = 'How many Chinese characters can Kimi read?';

const FEED_STORIES: StoryFixture[] = [
  { slug: 'stepfun', title: 'StepFun shows Step-2, an AI model with a trillion parameters', summary: 'Step-2.', date: 'Fri, 19 Jan 2024 10:00:00 +0800', body: storyBody(11, 'Step-2 from StepFun') },
  { slug: 'sandstorm', title: 'Beijing braces for a sandstorm', summary: 'Officials said schools would close.', date: 'Thu, 18 Jan 2024 10:00:00 +0800', body: storyBody(12, 'a sandstorm warning') },
];

function embedOf(res: InteractionResult) {
  return (res.final ?? res.callback.data).embeds[0];
}

function sourcesShown(res: InteractionResult): string {
  return embedOf(res).fields?.find((f: { name: string }) => f.name === 'Sources')?.value ?? '';
}

describe('/source', () => {
  let server: LoopbackServer;
  let t: BotOnFake;
  let sources: SourcesService;
  let dir: string;
  let dataDir: string;
  let remove: () => Promise<void>;
  let workerData: SourcesWorkerData;

  beforeAll(async () => {
    server = await startLoopbackServer();
    server.routes.set('/tech/kimi', serve(ampPage({ title: KIMI_TITLE, publisher: 'Example Tech Daily', author: 'Li Wei', publishedAt: '2024-03-19T09:00:00+08:00', canonical: `${server.origin}/tech/kimi`, body: KIMI_BODY })));
    server.routes.set('/feed.xml', serve(rssFeed(server.origin, FEED_STORIES), { 'content-type': 'application/rss+xml' }));
    for (const s of FEED_STORIES) server.routes.set(`/story/${s.slug}`, serve(storyPage(server.origin, s, '2024-01-19T10:00:00+08:00')));
    ({ dir, remove } = await tempKnowledge());
    dataDir = await mkdtemp(join(tmpdir(), 'source-data-'));
    workerData = { knowledgeDir: dir, feedsFile: join(dir, 'feeds.yaml'), dataDir, rule: { allowPrivate: true }, pauseMs: 0, timeoutMs: 3000 };
    sources = startSourcesWorker(workerData);
    t = await startBotOnFake({ knowledge: { dir, watch: true, debounceMs: 100 }, sources });
  });
  afterAll(async () => {
    await t?.close();
    await sources?.close();
    await server?.close();
    await remove?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  const asAdmin = (name: string, options: Record<string, string> = {}) => t.discord.sendCommand(`source ${name}`, options, { userId: t.discord.adminUserId, timeoutMs: 20_000 });

  /** Asks until the answer cites (or stops citing) `title`; the watcher reloads within about a second. */
  async function askUntil(question: string, cites: boolean, title: string): Promise<InteractionResult> {
    const start = performance.now();
    for (;;) {
      const res = await t.discord.sendCommand('ask', { question });
      if (sourcesShown(res).includes(title) === cites) return res;
      expect(performance.now() - start, `the knowledge did not ${cites ? 'gain' : 'lose'} "${title}"`).toBeLessThan(5000);
      await sleep(50);
    }
  }

  it('is refused to members without Manage Server, privately, and fetches nothing', async () => {
    const seen = server.requests.length;
    const res = await t.discord.sendCommand('source add', { url: `${server.origin}/tech/kimi` }, { userId: t.discord.memberUserId });
    expect(res.callback.data).toMatchObject({ content: SOURCE_REFUSED, flags: EPHEMERAL });
    expect(server.requests.length).toBe(seen);
  });

  it('add url: stores the article, replies privately with what was stored, and /ask cites it without a restart', async () => {
    const before = await t.discord.sendCommand('ask', { question: KIMI_Q });
    expect(sourcesShown(before)).not.toContain(KIMI_TITLE);
    const res = await asAdmin('add', { url: `${server.origin}/tech/kimi` });
    expect(res.callback.type).toBe(5);
    expect(res.final.flags & EPHEMERAL).toBe(EPHEMERAL);
    const embed = embedOf(res);
    expect(embedLimitViolations(embed)).toEqual([]);
    expect(embed.title).toBe(KIMI_TITLE);
    expect(embed.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Publisher', value: 'Example Tech Daily' }),
      expect.objectContaining({ name: 'Date', value: '2024-03-19' }),
      expect.objectContaining({ name: 'Passages', value: expect.stringMatching(/^\d+$/) }),
    ]));
    const answer = await askUntil(KIMI_Q, true, KIMI_TITLE);
    expect(embedOf(answer).description.replace(/\*\*/g, '')).toContain('documents of two million Chinese characters in a single conversation');
  });

  it('add url: refuses what is not an article, saying why, and writes nothing', async () => {
    const res = await asAdmin('add', { url: `${server.origin}/missing` });
    expect(embedOf(res)).toMatchObject({ title: 'Not added', description: `${server.origin}/missing: the server answered 404 Not Found` });
    const again = await asAdmin('add', { url: `${server.origin}/tech/kimi` });
    expect(embedOf(again).description).toMatch(/the same URL is already in the knowledge/);
  });

  it('add url: of a feed follows it; its matching items are added; list shows feeds and articles with their state', async () => {
    const res = await asAdmin('add', { url: `${server.origin}/feed.xml`, keywords: 'AI, 大模型' });
    expect(embedOf(res).title).toBe('Following Example Wire – China tech');
    expect(embedOf(res).fields).toEqual([expect.objectContaining({ name: 'Keywords', value: 'AI, 大模型' })]);
    // The first poll runs at once, in the worker; the StepFun story matches "AI", the sandstorm does not.
    const start = performance.now();
    let list: InteractionResult;
    for (;;) {
      list = await asAdmin('list');
      if (JSON.stringify(embedOf(list)).includes('stepfun-shows-step-2')) break;
      expect(performance.now() - start, 'the feed was never polled').toBeLessThan(10_000);
      await sleep(100);
    }
    const [feeds, articles] = embedOf(list).fields;
    expect(embedLimitViolations(embedOf(list))).toEqual([]);
    expect(feeds.value).toContain(`${server.origin}/feed.xml`);
    expect(feeds.value).toMatch(/: ok, <t:\d+:R>/);
    expect(articles.value).toContain('`moonshot-ai-opens-its-kimi-assistant-to-businesses`: added');
    expect(articles.value).toMatch(/`stepfun-shows-step-2-an-ai-model-with-a-trillion-parameters`: added/);
    expect(server.requests.some((r) => r.path === '/story/sandstorm')).toBe(false);
  });

  it('remove target: takes an article out (no longer cited) and a feed out of the feeds file', async () => {
    const res = await asAdmin('remove', { target: 'moonshot-ai-opens-its-kimi-assistant-to-businesses' });
    expect(embedOf(res).title).toBe('Article removed');
    expect(existsSync(join(dir, 'moonshot-ai-opens-its-kimi-assistant-to-businesses.md'))).toBe(false);
    await askUntil(KIMI_Q, false, KIMI_TITLE);
    const hand = await asAdmin('remove', { target: 'china-releases-over-70-llms' });
    expect(embedOf(hand)).toMatchObject({ title: 'Nothing removed', description: expect.stringMatching(/was not added from a link or a feed; delete it from the knowledge folder by hand/) });
    const feed = await asAdmin('remove', { target: `${server.origin}/feed.xml` });
    expect(embedOf(feed).title).toBe('Feed removed');
    const list = await asAdmin('list');
    expect(embedOf(list).fields[0].value).toMatch(/^None/);
    expect(embedOf(list).fields[1].value).toContain('`moonshot-ai-opens-its-kimi-assistant-to-businesses`: removed');
  });

  it('after a restart nothing is added twice, and what was added at run time is still answered', async () => {
    await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${server.origin}/feed.xml\n    keywords: [AI]\n`);
    await t.close();
    await sources.close();
    sources = startSourcesWorker(workerData);
    t = await startBotOnFake({ knowledge: { dir, watch: true, debounceMs: 100 }, sources });
    const report = await sources.poll();
    expect(report).toMatchObject({ ran: true, added: [] });
    expect(report.feeds[0]).toMatchObject({ status: 'ok', added: [], refused: [] });
    const res = await t.discord.sendCommand('ask', { question: 'How many parameters does StepFun Step-2 have?' });
    expect(sourcesShown(res)).toContain('StepFun shows Step-2');
    // The removed article stays removed: the feed's state remembers it.
    expect(existsSync(join(dir, 'moonshot-ai-opens-its-kimi-assistant-to-businesses.md'))).toBe(false);
  });

  it('made no request that Discord would refuse', () => {
    expect(t.discord.violations).toEqual([]);
  });
});
