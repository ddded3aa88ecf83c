import type { APIEmbed } from 'discord.js';
import type { SourceInfo } from '../../answer/types.js';
import { formatSourceLine } from './format.js';
import { COLORS, LIMITS } from './limits.js';
import { joinLinesWithin } from './markdown.js';

const LINE_CHARS = 400;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `/sources`: every article the bot knows, in knowledge order: title (linked where a URL is known),
 * publisher, date and passage count. A long list ends with "…and N more" rather than overflowing.
 */
export function renderSourcesEmbed(sources: SourceInfo[]): APIEmbed {
  const passages = sources.reduce((sum, s) => sum + s.passageCount, 0);
  if (sources.length === 0) {
    return { title: 'Sources', color: COLORS.declined, description: 'No articles are loaded yet.' };
  }
  const lines = sources.map((source, i) => {
    const count = ` · ${plural(source.passageCount, 'passage')}`;
    return formatSourceLine(source, LINE_CHARS - count.length, `**${i + 1}.** `) + count;
  });
  return {
    title: `Sources: ${plural(sources.length, 'article')}, ${plural(passages, 'passage')}`,
    color: COLORS.info,
    description: joinLinesWithin(lines, LIMITS.embedDescription, (n) => `…and ${n} more`),
    footer: { text: 'Every answer quotes these articles verbatim' },
  };
}
