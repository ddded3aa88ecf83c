import { formatFrontMatter } from '../knowledge/frontmatter.js';
import type { Knowledge } from '../knowledge/load.js';
import { splitPassages } from '../knowledge/passages.js';

/**
 * A knowledge file of about `bytes` bytes made from the real sentences, numbered so that no two
 * paragraphs are alike: the kind of article (a pasted report, a whole PDF) that makes a reload heavy.
 */
export function bigArticleText(real: Knowledge, bytes: number, id = 'big-pasted-report'): string {
  const sentences = real.articles.flatMap((a) => splitPassages(a).filter((p) => p.kind === 'sentence').map((p) => p.text));
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `Section ${i}: ${sentences[i % sentences.length]!} ${sentences[(i * 7 + 3) % sentences.length]!}`;
    lines.push(line, '');
    size += Buffer.byteLength(line) + 2;
  }
  const meta = { id, title: `A pasted report of ${Math.round(bytes / 1e6)} MB`, publisher: 'bench', author: null, published: null, publishedApprox: false, url: null, source: null };
  return formatFrontMatter(meta, lines.join('\n'));
}
