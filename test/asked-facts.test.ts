import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { firstQuote, loadRealReading } from './support/real-reading.js';

/**
 * Facts news often leaves out, asked in the ways people ask them: the bot answers only with a
 * sentence that gives the fact, and otherwise says its sources do not.
 */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

const factsAsked = (q: string) => analyzer.analyzeQuery(q).attributes.map((a) => a.fact);
const first = (q: string) => firstQuote(engine, q);

describe('facts asked', () => {
  it('"which exact model", "model name is what?" and 哪一款 ask for a name, which a list of approved companies does not give', () => {
    expect(factsAsked('which exact 01.AI model got the nod in the fourth round?')).toEqual(['its name']);
    expect(factsAsked('Tencent chatbot, model name is what?')).toEqual(['its name']);
    expect(factsAsked('小米获批的是哪一款大模型？')).toEqual(['its name']);
    expect(factsAsked('which company leads the race?')).toEqual([]);
    // The articles list the companies approved in the fourth round, never their models' names.
    expect(engine.answer('which exact 01.AI model got the nod in the fourth round?').answered).toBe(false);
    expect(engine.answer('小米获批的是哪一款大模型？').answered).toBe(false);
  });

  it('a company\'s name asked (公司叫什么, "the name of the company") is given by the company a passage names', () => {
    for (const q of ['王小川离开搜狗后做的大模型公司叫什么？', "what's the name of the company Wang Xiaochuan started?"]) {
      expect(first(q), q).toMatch(/Wang Xiaochuan initiated Baichuan/);
    }
    // A product's name is not: a list of approved companies does not say what Xiaomi's model is called.
    expect(engine.answer("what's Xiaomi's LLM called?").answered).toBe(false);
  });

  it('"how much parameter", "X age" and a user count are asked as such, and a user count is given only for the product asked', () => {
    expect(factsAsked('Ernie 3.5 have how much parameter?')).toEqual(['its parameter count']);
    expect(factsAsked('"Robin Li" age')).toEqual(['their age']);
    expect(factsAsked('how many users does iFlytek Spark have')).toEqual(['its user numbers']);
    expect(factsAsked('星火大模型的用户数是多少')).toEqual(['its user numbers']);
    expect(engine.answer('Ernie 3.5 have how much parameter?').answered).toBe(false);
    expect(engine.answer('"Robin Li" age').answered).toBe(false);
    // Ernie Bot's 100 million users, reported beside Spark, are not Spark's.
    expect(engine.answer('how many users does iFlytek Spark have').answered).toBe(false);
    expect(first('how many users does Ernie Bot have?')).toMatch(/100 million users/);
  });

  it('a fee, a membership or "how much RMB" asks what it costs, which the articles never give for Ernie Bot', () => {
    expect(factsAsked('Ernie Bot monthly membership fee is how much RMB？')).toEqual(['what it costs']);
    expect(factsAsked('how much yuan is the monthly subscription for Qwen')).toEqual(['what it costs']);
    expect(factsAsked('文心一言会员费一个月多少')).toEqual(['what it costs']);
    expect(engine.answer('Ernie Bot monthly membership fee is how much RMB？').answered).toBe(false);
  });

  it('"headquarter" without its "s", as people type it, asks where a company is based', () => {
    expect(factsAsked('Zhipu AI headquarter at which city?')).toEqual(['where it is based']);
    expect(engine.answer('Zhipu AI headquarter at which city?').answered).toBe(false);
  });

  it('a company "set up" asks its founding, and who is "bankrolling" it its funding; a process set up asks neither', () => {
    expect(factsAsked("When was the DeepSeek startup set up, and who's bankrolling it?")).toEqual(['its founding', 'its funding']);
    expect(factsAsked('was the approval process set up in August?')).toEqual([]);
    expect(engine.answer("When was the DeepSeek startup set up, and who's bankrolling it?").answered).toBe(false);
  });

  it('a company "opened" (是谁开的, 哪一年开的, 他开的公司) asks its founding, as chat Chinese says it; 公开的 (made public) does not', () => {
    expect(factsAsked('零一万物是谁开的？')).toEqual(['its founding']);
    expect(factsAsked('智谱是哪一年开的公司？')).toEqual(['its founding']);
    expect(factsAsked('王小川后来开了什么公司？')).toContain('its founding');
    expect(factsAsked('文心一言是什么时候公开的？')).toEqual([]);
    expect(factsAsked('阿里是什么时候开源通义千问的？')).toEqual([]);
    // The articles name 01.AI among the approved, never its founder; they say who started Lingxin.
    expect(engine.answer('零一万物是谁开的？').answered).toBe(false);
    expect(first('聆心智能是谁开的？')).toMatch(/Lingxin Intelligent Company, founded by Huang Minlie/);
  });

  it('"what year" asks for a date: the word "year" in a passage ("the previous year") is no match', () => {
    const q = analyzer.analyzeQuery('by what year does China want to be the top AI hub?');
    expect(q.types).toEqual(['date']);
    expect(q.terms.find((t) => t.term === 'year')?.weight ?? 0).toBe(0);
    // Ranking, not the decision: the passage shown first, cited or offered as the closest, gives the year.
    const a = engine.answer('by what year does China want to be the top AI hub?');
    expect((a.answered ? a.citations : a.related)[0]?.snippet).toMatch(/2030/);
  });
});
