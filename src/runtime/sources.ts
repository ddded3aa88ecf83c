import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeText, mediaTypeOf } from '../fetch/charset.js';
import { header } from '../fetch/safe-fetch.js';
import { addFeed, FeedListError, readFeedList, removeFeed } from '../feeds/feed-list.js';
import { FeedError, parseFeed } from '../feeds/parse-feed.js';
import { readState, withStateLock, writeState } from '../feeds/state.js';
import { AddArticleRefusal } from '../knowledge/add-article.js';
import { parseArticle, readKnowledge } from '../knowledge/load.js';
import type { ReadLimits } from '../knowledge/read-text.js';
import { addFromLink, fetchOrRefuse, pageFromResponse, sameUrl, type FetchSettings } from './add-from-link.js';
import { pollFeeds, type PollReport } from './poll-feeds.js';

/**
 * What `/source` does, below Discord: add an article or a feed by URL, list the feeds and the
 * articles added from links, remove one. The same pipeline as `knowledge:add` and
 * `knowledge:feeds`; in the bot it runs in a worker thread (`sources-in-worker.ts`).
 */
export interface SourcesConfig {
  knowledgeDir: string;
  feedsFile: string;
  dataDir: string;
  settings: FetchSettings;
  limits?: ReadLimits;
  pauseMs?: number;
}

export type SourceAddResult =
  | { kind: 'article'; id: string; file: string; title: string; publisher: string | null; published: string | null; url: string | null; passages: number }
  | { kind: 'feed'; url: string; title: string | null; format: string; items: number; keywords: string[] }
  | { kind: 'refused'; reason: string };

export interface SourceListing {
  feeds: Array<{ url: string; keywords: string[]; status: string | null; fetchedAt: string | null; detail: string | null }>;
  /** The articles added from links and feeds, newest first. */
  articles: Array<{ url: string; id: string | null; title: string | null; status: string; fetchedAt: string | null; detail: string | null; feed: string | null }>;
}

export type SourceRemoveResult = { removed: 'feed'; url: string } | { removed: 'article'; id: string; title: string | null } | { removed: null; reason: string };

const BUSY = 'the feeds are being polled by another process right now; try again in a minute';
/** Media types a feed is served as; a web page (text/html, application/xhtml+xml) is an article. */
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/xml', 'text/xml', 'application/rdf+xml']);

/** Adds what a URL points to: a feed is followed (written to the feeds file), an article is added to the knowledge. */
export async function addSource(config: SourcesConfig, url: string, keywords: string[] = []): Promise<SourceAddResult> {
  const done = await withStateLock(config.dataDir, async (): Promise<SourceAddResult> => {
    try {
      const res = await fetchOrRefuse(url, config.settings, { accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json;q=0.9, */*;q=0.5' });
      const type = header(res.headers, 'content-type') ?? '';
      const xmlish = /^\s*<\?xml/.test(res.body.subarray(0, 100).toString('latin1')) && !/<html/i.test(res.body.subarray(0, 1024).toString('latin1'));
      if (res.status >= 200 && res.status < 300 && (FEED_TYPES.has(mediaTypeOf(type)) || (mediaTypeOf(type) !== 'text/html' && xmlish))) {
        const feed = parseFeed(decodeText(res.body, type).text, res.url);
        await addFeed(config.feedsFile, { url, ...(keywords.length ? { keywords } : {}) });
        return { kind: 'feed', url, title: feed.title, format: feed.format, items: feed.items.length, keywords };
      }
      const added = await addFromLink(config.knowledgeDir, url, {}, config.settings, { page: pageFromResponse(res), ...(config.limits ? { limits: config.limits } : {}) });
      const state = await readState(config.dataDir);
      state.articles[url] = { url, etag: added.etag, lastModified: added.lastModified, contentHash: null, fetchedAt: new Date().toISOString(), status: 'added', detail: null, feed: null, id: added.id, file: added.file, title: added.title };
      await writeState(config.dataDir, state);
      const { id, file, title, publisher, published, passages } = added;
      return { kind: 'article', id, file, title, publisher, published, url: added.url, passages };
    } catch (err) {
      if (err instanceof AddArticleRefusal || err instanceof FeedListError || err instanceof FeedError) return { kind: 'refused', reason: err.message };
      throw err;
    }
  });
  return done ?? { kind: 'refused', reason: BUSY };
}

export async function listSources(config: SourcesConfig, articles = 10): Promise<SourceListing> {
  const [feeds, state] = await Promise.all([readFeedList(config.feedsFile), readState(config.dataDir)]);
  return {
    feeds: feeds.map((f) => {
      const s = state.feeds[f.url];
      return { url: f.url, keywords: f.keywords ?? [], status: s?.status ?? null, fetchedAt: s?.fetchedAt ?? null, detail: s?.detail ?? null };
    }),
    articles: Object.values(state.articles)
      .sort((a, b) => (b.fetchedAt ?? '').localeCompare(a.fetchedAt ?? ''))
      .slice(0, articles)
      .map(({ url, id, title, status, fetchedAt, detail, feed }) => ({ url, id, title, status, fetchedAt, detail: detail ?? null, feed })),
  };
}

/**
 * Takes out a feed (by its URL) or an article added from a link or a feed (by its URL or id): the
 * feed leaves the feeds file, the article's file leaves the knowledge folder and is marked removed,
 * so its feed does not bring it back. Hand-made files are left alone.
 */
export async function removeSource(config: SourcesConfig, target: string): Promise<SourceRemoveResult> {
  const wanted = target.trim();
  const done = await withStateLock(config.dataDir, async (): Promise<SourceRemoveResult> => {
    const feeds = await readFeedList(config.feedsFile);
    const feed = feeds.find((f) => f.url === wanted || sameUrl(f.url, wanted));
    if (feed) {
      await removeFeed(config.feedsFile, feed.url);
      return { removed: 'feed', url: feed.url };
    }
    const state = await readState(config.dataDir);
    const record = Object.values(state.articles).find((a) => a.status === 'added' && (a.id === wanted || sameUrl(a.url, wanted)));
    if (!record?.id) {
      const known = (await readKnowledge(config.knowledgeDir, config.limits ?? {})).articles.find((a) => a.id === wanted || (a.url && sameUrl(a.url, wanted)));
      if (known) return { removed: null, reason: `${known.file} was not added from a link or a feed; delete it from the knowledge folder by hand` };
      return { removed: null, reason: `no feed and no article added from a link is "${wanted}" (see /source list)` };
    }
    const path = join(config.knowledgeDir, `${record.id}.md`);
    const text = await readFile(path, 'utf8').catch(() => null);
    const parsed = text === null ? null : parseArticle(text, `${record.id}.md`);
    // Only the file that was written for it: a hand-edited file with another id is not ours to delete.
    if (parsed && 'article' in parsed && parsed.article.id === record.id) await unlink(path);
    state.articles[record.url] = { ...record, status: 'removed', detail: `removed ${new Date().toISOString()}` };
    await writeState(config.dataDir, state);
    return { removed: 'article', id: record.id, title: record.title };
  });
  return done ?? { removed: null, reason: BUSY };
}

export function pollSources(config: SourcesConfig, log?: (line: string) => void): Promise<PollReport> {
  return pollFeeds({ ...config, ...(log ? { log } : {}) });
}
