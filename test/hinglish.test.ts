import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { isHinglish, readHinglish } from '../src/search/question/hinglish.js';
import { loadRealReading } from './support/real-reading.js';

/** Hinglish questions (Hindi in Latin letters, mixed with English) are read for what they ask. */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

const first = (q: string) => {
  const a = engine.answer(q);
  return a.answered ? a.citations[0]!.snippet : null;
};

describe('Hinglish', () => {
  it('reads the Hindi question words (kitne, kisne, kaun, kab, kahan) as the English ones', () => {
    expect(analyzer.analyzeQuery('China ne 2023 mein kitne LLMs release kiye?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Sun Xin kaun hai aur kahan padhate hai?').types).toEqual(['who', 'place']);
    expect(analyzer.analyzeQuery('iFLYTEK ka LLM kab release hua?').types).toEqual(['date']);
    // The grammar words are not searched, nor mended into English ones ("kitne" is no "kite").
    expect(analyzer.analyzeQuery('China mein kitne AI models ko approval mila hai?').words).toEqual(['China', 'AI', 'models', 'approval']);
    // A message whose only Hindi is "kis … se … hue" (from which … did it become) is read too.
    expect(analyzer.analyzeQuery('Generative AI Service Management Measures kis date se lagoo hue?').words).toEqual([
      'Generative', 'AI', 'Service', 'Management', 'Measures', 'date', 'effective',
    ]);
  });

  it('answers from the sentence that holds the fact', () => {
    expect(first('China ne 2023 mein kitne LLMs release kiye?')).toMatch(/19 LLMs/);
    expect(first('Baichuan kisne start kiya bhai?')).toMatch(/Wang Xiaochuan initiated Baichuan/);
    expect(first('Ernie Bot ke kitne users hai?')).toMatch(/100 million users/);
    expect(first('Baidu ke chatbot ka Chinese naam kya hai jisko Chinese ChatGPT bolte hai?')).toMatch(/Wen Xin Yi Yan/);
  });

  it('"X ke alawa" sets X aside, as "besides X" does', () => {
    expect(readHinglish('Baidu ke alawa kaun si companies ko approval mila?')).toMatch(/^besides Baidu, who/);
  });

  it('declines what the articles do not say, and what is off topic', () => {
    expect(engine.answer('yaar ye Ernie Bot ka price kitna hai?').answered).toBe(false);
    const weather = engine.answer('bhai aaj mausam kaisa hai?');
    expect(weather.answered).toBe(false);
    expect(weather.related).toEqual([]);
    expect(engine.answer('Mumbai mein best biryani kahan milegi?').answered).toBe(false);
  });

  it('leaves English alone: "hi", "par" and "teen" are English words too', () => {
    expect(isHinglish('hi bot, is Baidu on par with OpenAI for teen users?')).toBe(false);
    const english = 'hi bot, is Baidu on par with OpenAI for teen users?';
    expect(readHinglish(english)).toBe(english);
  });
});
