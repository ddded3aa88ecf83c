import { beforeAll, describe, expect, it } from 'vitest';
import { answerJsonSchema, toAnswerJson } from '../src/answer/json-contract.js';
import { NOT_SURE_MESSAGE } from '../src/answer/compose.js';
import { defaultKnowledgeDir, loadEngine, type Engine } from '../src/engine.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createGlossaryMatcher, segmentCjkQuery } from '../src/search/question/cjk.js';
import { createAliasMatcher } from '../src/search/question/aliases.js';
import { glossarySchema } from '../src/knowledge/schema.js';
import { renderAnswerText } from '../src/cli/render-terminal.js';
import { renderAnswerEmbed } from '../src/discord/render/answer.js';
import { COLORS } from '../src/discord/render/limits.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('three outcomes', () => {
  it('answers when a passage answers: citations, no related', () => {
    const a = engine.answer('tencnet model name?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toContain('HunYuan');
    expect(a.related).toEqual([]);
    expect(answerJsonSchema.parse(toAnswerJson(a)).related).toEqual([]);
  });

  it.each(['hi bot how are you', 'thanks bot!', 'yo whats up', '你好'])('declines a greeting or thanks ("%s") plainly: "bot" is not a question about Ernie Bot', (q) => {
    const a = engine.answer(q);
    expect(a.answered).toBe(false);
    expect(a.related).toEqual([]);
  });

  it('still answers a question that opens with a greeting', () => {
    const a = engine.answer('hi bot, what is Qwen?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toMatch(/^Qwen, a family of artificial intelligence models/);
  });

  it('says the sources mention the subject but not the fact asked for, with passages about it', () => {
    const a = engine.answer('how much funding has minimax raised so far');
    expect(a.answered).toBe(false);
    expect(a.declineReason).toBe('missing-fact');
    expect(a.text).toMatch(/^My sources mention MiniMax but not its funding\./);
    expect(a.related.length).toBeGreaterThan(0);
    expect(a.related.length).toBeLessThanOrEqual(3);
    for (const r of a.related) expect(r.snippet).toMatch(/minimax/i); // passages about the subject, not about funding elsewhere
    expect(a.citations).toEqual([]);
  });

  it('shows the closest passages when not sure, never as the answer, on every surface', () => {
    const a = engine.answer('is the small qwen any good or do u need the huge one to get decent results');
    expect(a.answered).toBe(false);
    expect(a.related.length).toBeGreaterThan(0);
    const json = answerJsonSchema.parse(toAnswerJson(a));
    expect(json.answer).not.toMatch(/\[1\]/);
    expect(renderAnswerText(a)).toContain('Closest passages (not an answer)');
    const embed = renderAnswerEmbed(a);
    expect(embed.color).toBe(COLORS.related);
    expect(embed.author?.name).toMatch(/closest passages/i);
    expect(a.text === NOT_SURE_MESSAGE || a.declineReason === 'missing-fact').toBe(true);
  });

  it('declines with nothing related when nothing is about the question', () => {
    for (const q of ['What time does the supermarket close?', 'What is the capital of France?']) {
      const a = engine.answer(q);
      expect(a.answered, q).toBe(false);
      expect(a.related, q).toEqual([]);
      expect(a.declineReason, q).toBe('off-topic');
    }
  });

  it('the JSON contract refuses related passages on an answered question', () => {
    const a = toAnswerJson(engine.answer('tencnet model name?'));
    expect(() => answerJsonSchema.parse({ ...a, related: a.citations })).toThrow();
  });
});

describe('Chinese questions', () => {
  it('are cut at names, glossary words and dictionary words; glossary words carry their English', async () => {
    const knowledge = await loadKnowledge(defaultKnowledgeDir());
    const aliases = createAliasMatcher(knowledge.aliases, (n) => n.toLowerCase().split(/\s+/));
    const segments = segmentCjkQuery('马斯克在北京见的秦刚当时是什么职位', aliases, createGlossaryMatcher(knowledge.glossary));
    const byText = new Map(segments.map((s) => [s.text, s]));
    expect(byText.get('北京')?.name).toBe(true);
    expect(byText.get('职位')?.english).toBe('position title');
    expect(byText.has('当时')).toBe(false); // "at that time": an adverb with no topic, left out
    expect(byText.has('秦刚')).toBe(true); // single characters the dictionary splits are one name again
  });

  it('the glossary is validated like the aliases: a word in two entries is refused', () => {
    const bad = glossarySchema.safeParse({ entries: [{ zh: ['芯片'], en: 'chips' }, { zh: ['芯片'], en: 'chip' }] });
    expect(bad.success).toBe(false);
    expect(glossarySchema.safeParse({ entries: [{ zh: ['chips'], en: 'chips' }] }).success).toBe(false);
  });

  it('a Chinese question is matched to the English text', () => {
    const a = engine.answer('王慧文收购一流科技是哪个月的事?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toContain('Oneflow in March 2023');
  });
});
