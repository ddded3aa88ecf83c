import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { isPidgin, readPidgin } from '../src/search/question/pidgin.js';
import { isTagalog, readTagalog } from '../src/search/question/tagalog.js';
import { loadRealReading } from './support/real-reading.js';

/** Taglish and Nigerian Pidgin questions are read for what they ask, through the real engine. */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

const first = (q: string) => {
  const a = engine.answer(q);
  return a.answered ? a.citations[0]!.snippet : null;
};

describe('Taglish', () => {
  it('reads the Tagalog question words (ilan, sino, kailan) as the English ones, and drops the grammar', () => {
    expect(analyzer.analyzeQuery('Ilan na ba yung LLMs na nilabas ng China?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Sino yung founder ng Baichuan?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Kailan na-approve yung Ernie Bot ng Baidu?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Ilan na ba yung LLMs na nilabas ng China?').words).toEqual(['LLMs', 'released', 'China']);
  });

  it('answers from the sentence that holds the fact, and declines an age the articles lack', () => {
    expect(first('Ilan na ba yung LLMs na nilabas ng China noong 2023?')).toMatch(/19 LLMs/);
    expect(first('Sino ang nag-found ng Baichuan?')).toMatch(/Wang Xiaochuan/);
    expect(engine.answer('Ilang taon na si Robin Li, yung CEO ng Baidu?').answered).toBe(false);
  });

  it('leaves English alone, even with a Tagalog-looking word in it', () => {
    expect(isTagalog('Who is the sino-american researcher at the conference?')).toBe(false);
    expect(readTagalog('Ano is my cat’s name')).toBe('Ano is my cat’s name');
  });
});

describe('Nigerian Pidgin', () => {
  it('reads "wetin" and "na who" wherever they stand, and the particles once the message is Pidgin', () => {
    const pidgin = analyzer.analyzeQuery('Wetin be the name of Baidu chatbot?');
    const english = analyzer.analyzeQuery('What is the name of Baidu chatbot?');
    expect([pidgin.words, pidgin.types]).toEqual([english.words, english.types]);
    expect(analyzer.analyzeQuery('Na who be CEO of Zhipu AI?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('How many LLM China don release for 2023 sef?').words).not.toContain('sef');
  });

  it('answers from the sentence that holds the fact, and declines a CEO the articles do not name', () => {
    expect(first('How many LLM China don release for 2023 sef?')).toMatch(/19 LLMs/);
    expect(engine.answer('Na who be CEO of Zhipu AI abeg?').answered).toBe(false);
  });

  it('leaves English with a word Pidgin shares alone ("don", "go", "pass", a typed "dey")', () => {
    for (const english of ['Don Quixote go where?', 'Did they pass the law?', 'what did dey say about Baidu']) {
      expect(isPidgin(english)).toBe(false);
      expect(readPidgin(english)).toBe(english);
    }
  });
});
