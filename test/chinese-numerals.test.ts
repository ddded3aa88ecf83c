import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import { writeChineseNumerals } from '../src/search/question/chinese-numerals.js';
import { firstQuote, loadRealReading } from './support/real-reading.js';

/** Numbers written in Chinese characters are read as the digits the articles write. */
describe('numbers in Chinese characters', () => {
  it('writes years, counts and shares as digits', () => {
    expect(writeChineseNumerals('二〇二三年中国发布了多少个大模型？')).toBe('2023年中国发布了多少个大模型？');
    expect(writeChineseNumerals('二零二一年')).toBe('2021年');
    expect(writeChineseNumerals('两千零二十二年美国发布了三十七个吗')).toBe('2022年美国发布了37个吗');
    expect(writeChineseNumerals('十九个大模型')).toBe('19个大模型');
    expect(writeChineseNumerals('七十多个')).toBe('70多个');
    expect(writeChineseNumerals('一百零五家')).toBe('105家');
    expect(writeChineseNumerals('百分之七十五')).toBe('75%');
    expect(writeChineseNumerals('百分之80以上')).toBe('80%以上');
  });

  it('reads 万 and 亿 in the English scale the articles use', () => {
    expect(writeChineseNumerals('用户过了一亿')).toMatch(/用户过了100 million/);
    expect(writeChineseNumerals('参数十亿')).toMatch(/参数1 billion/);
    expect(writeChineseNumerals('五千万美元')).toMatch(/^50 million ?美元$/);
    expect(writeChineseNumerals('1亿用户')).toMatch(/^100 million ?用户$/);
  });

  it('reads what follows 万 as part of the same number, as people say it', () => {
    expect(writeChineseNumerals('月薪一万五千元')).toMatch(/^月薪15000 ?元$/);
    expect(writeChineseNumerals('两万零五百人')).toMatch(/^20500 ?人$/);
    expect(writeChineseNumerals('一万五的工资')).toMatch(/^15000 ?的工资$/);
    expect(writeChineseNumerals('1万5千')).toMatch(/^15000 ?$/);
    // Not when the digit starts another word: 十万一起 is a hundred thousand together, 三万一个月 30,000 a month.
    expect(writeChineseNumerals('十万一起')).toMatch(/^100000 ?一起$/);
    expect(writeChineseNumerals('三万一个月')).toMatch(/^30000 ?一个月$/);
  });

  it('leaves names, ordinals, months, rough amounts and words that hold a numeral alone', () => {
    for (const text of ['百度', '通义千问', '百川智能', '零一万物', '文心一言', '第十九个', '第四轮', '三月', '十二月', '十分重要', '一共', '几百个', '千万别', '二十年来', '三四年']) {
      expect(writeChineseNumerals(text)).toBe(text);
    }
  });
});

describe('questions with numbers in characters, through the real engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    ({ engine } = await loadRealReading());
  });
  const first = (q: string) => firstQuote(engine, q);

  it('answers from the sentence with the year or the count asked about', () => {
    expect(first('二〇二三年中国发布了几个大模型？')).toMatch(/19 LLMs/);
    expect(first('美国在二零二二年发布了多少个大模型？')).toMatch(/37 LLMs in 2022/);
    expect(first('文心一言的用户有一亿了吗？')).toMatch(/100 million users/);
  });
});
