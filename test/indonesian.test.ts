import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { isIndonesian, readIndonesian } from '../src/search/question/indonesian.js';
import { loadRealReading } from './support/real-reading.js';

/** English questions with Indonesian or Malay words in them are read for what they ask. */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

describe('Indonesian words in English questions', () => {
  it('reads one Indonesian question word (berapa, siapa, kapan) as the English one, wherever it stands', () => {
    expect(analyzer.analyzeQuery('In 2023 China release berapa LLM?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Baichuan founded by siapa?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Generative AI measures issued kapan?').types).toEqual(['date']);
    // The grammar words are not searched, nor mended into English ones.
    expect(analyzer.analyzeQuery('siapa yang dapat approval pertama kak?').words).not.toContain('yang');
  });

  it('answers from the sentence that holds the fact', () => {
    const a = engine.answer('China in 2023 already release berapa LLM bro?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toMatch(/19 LLMs/);
    expect(engine.answer('Baichuan started by siapa ya?').citations[0]?.snippet).toMatch(/Wang Xiaochuan/);
  });

  it('declines a fact the articles lack about a subject they name', () => {
    expect(engine.answer('Robin Li umur berapa sekarang?').answered).toBe(false);
  });

  it('leaves English alone, and an acronym in capitals', () => {
    const english = 'How should I cite the APA style guide, ya know?';
    expect(isIndonesian(english)).toBe(false);
    expect(readIndonesian('APA format dari siapa?')).toBe('APA format from who?');
  });
});
