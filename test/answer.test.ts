import { beforeAll, describe, expect, it } from 'vitest';
import { DECLINE_MESSAGE } from '../src/answer/compose.js';
import { formatPublished } from '../src/answer/dates.js';
import { trimSnippet } from '../src/answer/snippet.js';
import { loadEngine, type Engine } from '../src/engine.js';
import { definesSubject, definitionSubject } from '../src/search/question/answer-types.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('the decline rule', () => {
  it.each(['What is the capital of France?', 'Write me a poem', 'How tall is Mount Everest?', 'What time does the supermarket close?'])(
    'declines an off-topic question: %s',
    (q) => {
      const a = engine.answer(q);
      expect(a.answered).toBe(false);
      expect(a.citations).toEqual([]);
      expect(a.declineReason).toBe('off-topic');
      expect(a.text).toBe(DECLINE_MESSAGE);
    },
  );

  it('says what it knows about when it declines, naming no one surface', () => {
    expect(DECLINE_MESSAGE).toMatch(/Chinese large language models/);
    expect(DECLINE_MESSAGE).not.toMatch(/npm|\/sources/);
  });

  it('answers a question in the domain even with a typo in a name', () => {
    const a = engine.answer('Who founded Beijing Guangnian Beyond Tecnology?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toContain('Wang Huiwen');
  });

  it('does not let a fuzzy match outrank an exact one', () => {
    // "Minimax" is spelled exactly in two articles; fuzzy neighbours must not come first.
    const a = engine.answer('MiniMax');
    // A bare name may be answered or shown as closest passages: either way, the exact spelling first.
    expect((a.answered ? a.citations : a.related)[0]!.snippet).toMatch(/minimax/i);
  });

  it('declines empty and over-long questions without searching', () => {
    expect(engine.answer('   ')).toMatchObject({ answered: false, declineReason: 'empty', citations: [] });
    expect(engine.answer('Qwen '.repeat(120))).toMatchObject({ answered: false, declineReason: 'too-long', citations: [] });
  });
});

describe('answers and citations', () => {
  it('puts the best passage first with [1] and at most two supporting passages', () => {
    const a = engine.answer('How many LLMs did China release in 2023?');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/\[1\]/);
    expect(a.citations.length).toBeGreaterThanOrEqual(1);
    expect(a.citations.length).toBeLessThanOrEqual(3);
    expect(a.citations.map((c) => c.n)).toEqual(a.citations.map((_, i) => i + 1));
    expect(a.citations[0]!.snippet).toContain('in 2023, China has taken the lead with 19 LLMs');
    for (const c of a.citations.slice(1)) expect(a.text).toContain(`[${c.n}]`);
  });

  // The Musk article's headline sums up its first sentence, and a second article retells the visit:
  // a headline under the sentence it sums up would spend one of three places on nothing new.
  it.each([
    ['what was Musk doing in Beijing?', 'China has quickened its release', 'China accelerates launch of large-language models as Elon Musk visits Beijing'],
    ['who is Elon Musk?', 'commenced a high-stakes visit to China', "Elon Musk's High-Stakes Visit Amidst China's AI Boom"],
  ])('does not show a passage that retells one shown above it: %s', (q, told, retold) => {
    const a = engine.answer(q);
    const shown = [...a.citations, ...a.related].map((c) => c.snippet);
    expect(shown.some((s) => s.includes(told))).toBe(true);
    expect(shown.some((s) => s.includes(retold))).toBe(false);
  });

  it('carries title, publisher, date and link with every citation, leaving unknowns empty', () => {
    const [c] = engine.answer('What share of global LLMs did the US have according to CLSA?').citations;
    expect(c).toMatchObject({
      title: '40 Chinese AI Models Available for Public Use',
      publisher: 'Signpost News',
      published: '2024-01',
      publishedApprox: true,
      url: 'https://signpostnews.com/40-chinese-ai-models-available-for-public-use/',
    });
    const cnbc = engine.answer('Where does Paul Triolo work?').citations[0]!;
    expect(cnbc.publisher).toBe('CNBC');
    expect(cnbc.url).toBeNull();
  });

  it('runs a snippet on into the next sentence where the answer continues there', () => {
    const a = engine.answer('What will the October 2022 GPU export restriction do to China?');
    expect(a.citations[0]!.snippet).toMatch(/A100 and H100.*As a result, this constraint threatens to slow down/s);
  });

  it('runs a snippet on into the next sentence when that one points back with "these"', () => {
    const a = engine.answer('Which companies received approval in the inaugural batch?');
    const shown = (a.answered ? a.citations : a.related).slice(0, 3).map((c) => c.snippet);
    expect(shown).toContainEqual(expect.stringMatching(/inaugural batch of Chinese AI models\. Tech giants Baidu, Alibaba, and ByteDance were among the first recipients of these approvals\./));
  });

  it('runs a snippet on into the next sentence of the paragraph when that one holds what was asked', () => {
    // The first sentence names the Four AI Tigers; the next says which of them launched large models.
    const a = engine.answer('which of the four AI tigers have launched large models?');
    const shown = (a.answered ? a.citations : a.related).slice(0, 3).map((c) => c.snippet);
    expect(shown).toContainEqual(expect.stringMatching(/Megvii Technology, and Yitu Technology\. As of now, only SenseTime and CloudWalk have launched large models\./));
    // A sentence that adds nothing asked is not joined: the Tigers sentence alone answers who they are.
    const who = engine.answer('who are the four AI tigers?');
    expect((who.answered ? who.citations : who.related)[0]!.snippet).not.toMatch(/As of now/);
  });

  it('quotes the sentence before one that opens with a pronoun', () => {
    const a = engine.answer('Why did collaboration between Chinese and American organizations decline?');
    expect(a.citations[0]!.snippet).toMatch(/significantly decreased since 2020\. This decline can be attributed/);
  });

  it('quotes, and ranks, a sentence that opens with "At that time" together with the one it refers to', () => {
    // The count is in the second sentence, ChatGPT only in the first: quoted together they answer.
    const a = engine.answer('How many LLMs did China have when ChatGPT launched?');
    expect((a.answered ? a.citations : a.related).slice(0, 3).map((c) => c.snippet)).toContainEqual(
      expect.stringMatching(/ChatGPT, in 2022 sparked a rush.*At that time, China possessed 130 LLMs/s),
    );
  });

  it('quotes "Each of these companies …" with the sentence that says which companies', () => {
    const a = engine.answer('What is each national AI team company expected to do?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toMatch(/national AI teams.*Each of these companies is expected to spearhead/s);
  });

  it('finds machine-translated spellings: "LL.M." and run-together words', () => {
    expect(engine.answer('Which LLMs have the most downloads on Hugging Face?').citations[0]!.snippet).toContain('LL.M.');
    expect(engine.answer('Which Alibaba model is most popular on Hugging Face?').citations[0]!.snippet).toContain('Alibabais');
  });

  it('answers a question written in Chinese from the English articles', () => {
    const a = engine.answer('百度的聊天机器人有多少用户?');
    expect(a.answered).toBe(true);
    expect(a.citations.slice(0, 3).some((c) => c.snippet.includes('100 million users'))).toBe(true);
  });
});

