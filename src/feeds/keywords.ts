/**
 * A feed's keywords: an item is taken when its title or summary holds one of them as a whole word,
 * so "AI" matches "China's AI race" and "AI大模型" but not "said" or "AIDS". Latin words end where
 * letters and digits end; Chinese has no spaces, so its word edges are where Intl.Segmenter puts
 * them: "模型" matches "发布多款大模型" (大|模型), "国人" does not match "中国人民银行" (中国|人民|银行).
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Character offsets where a word starts or ends, by the segmenter (computed once per text). */
function wordEdges(text: string): Set<number> {
  const edges = new Set<number>([0, text.length]);
  for (const s of segmenter.segment(text)) {
    edges.add(s.index);
    edges.add(s.index + s.segment.length);
  }
  return edges;
}

/** Whether a keyword may start or end at `at`: `inside` is its character there, `outside` the text's beyond it. */
function edgeOk(text: string, at: number, inside: string, outside: string | undefined, edges: () => Set<number>): boolean {
  if (outside === undefined || at === 0 || at === text.length) return true;
  if (LATIN_OR_DIGIT.test(inside)) return !LATIN_OR_DIGIT.test(outside);
  if (HAN.test(inside)) return !HAN.test(outside) || edges().has(at);
  return true;
}

/** Whether `text` holds `keyword` as a whole word (case and width folded). */
export function hasWholeWord(text: string, keyword: string): boolean {
  const hay = text.normalize('NFKC').toLowerCase();
  const needle = keyword.normalize('NFKC').toLowerCase().trim();
  if (!needle) return false;
  let cached: Set<number> | undefined;
  const edges = () => (cached ??= wordEdges(hay));
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (edgeOk(hay, at, needle[0]!, hay[at - 1], edges) && edgeOk(hay, end, needle.at(-1)!, hay[end], edges)) return true;
  }
  return false;
}

/** No keywords: every item. Otherwise an item whose title or summary holds any of them. */
export function matchesKeywords(item: { title: string; summary: string }, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  const text = `${item.title}\n${item.summary}`;
  return keywords.some((k) => hasWholeWord(text, k));
}
