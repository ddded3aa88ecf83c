import { createHash } from 'node:crypto';
import { header, FetchRefusal, safeFetch, type FetchedResponse } from '../fetch/safe-fetch.js';
import { decodeText } from '../fetch/charset.js';
import { readFeedList, type FeedEntry } from '../feeds/feed-list.js';
import { matchesKeywords } from '../feeds/keywords.js';
import { FeedError, parseFeed, type FeedItem } from '../feeds/parse-feed.js';
import { readState, withStateLock, writeState, type ArticleRecord, type FeedsState } from '../feeds/state.js';
import { AddArticleRefusal } from '../knowledge/add-article.js';
import type { ReadLimits } from '../knowledge/read-text.js';
import type { NewArticle } from '../knowledge/add-article.js';
import { addArticles } from './add-article.js';
import { alreadyInKnowledge, inputFromPage, linkAdded, LinkRefusal, readPage, type FetchSettings, type LinkAdded, type PageRead } from './add-from-link.js';

export interface PollOptions {
  feedsFile: string;
  knowledgeDir: string;
  dataDir: string;
  settings: FetchSettings;
  limits?: ReadLimits;
  /** New articles taken from one feed per poll; the rest wait for the next one. */
  maxNewPerFeed?: number;
  /** Pause between two page fetches, to be gentle with a site (default 1 s). */
  pauseMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface FeedOutcome {
  url: string;
  /** ok, not-modified, rate-limited, waiting (Retry-After not over), failed. */
  status: string;
  detail: string | null;
  items: number;
  added: LinkAdded[];
  refused: Array<{ url: string; reason: string }>;
}

export interface PollReport {
  /** False when another process was polling (the lock was held): nothing was done. */
  ran: boolean;
  feeds: FeedOutcome[];
  added: LinkAdded[];
}

/** After this many failures in a row an article is given up (a page that always times out). */
const MAX_ARTICLE_FAILURES = 3;
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

/**
 * One round over every feed in the feeds file: each feed fetched with a conditional request, each
 * new item that matches its keywords fetched and added like `knowledge:add <URL>`, all recorded in
 * DATA_DIR so that nothing is added twice. A feed that fails is reported and tried again next
 * round; it never stops the others.
 */
export async function pollFeeds(options: PollOptions): Promise<PollReport> {
  // No feeds, nothing to do: not even a lock or a state file in DATA_DIR.
  if ((await readFeedList(options.feedsFile)).length === 0) return { ran: true, feeds: [], added: [] };
  const result = await withStateLock(options.dataDir, async () => {
    const log = options.log ?? (() => undefined);
    const feeds = await readFeedList(options.feedsFile);
    const state = await readState(options.dataDir, log);
    const outcomes: FeedOutcome[] = [];
    const candidates: Candidate[] = [];
    for (const feed of feeds) {
      try {
        outcomes.push(await pollOne(feed, state, options, candidates));
      } catch (err) {
        // A bug or a disk error on one feed: reported, and the next feed still runs.
        outcomes.push({ url: feed.url, status: 'failed', detail: (err as Error).message, items: 0, added: [], refused: [] });
      }
      await writeState(options.dataDir, state);
    }
    await addCandidates(candidates, outcomes, state, options);
    await writeState(options.dataDir, state);
    for (const o of outcomes) {
      log(`feed ${o.url}: ${o.status}${o.detail ? ` (${o.detail})` : ''}${o.added.length ? `, added ${o.added.map((a) => a.id).join(', ')}` : ''}${o.refused.length ? `, refused ${o.refused.length}` : ''}`);
    }
    return { ran: true, feeds: outcomes, added: outcomes.flatMap((o) => o.added) };
  });
  return result ?? { ran: false, feeds: [], added: [] };
}

/** Seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

const hash = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** A new item whose page was read and whose article is ready to be checked and written. */
interface Candidate {
  feed: FeedEntry;
  item: FeedItem;
  page: PageRead;
  input: NewArticle;
}

async function pollOne(feed: FeedEntry, state: FeedsState, options: PollOptions, candidates: Candidate[]): Promise<FeedOutcome> {
  const now = options.now?.() ?? new Date();
  const previous = state.feeds[feed.url];
  const outcome = (status: string, detail: string | null = null): FeedOutcome => ({ url: feed.url, status, detail, items: 0, added: [], refused: [] });
  if (previous?.retryAfter && Date.parse(previous.retryAfter) > now.getTime()) {
    return outcome('waiting', `asked to wait until ${previous.retryAfter}`);
  }
  // `res` only for a feed read (200) or confirmed (304): an error page's validators must never make
  // the next request conditional on content the bot does not have.
  const record = (status: string, detail: string | null, res: FetchedResponse | null, extra: { retryAfter?: string | null; contentHash?: string | null } = {}) => {
    const failures = status === 'failed' || status === 'rate-limited' ? (previous?.failures ?? 0) + 1 : 0;
    state.feeds[feed.url] = {
      url: feed.url,
      etag: (res && header(res.headers, 'etag')) ?? previous?.etag ?? null,
      lastModified: (res && header(res.headers, 'last-modified')) ?? previous?.lastModified ?? null,
      contentHash: extra.contentHash ?? previous?.contentHash ?? null,
      fetchedAt: now.toISOString(),
      status,
      detail,
      retryAfter: extra.retryAfter ?? null,
      failures,
    };
  };

  const headers: Record<string, string> = { accept: FEED_ACCEPT };
  if (previous?.etag) headers['if-none-match'] = previous.etag;
  if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
  let res: FetchedResponse;
  try {
    res = await safeFetch(feed.url, { rule: options.settings.rule, robots: options.settings.robots, headers, ...(options.settings.resolve ? { resolve: options.settings.resolve } : {}), ...(options.settings.timeoutMs ? { timeoutMs: options.settings.timeoutMs } : {}) });
  } catch (err) {
    if (!(err instanceof FetchRefusal)) throw err;
    record('failed', err.message, null);
    return outcome('failed', err.message);
  }
  if (res.status === 304) {
    record('not-modified', null, res);
    return outcome('not-modified');
  }
  if (res.status === 429 || res.status === 503) {
    const wait = retryAfterMs(header(res.headers, 'retry-after'), now);
    const until = wait !== null ? new Date(now.getTime() + wait).toISOString() : null;
    const detail = `${res.status}${until ? `, retry after ${until}` : ''}`;
    record('rate-limited', detail, null, { retryAfter: until });
    return outcome('rate-limited', detail);
  }
  if (res.status < 200 || res.status > 299) {
    const detail = `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    record('failed', detail, null);
    return outcome('failed', detail);
  }
  let items: FeedItem[];
  let feedTitle: string | null;
  try {
    const parsed = parseFeed(decodeText(res.body, header(res.headers, 'content-type')).text, res.url);
    items = parsed.items;
    feedTitle = parsed.title;
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
    record('failed', err.message, null);
    return outcome('failed', err.message);
  }
  record('ok', null, res, { contentHash: hash(res.body) });
  const result: FeedOutcome = { ...outcome('ok'), items: items.length };
  const wanted = items.filter((item) => matchesKeywords(item, feed.keywords ?? []) && isNew(state, item.link));
  // Oldest first, so that the articles are added in the order they were published (feeds list the newest first).
  const oldestFirst = wanted.every((i) => i.published) ? wanted.sort((a, b) => a.published!.localeCompare(b.published!)) : wanted.reverse();
  for (const item of oldestFirst.slice(0, options.maxNewPerFeed ?? 20)) {
    if (candidates.some((c) => c.item.link === item.link)) continue; // in two feeds: once
    await readItem(feed, feedTitle, item, state, options, result, candidates);
    if (options.pauseMs !== 0) await new Promise((r) => setTimeout(r, options.pauseMs ?? 1000));
  }
  return result;
}

/** An item is new unless it was added, refused for good, removed, or failed too often. */
function isNew(state: FeedsState, link: string): boolean {
  const known = state.articles[link];
  if (!known) return true;
  return known.status === 'failed' && (known.failures ?? 0) < MAX_ARTICLE_FAILURES;
}

function articleRecord(item: FeedItem, feed: FeedEntry, now: string, fields: Partial<ArticleRecord>): ArticleRecord {
  return { url: item.link, etag: null, lastModified: null, contentHash: null, fetchedAt: now, status: 'failed', detail: null, feed: feed.url, id: null, file: null, title: item.title || null, ...fields };
}

/** Fetches and extracts an item's page; what cannot be read is recorded now (refused, or failed to retry). */
async function readItem(feed: FeedEntry, feedTitle: string | null, item: FeedItem, state: FeedsState, options: PollOptions, result: FeedOutcome, candidates: Candidate[]): Promise<void> {
  try {
    const page = await readPage(item.link, options.settings);
    // The feed's name stands for the publisher, and its date for the article's, only where the page gives none.
    const input = inputFromPage(page, {}, { publisher: feed.name ?? feedTitle, published: item.published });
    candidates.push({ feed, item, page, input });
  } catch (err) {
    if (!(err instanceof AddArticleRefusal)) throw err;
    recordRefusal(state, feed, item, err, options);
    result.refused.push({ url: item.link, reason: err.message });
  }
}

function recordRefusal(state: FeedsState, feed: FeedEntry, item: FeedItem, err: AddArticleRefusal, options: PollOptions): void {
  const transient = err instanceof LinkRefusal && err.transient;
  const failures = transient ? (state.articles[item.link]?.failures ?? 0) + 1 : 0;
  state.articles[item.link] = articleRecord(item, feed, (options.now?.() ?? new Date()).toISOString(), { status: transient ? 'failed' : 'refused', detail: err.message, failures });
}

/** Every article read this round, checked and written together (one engine build, one reload of a watching bot). */
async function addCandidates(candidates: Candidate[], outcomes: FeedOutcome[], state: FeedsState, options: PollOptions): Promise<void> {
  if (candidates.length === 0) return;
  const results = await addArticles(options.knowledgeDir, candidates.map((c) => ({ input: c.input, alreadyThere: alreadyInKnowledge })), options.limits ?? {});
  const now = (options.now?.() ?? new Date()).toISOString();
  for (const [i, c] of candidates.entries()) {
    const outcome = outcomes.find((o) => o.url === c.feed.url)!;
    const r = results[i]!;
    if (r.ok) {
      const added = linkAdded(r.added, c.input, c.page);
      state.articles[c.item.link] = articleRecord(c.item, c.feed, now, {
        status: 'added',
        id: added.id,
        file: added.file,
        title: added.title,
        etag: added.etag,
        lastModified: added.lastModified,
        contentHash: createHash('sha256').update(added.text).digest('hex'),
      });
      outcome.added.push(added);
    } else {
      state.articles[c.item.link] = articleRecord(c.item, c.feed, now, { status: 'refused', detail: r.reason });
      outcome.refused.push({ url: c.item.link, reason: r.reason });
    }
  }
}
