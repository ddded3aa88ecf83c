import { collectBlocks } from '../extract/blocks.js';
import { parsePage, parseXml, type DomElement } from '../extract/dom.js';

/** One entry of a feed, whatever its format. */
export interface FeedItem {
  /** The item's guid / id, else its link. */
  id: string;
  title: string;
  /** The article's page (absolute http/https). */
  link: string;
  /** The summary as plain text. */
  summary: string;
  /** The item's date as the feed prints its day (YYYY-MM-DD), or null. */
  published: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json';
  /** The feed's own title (the site's name, usually). */
  title: string | null;
  items: FeedItem[];
}

export class FeedError extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The day a feed date names, as printed: RSS's "Tue, 16 Jan 2024 23:30:00 +0800" → 2024-01-16,
 * Atom's and JSON Feed's "2024-01-16T23:30:00+08:00" → 2024-01-16 (not moved to UTC).
 */
export function feedDay(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(v);
  if (rfc) {
    const month = MONTHS.indexOf(rfc[2]!.toLowerCase());
    if (month >= 0) return `${rfc[3]}-${String(month + 1).padStart(2, '0')}-${rfc[1]!.padStart(2, '0')}`;
  }
  return null;
}

/** Text of HTML (a summary, an Atom title of type="html"), one space between its paragraphs. */
function plain(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const body = parsePage(`<!doctype html><html><body>${html}</body></html>`).body;
  return body ? collectBlocks(body).map((b) => b.text).join(' ') : '';
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Children by local name, namespace prefix ignored ("dc:date" → date). */
function children(el: DomElement, name: string): DomElement[] {
  const out: DomElement[] = [];
  for (let i = 0; i < el.children.length; i++) {
    const child = el.children[i]!;
    const local = child.tagName.toLowerCase().replace(/^.*:/, '');
    if (local === name) out.push(child);
  }
  return out;
}

const childText = (el: DomElement, ...names: string[]): string | null => {
  for (const name of names) {
    const found = children(el, name)[0];
    const text = found?.textContent?.trim();
    if (text) return text;
  }
  return null;
};

/** Parses RSS 2.0 (and RSS 1.0/RDF), Atom or JSON Feed; `url` resolves relative links. */
export function parseFeed(body: string, url: string): ParsedFeed {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('{')) return parseJsonFeed(text, url);
  if (!text.startsWith('<')) throw new FeedError('not a feed: neither XML (RSS, Atom) nor JSON Feed');
  const doc = parseXml(text);
  const root = doc.documentElement;
  const rootName = root?.tagName.toLowerCase().replace(/^.*:/, '');
  if (rootName === 'rss' || rootName === 'rdf') {
    const channel = children(root, 'channel')[0] ?? root;
    // RSS 1.0 puts items beside the channel, RSS 2.0 inside it.
    const items = [...children(channel, 'item'), ...(channel === root ? [] : children(root, 'item'))];
    return {
      format: 'rss',
      title: childText(channel, 'title'),
      items: items.flatMap((item) => {
        const link = absolute(childText(item, 'link') ?? (children(item, 'guid')[0]?.getAttribute('isPermaLink') !== 'false' ? childText(item, 'guid') : null), url);
        if (!link) return [];
        return [{
          id: childText(item, 'guid') ?? link,
          title: plain(childText(item, 'title') ?? ''),
          link,
          summary: plain(childText(item, 'description', 'summary', 'encoded') ?? ''),
          published: feedDay(childText(item, 'pubdate', 'date', 'published')),
        }];
      }),
    };
  }
  if (rootName === 'feed') {
    return {
      format: 'atom',
      title: plain(childText(root, 'title') ?? '') || null,
      items: children(root, 'entry').flatMap((entry) => {
        const links = children(entry, 'link');
        const alternate = links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
        const link = absolute(alternate?.getAttribute('href'), url);
        if (!link) return [];
        return [{
          id: childText(entry, 'id') ?? link,
          title: plain(childText(entry, 'title') ?? ''),
          link,
          summary: plain(childText(entry, 'summary', 'content') ?? ''),
          // Atom's "published" is the first appearance; "updated" is an edit, used only when there is nothing else.
          published: feedDay(childText(entry, 'published') ?? childText(entry, 'updated')),
        }];
      }),
    };
  }
  throw new FeedError(`not a feed: the XML's root is <${root?.tagName ?? '?'}>, not <rss> or <feed>`);
}

function parseJsonFeed(text: string, url: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FeedError('not a feed: JSON that does not parse');
  }
  const feed = data as { version?: unknown; title?: unknown; items?: unknown };
  if (typeof feed.version !== 'string' || !/jsonfeed\.org/.test(feed.version) || !Array.isArray(feed.items)) {
    throw new FeedError('not a feed: JSON without a JSON Feed "version" and "items"');
  }
  return {
    format: 'json',
    title: typeof feed.title === 'string' ? feed.title.trim() : null,
    items: (feed.items as Array<Record<string, unknown>>).flatMap((item) => {
      const str = (k: string) => (typeof item[k] === 'string' ? (item[k] as string) : null);
      const link = absolute(str('url') ?? str('external_url'), url);
      if (!link) return [];
      return [{
        id: str('id') ?? link,
        title: plain(str('title') ?? ''),
        link,
        summary: plain(str('summary') ?? str('content_text') ?? str('content_html') ?? ''),
        published: feedDay(str('date_published')),
      }];
    }),
  };
}