describe('trimSnippet', () => {
  const long = `${'Background words come first here. '.repeat(12)}The key fact is that Qwen is popular. ${'Trailing words follow after it. '.repeat(12)}`;

  it('keeps short text as it is', () => {
    expect(trimSnippet('Short text.', ['text'])).toBe('Short text.');
  });

  it('trims long text at word boundaries around the matched words, marking cuts with …', () => {
    const s = trimSnippet(long, ['Qwen'], 120);
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s).toContain('Qwen');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    for (const piece of s.split('…').filter(Boolean)) expect(long).toContain(piece);
  });
});

describe('definition questions', () => {
  it('finds the subject of "what/who is X?"', () => {
    expect(definitionSubject('What is an AI chatbot?')).toBe('AI chatbot');
    expect(definitionSubject('Who is Huang Minlie?')).toBe('Huang Minlie');
    expect(definitionSubject('How many LLMs are there?')).toBeNull();
  });

  it('recognises a sentence that defines it', () => {
    expect(definesSubject('Qwen, a family of artificial intelligence models founded by Alibaba', 'Qwen')).toBe(true);
    expect(definesSubject('– AI Chatbot: An AI-powered computer program', 'AI chatbot')).toBe(true);
    expect(definesSubject('Qwen quickly gained popularity', 'Qwen')).toBe(false);
  });
});

describe('formatPublished', () => {
  it('shows approximate dates as "about …" and never adds precision', () => {
    expect(formatPublished('2023-05', true)).toBe('about May 2023');
    expect(formatPublished('2023-06/2023-08', true)).toBe('about June–August 2023');
    expect(formatPublished('2024-01-28', false)).toBe('28 January 2024');
    expect(formatPublished('2023', false)).toBe('2023');
    expect(formatPublished(null, true)).toBeNull();
  });
});

describe('the answer cache', () => {
  it('returns the same frozen answer for a repeated question, so no caller can change it for others', () => {
    const first = engine.answer('What is Qwen?');
    expect(engine.answer('What is Qwen?')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.citations[0])).toBe(true);
  });

  it('forgets the least recently used entry first', async () => {
    const { LruCache } = await import('../src/answer/answer-cache.js');
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });
});
