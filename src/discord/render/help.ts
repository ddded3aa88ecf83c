import type { APIEmbed } from 'discord.js';
import { EXAMPLE_QUESTIONS } from './answer.js';
import { COLORS } from './limits.js';

export interface HelpContext {
  /** The bot's user id, to show a real mention in the "how to ask" text (embeds never ping). */
  botUserId?: string | undefined;
  stats: { articles: number; passages: number };
  maxQuestionLength: number;
}

/** `/help`: what the bot does, the three ways to ask, the commands and a few example questions. */
export function renderHelpEmbed(ctx: HelpContext): APIEmbed {
  const me = ctx.botUserId ? `<@${ctx.botUserId}>` : '@bot';
  return {
    title: 'About this bot',
    color: COLORS.info,
    description:
      'I answer questions about Chinese large language models (the companies, the models, chips and ' +
      'regulation) from a small set of news articles, quoting them word for word with numbered sources. ' +
      "If the articles don't cover something, I say so rather than guess.",
    fields: [
      {
        name: 'How to ask',
        value: [
          '• `/ask question:` in any channel I am in',
          `• Mention me: ${me} your question`,
          '• Or send me a direct message',
          '• Follow up by replying to an answer ("and the year before?"), or in a DM within a few minutes',
          '• Right-click a message → Apps → **Check with sources** to see what the articles say about a claim',
          `Questions can be up to ${ctx.maxQuestionLength} characters.`,
        ].join('\n'),
      },
      {
        name: 'Commands',
        value: [
          '`/ask` an answer with cited quotes',
          '`/search` the best matching passages',
          '`/sources` the articles I know',
          '`/forget-me` delete the questions and votes of yours I recorded',
          '`/help` this message',
        ].join('\n'),
      },
      { name: 'Examples', value: EXAMPLE_QUESTIONS.map((q) => `• ${q}`).join('\n') },
    ],
    footer: { text: `Knowledge: ${ctx.stats.articles} articles, ${ctx.stats.passages} passages` },
  };
}
