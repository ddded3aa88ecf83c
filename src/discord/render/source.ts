import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { SourceAddResult, SourceListing, SourceRemoveResult } from '../../runtime/sources.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeMarkdown, fitText, joinLinesWithin } from './markdown.js';

export const SOURCE_REFUSED = "Only server admins (Manage Server permission) and the bot's owners can add or remove sources.";
export const SOURCE_UNAVAILABLE = 'This bot serves a fixed set of knowledge here; sources cannot be added from Discord.';

const field = (name: string, value: string | null | undefined, inline = true): APIEmbedField[] =>
  value ? [{ name, value: fitText(value, LIMITS.fieldValue), inline }] : [];

/** `/source add`'s private answer: what was stored (or is now followed), or why nothing was. */
export function renderSourceAdded(result: SourceAddResult, url: string): APIEmbed {
  if (result.kind === 'refused') {
    return {
      title: 'Not added',
      color: COLORS.declined,
      description: fitText(`${url}: ${result.reason}`, LIMITS.embedDescription),
      footer: { text: 'Nothing was written.' },
    };
  }
  if (result.kind === 'feed') {
    return {
      title: fitText(`Following ${result.title ?? 'the feed'}`, LIMITS.embedTitle),
      color: COLORS.answer,
      description: fitText(
        `${result.url}\n${result.format === 'json' ? 'JSON Feed' : result.format === 'atom' ? 'Atom' : 'RSS'} with ${result.items} item${result.items === 1 ? '' : 's'} now. ` +
          `New items${result.keywords.length ? ' whose title or summary holds one of the keywords' : ''} are added at each poll; the first poll runs now.`,
        LIMITS.embedDescription,
        (s) => s,
      ),
      fields: field('Keywords', result.keywords.length ? result.keywords.join(', ') : null, false),
    };
  }
  return {
    title: fitText(result.title, LIMITS.embedTitle),
    color: COLORS.answer,
    description: `Added to the knowledge as \`${escapeMarkdown(result.id)}\`: questions are answered from it within a few seconds.`,
    fields: [
      ...field('Publisher', result.publisher ?? 'not given'),
      ...field('Date', result.published ?? 'not given'),
      ...field('Passages', String(result.passages)),
      ...field('URL', result.url, false),
    ],
  };
}

const when = (iso: string | null) => (iso ? `<t:${Math.floor(Date.parse(iso) / 1000)}:R>` : 'not yet');

/** `/source list`: the feeds followed and the latest articles added from links and feeds, with their state. */
export function renderSourceList(listing: SourceListing): APIEmbed {
  const feeds = listing.feeds.map(
    (f) => `• ${fitText(f.url, 300, (s) => s)}${f.keywords.length ? ` (${fitText(f.keywords.join(', '), 120)})` : ''}: ${f.status ?? 'not polled yet'}${f.detail ? `, ${fitText(f.detail, 150)}` : ''}, ${when(f.fetchedAt)}`,
  );
  const articles = listing.articles.map(
    (a) => `• ${a.id ? `\`${escapeMarkdown(a.id)}\`` : fitText(a.url, 200, (s) => s)}: ${a.status}${a.detail && a.status !== 'added' ? ` (${fitText(a.detail, 150)})` : ''}, ${when(a.fetchedAt)}`,
  );
  return {
    title: 'Sources',
    color: COLORS.info,
    fields: [
      { name: `Feeds (${listing.feeds.length})`, value: feeds.length ? joinLinesWithin(feeds, LIMITS.fieldValue, (n) => `…and ${n} more`) : 'None. Add one with /source add url:<feed URL>.' },
      { name: `Latest articles from links and feeds (${listing.articles.length})`, value: articles.length ? joinLinesWithin(articles, LIMITS.fieldValue, (n) => `…and ${n} more`) : 'None yet.' },
    ],
  };
}

export function renderSourceRemoved(result: SourceRemoveResult): APIEmbed {
  if (result.removed === 'feed') {
    return { title: 'Feed removed', color: COLORS.answer, description: fitText(`No longer following ${result.url}. The articles already added from it stay; remove them one by one with /source remove.`, LIMITS.embedDescription, (s) => s) };
  }
  if (result.removed === 'article') {
    return { title: 'Article removed', color: COLORS.answer, description: fitText(`\`${result.id}\`${result.title ? ` (${result.title})` : ''} is out of the knowledge; questions stop citing it within a few seconds, and its feed will not bring it back.`, LIMITS.embedDescription, (s) => s) };
  }
  return { title: 'Nothing removed', color: COLORS.declined, description: fitText(result.reason, LIMITS.embedDescription) };
}
