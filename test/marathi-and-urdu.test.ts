import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { readHinglish } from '../src/search/question/hinglish.js';
import { MARATHI } from '../src/search/question/marathi.js';
import { isWrittenIn } from '../src/search/question/mixed-language.js';
import { firstQuote, loadRealReading } from './support/real-reading.js';

/**
 * Marathi and Roman Urdu typed in Latin letters and mixed with English, read for what they ask,
 * through the real engine.
 */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

const first = (q: string) => firstQuote(engine, q);

describe('Marathi English', () => {
  it('reads the Marathi words that ask (kiti, kadhi, konee, kuthe, ka before a verb) and drops the grammar', () => {
    expect(analyzer.analyzeQuery('china ne 2023 madhe kiti LLM launch kele?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('china ne 2023 madhe kiti LLM launch kele?').words).toEqual(['china', '2023', 'LLM', 'launch']);
    expect(analyzer.analyzeQuery('Baidu cha chatbot kadhi launch zhala?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Baichuan konee suru kela?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Sun Xin kuthe lecturer ahe?').types).toEqual(['place']);
    expect(analyzer.analyzeQuery('Qwen itka popular ka zhala?').types).toEqual(['reason']);
    // "ka" closing a question asks yes or no, not why.
    expect(analyzer.analyzeQuery('Ernie Bot free ahe ka?').types).toEqual([]);
  });

  it('answers from the sentence that holds the fact, and declines a price the articles lack', () => {
    expect(first('china ne 2023 madhe kiti LLM launch kele?')).toMatch(/19 LLMs/);
    expect(first('Ernie Bot che users kiti ahet?')).toMatch(/100 million users/);
    expect(engine.answer('Ernie Bot chi subscription price kiti ahe?').answered).toBe(false);
    const rain = engine.answer('pune madhe aaj paus padel ka?');
    expect(rain.answered).toBe(false);
    expect(rain.related).toEqual([]);
  });

  it('leaves Italian, Hinglish and English alone: "chi", "che", "la", "ne" and "kon" are theirs too', () => {
    for (const other of ['Chi ha fondato la Baichuan?', 'Che cosa fa la Baidu?', 'Baidu ka CEO kon hai?', 'is Qwen on par with GPT-4?']) {
      expect(isWrittenIn(other, MARATHI)).toBe(false);
    }
  });
});

describe('Roman Urdu', () => {
  it('reads Urdu spellings (kitnay, thay, kesay) and words (ilawa, ijazat) as the Hindi table reads Hinglish', () => {
    expect(analyzer.analyzeQuery('China ne 2023 mein kitnay LLMs launch kiye thay?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('China ne 2023 mein kitnay LLMs launch kiye thay?').words).toEqual(['China', '2023', 'LLMs', 'launch']);
    expect(readHinglish('Baidu ke ilawa kin companies ko ijazat mili?')).toMatch(/^besides Baidu, which companies approval got\?$/);
    expect(readHinglish('Qwen kesay itna popular hua?')).toMatch(/^Qwen how itna popular ?\?$/);
  });

  it('answers from the sentence that holds the fact, and declines the weather', () => {
    expect(first('China ne 2023 mein kitnay LLMs launch kiye thay?')).toMatch(/19 LLMs/);
    expect(first('Ernie Bot ke users kitnay hain?')).toMatch(/100 million users/);
    const weather = engine.answer('Karachi mein aaj mausam kesa hy?');
    expect(weather.answered).toBe(false);
    expect(weather.related).toEqual([]);
  });
});
