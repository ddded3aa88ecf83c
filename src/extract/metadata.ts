/**
 * What a news page says about its article, read from the places publishers put it: JSON-LD
 * (schema.org NewsArticle and kin), Open Graph and article:* meta tags, <time datetime>, the
 * canonical link. Read before Readability runs, since it rewrites the document.
 */

export interface PageMetadata {
  title: string | null;
  publisher: string | null;
  author: string | null;
  /** YYYY-MM-DD as the page prints it (never converted to UTC), or YYYY-MM / YYYY when that is all. */
  published: string | null;
  /** Canonical URL (absolute http/https), or null. */
  canonical: string | null;
  /** The site's name (og:site_name, or JSON-LD publisher), to strip from the title. */
  siteName: string | null;
  /** JSON-LD says the article is not free to read (isAccessibleForFree: false). */
  paywalled: boolean;
}

import type { DomDocument, DomElement } from './dom.js';

type Json = Record<string, unknown>;

const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|BlogPosting|TechArticle|ScholarlyArticle|Report|LiveBlogPosting|WebPage)$/;

/** Every JSON-LD object on the page, @graph and arrays flattened. Broken JSON is skipped, not fatal. */
function jsonLdObjects(document: DomDocument): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Json);
      const graph = (v as Json)['@graph'];
      if (graph) visit(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // Some sites ship JSON-LD with trailing commas or raw newlines; the meta tags still count.
    }
  }
  return out;
}

const typesOf = (o: Json): string[] => [o['@type']].flat().filter((t): t is string => typeof t === 'string');

/** The article object: a NewsArticle (or kin) before a plain WebPage. */
function articleObject(objects: Json[]): Json | null {
  const ranked = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  return ranked.find((o) => !typesOf(o).includes('WebPage')) ?? ranked[0] ?? null;
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return clean(v) || null;
  return null;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function names(v: unknown, objects: Json[]): string[] {
  if (typeof v === 'string') return [clean(v)];
  if (Array.isArray(v)) return v.flatMap((x) => names(x, objects));
  if (v && typeof v === 'object') {
    const o = v as Json;
    if (typeof o.name === 'string') return [clean(o.name)];
    // {"@id": "#org"} points into the @graph.
    const ref = typeof o['@id'] === 'string' ? objects.find((x) => x['@id'] === o['@id'] && x !== o) : undefined;
    if (ref) return names(ref, objects);
  }
  return [];
}

/** The page's <meta> values by property, name and itemprop (the first of each), read in one pass. */
type MetaTags = Map<string, string>;

function metaTags(document: DomDocument): MetaTags {
  const tags: MetaTags = new Map();
  for (const el of document.querySelectorAll('meta')) {
    const value = clean(el.getAttribute('content') ?? '');
    if (!value) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, value);
    }
  }
  return tags;
}

function meta(tags: MetaTags, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = tags.get(key.toLowerCase());
    if (value) return value;
  }
  return null;
}

/**
 * The calendar day a date string names, as written: "2024-01-16T23:30:00+08:00" → "2024-01-16"
 * (in UTC that instant is the 16th at 15:30, but "2024-01-17T02:00+08:00" would become the 16th:
 * readers see the day the page printed). Null for anything that is not an ISO date.
 */
export function dayAsPrinted(value: string | null | undefined): string | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** <time datetime> that is the publication time, never one marked as an update. */
function publishedTime(document: DomDocument): string | null {
  const times = [...document.querySelectorAll('time[datetime]')];
  const isUpdate = (el: DomElement) => /updat|modif|edited|revis/i.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('itemprop') ?? ''} ${el.parentElement?.getAttribute('class') ?? ''} ${el.parentElement?.textContent ?? ''}`.slice(0, 300));
  const marked = times.find((el) => /publish|posted|pubdate|date-?published/i.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('pubdate') !== null ? 'pubdate' : ''}`));
  const first = marked ?? times.find((el) => !isUpdate(el));
  return first ? dayAsPrinted(first.getAttribute('datetime')) : null;
}

function absoluteHttp(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Between a headline and the site's name: " | Site", " – Site", and on Chinese portals "标题_网站" or "标题-网站". */
const SEPARATORS = [' | ', ' – ', ' — ', ' - ', ' · ', ' :: ', ' » ', ' / ', '_', '｜', '|', ' -', '-', '—'];

const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * "Qwen tops the charts – Example News" → "Qwen tops the charts", when the part after the last
 * separator is the site's name (or its host name). A dash inside a headline ("China wants to
 * dominate in AI — and some of its models…") is left alone: it is not followed by the site's name.
 */
export function stripSiteSuffix(title: string, siteNames: Array<string | null>, host: string | null): string {
  const candidates = siteNames.filter((s): s is string => !!s).map(fold);
  if (host) candidates.push(fold(host.replace(/^www\./, '').replace(/\.[a-z]+$/, '')), fold(host.replace(/^www\./, '')));
  let current = title.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const sep of SEPARATORS) {
      const at = current.lastIndexOf(sep);
      if (at <= 0) continue;
      const suffix = fold(current.slice(at + sep.length));
      if (suffix && candidates.some((c) => c && (c === suffix || c.startsWith(suffix) || suffix.startsWith(c)))) {
        current = current.slice(0, at).trim();
        changed = true;
      }
    }
  }
  return current;
}

export function readMetadata(document: DomDocument, pageUrl: string): PageMetadata {
  const tags = metaTags(document);
  const objects = jsonLdObjects(document);
  const article = articleObject(objects);
  const publisherNames = article ? names(article.publisher, objects) : [];
  const orgName = objects.find((o) => typesOf(o).some((t) => /^(NewsMediaOrganization|Organization|WebSite)$/.test(t)) && typeof o.name === 'string')?.name as string | undefined;
  const siteName = meta(tags, 'og:site_name') ?? publisherNames[0] ?? (orgName ? clean(orgName) : null);
  const publisher = publisherNames[0] ?? meta(tags, 'og:site_name');

  let host: string | null = null;
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    host = null;
  }
  const rawTitle = text(article?.headline) ?? meta(tags, 'og:title', 'twitter:title') ?? text(document.querySelector('title')?.textContent) ?? text(document.querySelector('h1')?.textContent);
  const title = rawTitle ? stripSiteSuffix(rawTitle, [siteName, publisher, orgName ?? null], host) : null;

  const authorNames = article ? names(article.author, objects) : [];
  const metaAuthor = meta(tags, 'author', 'article:author', 'parsely-author', 'sailthru.author');
  const author = authorNames.length ? joinNames(authorNames) : metaAuthor && !/^https?:\/\//.test(metaAuthor) ? metaAuthor : null;

  // Only publication times: dateModified, article:modified_time and og:updated_time are never read.
  const published =
    dayAsPrinted(text(article?.datePublished)) ??
    dayAsPrinted(meta(tags, 'article:published_time', 'datePublished', 'og:published_time', 'pubdate', 'publishdate', 'date')) ??
    publishedTime(document);

  const canonical =
    absoluteHttp(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl) ??
    absoluteHttp(meta(tags, 'og:url'), pageUrl) ??
    absoluteHttp(pageUrl, pageUrl);

  const paywalled = [article?.isAccessibleForFree].flat().some((v) => v === false || v === 'False' || v === 'false');
  return { title, publisher, author, published, canonical, siteName, paywalled };
}

function joinNames(list: string[]): string {
  const unique = [...new Set(list.filter(Boolean))];
  return unique.length <= 2 ? unique.join(' and ') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
}
