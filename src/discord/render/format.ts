import { escapeLinkText, escapeMarkdown, fitText } from './markdown.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface DateParts {
  year: string;
  month?: string;
  day?: string;
}

function parseDate(value: string): DateParts | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return undefined;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  return { year: m[1]!, ...(month ? { month } : {}), ...(m[3] ? { day: String(Number(m[3])) } : {}) };
}

function formatParts(p: DateParts): string {
  return [p.day, p.month, p.year].filter(Boolean).join(' ');
}

/**
 * A publication date as a reader expects it: "2023", "May 2023", "30 May 2023", a range
 * "Jun–Aug 2023" / "Dec 2022 – Jan 2023", with "about" when the date is inferred.
 * Unparseable values are shown as stored rather than dropped.
 */
export function formatPublished(published: string | null, approx: boolean): string | null {
  if (!published) return null;
  const [fromRaw, toRaw] = published.split('/');
  const from = fromRaw ? parseDate(fromRaw) : undefined;
  const to = toRaw ? parseDate(toRaw) : undefined;
  let text: string;
  if (!from) text = published;
  else if (!to) text = formatParts(from);
  else if (from.year === to.year && from.month && to.month && !from.day && !to.day)
    text = `${from.month}–${to.month} ${to.year}`;
  else text = `${formatParts(from)} – ${formatParts(to)}`;
  return approx ? `about ${text}` : text;
}

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
