import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultKnowledgeDir, loadEngine, type Engine } from '../src/engine.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { normaliseForQuote, readQuestions, type EvalQuestion } from './support/questions.js';

let engine: Engine;
let bodies: string[];
beforeAll(async () => {
  engine = await loadEngine();
  bodies = (await loadKnowledge(defaultKnowledgeDir())).articles.map((a) => normaliseForQuote(a.body));
});

function score(questions: EvalQuestion[]) {
  const inDomain = questions.filter((q) => !q.ood);
  const has = (snippet: string | undefined, q: EvalQuestion) =>
    !!snippet && (q.keys ?? []).some((k) => normaliseForQuote(snippet).includes(normaliseForQuote(k)));
  let hit1 = 0;
  let hit3 = 0;
  let useful3 = 0;
  let wrong = 0;
  const misses: string[] = [];
  for (const q of inDomain) {
    const a = engine.answer(q.q);
    const h1 = a.answered && has(a.citations[0]?.snippet, q);
    const h3 = a.answered && a.citations.slice(0, 3).some((c) => has(c.snippet, q));
    hit1 += Number(h1);
    hit3 += Number(h3);
    useful3 += Number(h3 || (!a.answered && a.related.slice(0, 3).some((c) => has(c.snippet, q))));
    wrong += Number(a.answered && !h3);
    if (!h1) misses.push(`${q.id} ${h3 ? 'hit@3 only' : 'MISS'}: ${q.q}`);
  }
  const ood = questions.filter((q) => q.ood);
  const declined = ood.filter((q) => !engine.answer(q.q).answered).length;
  const n = inDomain.length;
  return { hit1: hit1 / n, hit3: hit3 / n, useful3: useful3 / n, wrong, declined, ood: ood.length, misses };
}

describe('retrieval quality', () => {
  it('meets the bars on the dev questions: hit@1 ≥ 0.95, the answer shown for every one, none wrong, every off-topic question declined', () => {
    const s = score(readQuestions('dev-questions.jsonl'));
    expect(s.hit1).toBeGreaterThanOrEqual(0.95);
    // An answer the decision model does not trust is "not sure", with the answer among the closest passages.
    expect(s.useful3).toBe(1);
    expect(s.wrong).toBe(0);
    expect(s.declined).toBe(s.ood);
  });

  it('generalises to paraphrased questions it was not tuned on (the answer shown for ≥ 95%, at most one wrong) and declines off-topic ones', () => {
    const s = score(readQuestions('extra-questions.jsonl'));
    // The decision keeps an answer only where writers it was not fitted on were right ≥ 96% of the
    // time: a few of these are "not sure", with the answer among the closest passages.
    expect(s.useful3).toBeGreaterThanOrEqual(0.95);
    // Known miss since the model is fitted on 27 writers: "Which US companies offer open source
    // models too?" ranks the sentence on Chinese open-source models a hair (0.654 against 0.648)
    // above the one naming Meta and Mistral, and answers with it. None of these was wrong before.
    expect(s.wrong).toBeLessThanOrEqual(1);
    expect(s.hit1).toBeGreaterThanOrEqual(0.85);
    // Known miss since everyday words count less: "What is the meaning of life?" is answered from a
    // sentence that uses "meaning". One off-topic question may slip; more is a regression.
    expect(s.declined).toBeGreaterThanOrEqual(s.ood - 1);
  });

  it('holds on questions written after tuning, blind to the code (held-out-questions.jsonl)', () => {
    // Scored once when written: useful@3 0.825, hit@1 0.475, 1 wrong, 15/15 off-topic declined.
    const s = score(readQuestions('held-out-questions.jsonl'));
    expect(s.useful3).toBeGreaterThanOrEqual(0.8);
    expect(s.wrong).toBeLessThanOrEqual(2);
    expect(s.declined).toBeGreaterThanOrEqual(s.ood - 1);
  });

  it('holds on a second blind set, written after all tuning (session5-questions.jsonl)', () => {
    // Scored once when written: useful@3 0.925, hit@1 0.625, 1 wrong, 15/15 off-topic declined.
    const s = score(readQuestions('session5-questions.jsonl'));
    expect(s.useful3).toBeGreaterThanOrEqual(0.85);
    expect(s.wrong).toBeLessThanOrEqual(2);
    expect(s.declined).toBeGreaterThanOrEqual(s.ood - 1);
  });

  it('answers casual, paraphrased and Chinese questions of our own, and declines near-domain ones', () => {
    const s = score(readQuestions('realistic-questions.jsonl'));
    expect(s.useful3).toBeGreaterThanOrEqual(0.85);
    expect(s.hit1).toBeGreaterThanOrEqual(0.6);
    expect(s.wrong).toBeLessThanOrEqual(3);
    expect(s.declined).toBeGreaterThanOrEqual(s.ood - 1);
  });

  it('quotes every snippet verbatim from its article ("…" only where trimmed)', () => {
    const all = [...readQuestions('dev-questions.jsonl'), ...readQuestions('extra-questions.jsonl')];
    for (const q of all) {
      for (const c of engine.answer(q.q).citations) {
        for (const piece of c.snippet.split('…').map(normaliseForQuote).filter(Boolean)) {
          expect(bodies.some((b) => b.includes(piece)), `${q.id}: ${piece}`).toBe(true);
        }
      }
    }
  });
});

describe('knowledge files', () => {
  it('keep the article wording: every sentence of every article is in the knowledge', async () => {
    // The knowledge files were made from the captured articles with page furniture removed only;
    // the shipped fixture holds one paragraph per article as captured, to guard against edits.
    const fixture = await readFile(join(import.meta.dirname, 'fixtures', 'article-excerpts.txt'), 'utf8');
    for (const line of fixture.split('\n').filter(Boolean)) {
      expect(bodies.some((b) => b.includes(normaliseForQuote(line))), line).toBe(true);
    }
  });
});
