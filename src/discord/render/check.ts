import type { APIEmbed } from 'discord.js';
import type { Answer } from '../../answer/types.js';
import { DECLINED_FOOTER, renderAnswerEmbed } from './answer.js';
import { COLORS, LIMITS } from './limits.js';
import { fitText } from './markdown.js';

/** Starts the title of a check, so a reply to it can find the claim again. */
export const CHECK_TITLE_PREFIX = 'Check with sources: ';
export const CHECK_LEAD = 'What my sources say about this. I quote them; I don\'t rule whether the claim is true — read the passages and judge.';
export const CHECK_NOT_COVERED = "My sources don't cover this, so I can't show anything for or against it.";
export const CHECK_NO_TEXT = 'That message has no text I can check.';

/**
 * "Check with sources": the passages about a claim, quoted and cited as an answer is, under a lead
 * that says they are quotes and not a verdict. The answer's own sentence is left out on purpose: it
 * would read as the bot agreeing or disagreeing.
 */
export function renderCheckEmbed(answer: Answer, claim: string): APIEmbed {
  if (answer.citations.length === 0 && answer.related.length === 0) {
    return { title: fitText(`${CHECK_TITLE_PREFIX}${claim.replace(/\s+/g, ' ')}`, LIMITS.embedTitle), color: COLORS.declined, description: CHECK_NOT_COVERED, footer: { text: DECLINED_FOOTER } };
  }
  const quotes: Answer = {
    ...answer,
    question: `${CHECK_TITLE_PREFIX}${claim}`,
    text: CHECK_LEAD,
    // Closest passages are still what the sources say on it; shown the same way, without "not sure".
    answered: true,
    citations: answer.answered ? answer.citations : answer.related,
    related: [],
  };
  return renderAnswerEmbed(quotes);
}
