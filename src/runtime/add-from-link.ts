import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AddressRule } from '../fetch/address-rule.js';
import { decodeText, mediaTypeOf } from '../fetch/charset.js';
import { RobotsCache, type RobotsRules } from '../fetch/robots.js';
import { FetchRefusal, formatBytes, header, MAX_BODY_BYTES, safeFetch, type FetchedResponse, type Resolver } from '../fetch/safe-fetch.js';
import { countWords, extractArticle, MIN_ARTICLE_WORDS, type ExtractedArticle } from '../extract/article.js';
import { AddArticleRefusal, type NewArticle } from '../knowledge/add-article.js';
import type { ReadLimits } from '../knowledge/read-text.js';
import type { Article } from '../knowledge/schema.js';
import { addArticle, type AddedArticle } from './add-article.js';

/** How the bot reaches the outside: the address rule and robots.txt, shared by every fetch of a process. */
export interface FetchSettings {
  rule: AddressRule;
  robots: RobotsRules;
  /** Tests only: names resolved to loopback addresses. */
  resolve?: Resolver;
  timeoutMs?: number;
}

/** ALLOW_PRIVATE_URLS=true lets the bot fetch from private and loopback addresses (a bot serving an intranet, the tests). */
export function fetchSettingsFromEnv(env: NodeJS.ProcessEnv): FetchSettings {
  return { rule: { allowPrivate: env.ALLOW_PRIVATE_URLS?.trim().toLowerCase() === 'true' }, robots: new RobotsCache() };
}

/** What a person may set instead of what the page says (the command's flags). */
export interface LinkOverrides {
  title?: string;
  publisher?: string;
  author?: string;
  published?: string;
  approx?: boolean;
  url?: string;
  id?: string;
}

/** A page read and its article extracted, before anything is checked against the knowledge. */
export interface PageRead {
  extracted: ExtractedArticle;
  /** The URL the page came from (after redirects), or null for a local file. */
  fetchedUrl: string | null;
  /** A local file's name, kept as the article's `source`. */
  file: string | null;
  response: FetchedResponse | null;
}

export interface LinkAdded extends AddedArticle {
  publisher: string | null;
  author: string | null;
  published: string | null;
  url: string | null;
  /** The page's validators, kept by the feed poller. */
  etag: string | null;
  lastModified: string | null;
}

