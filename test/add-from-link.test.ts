/**
 * `npm run knowledge:add -- <URL>` end to end, against news pages served on 127.0.0.1 in the shapes
 * real sites use. The five curated articles of knowledge/ are served as such pages and must come
 * back sentence for sentence, without the pages' furniture.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { runKnowledgeAdd } from '../src/cli/knowledge-add.js';
import { RobotsCache } from '../src/fetch/robots.js';
import { parseArticle } from '../src/knowledge/load.js';
import type { Article } from '../src/knowledge/schema.js';
import { splitSentences } from '../src/knowledge/sentences.js';
import { fetchSettingsFromEnv, type FetchSettings } from '../src/runtime/add-from-link.js';
import { toGbk } from './support/gbk.js';
import { redirect, serve, startLoopbackServer, type LoopbackServer } from './support/loopback-server.js';
import { ampPage, chinesePortalPage, FURNITURE, keyPointsPage, wireStoryPage, wordpressPage, type PageArticle } from './support/news-pages.js';
import { captureOutput, tempKnowledge } from './support/temp-knowledge.js';

const settings = (): FetchSettings => ({ rule: { allowPrivate: true }, robots: new RobotsCache(), timeoutMs: 2000 });

/** An article's sentences, list markers dropped, whitespace collapsed. */
function sentencesOf(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.replace(/^- /, '').trim())
    .filter(Boolean)
    .flatMap((line) => splitSentences(line).map((s) => line.slice(s.start, s.end).replace(/\s+/g, ' ')));
}

const CHINESE_BODY = [
  '深度求索开源推理模型',
  '2025年1月20日，杭州人工智能公司深度求索发布了推理模型DeepSeek-R1。深度求索表示，DeepSeek-R1在数学、代码和推理任务上的表现与OpenAI的o1模型相当。',
  '该模型的权重以MIT许可证开源，开发者可以免费下载、修改和商用。DeepSeek-R1发布后，深度求索的聊天机器人应用在多个国家的应用商店下载榜上迅速攀升。',
  '分析人士认为，深度求索以较低的训练成本取得了接近国际领先水平的效果，这对依赖大规模算力投入的研发路线提出了挑战。多家国内云服务商随后宣布上线该模型，供企业客户调用。',
  '与此同时，一些海外机构对数据安全和模型来源提出了疑问。深度求索在其技术报告中公开了训练方法的主要细节，并表示将继续以开源方式发布后续模型。',
  '业内人士指出，开源大模型的快速进步正在改变行业格局，越来越多的初创公司选择在开源模型的基础上开发应用，而不是从零开始训练自己的模型。',
].join('\n');

