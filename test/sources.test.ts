/**
 * What `/source` runs below Discord (in the bot it runs in the sources worker; here in-process):
 * telling a feed from an article by what the server says it sent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RobotsCache } from '../src/fetch/robots.js';
import { readFeedList } from '../src/feeds/feed-list.js';
import { addSource, listSources, type SourcesConfig } from '../src/runtime/sources.js';
import { rssFeed, storyBody, storyPage } from './support/feed-fixtures.js';
import { serve, startLoopbackServer, type LoopbackServer } from './support/loopback-server.js';
import { tempKnowledge } from './support/temp-knowledge.js';

describe('addSource', () => {
  let server: LoopbackServer;
  let config: SourcesConfig;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    server = await startLoopbackServer();
    const story = { slug: 'xhtml', title: 'SenseTime shows SenseNova 5 to developers', summary: '', date: '', body: storyBody(21, 'SenseNova 5') };
    server.routes.set('/xhtml', serve(storyPage(server.origin, story, '2024-04-24T10:00:00+08:00'), { 'content-type': 'application/xhtml+xml; charset=utf-8' }));
    server.routes.set('/plain-xml-feed', serve(rssFeed(server.origin, []), { 'content-type': 'text/xml' }));
    server.routes.set('/not-a-feed.xml', serve('<?xml version="1.0"?><sitemap/>', { 'content-type': 'application/xml' }));
    const { dir, remove } = await tempKnowledge();
    const dataDir = await mkdtemp(join(tmpdir(), 'sources-data-'));
    config = { knowledgeDir: dir, feedsFile: join(dir, 'feeds.yaml'), dataDir, settings: { rule: { allowPrivate: true }, robots: new RobotsCache() } };
    cleanup = async () => {
      await remove();
      await rm(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('a web page served as XHTML is an article, not a feed', async () => {
    expect(await addSource(config, `${server.origin}/xhtml`)).toMatchObject({ kind: 'article', id: 'sensetime-shows-sensenova-5-to-developers', published: '2024-04-24' });
    expect((await listSources(config)).articles).toEqual([expect.objectContaining({ url: `${server.origin}/xhtml`, status: 'added', feed: null })]);
  });

  it('a feed served as text/xml is followed, with its keywords; XML that is no feed is refused, saying why', async () => {
    expect(await addSource(config, `${server.origin}/plain-xml-feed`, ['SenseNova'])).toMatchObject({ kind: 'feed', format: 'rss', items: 0, keywords: ['SenseNova'] });
    expect(await readFeedList(config.feedsFile)).toEqual([{ url: `${server.origin}/plain-xml-feed`, keywords: ['SenseNova'] }]);
    expect(await addSource(config, `${server.origin}/not-a-feed.xml`)).toEqual({ kind: 'refused', reason: expect.stringMatching(/not a feed: the XML's root is <sitemap>/) });
  });
});
