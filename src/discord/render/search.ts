import type { APIEmbed } from 'discord.js';
import type { SearchHit } from '../../answer/types.js';
import { formatSourceLine } from './format.js';
import { highlighter } from './highlight.js';
import { COLORS, LIMITS } from './limits.js';
import { fitText } from './markdown.js';

/** The most passages /search lists: a compact list, not a wall of text. */
export const SEARCH_LIMIT = 5;
/** Per-passage room: enough for a sentence or two; the whole list stays far below 4096. */
const PASSAGE_CHARS = 420;
const SOURCE_CHARS = 300;

/**
 * `/search`: the top passages, best first, each with its source, matched terms in bold.
 * No hits is not an error: it says so and points to `/sources`.
 */
export function renderSearchEmbed(query: string, hits: SearchHit[]): APIEmbed {
  const title = fitText(`Search: ${query.replace(/\s+/g, ' ').trim()}`, LIMITS.embedTitle);
  if (hits.length === 0) {
    return {
      title,
      color: COLORS.declined,
      description: 'No passages matched. Try other words, or `/sources` to see what I know.',
    };
  }
  const entries = hits.slice(0, SEARCH_LIMIT).map((hit, i) => {
    const passage = fitText(hit.text.replace(/\s+/g, ' ').trim(), PASSAGE_CHARS, highlighter(hit.matchedTerms));
    return `**${i + 1}.** ${passage}\n${formatSourceLine(hit, SOURCE_CHARS, '↳ ')}`;
  });
  return {
    title,
    color: COLORS.answer,
    description: entries.join('\n\n'),
    footer: { text: 'Passages are quoted verbatim · /ask for an answer with citations' },
  };
}
