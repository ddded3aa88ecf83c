import { describe, expect, it } from 'vitest';
import { splitPassages } from '../src/knowledge/passages.js';
import { splitSentences } from '../src/knowledge/sentences.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits ordinary sentences', () => {
    expect(sentences('China leads. The U.S. follows! Does it? Yes.')).toEqual(['China leads.', 'The U.S. follows!', 'Does it?', 'Yes.']);
  });

  it.each([
    ['U.S.', 'In October 2022, the U.S. Department of Commerce imposed an export restriction.'],
    ['Mr.', 'Tesla CEO Mr. Musk met Qin Gang in Beijing.'],
    ['Corp.', 'Shares of Xiaomi Corp. Beijing rose after the approval.'],
    ['No.', 'It ranked No. 1 on Hugging Face.'],
    ['01.AI', 'Firms such as 01.AI were approved this month.'],
    ['3.5', 'Baidu released Ernie 3.5 with twice the power.'],
    ['LL.M.', 'Developing Open Source or Open Weight LL.M. Developers can download and build for free.'],
  ])('does not end a sentence at "%s"', (_abbr, text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it('still ends a sentence after an abbreviation when a new sentence clearly starts', () => {
    expect(sentences('Exports went to the U.S. The next year they fell.')).toEqual(['Exports went to the U.S.', 'The next year they fell.']);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(sentences('“Qwen is good,” Wang said. “It is popular.” He added more.')).toEqual([
      '“Qwen is good,” Wang said.',
      '“It is popular.”',
      'He added more.',
    ]);
  });
});

describe('splitPassages', () => {
  const body = [
    'Rapid Rise of Large-Language Models in China',
    '',
    'The year 2020 saw two LLMs. However, 2021 saw 30.',
    '- Chinese Tech Giants',
    '– AI Chatbot: An AI-powered computer program.',
  ].join('\n');
  const passages = splitPassages({ id: 'demo', body });

  it('gives headings, sentences and list items stable ids in reading order', () => {
    expect(passages.map((p) => [p.id, p.kind, p.text])).toEqual([
      ['demo#0', 'heading', 'Rapid Rise of Large-Language Models in China'],
      ['demo#1', 'sentence', 'The year 2020 saw two LLMs.'],
      ['demo#2', 'sentence', 'However, 2021 saw 30.'],
      ['demo#3', 'heading', 'Chinese Tech Giants'],
      ['demo#4', 'list-item', 'AI Chatbot: An AI-powered computer program.'],
    ]);
  });

  it('keeps offsets into the body so passages are verbatim', () => {
    for (const p of passages) expect(body.slice(p.start, p.end)).toBe(p.text);
  });

  it('remembers the heading above each passage', () => {
    expect(passages[2]!.heading).toBe('Rapid Rise of Large-Language Models in China');
    expect(passages[4]!.heading).toBe('Chinese Tech Giants');
  });
});

describe('Chinese sentences', () => {
  it('a line that ends with 。, ！ or ？ is a sentence, not a heading, though it has no spaces', () => {
    const body = ['大模型发展概况', '', '月之暗面的Kimi助手可以一次读取两百万字的文件。', '', '真的吗？'].join('\n');
    expect(splitPassages({ id: 'zh', body }).map((p) => [p.kind, p.text])).toEqual([
      ['heading', '大模型发展概况'],
      ['sentence', '月之暗面的Kimi助手可以一次读取两百万字的文件。'],
      ['sentence', '真的吗？'],
    ]);
  });

  it('end at 。！？ even without a space after them', () => {
    expect(sentences('深度求索发布了DeepSeek-R1。该模型以MIT许可证开源！真的吗？是的。')).toEqual([
      '深度求索发布了DeepSeek-R1。',
      '该模型以MIT许可证开源！',
      '真的吗？',
      '是的。',
    ]);
  });
});
