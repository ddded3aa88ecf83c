import { beforeAll, describe, expect, it } from 'vitest';
import { splitPassages } from '../src/knowledge/passages.js';
import { impliedYear } from '../src/knowledge/relative-years.js';
import { loadEngine, type Engine } from '../src/engine.js';
import { dropRelativeTimes } from '../src/search/question/relative-time.js';

const article = (body: string) => splitPassages({ id: 'a', body });

describe('a year told without writing it', () => {
  it('"the following year" after a sentence naming 2020 means 2021, and "the year before" 2019', () => {
    const later = article('The year 2020 saw two releases. However, the following year, both released 30 each.');
    expect(impliedYear(later, 1)).toBe('2021');
    const earlier = article('In 2020 it released two. A year earlier it had released none.');
    expect(impliedYear(earlier, 1)).toBe('2019');
  });

  it('means nothing across a paragraph break, with a year of its own, or with no year before it', () => {
    expect(impliedYear(article('The year 2020 saw two releases.\n\nThe following year brought more.'), 1)).toBeUndefined();
    expect(impliedYear(article('In 2020 two came out. The following year, in 2022 by some counts, more did.'), 1)).toBeUndefined();
    expect(impliedYear(article('Two came out. The following year brought more.'), 1)).toBeUndefined();
  });
});

describe('a time the asker gives relative to today', () => {
  it('is read as nothing, since the articles speak from their own date', () => {
    expect(dropRelativeTimes('how many users did Ernie Bot have, like three years ago?')).toBe('how many users did Ernie Bot have?');
    expect(dropRelativeTimes('who started Baichuan a couple of years back')).toBe('who started Baichuan');
    expect(dropRelativeTimes('what did Isford say the year before last?')).toBe('what did Isford say?');
    expect(dropRelativeTimes('what was Alibaba\'s model series called, back in 2023-ish?')).toBe("what was Alibaba's model series called, in 2023?");
  });

  it('leaves a span the articles may state as it is', () => {
    for (const span of ['how many LLMs did China launch over the past three years?', 'what happened three years after the ban?', 'did it come back in force?']) {
      expect(dropRelativeTimes(span)).toBe(span);
    }
  });
});

describe('through the real engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  it('finds "the following year, both countries released 30 LLMs each" for a question about 2021, and quotes it as written', () => {
    const a = engine.answer('how many LLMs did China and the US each release in 2021?');
    const shown = (a.answered ? a.citations : a.related).slice(0, 3).map((c) => c.snippet);
    expect(shown).toContainEqual(expect.stringMatching(/However, the following year, both countries released 30 LLMs each/));
    expect(shown.join(' ')).not.toMatch(/following year \(2021\)|2021, both/);
  });

  it('quotes "Ives referred to …" with the sentence naming Daniel Ives in full', () => {
    const a = engine.answer('who called China the golden goose EV market?');
    const shown = (a.answered ? a.citations : a.related).slice(0, 3).map((c) => c.snippet);
    expect(shown).toContainEqual(expect.stringMatching(/Daniel Ives, an analyst at investment firm Wedbush.*Ives referred to China's market/s));
  });
});
