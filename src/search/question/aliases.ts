import type { AliasTable } from '../../knowledge/schema.js';

/**
 * Finds alias names in a sequence of processed terms and yields the group's canonical term, so that
 * "Wen Xin Yi Yan", "Ernie Bot" and "文心一言" all add the same term to the index and the query.
 */

/** Canonical terms start with this, so they never collide with (or fuzzy-match) words. */
export const ALIAS_PREFIX = '~';

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

export interface AliasMatch {
  canonical: string;
  /** Index of the first and one past the last matched term (for CJK: UTF-16 positions in the run). */
  start: number;
  end: number;
}

export interface AliasMatcher {
  /** Every alias phrase found in `terms` (matches may overlap). */
  match(terms: readonly string[]): AliasMatch[];
  /** The CJK alias names found inside a CJK run, with their character positions (may overlap). */
  matchCjk(run: string): AliasMatch[];
  /** Every alias name as written, with its canonical term (autocomplete, checks). */
  readonly names: ReadonlyArray<{ name: string; canonical: string; kind: string }>;
  readonly size: number;
}

/**
 * @param table the validated alias table
 * @param toTerms the analyzer's own processing, so names are matched exactly as text is indexed
 */
export function createAliasMatcher(table: AliasTable, toTerms: (name: string) => string[]): AliasMatcher {
  // A trie over processed terms: one walk per position finds every phrase starting there.
  const root: TrieNode = { next: new Map(), canonicals: [] };
  const cjkNames = new Map<string, Set<string>>();
  const names: Array<{ name: string; canonical: string; kind: string }> = [];
  table.groups.forEach((group) => {
    const canonical = ALIAS_PREFIX + slug(group.names[0]!);
    for (const name of group.names) {
      names.push({ name, canonical, kind: group.kind });
      // A name with Chinese in it ("文心一言", "智谱AI") is found by its Chinese part: the tokenizer
      // splits "智谱AI" into 智谱 and ai, and "ai" alone must not stand for Zhipu.
      const cjk = (name.match(CJK_RUN) ?? []).sort((a, b) => b.length - a.length)[0];
      if (cjk !== undefined) {
        if ([...cjk].length >= 2) addTo(cjkNames, cjk, canonical);
        continue;
      }
      const terms = toTerms(name);
      if (terms.length === 0) continue;
      let node = root;
      for (const t of terms) {
        let child = node.next.get(t);
        if (!child) node.next.set(t, (child = { next: new Map(), canonicals: [] }));
        node = child;
      }
      if (!node.canonicals.includes(canonical)) node.canonicals.push(canonical);
    }
  });

  return {
    names,
    size: table.groups.length,
    match(terms) {
      // Every phrase at every position: "Spark Cognitive LLM" is both Spark and an LLM.
      const found: AliasMatch[] = [];
      for (let i = 0; i < terms.length; i++) {
        let node: TrieNode | undefined = root;
        for (let j = i; j < terms.length; j++) {
          node = node.next.get(terms[j]!);
          if (!node) break;
          for (const canonical of node.canonicals) found.push({ canonical, start: i, end: j + 1 });
        }
      }
      return found;
    },
    matchCjk(run) {
      const found: AliasMatch[] = [];
      for (const [name, groups] of cjkNames) {
        for (let at = run.indexOf(name); at >= 0; at = run.indexOf(name, at + 1)) {
          for (const canonical of groups) found.push({ canonical, start: at, end: at + name.length });
        }
      }
      return found;
    },
  };
}

interface TrieNode {
  next: Map<string, TrieNode>;
  canonicals: string[];
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
}
