import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { loadRealReading } from './support/real-reading.js';

/**
 * Children and learners type a character they cannot write in pinyin, glued to the characters
 * around it ("聊天ji器人", "xin片", "科ji"). It is read as the one character that makes a word there.
 */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

describe('a syllable typed in place of a character', () => {
  it('is read as the character that makes a word with its neighbours, a word of this news first', () => {
    expect(analyzer.analyzeQuery('百度的聊天ji器人叫什么？').words).toContain('聊天机器人');
    // 芯片 (chip), not 新片 (a new film): the glossary's word is the likelier one.
    expect(analyzer.analyzeQuery('美国不让卖给中国的xin片是哪些？').words).toContain('芯片');
    expect(analyzer.analyzeQuery('云从科ji做了什么模型？').words).toContain('云从科技');
  });

  it('finds the answer a question typed so asks for', () => {
    const a = engine.answer('ling心智能是谁创办的？');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toMatch(/Lingxin Intelligent Company, founded by Huang Minlie/);
  });

  it('leaves a name in Latin letters, an abbreviation and an English word as typed', () => {
    expect(analyzer.analyzeQuery('那个叫sun xin的老师在哪教书？').words).toEqual(expect.arrayContaining(['sun', 'xin']));
    for (const typed of ['Python咋读csv文件啊', '国内gs做大模型有啥优势', '星火按token算多少钱']) {
      expect(analyzer.analyzeQuery(typed).read).toBe(typed);
    }
  });
});
