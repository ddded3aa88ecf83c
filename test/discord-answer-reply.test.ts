import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/answer/types.js';
import { answerEmbed } from '../src/discord/render/answer-reply.js';
import { renderAnswerEmbed } from '../src/discord/render/answer.js';

function answer(): Answer {
  return {
    question: 'How many LLMs did China release in 2023?',
    answered: true,
    text: 'China released 19 LLMs. [1]',
    citations: [
      {
        n: 1, articleId: 'a', passageId: 'a#1', title: 'China accelerates launch of LLMs', publisher: 'IE',
        published: '2023-05', publishedApprox: false, url: 'https://example.com/a',
        snippet: 'Another snippet about China and its 19 LLMs.', matchedTerms: ['China', 'LLMs'],
      },
    ],
    related: [],
    confidence: 0.9,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('answerEmbed', () => {
  it('hands discord.js the rendered embed as is (JSONEncodable, so no key conversion)', () => {
    const a = answer();
    expect(answerEmbed(a).toJSON()).toEqual(renderAnswerEmbed(a));
  });

  it('renders a frozen (engine-cached) answer once, and the shared embed cannot be changed', () => {
    const a = deepFreeze(answer());
    const first = answerEmbed(a);
    expect(answerEmbed(a)).toBe(first);
    expect(Object.isFrozen(first.toJSON())).toBe(true);
    expect(Object.isFrozen(first.toJSON().fields![0])).toBe(true);
  });

  it('renders an answer that could still change afresh every time', () => {
    const a = answer();
    const before = answerEmbed(a).toJSON().title;
    a.question = 'Who founded Baichuan?';
    expect(answerEmbed(a).toJSON().title).not.toBe(before);
  });
});
