import { formatPublished as formatPublishedDate } from '../../answer/dates.js';
import { escapeLinkText, escapeMarkdown, fitText } from './markdown.js';

/** Dates in embeds use short month names: room is tight in a sources field. */
export const formatPublished = (published: string | null, approx: boolean): string | null =>
  formatPublishedDate(published, approx, { months: 'short' });

/**
 * Only http(s) URLs become links, percent-encoding the characters that would end a Markdown
 * link early; anything else (javascript:, relative paths) is not linked at all.
 */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    // encodeURIComponent leaves ( and ) alone, and those are exactly what ends a Markdown link.
    const href = parsed.href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return href.length <= 2048 ? href : null;
  } catch {
    return null;
  }
}

export interface SourceMeta {
  title: string;
  publisher: string | null;
  published: string | null;
  publishedApprox: boolean;
  url: string | null;
}

/**
 * "[Title](url) — Publisher, about May 2023" in at most `max` characters. The title is what gets
 * shortened; the link and the metadata stay whole so the line remains a usable citation.
 */
export function formatSourceLine(source: SourceMeta, max: number, prefix = ''): string {
  const rawMeta = [source.publisher, formatPublished(source.published, source.publishedApprox)]
    .filter((x): x is string => Boolean(x))
    .join(', ');
  const meta = escapeMarkdown(rawMeta);
  const url = safeUrl(source.url);
  const tail = meta ? ` — ${meta}` : '';
  const frame = url ? (t: string) => `${prefix}[${t}](${url})${tail}` : (t: string) => `${prefix}**${t}**${tail}`;
  const room = max - frame('').length;
  if (room < 8) return prefix + fitText(`${source.title}${rawMeta ? ` — ${rawMeta}` : ''}`, max - prefix.length);
  const title = fitText(source.title, room, url ? escapeLinkText : escapeMarkdown);
  return frame(title);
}
