/**
 * Following feeds: RSS 2.0, Atom and JSON Feed parsed, keywords as whole words, and
 * `npm run knowledge:feeds -- --once` end to end against feeds served on 127.0.0.1, with
 * conditional requests, 304, 429 + Retry-After, and nothing added twice across runs.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runKnowledgeFeeds } from '../src/cli/knowledge-feeds.js';
import { RobotsCache } from '../src/fetch/robots.js';
import { addFeed, readFeedList, removeFeed } from '../src/feeds/feed-list.js';
import { hasWholeWord, matchesKeywords } from '../src/feeds/keywords.js';
import { feedDay, parseFeed } from '../src/feeds/parse-feed.js';
import { STATE_FILE } from '../src/feeds/state.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { FetchSettings } from '../src/runtime/add-from-link.js';
import { atomFeed, jsonFeed, rssFeed, storyBody, storyPage, type StoryFixture } from './support/feed-fixtures.js';
import { serve, startLoopbackServer, type LoopbackServer } from './support/loopback-server.js';
import { captureOutput, tempKnowledge } from './support/temp-knowledge.js';

const story = (n: number, slug: string, title: string, summary: string, date: string): StoryFixture => ({ slug, title, summary, date, body: storyBody(n, title.split(' ').slice(0, 3).join(' ')) });

describe('parsing feeds', () => {
  const origin = 'http://feeds.example';
  const s = [story(1, 'glm-5', 'Zhipu AI & partners ship GLM-5', 'Zhipu AI shipped GLM-5.', 'Tue, 16 Jan 2024 23:30:00 +0800')];

  it('reads RSS 2.0: CDATA summaries as text, guid, the day as printed', () => {
    const feed = parseFeed(rssFeed(origin, s), `${origin}/feed.xml`);
    expect(feed).toMatchObject({ format: 'rss', title: 'Example Wire – China tech' });
    expect(feed.items).toEqual([{ id: 'wire-glm-5', title: 'Zhipu AI & partners ship GLM-5', link: `${origin}/story/glm-5`, summary: expect.stringMatching(/^Zhipu AI shipped GLM-5\. The post Zhipu AI & partners ship GLM-5 appeared first/), published: '2024-01-16' }]);
  });

  it('reads Atom: relative links resolved, the alternate link, published before updated', () => {
    const feed = parseFeed(atomFeed(origin, [{ ...s[0]!, date: '2024-01-16T23:30:00+08:00' }]), `${origin}/atom.xml`);
    expect(feed.items).toEqual([{ id: 'tag:example,2024:glm-5', title: 'Zhipu AI & partners ship GLM-5', link: `${origin}/story/glm-5`, summary: 'Zhipu AI shipped GLM-5.', published: '2024-01-16' }]);
  });

  it('reads JSON Feed 1.1', () => {
    const feed = parseFeed(jsonFeed(origin, [{ ...s[0]!, date: '2024-01-16T23:30:00+08:00' }]), `${origin}/feed.json`);
    expect(feed).toMatchObject({ format: 'json', title: 'Example JSON', items: [{ id: 'glm-5', link: `${origin}/story/glm-5`, published: '2024-01-16' }] });
  });

  it('says why something is not a feed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>', origin)).toThrow(/root is <html>/);
    expect(() => parseFeed('{"hello": 1}', origin)).toThrow(/JSON Feed "version"/);
    expect(() => parseFeed('plain words', origin)).toThrow(/neither XML/);
    expect(feedDay('Wed, 02 Oct 2002 13:00:00 GMT')).toBe('2002-10-02');
  });
});

describe('keywords are whole words', () => {
  it.each([
    ['China’s AI race heats up', 'AI', true],
    ['Officials said on Monday', 'AI', false],
    ['AIDS research funding', 'AI', false],
    ['DeepSeek发布新的AI大模型', 'AI', true],
    ['DeepSeek发布新的AI大模型', '大模型', true],
    ['中国人民银行发布报告', '国人', false],
    ['Qwen2.5 tops the charts', 'Qwen', false],
    ['qwen tops the charts', 'Qwen', true],
    ['Ｑｗｅｎ tops the charts', 'Qwen', true],
  ])('%s / %s → %s', (text, keyword, expected) => {
    expect(hasWholeWord(text, keyword)).toBe(expected);
  });

  it('no keywords takes every item; several take any', () => {
    expect(matchesKeywords({ title: 'Weather', summary: '' }, [])).toBe(true);
    expect(matchesKeywords({ title: 'Weather', summary: 'Rain in Beijing' }, ['DeepSeek', 'Beijing'])).toBe(true);
  });
});

describe('the feeds file', () => {
  it('adds and removes feeds keeping comments; refuses bad entries naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feeds-file-'));
    try {
      const file = join(dir, 'feeds.yaml');
      await writeFile(file, '# the feeds we follow\nfeeds:\n  - url: https://a.example/feed.xml  # Example A\n');
      await addFeed(file, { url: 'https://b.example/rss', keywords: ['DeepSeek', '大模型'] });
      const text = await readFile(file, 'utf8');
      expect(text).toContain('# the feeds we follow');
      expect(text).toContain('# Example A');
      expect(text).toContain('keywords: [ DeepSeek, 大模型 ]');
      expect(await readFeedList(file)).toEqual([{ url: 'https://a.example/feed.xml' }, { url: 'https://b.example/rss', keywords: ['DeepSeek', '大模型'] }]);
      await expect(addFeed(file, { url: 'https://b.example/rss' })).rejects.toThrow(/already in feeds\.yaml/);
      expect(await removeFeed(file, 'https://a.example/feed.xml')).toBe(true);
      expect(await removeFeed(file, 'https://nowhere.example/')).toBe(false);
      expect((await readFeedList(file)).map((f) => f.url)).toEqual(['https://b.example/rss']);
      await writeFile(file, 'feeds:\n  - url: ftp://x.example/feed\n');
      await expect(readFeedList(file)).rejects.toThrow(/^feeds\.yaml: feeds\.0\.url: expected the feed's http\(s\) URL/);
      expect(await readFeedList(join(dir, 'none.yaml'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('knowledge:feeds --once', () => {
  let server: LoopbackServer;
  let dir: string;
  let remove: () => Promise<void>;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const settings = (): FetchSettings => ({ rule: { allowPrivate: true }, robots: new RobotsCache(), timeoutMs: 3000 });

  const rssStories = (origin: string) => [
    story(1, 'glm-5', 'Zhipu AI ships GLM-5 with AI agents', 'The GLM-5 model adds agents.', 'Tue, 16 Jan 2024 23:30:00 +0800'),
    story(2, 'weather', 'Beijing braces for a sandstorm', 'Officials said on Monday that schools would close.', 'Wed, 17 Jan 2024 08:00:00 +0800'),
    story(3, 'kimi', 'Moonshot AI opens Kimi to businesses', 'Kimi reads long documents.', 'Thu, 18 Jan 2024 10:00:00 +0800'),
  ].map((s) => ({ ...s, origin }));
  const atomStories = [story(4, 'qwen-3', 'Alibaba releases Qwen 3 大模型', 'Qwen 3 is open.', '2024-02-01T09:00:00+08:00')];
  const jsonStories = [story(5, 'minimax', 'MiniMax raises money for its video model', 'MiniMax funding.', '2024-02-02T09:00:00+08:00')];

  let rss: StoryFixture[];
  let rssEtag = '"v1"';

  beforeAll(async () => {
    server = await startLoopbackServer();
    rss = rssStories(server.origin);
    server.routes.set('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === rssEtag) return void res.writeHead(304, { etag: rssEtag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: rssEtag }).end(rssFeed(server.origin, rss));
    });
    server.routes.set('/atom.xml', (req, res) => {
      const lastModified = 'Fri, 02 Feb 2024 01:00:00 GMT';
      if (req.headers['if-modified-since'] === lastModified) return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': lastModified }).end(atomFeed(server.origin, atomStories));
    });
    server.routes.set('/feed.json', serve(jsonFeed(server.origin, jsonStories), { 'content-type': 'application/feed+json' }));
    server.routes.set('/gone.xml', serve('<h1>Gone</h1>', { 'content-type': 'text/html' }, 410));
    server.routes.set('/busy.xml', serve('slow down', { 'content-type': 'text/plain', 'retry-after': '3600' }, 429));
    for (const s of [...rss, ...atomStories, ...jsonStories]) server.routes.set(`/story/${s.slug}`, serve(storyPage(server.origin, s, '2024-01-16T23:30:00+08:00')));
  });
  afterAll(() => server?.close());

  beforeEach(async () => {
    ({ dir, remove } = await tempKnowledge());
    dataDir = await mkdtemp(join(tmpdir(), 'feeds-data-'));
    env = { DATA_DIR: dataDir, FEEDS_PAUSE_MS: '0' };
    const o = server.origin;
    await writeFile(
      join(dir, 'feeds.yaml'),
      `feeds:\n  - url: ${o}/feed.xml\n    keywords: [AI]\n  - url: ${o}/gone.xml\n  - url: ${o}/atom.xml\n    keywords: [大模型]\n  - url: ${o}/busy.xml\n  - url: ${o}/feed.json\n`,
    );
  });
  afterEach(async () => {
    await remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  const run = async () => {
    const output = captureOutput();
    const code = await runKnowledgeFeeds(['--once', '--json', '--dir', dir], output.io, env, settings());
    expect(output.err).toEqual([]);
    expect(code).toBe(0);
    return JSON.parse(output.out[0]!) as { ran: boolean; feeds: Array<{ url: string; status: string; detail: string | null; added: Array<{ id: string; publisher: string; published: string }>; refused: unknown[] }> };
  };
  const byFeed = (report: Awaited<ReturnType<typeof run>>, path: string) => report.feeds.find((f) => f.url.endsWith(path))!;
  const articleIds = async () => (await loadKnowledge(dir)).articles.map((a) => a.id).sort();

  it('adds each matching item once; a second run sends conditional requests and adds nothing; a new item is added once', async () => {
    const before = await articleIds();
    const first = await run();
    expect(byFeed(first, '/feed.xml')).toMatchObject({ status: 'ok', added: [{ id: 'zhipu-ai-ships-glm-5-with-ai-agents' }, { id: 'moonshot-ai-opens-kimi-to-businesses' }] });
    // "said" does not hold "AI": the sandstorm story is not taken.
    expect(server.requests.some((r) => r.path === '/story/weather')).toBe(false);
    expect(byFeed(first, '/atom.xml')).toMatchObject({ status: 'ok', added: [{ id: 'alibaba-releases-qwen-3' }] });
    expect(byFeed(first, '/feed.json')).toMatchObject({ status: 'ok', added: [{ id: 'minimax-raises-money-for-its-video-model', publisher: 'Example Wire', published: '2024-01-16' }] });
    // A feed that fails is reported and does not stop the others.
    expect(byFeed(first, '/gone.xml')).toMatchObject({ status: 'failed', detail: 'the server answered 410 Gone' });
    expect(byFeed(first, '/busy.xml')).toMatchObject({ status: 'rate-limited', detail: expect.stringMatching(/^429, retry after /) });
    const afterFirst = await articleIds();
    expect(afterFirst).toHaveLength(before.length + 4);

    const state = JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8'));
    expect(state.feeds[`${server.origin}/feed.xml`]).toMatchObject({ url: `${server.origin}/feed.xml`, etag: '"v1"', lastModified: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), fetchedAt: expect.any(String), status: 'ok' });
    expect(state.articles[`${server.origin}/story/kimi`]).toMatchObject({ status: 'added', id: 'moonshot-ai-opens-kimi-to-businesses', fetchedAt: expect.any(String), contentHash: expect.any(String) });

    // Second run: as after a restart, everything comes from DATA_DIR.
    const seen = server.requests.length;
    const second = await run();
    const asked = server.requests.slice(seen);
    expect(asked.find((r) => r.path === '/feed.xml')?.headers['if-none-match']).toBe('"v1"');
    expect(asked.find((r) => r.path === '/atom.xml')?.headers['if-modified-since']).toBe('Fri, 02 Feb 2024 01:00:00 GMT');
    expect(byFeed(second, '/feed.xml').status).toBe('not-modified');
    expect(byFeed(second, '/atom.xml').status).toBe('not-modified');
    // The JSON feed has no validators: fetched whole, its items are known, nothing is fetched again.
    expect(byFeed(second, '/feed.json')).toMatchObject({ status: 'ok', added: [] });
    expect(asked.some((r) => r.path.startsWith('/story/'))).toBe(false);
    // Retry-After: 3600 is honoured; the busy feed is not asked again.
    expect(byFeed(second, '/busy.xml').status).toBe('waiting');
    expect(asked.some((r) => r.path === '/busy.xml')).toBe(false);
    expect(await articleIds()).toEqual(afterFirst);

    // A new item in the RSS feed: added once, on the next run only.
    const fresh = story(6, 'step-2', 'StepFun shows Step-2, an AI model with a trillion parameters', 'Step-2.', 'Fri, 19 Jan 2024 10:00:00 +0800');
    rss.unshift(fresh);
    rssEtag = '"v2"';
    server.routes.set('/story/step-2', serve(storyPage(server.origin, fresh, '2024-01-19T10:00:00+08:00')));
    const third = await run();
    expect(byFeed(third, '/feed.xml').added.map((a) => a.id)).toEqual(['stepfun-shows-step-2-an-ai-model-with-a-trillion-parameters']);
    const fourth = await run();
    expect(fourth.feeds.flatMap((f) => f.added)).toEqual([]);
    expect(await articleIds()).toHaveLength(afterFirst.length + 1);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the same story in two feeds, or at two URLs, is added once in a round', async () => {
    const o = server.origin;
    const glm = rss.find((s) => s.slug === 'glm-5')!;
    server.routes.set('/mirror.json', serve(jsonFeed(o, [{ ...glm, date: '2024-01-16T23:30:00+08:00' }, { ...glm, slug: 'glm-5-copy', date: '2024-01-16T23:30:00+08:00' }]), { 'content-type': 'application/feed+json' }));
    server.routes.set('/story/glm-5-copy', serve(storyPage(o, { ...glm, slug: 'glm-5-copy' }, '2024-01-16T23:30:00+08:00').replace(/<link rel="canonical"[^>]*>/, '')));
    await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${o}/feed.xml\n    keywords: [GLM-5]\n  - url: ${o}/mirror.json\n`);
    const report = await run();
    expect(report.feeds.flatMap((f) => f.added.map((a) => a.id))).toEqual(['zhipu-ai-ships-glm-5-with-ai-agents']);
    expect(byFeed(report, '/mirror.json').refused).toEqual([{ url: `${o}/story/glm-5-copy`, reason: expect.stringMatching(/already in .*zhipu-ai-ships-glm-5-with-ai-agents\.md/) }]);
  });

  it('a feed that answered with an error page is not asked conditionally on that page next time', async () => {
    const o = server.origin;
    let broken = true;
    server.routes.set('/flaky.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"error-page"') return void res.writeHead(304).end();
      if (broken) return void res.writeHead(200, { 'content-type': 'text/html', etag: '"error-page"' }).end('<html><body>Maintenance</body></html>');
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"real"' }).end(rssFeed(o, rss.filter((s) => s.slug === 'kimi')));
    });
    await writeFile(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${o}/flaky.xml\n`);
    expect(byFeed(await run(), '/flaky.xml')).toMatchObject({ status: 'failed', detail: expect.stringMatching(/not a feed/) });
    broken = false;
    expect(byFeed(await run(), '/flaky.xml')).toMatchObject({ status: 'ok', added: [{ id: 'moonshot-ai-opens-kimi-to-businesses' }] });
  });

  it('a bad feeds file is one line on stderr and exit code 2', async () => {
    await writeFile(join(dir, 'feeds.yaml'), 'feeds:\n  - link: https://x.example/\n');
    const output = captureOutput();
    expect(await runKnowledgeFeeds(['--once', '--dir', dir], output.io, env, settings())).toBe(2);
    expect(output.err).toEqual([expect.stringMatching(/^knowledge:feeds: feeds\.yaml: feeds\.0/)]);
  });
});
