import { describe, expect, it } from 'vitest';
import { syntheticKnowledge } from '../src/bench/synthetic.js';
import { defaultKnowledgeDir } from '../src/engine.js';
import { loadKnowledge } from '../src/knowledge/load.js';

// The scale figures of `npm run bench` are only worth something if "1,000 articles" are 1,000.
describe('syntheticKnowledge', () => {
  it('makes 1,000 articles with 1,000 different texts', async () => {
    const real = await loadKnowledge(defaultKnowledgeDir());
    const { articles } = syntheticKnowledge(real, 1000);
    expect(articles).toHaveLength(1000);
    expect(new Set(articles.map((a) => a.body)).size).toBe(1000);
  });

  it('is reproducible from its seed', async () => {
    const real = await loadKnowledge(defaultKnowledgeDir());
    expect(syntheticKnowledge(real, 20, 7)).toEqual(syntheticKnowledge(real, 20, 7));
    expect(syntheticKnowledge(real, 20, 7).articles[0]!.body).not.toBe(syntheticKnowledge(real, 20, 8).articles[0]!.body);
  });
});
