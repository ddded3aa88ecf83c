/** Follow-up resolution on the real knowledge's analyzer: what a person typing a follow-up would expect. */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../src/answer/follow-up.js';
import type { Engine } from '../src/engine-types.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { loadRealReading } from './support/real-reading.js';

let analyzer: Analyzer;
let engine: Engine;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

const COUNT_2023 = 'How many LLMs did China release in 2023?';

describe('follow-up questions', () => {
  it('take the subject of the previous question when they have none of their own', () => {
    expect(resolveFollowUp('and the year before?', COUNT_2023, analyzer)).toBe('How many LLMs did China release in 2022?');
    expect(resolveFollowUp('and in 2021?', COUNT_2023, analyzer)).toBe('How many LLMs did China release in 2021?');
    expect(resolveFollowUp('what about Tencent?', COUNT_2023, analyzer)).toBe('How many LLMs did Tencent release in 2023?');
    expect(resolveFollowUp('and Qwen?', 'Who developed Ernie Bot?', analyzer)).toBe('Who developed Qwen?');
    expect(resolveFollowUp('who made it?', 'What is Qwen?', analyzer)).toBe('who made Qwen?');
    expect(resolveFollowUp('how many users does it have?', 'What is Ernie Bot?', analyzer)).toBe('how many users does Ernie Bot have?');
    expect(resolveFollowUp('why?', COUNT_2023, analyzer)).toMatch(/^why .*China.*2023/);
  });

  it('are answered on their own when they name their own subject', () => {
    for (const q of ['What is DeepSeek?', 'Who made Ernie Bot?', 'What are large language models used for?']) {
      expect(resolveFollowUp(q, 'What is Qwen?', analyzer)).toBe(q);
    }
  });

  it('through the engine: the answer says what was answered, and cites the carried subject', () => {
    const followUp = engine.answer('and the year before?', { previous: COUNT_2023 });
    expect(followUp.question).toBe('How many LLMs did China release in 2022?');
    expect(followUp.citations.map((c) => c.snippet).join(' ')).toContain('2022');
    const alone = engine.answer('who made it?');
    const carried = engine.answer('who made it?', { previous: 'What is Qwen?' });
    expect(alone.answered).toBe(false);
    expect(carried.question).toBe('who made Qwen?');
    // Answered or shown as closest passages, as the decision judges: the carried subject is what is quoted.
    expect((carried.answered ? carried.citations : carried.related)[0]!.snippet).toMatch(/Qwen.*Alibaba/);
  });
});
