import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKnowledgeDir } from '../src/engine.js';
import { formatFrontMatter, FrontMatterError, parseFrontMatter } from '../src/knowledge/frontmatter.js';
import { parseArticle } from '../src/knowledge/load.js';

const dir = defaultKnowledgeDir();
const files = readdirSync(dir).filter((f) => f.endsWith('.md'));

describe('front matter as YAML', () => {
  it.each(files)('%s loads unchanged, and writing its fields back gives the same fields', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const parsed = parseFrontMatter(text);
    // Each line of the old format is `key: JSON literal` or a bare word: what YAML reads must be the same value.
    for (const line of text.split('\n').slice(1, text.split('\n').indexOf('---', 1))) {
      const [, key, raw] = /^(\w+):\s*(.*)$/.exec(line)!;
      expect(parsed.data[key!]).toEqual(/^(null|true|false|".*")$/.test(raw!) ? JSON.parse(raw!) : raw);
    }
    const again = parseFrontMatter(formatFrontMatter(parsed.data, parsed.body));
    expect(again.data).toEqual(parsed.data);
    expect(again.body.trim()).toBe(parsed.body.trim());
  });

  it('reads what a person may write in YAML: comments, bare and single-quoted strings, ~', () => {
    const text = [
      '---',
      '# added by hand',
      'id: kimi',
      "title: 'Kimi: a long read'",
      'publisher: Example News   # the site',
      'author: ~',
      'published: 2024-03',
      'publishedApprox: false',
      'url: https://example.com/kimi',
      'source: null',
      '---',
      'Body.',
    ].join('\n');
    const result = parseArticle(text, 'kimi.md');
    expect(result).toMatchObject({ article: { id: 'kimi', title: 'Kimi: a long read', publisher: 'Example News', author: null, published: '2024-03', url: 'https://example.com/kimi' } });
  });

  it('names the line of a fault', () => {
    expect(() => parseFrontMatter('---\nid: a\nid: b\n---\nx')).toThrow(new FrontMatterError('line 3: Map keys must be unique'));
    expect(() => parseFrontMatter('---\ntitle: Kimi: a long read\n---\nx')).toThrow(/^line 2: .*put a value holding ": " in double quotes/);
    expect(() => parseFrontMatter('---\n- a list\n---\nx')).toThrow('expected "key: value" lines');
  });

  it('writes any string so that it reads back exactly', () => {
    const data = { title: 'Say "hi": \\ #1 — 中文\u2028next', published: '2024', url: null, publishedApprox: true };
    expect(parseFrontMatter(formatFrontMatter(data, 'Body.')).data).toEqual(data);
  });
});
