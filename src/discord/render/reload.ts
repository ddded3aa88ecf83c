import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Engine } from '../../engine-types.js';
import type { KnowledgeDiff } from '../../knowledge/diff.js';
import type { ReloadResult } from '../../runtime/knowledge-holder.js';
import { formatProblem } from '../../knowledge/load.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeMarkdown, fitText, joinLinesWithin } from './markdown.js';

export const RELOAD_REFUSED =
  "Only server admins (Manage Server permission) and the bot's owners can reload the knowledge.";

export const RELOAD_UNAVAILABLE = 'This bot serves a fixed set of knowledge here; there is nothing to reload.';

/** One fault can be long (a zod message about a long value); keep room for several of them. */
const PROBLEM_CHARS = 300;

type Stats = Engine['stats'];

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function totals(stats: Stats): string {
  return `${plural(stats.articles, 'article')}, ${plural(stats.passages, 'passage')}, ${plural(stats.aliases, 'alias', 'aliases')}`;
}

/** A list of article ids as one field, cut with "…and N more" so a bulk import still fits. */
function idField(name: string, ids: string[]): APIEmbedField[] {
  if (ids.length === 0) return [];
  const lines = ids.map((id) => `• ${fitText(id, 200)}`);
  return [{ name: `${name} (${ids.length})`, value: joinLinesWithin(lines, LIMITS.fieldValue, (n) => `…and ${n} more`) }];
}

function changedEmbed(diff: KnowledgeDiff, stats: Stats, ms: number): APIEmbed {
  return {
    title: 'Knowledge reloaded',
    color: COLORS.answer,
    description: `Now serving ${totals(stats)}. Every question from now on is answered from the new knowledge.`,
    fields: [
      ...idField('Articles added', diff.articlesAdded),
      ...idField('Articles removed', diff.articlesRemoved),
      ...idField('Articles changed', diff.articlesChanged),
      { name: 'Passages', value: `${diff.passagesAdded} added, ${diff.passagesRemoved} removed`, inline: true },
      ...(diff.aliasesChanged ? [{ name: 'Aliases', value: 'The alias table changed', inline: true }] : []),
    ],
    footer: { text: `Rebuilt in ${ms} ms` },
  };
}

/**
 * `/reload`'s ephemeral answer: what changed and the new totals, or every validation fault as
 * `file: field: problem`. `serving` is what answers questions after the reload (on a refusal, the
 * previous knowledge, which is said explicitly so nobody fears the bot is now broken).
 */
export function renderReloadEmbed(result: ReloadResult, serving: Stats): APIEmbed {
  if (result.ok && result.changed) return changedEmbed(result.diff, result.stats, result.ms);
  if (result.ok) {
    return {
      title: 'Knowledge unchanged',
      color: COLORS.info,
      description: `The knowledge folder holds exactly what is being served: ${totals(result.stats)}.`,
      footer: { text: `Checked in ${result.ms} ms` },
    };
  }
  const lines = result.problems.map((p) => `• ${fitText(formatProblem(p), PROBLEM_CHARS)}`);
  const keepServing = `The previous knowledge keeps serving (${totals(serving)}). Fix the files and run /reload again; saving a file in the folder also reloads.`;
  return {
    title: `Reload refused: ${plural(result.problems.length, 'problem')}`,
    color: COLORS.declined,
    description: joinLinesWithin(lines, LIMITS.embedDescription, (n) => `…and ${n} more (all of them are in the bot's log)`),
    fields: [{ name: 'Nothing changed', value: escapeMarkdown(keepServing) }],
    footer: { text: `Checked in ${result.ms} ms` },
  };
}
