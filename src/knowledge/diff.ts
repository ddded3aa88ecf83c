import { createHash } from 'node:crypto';
import type { Knowledge } from './load.js';
import { splitPassages } from './passages.js';

/** What a reload changed, for `/reload` replies and the log. Article lists hold ids. */
export interface KnowledgeDiff {
  articlesAdded: string[];
  articlesRemoved: string[];
  /** Same id, different text or details. */
  articlesChanged: string[];
  /** Passages compared by article and text, so an inserted sentence counts once, not as a shift. */
  passagesAdded: number;
  passagesRemoved: number;
  aliasesChanged: boolean;
}

/**
 * What a diff needs from one knowledge, in hashes: small enough to hand between threads, so the
 * thread that loads new knowledge can compare it with the served one without holding both.
 */
export interface KnowledgeFingerprint {
  /** Article id → hash of everything in the article but its file name. */
  articles: Map<string, string>;
  /** Hash of article id and passage text → how many passages have it. */
  passages: Map<string, number>;
  aliases: string;
}

const hash = (text: string) => createHash('sha1').update(text).digest('base64');

export function fingerprintKnowledge(knowledge: Knowledge): KnowledgeFingerprint {
  const articles = new Map<string, string>();
  const passages = new Map<string, number>();
  for (const article of knowledge.articles) {
    articles.set(article.id, hash(JSON.stringify({ ...article, file: undefined })));
    for (const p of splitPassages(article)) {
      const k = hash(`${article.id}\u0000${p.text}`);
      passages.set(k, (passages.get(k) ?? 0) + 1);
    }
  }
  return { articles, passages, aliases: hash(JSON.stringify(knowledge.aliases)) };
}

/** Compares two loaded knowledges by article id, article content and passage text. */
export function diffKnowledge(before: Knowledge, after: Knowledge): KnowledgeDiff {
  return diffFingerprints(fingerprintKnowledge(before), fingerprintKnowledge(after));
}

export function diffFingerprints(before: KnowledgeFingerprint, after: KnowledgeFingerprint): KnowledgeDiff {
  const old = before.articles;
  const now = after.articles;
  const removedPassages = new Map(before.passages);
  let passagesAdded = 0;
  for (const [key, n] of after.passages) {
    const had = removedPassages.get(key) ?? 0;
    passagesAdded += Math.max(0, n - had);
    removedPassages.set(key, Math.max(0, had - n));
  }
  let passagesRemoved = 0;
  for (const n of removedPassages.values()) passagesRemoved += n;
  return {
    articlesAdded: [...now.keys()].filter((id) => !old.has(id)),
    articlesRemoved: [...old.keys()].filter((id) => !now.has(id)),
    articlesChanged: [...now].filter(([id, k]) => old.has(id) && old.get(id) !== k).map(([id]) => id),
    passagesAdded,
    passagesRemoved,
    aliasesChanged: before.aliases !== after.aliases,
  };
}

export function isEmptyDiff(diff: KnowledgeDiff): boolean {
  return (
    !diff.aliasesChanged &&
    diff.articlesAdded.length + diff.articlesRemoved.length + diff.articlesChanged.length + diff.passagesAdded + diff.passagesRemoved === 0
  );
}

/** One line for logs and replies: "+1 article (new-id), 12 passages added, 0 removed". */
export function describeDiff(diff: KnowledgeDiff): string {
  if (isEmptyDiff(diff)) return 'nothing changed';
  const list = (label: string, ids: string[]) => (ids.length ? [`${label} ${ids.length} article${ids.length === 1 ? '' : 's'} (${ids.join(', ')})`] : []);
  return [
    ...list('added', diff.articlesAdded),
    ...list('removed', diff.articlesRemoved),
    ...list('changed', diff.articlesChanged),
    `passages +${diff.passagesAdded} -${diff.passagesRemoved}`,
    ...(diff.aliasesChanged ? ['alias table changed'] : []),
  ].join(', ');
}