export function isHttpUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/** A refusal of a link; `transient` when trying again later may succeed (a timeout, a 503, a 429). */
export class LinkRefusal extends AddArticleRefusal {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

function refuse(message: string, transient = false): never {
  throw new LinkRefusal(message, transient);
}

/** Reads a page: fetched (safely) when `source` is an http(s) URL, else read from a local .html or .txt file. */
export async function readPage(source: string, settings: FetchSettings): Promise<PageRead> {
  if (!isHttpUrl(source)) return readLocalPage(source);
  return pageFromResponse(await fetchOrRefuse(source.trim(), settings));
}

/** `safeFetch` with these settings; a refusal becomes a `LinkRefusal` (transient for timeouts and dropped connections). */
export async function fetchOrRefuse(url: string, settings: FetchSettings, headers?: Record<string, string>): Promise<FetchedResponse> {
  try {
    return await safeFetch(url, {
      rule: settings.rule,
      robots: settings.robots,
      ...(headers ? { headers } : {}),
      ...(settings.resolve ? { resolve: settings.resolve } : {}),
      ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    });
  } catch (err) {
    if (err instanceof FetchRefusal) refuse(err.message, err.kind === 'other' && !/larger than|redirect/.test(err.message));
    throw err;
  }
}

/** The article in a fetched response; refuses an error status or a body that is not a web page or text. */
export function pageFromResponse(res: FetchedResponse): PageRead {
  if (res.status < 200 || res.status > 299) {
    refuse(`the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status >= 500 || res.status === 429 || res.status === 408);
  }
  const contentType = header(res.headers, 'content-type');
  return { extracted: extractFromBytes(res.body, contentType, res.url, null), fetchedUrl: res.url, file: null, response: res };
}

async function readLocalPage(path: string): Promise<PageRead> {
  const name = basename(path);
  const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => refuse(`cannot read ${name}: ${err.code ?? err.message}`));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) refuse(`${name} is not a regular file`);
    if (stat.size > MAX_BODY_BYTES) refuse(`${name} is larger than ${formatBytes(MAX_BODY_BYTES)}`);
    const bytes = await handle.readFile();
    const type = /\.x?html?$/i.test(path) ? 'text/html' : /\.txt$/i.test(path) ? 'text/plain' : undefined;
    if (!type) refuse(`${name}: expected a web page saved as .html (or a URL)`);
    return { extracted: extractFromBytes(bytes, type, null, name), fetchedUrl: null, file: name, response: null };
  } finally {
    await handle.close();
  }
}

/** The article in a response body, refused when it is not a web page or text. */
function extractFromBytes(bytes: Buffer, contentType: string | undefined, url: string | null, file: string | null): ExtractedArticle {
  const declared = mediaTypeOf(contentType);
  // A server may call anything text/html; the first bytes of a PDF or an image say what it really is.
  const sniffed = bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? 'application/pdf' : null;
  const type = sniffed ?? declared;
  const html = type === 'text/html' || type === 'application/xhtml+xml' || (type === '' && /<html|<!doctype html/i.test(bytes.subarray(0, 1024).toString('latin1')));
  if (!html && type !== 'text/plain') refuse(`not a web page or text (${type || 'no Content-Type'}); save the article's text and add it as a file`);
  const { text } = decodeText(bytes, contentType);
  if (html) return extractArticle(text, url ?? 'file:///page.html');
  return plainText(text, url);
}

/** A text/plain article: its first line is the title when none is given; the rest is stored as it is. */
function plainText(text: string, url: string | null): ExtractedArticle {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? null;
  const title = first && first.length <= 200 ? first : null;
  const body = text.replace(/\r\n?/g, '\n').trim();
  const words = countWords(body);
  return {
    title,
    publisher: null,
    author: null,
    published: null,
    url,
    text: body,
    blocks: [],
    words,
    stub: words < MIN_ARTICLE_WORDS ? `too short to be an article (${words} words of text; an article has at least ${MIN_ARTICLE_WORDS})` : null,
  };
}

/** Same page, whatever the tracking parameters, fragment, trailing slash or host case. */
export function sameUrl(a: string, b: string): boolean {
  const norm = (s: string) => {
    try {
      const u = new URL(s);
      u.hash = '';
      for (const key of [...u.searchParams.keys()]) if (/^(utm_|fbclid|gclid|mc_|ref$|cmpid)/i.test(key)) u.searchParams.delete(key);
      u.hostname = u.hostname.replace(/^www\./, '');
      u.protocol = 'https:';
      return u.href.replace(/\/$/, '');
    } catch {
      return s;
    }
  };
  return norm(a) === norm(b);
}

/** An article's text without its headline line, folded for comparison. */
function withoutHeadline(a: { title: string; body: string }): string {
  const lines = a.body.split('\n');
  const rest = lines[0]?.trim() === a.title.trim() ? lines.slice(1) : lines;
  return rest.join(' ').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What is known besides the page (a feed's item): used only where the page says nothing. */
export interface LinkFallback {
  publisher?: string | null;
  published?: string | null;
}

/** The article to store: the page's metadata, each field replaced by its flag when given. */
export function articleFromPage(page: PageRead, overrides: LinkOverrides, fallback: LinkFallback = {}): NewArticle {
  const e = page.extracted;
  const title = overrides.title?.trim() || e.title;
  if (!title) refuse('the page has no title; give one with --title');
  return {
    text: e.text,
    title,
    publisher: overrides.publisher?.trim() || e.publisher || fallback.publisher || null,
    author: overrides.author?.trim() || e.author,
    published: overrides.published?.trim() || e.published || fallback.published || null,
    publishedApprox: overrides.approx ?? false,
    url: overrides.url?.trim() || e.url || page.fetchedUrl,
    source: page.file,
    ...(overrides.id ? { id: overrides.id } : {}),
  };
}

/**
 * An article from a link or a saved page into the knowledge folder `dir`: read, extracted, refused
 * if it is a stub or already there (same canonical URL, same text), then stored verbatim by the
 * same code as a hand-added article. Throws `AddArticleRefusal` with one line saying why.
 */
export async function addFromLink(
  dir: string,
  source: string,
  overrides: LinkOverrides,
  settings: FetchSettings,
  options: { limits?: ReadLimits; dryRun?: boolean; page?: PageRead; fallback?: LinkFallback } = {},
): Promise<LinkAdded> {
  const page = options.page ?? (await readPage(source, settings));
  const input = inputFromPage(page, overrides, options.fallback);
  const added = await addArticle(dir, input, options.limits ?? {}, { dryRun: options.dryRun ?? false, alreadyThere: alreadyInKnowledge });
  return linkAdded(added, input, page);
}

/** The article a page gives, refused when the page is a stub (a paywall, a cookie wall, too short). */
export function inputFromPage(page: PageRead, overrides: LinkOverrides = {}, fallback: LinkFallback = {}): NewArticle {
  if (page.extracted.stub) refuse(page.extracted.stub);
  return articleFromPage(page, overrides, fallback);
}

/** Why an article from a link is already in the knowledge in a way the id, title and text checks miss, or null. */
export function alreadyInKnowledge(article: Article, existing: readonly Article[]): string | null {
  const url = article.url;
  const other = url ? existing.find((a) => a.url && sameUrl(a.url, url)) : undefined;
  if (other) return `the same URL is already in the knowledge as ${other.file} ("${other.title}")`;
  // The same story under another headline (sites change headlines; feeds repeat items): the text after it.
  const text = withoutHeadline(article);
  const copy = existing.find((a) => withoutHeadline(a) === text);
  return copy ? `the same text is already in ${copy.file} (titled "${copy.title}")` : null;
}

/** What was stored, with the metadata it was stored with and the page's validators. */
export function linkAdded(added: AddedArticle, input: NewArticle, page: PageRead): LinkAdded {
  const validator = (name: string) => (page.response ? header(page.response.headers, name) ?? null : null);
  return {
    ...added,
    publisher: input.publisher?.trim() || null,
    author: input.author?.trim() || null,
    published: input.published?.trim() || null,
    url: input.url?.trim() || null,
    etag: validator('etag'),
    lastModified: validator('last-modified'),
  };
}
