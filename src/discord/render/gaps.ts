import type { APIEmbed } from 'discord.js';
import type { Gap } from '../../store/types.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeMarkdown, fitText, joinLinesWithin } from './markdown.js';

export const GAPS_REFUSED = "Only server admins (Manage Server permission) and the bot's owners can see the questions members asked.";
export const GAPS_NOT_RECORDING = 'This bot does not record questions (STORE_QUESTIONS=false), so there is nothing to report.';

/** "declined 2 · closest passages 1 · 👎 1": what each group got, so an admin sees why it is listed. */
export function gapWhy(gap: Gap): string {
  const parts: string[] = [];
  if (gap.outcomes.declined) parts.push(`declined ${gap.outcomes.declined}`);
  if (gap.outcomes.related) parts.push(`closest passages ${gap.outcomes.related}`);
  if (gap.downVotes) parts.push(`👎 ${gap.downVotes}`);
  return parts.join(' · ');
}

/** One line a group: how often, by how many people, why, and the latest wording (escaped: members typed it). */
function gapLine(gap: Gap): string {
  const who = `${gap.people} ${gap.people === 1 ? 'person' : 'people'}`;
  // fitText escapes (its default rendering); escaping before it as well showed a typed "*" as "\*".
  const latest = fitText(gap.latest.replace(/\s+/g, ' '), 200);
  return `**${gap.count}×** (${who}; ${gapWhy(gap)}, latest <t:${Math.floor(gap.latestAt / 1000)}:R>)\n> ${latest}`;
}

/**
 * The /gaps report: what members asked that the articles did not answer, most frequent first.
 * `places` is given for an operator's report over every server and DM: each group then says where it was asked.
 */
export function renderGapsEmbed(gaps: readonly Gap[], days: number, places?: (place: string) => string): APIEmbed {
  const where = places ? ' · every server and DM' : '';
  const title = `What the knowledge is missing · last ${days} day${days === 1 ? '' : 's'}${where}`;
  if (gaps.length === 0) {
    return { title, color: COLORS.answer, description: 'Every question in this period was answered, and none got a 👎.' };
  }
  return {
    title,
    color: COLORS.related,
    description: joinLinesWithin(gaps.map((g) => gapLine(g) + (places ? `\n-# asked in ${escapeMarkdown(g.places.map(places).join(', '))}` : '')), LIMITS.embedDescription, (n) => moreLine(n, days, places !== undefined)),
    footer: { text: 'Declined, closest passages only, or voted 👎 · alike questions grouped · add an article to close a gap' },
  };
}

/**
 * What to do about the groups that did not fit. A server admin cannot run the bot's command line,
 * so they are told how to see the rest from Discord: a shorter period; an operator is also pointed to it.
 */
function moreLine(n: number, days: number, operator: boolean): string {
  const shorter = days > 1 ? ` (a shorter period, such as \`days: ${Math.max(1, Math.floor(days / 4))}\`, shows fewer at a time)` : '';
  return operator ? `…and ${n} more, asked less often (\`npm run gaps\` lists them all)` : `…and ${n} more, asked less often${shorter}`;
}