describe('knowledge:add from a link', () => {
  let server: LoopbackServer;
  let dir: string;
  let remove: () => Promise<void>;
  const curated = new Map<string, Article>();

  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    ({ dir, remove } = await tempKnowledge());
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.md'))) {
      const parsed = parseArticle(await readFile(join(dir, name), 'utf8'), name);
      if ('article' in parsed) curated.set(parsed.article.id, parsed.article);
    }
  });
  afterEach(() => remove());

  const add = async (source: string, ...more: string[]) => {
    const output = captureOutput();
    const code = await runKnowledgeAdd([source, '--dir', dir, ...more], output.io, settings());
    return { code, ...output };
  };
  const files = async () => (await readdir(dir)).sort();

  /** Takes a curated article out of the folder (it is about to come back from its page) and describes its page. */
  async function servedAgain(id: string, publishedAt: string, modifiedAt?: string): Promise<PageArticle> {
    const a = curated.get(id)!;
    await rm(join(dir, `${id}.md`));
    return {
      title: a.title,
      publisher: a.publisher,
      author: a.author,
      publishedAt,
      ...(modifiedAt ? { modifiedAt } : {}),
      canonical: a.url ?? `https://news.example/${id}`,
      body: a.body,
    };
  }

  /** Where the page names another publisher or author than the curated file, what it names. */
  const SHAPES: Array<[id: string, shape: string, page: (a: PageArticle) => string, publishedAt: string, modifiedAt?: string, meta?: { publisher: string | null; author: string | null }]> = [
    ['40-chinese-ai-models-for-public-use', 'WordPress with JSON-LD', (a) => wordpressPage(a), '2024-01-12T08:15:00+08:00'],
    ['china-accelerates-llm-launches-musk-visit', 'AMP', (a) => ampPage(a), '2023-05-31T10:00:00-04:00'],
    // Published late in the evening in Warsaw (21:40 UTC): the page's day is kept; its later update is ignored.
    ['china-releases-over-70-llms', 'WordPress, og:updated_time later than published', (a) => wordpressPage(a), '2023-09-20T23:40:00+02:00', '2023-10-02T09:00:00+02:00'],
    ['china-wants-to-dominate-in-ai', 'key points, captions and related links', (a) => keyPointsPage({ ...a, body: a.body.split('\n').slice(1).join('\n') }, [a.body.split('\n')[0]!]), '2024-12-03T00:30:00+08:00', '2024-12-04T06:00:00+08:00'], // in UTC, still 2 December

    ['trio-dominating-china-large-model-landscape', 'key points page of a site with no publisher in JSON-LD', (a) => keyPointsPage(a, [], 'Example Insights'), '2023-07-02T09:00:00+08:00', undefined, { publisher: 'Example Insights', author: null }],
    // A byline in the text is no author field: the page gives none that a program can trust.
    ['china-accelerates-llm-launches-musk-visit', 'wire story with a dateline, a byline and a trailer', (a) => wireStoryPage({ ...a, body: a.body.split('\n').slice(2).join('\n') }, 'BEIJING, May 31 (Reuters) - '), '2023-05-31T10:00:00-04:00', undefined, { publisher: 'Reuters', author: null }],
  ];

  it.each(SHAPES)('%s served as a %s page comes back with ≥95%% of its sentences, no furniture, the page\'s metadata', async (id, _shape, page, publishedAt, modifiedAt, meta) => {
    const article = await servedAgain(id, publishedAt, modifiedAt);
    server.routes.set(`/news/${id}`, serve(page(article)));
    const url = `${server.origin}/news/${id}`;
    const { code, out, err } = await add(url, '--json');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out[0]!);
    const stored = parseArticle(await readFile(join(dir, `${result.id}.md`), 'utf8'), 'x.md');
    if (!('article' in stored)) throw new Error(JSON.stringify(stored.problems));

    const want = sentencesOf(curated.get(id)!.body);
    const got = new Set(sentencesOf(stored.article.body));
    const missing = want.filter((s) => !got.has(s));
    const share = (want.length - missing.length) / want.length;
    console.log(`${id}: ${want.length - missing.length}/${want.length} sentences identical (${(share * 100).toFixed(1)}%)${missing.length ? `; not found: ${missing.join(' | ')}` : ''}`);
    expect(share, `missing: ${missing.join(' | ')}`).toBeGreaterThanOrEqual(0.95);
    // Nothing but the article's own sentences, and its headline once at the top.
    const extra = [...got].filter((s) => !want.includes(s) && s !== article.title);
    expect(extra).toEqual([]);
    expect(stored.article.body.split('\n')[0]).toBe(article.title);
    expect(stored.article.body.split(article.title).length - 1).toBe(1);
    for (const f of FURNITURE) expect(stored.article.body).not.toContain(f);

    expect(result).toEqual({
      id: result.id,
      file: expect.stringMatching(/\.md$/),
      title: article.title,
      publisher: meta ? meta.publisher : article.publisher,
      // From JSON-LD or <meta name="author">; the "By Jane Doe" byline the templates print for an unknown author is never taken.
      author: meta ? meta.author : article.author,
      // The day the page prints, never the update, never moved to UTC.
      published: publishedAt.slice(0, 10),
      url: article.canonical,
      passages: expect.any(Number),
    });
    expect(stored.article).toMatchObject({ publishedApprox: false, url: article.canonical, source: null });
  });

  it('a Chinese page in GBK, its charset only in <meta>, comes out right', async () => {
    const page: PageArticle = { title: '深度求索开源推理模型', publisher: null, author: null, publishedAt: '2025-01-20T09:30:00+08:00', canonical: 'https://tech.example.cn/a/2025/0120/r1.shtml', body: CHINESE_BODY };
    server.routes.set('/gbk', serve(toGbk(chinesePortalPage(page, '示例科技')), { 'content-type': 'text/html' }));
    const { code, out, err } = await add(`${server.origin}/gbk`, '--json');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out[0]!);
    expect(result).toMatchObject({ title: '深度求索开源推理模型', publisher: '示例科技', published: '2025-01-20', url: page.canonical });
    const stored = parseArticle(await readFile(join(dir, `${result.id}.md`), 'utf8'), 'x.md');
    if (!('article' in stored)) throw new Error('not stored');
    expect(stored.article.body).toBe(CHINESE_BODY.split('\n').join('\n\n'));
    expect(stored.article.body).not.toMatch(/责任编辑|相关阅读|首页|\ufffd/);
  });

  it('follows a redirect chain and stores the canonical URL', async () => {
    const article = await servedAgain('40-chinese-ai-models-for-public-use', '2024-01-12T08:15:00+08:00');
    server.routes.set('/r1', redirect('/r2', 301));
    server.routes.set('/r2', redirect('/r3', 302));
    server.routes.set('/r3', redirect('/final', 307));
    server.routes.set('/final', serve(wordpressPage(article)));
    const { code, out } = await add(`${server.origin}/r1`, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!).url).toBe(article.canonical);
  });

  it('--dry-run shows the file and writes nothing; flags override the page', async () => {
    const article = await servedAgain('china-accelerates-llm-launches-musk-visit', '2023-05-31T10:00:00-04:00');
    server.routes.set('/dry', serve(ampPage(article)));
    const before = await files();
    const { code, out } = await add(`${server.origin}/dry`, '--dry-run', '--publisher', 'Someone Else', '--published', '2023-06', '--approx', '--title', 'Another title');
    expect(code).toBe(0);
    expect(await files()).toEqual(before);
    const shown = out.join('\n');
    expect(shown).toMatch(/^---\nid: "another-title"\ntitle: "Another title"\npublisher: "Someone Else"\nauthor: "Daniel Lehewych"\npublished: "2023-06"\npublishedApprox: true\n/);
    expect(shown).toContain('Chinese organizations have supercharged their efforts');
    expect(out.at(-1)).toMatch(/^dry run: would write .*another-title\.md: "Another title" \(Someone Else, 2023-06\), \d+ passages; nothing was written$/);
  });

  it('a saved .html file works as its URL does', async () => {
    const article = await servedAgain('40-chinese-ai-models-for-public-use', '2024-01-12T08:15:00+08:00');
    const file = join(dir, '..', 'saved-page.html');
    await writeFile(file, wordpressPage(article));
    const { code, out } = await add(file, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ title: article.title, publisher: 'Signpost News', published: '2024-01-12', url: article.canonical });
  });

  describe('refusals: one line naming the URL, exit code 2, nothing written', () => {
    const refusal = async (path: string, why: RegExp, more: string[] = []) => {
      const before = await files();
      const url = path.startsWith('http') ? path : `${server.origin}${path}`;
      const { code, out, err } = await add(url, ...more);
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]!.startsWith(`knowledge:add: ${url}: `)).toBe(true);
      expect(err[0]).toMatch(why);
      expect(await files()).toEqual(before);
      return err[0]!;
    };

    it('refuses error statuses, a redirect loop, a PDF, a 10 MB page and a slow page', async () => {
      server.routes.set('/forbidden', serve('<h1>Forbidden</h1>', { 'content-type': 'text/html' }, 403));
      server.routes.set('/loop-a', redirect('/loop-b'));
      server.routes.set('/loop-b', redirect('/loop-a'));
      server.routes.set('/report.pdf', serve(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n'), { 'content-type': 'application/pdf' }));
      server.routes.set('/mislabelled.pdf', serve(Buffer.from('%PDF-1.4 binary'), { 'content-type': 'text/html' }));
      server.routes.set('/huge', serve(`<html><body><p>${'word '.repeat(2_000_000)}</p></body></html>`));
      server.routes.set('/slow', (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>late</p>'), 4000));
      await refusal('/forbidden', /the server answered 403 Forbidden$/);
      await refusal('/nowhere', /the server answered 404 Not Found$/);
      await refusal('/loop-a', /the redirects loop/);
      await refusal('/report.pdf', /not a web page or text \(application\/pdf\)/);
      await refusal('/mislabelled.pdf', /not a web page or text \(application\/pdf\)/);
      await refusal('/huge', /the response is larger than 5 MB$/);
      await refusal('/slow', /no answer within 2 s$/);
    });

    it('refuses a paywall stub, a cookie wall, a page too short to be an article', async () => {
      const wall = (text: string) => `<html><head><title>Baidu's plans – Example</title></head><body><article><h1>Baidu's plans</h1><p>Baidu said on Monday it would open its Ernie model to more businesses this year.</p><div class="note"><p>${text}</p></div></article></body></html>`;
      server.routes.set('/paywall', serve(wall('Subscribe to continue reading. Already a subscriber? Log in.')));
      server.routes.set('/cookies', serve(wall('We use cookies to personalise content. Accept all cookies to continue.')));
      server.routes.set('/short', serve(wall('That is all we know so far.')));
      await refusal('/paywall', /paywall or cookie wall/);
      await refusal('/cookies', /paywall or cookie wall/);
      await refusal('/short', /too short to be an article \(\d+ words/);
    });

    it('refuses an article already in the knowledge: the same canonical URL, or the same text', async () => {
      const article = await servedAgain('40-chinese-ai-models-for-public-use', '2024-01-12T08:15:00+08:00');
      server.routes.set('/once', serve(wordpressPage(article)));
      server.routes.set('/once-again', serve(wordpressPage({ ...article, title: 'Another headline for it' })));
      expect((await add(`${server.origin}/once`)).code).toBe(0);
      await refusal('/once?utm_source=x', /the same URL is already in the knowledge as 40-chinese-ai-models-available-for-public-use\.md/);
      // Another title and no canonical link to give it away: the text itself is what repeats.
      server.routes.set('/copy', serve(wordpressPage({ ...article, title: 'Another headline for it', body: article.body.split('\n').slice(1).join('\n'), canonical: `${server.origin}/copy` }).replace(/<link rel="canonical"[^>]*>/, '')));
      await refusal('/copy', /already in .*40-chinese-ai-models-available-for-public-use\.md/);
    });

    it('the compiled command reads ALLOW_PRIVATE_URLS from its environment and exits 2 with one line', async () => {
      const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'knowledge-add.js');
      const url = `${server.origin}/nowhere`;
      const run = (env: NodeJS.ProcessEnv) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, [cli, url, '--dir', dir], { env: { PATH: process.env.PATH, ...env }, cwd: join(dir, '..') }, (err, stdout, stderr) =>
            resolve({ code: err ? (err as { code?: number }).code ?? 1 : 0, stdout, stderr }),
          );
        });
      const allowed = await run({ ALLOW_PRIVATE_URLS: 'true' });
      expect(allowed).toEqual({ code: 2, stdout: '', stderr: `knowledge:add: ${url}: the server answered 404 Not Found\n` });
      const before = server.connections;
      const refused = await run({});
      expect(refused).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^knowledge:add: \S+: 127\.0\.0\.1 is a loopback address \(this machine\).*ALLOW_PRIVATE_URLS=true allows it\)\n$/) });
      expect(server.connections).toBe(before);
    });

    it('without ALLOW_PRIVATE_URLS a page on 127.0.0.1 is refused before any connection, saying why', async () => {
      const before = server.connections;
      const output = captureOutput();
      const url = `${server.origin}/anything`;
      const code = await runKnowledgeAdd([url, '--dir', dir], output.io, fetchSettingsFromEnv({}));
      expect(code).toBe(2);
      expect(output.err).toEqual([`knowledge:add: ${url}: 127.0.0.1 is a loopback address (this machine), which the bot does not fetch from (ALLOW_PRIVATE_URLS=true allows it)`]);
      expect(server.connections).toBe(before);
    });
  });
});
