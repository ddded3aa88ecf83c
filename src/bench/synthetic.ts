import type { Knowledge } from '../knowledge/load.js';
import { splitPassages } from '../knowledge/passages.js';
import type { Article } from '../knowledge/schema.js';

/**
 * The classic LCG (glibc's constants, modulus 2^32: full period), in exact 32-bit integer
 * arithmetic. Computed in doubles, `state * 1103515245` exceeds 2^53 and loses its low bits, and
 * the generator then fell into a cycle short enough that 1,000 "articles" were 159 distinct ones.
 * Returns floats in [0, 1) taken from the whole state, whose high bits are the well-mixed ones.
 */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A larger knowledge base made from the real passages, for scaling measurements: each synthetic
 * article strings together real sentences from random articles, with its numbers changed and a
 * few invented names added, so the vocabulary grows with the corpus as real news would.
 */
export function syntheticKnowledge(real: Knowledge, articleCount: number, seed = 42): Knowledge {
  const sentences = real.articles.flatMap((a) => splitPassages(a).filter((p) => p.kind === 'sentence').map((p) => p.text));
  const random = lcg(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const syllables = ['zan', 'qi', 'lor', 'men', 'tao', 'vek', 'sun', 'ria', 'hex', 'bo', 'lin', 'kar'];
  const inventName = () => pick(syllables) + pick(syllables) + pick(syllables);

  const articles: Article[] = [];
  for (let i = 0; i < articleCount; i++) {
    const names = [inventName(), inventName(), inventName()].map((n) => n[0]!.toUpperCase() + n.slice(1));
    const paragraphs: string[] = [];
    const sentenceCount = 30 + Math.floor(random() * 30);
    let paragraph: string[] = [];
    for (let s = 0; s < sentenceCount; s++) {
      let text = pick(sentences).replace(/\d+/g, () => String(Math.floor(random() * 2000)));
      if (random() < 0.3) text = `${pick(names)} said: ${text}`;
      paragraph.push(text);
      if (paragraph.length >= 3 + Math.floor(random() * 3)) {
        paragraphs.push(paragraph.join(' '));
        paragraph = [];
      }
    }
    if (paragraph.length) paragraphs.push(paragraph.join(' '));
    articles.push({
      id: `synthetic-${i}`,
      title: `Synthetic report ${i} on ${names[0]}`,
      publisher: 'Synthetic',
      author: null,
      published: '2024-01',
      publishedApprox: false,
      url: null,
      source: null,
      body: paragraphs.join('\n\n'),
      file: `synthetic-${i}.md`,
    });
  }
  return { articles, aliases: real.aliases, glossary: real.glossary };
}
