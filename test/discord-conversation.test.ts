/**
 * Which of the bot's messages a reply can follow up on: the renderers' real embeds, read back the
 * way the bot reads a replied-to message. End to end (the loopback Discord) in discord-follow-up.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../src/answer/types.js';
import { questionOfAnswerEmbed } from '../src/discord/conversation.js';
import { renderAnswerEmbed } from '../src/discord/render/answer.js';
import { renderCheckEmbed } from '../src/discord/render/check.js';
import { renderGapsEmbed } from '../src/discord/render/gaps.js';
import { renderHelpEmbed } from '../src/discord/render/help.js';
import { renderSearchEmbed } from '../src/discord/render/search.js';
import { renderSourcesEmbed } from '../src/discord/render/sources.js';

const cited: Citation = {
  n: 1,
  articleId: 'a',
  passageId: 'a#1',
  title: 'Alibaba releases Qwen',
  publisher: 'Example News',
  published: '2023-08',
  publishedApprox: false,
  url: 'https://example.com/qwen',
  snippet: 'Alibaba released Qwen, its large language model, in 2023.',
  matchedTerms: ['Qwen'],
};

function answer(over: Partial<Answer>): Answer {
  return { question: 'What is Qwen?', answered: true, text: 'Qwen is Alibaba’s model. [1]', citations: [cited], related: [], confidence: 0.9, ...over };
}

describe('questionOfAnswerEmbed', () => {
  it('reads the question back from every reply to a question, exactly as typed', () => {
    const typed = 'Is *Qwen* `better` than <@123456789012345678> at 2_000 tokens?';
    expect(questionOfAnswerEmbed(renderAnswerEmbed(answer({ question: typed })))).toBe(typed);
    const related = answer({ answered: false, citations: [], related: [cited], declineReason: 'not-sure', text: 'Not sure.' });
    expect(questionOfAnswerEmbed(renderAnswerEmbed(related))).toBe('What is Qwen?');
    const declined = answer({ question: 'What is Foo?', answered: false, citations: [], declineReason: 'off-topic', text: 'No.' });
    expect(questionOfAnswerEmbed(renderAnswerEmbed(declined))).toBe('What is Foo?');
    expect(questionOfAnswerEmbed(renderCheckEmbed(answer({}), 'Qwen is open'))).toBe('Qwen is open');
    const uncovered = answer({ answered: false, citations: [], declineReason: 'off-topic' });
    expect(questionOfAnswerEmbed(renderCheckEmbed(uncovered, 'Foo is open'))).toBe('Foo is open');
    // A user may well ask what another embed is titled: it is their question then.
    expect(questionOfAnswerEmbed(renderAnswerEmbed(answer({ question: 'About this bot' })))).toBe('About this bot');
  });

  it('finds no question in the bot’s other embeds, whatever their title', () => {
    const others = [
      renderHelpEmbed({ botUserId: '123456789012345678', stats: { articles: 5, passages: 164 }, maxQuestionLength: 300 }),
      renderSourcesEmbed([{ id: 'a', title: 'Alibaba releases Qwen', publisher: null, author: null, published: null, publishedApprox: false, url: null, passageCount: 164 }]),
      renderSearchEmbed('Qwen', [{ ...cited, text: cited.snippet, score: 1 }]),
      renderSearchEmbed('Qwen', []),
      renderGapsEmbed([], 30),
      // Nothing was asked (an /ask whose text was only a mention): "Your question" names nothing.
      renderAnswerEmbed(answer({ question: '', answered: false, citations: [], declineReason: 'empty', text: 'Ask me something.' })),
    ];
    for (const embed of others) {
      expect(embed.title).toBeTruthy();
      expect(questionOfAnswerEmbed(embed)).toBeUndefined();
    }
  });
});
