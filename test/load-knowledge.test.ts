import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatFrontMatter } from '../src/knowledge/frontmatter.js';
import { KnowledgeError, loadKnowledge } from '../src/knowledge/load.js';

const good = {
  id: 'demo-article',
  title: 'A demo article',
  publisher: 'Demo News',
  author: null,
  published: '2023-05',
  publishedApprox: true,
  url: 'https://example.com/demo',
  source: 'demo.txt',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knowledge-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, meta: Record<string, unknown>, body = 'Baidu released Ernie Bot. It has many users.') {
  await writeFile(join(dir, name), formatFrontMatter(meta, body));
}

async function problems(): Promise<string[]> {
  try {
    await loadKnowledge(dir);
  } catch (err) {
    if (err instanceof KnowledgeError) return err.problems.map((p) => `${p.file.split('/').pop()}: ${p.field}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('loadKnowledge', () => {
  it('loads a valid article with its metadata and verbatim body', async () => {
    await write('demo.md', good);
    const { articles } = await loadKnowledge(dir);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ ...good, body: 'Baidu released Ernie Bot. It has many users.' });
  });

  it('names the file and the field that is missing', async () => {
    const { title: _t, ...noTitle } = good;
    await write('foo.md', noTitle);
    expect(await problems()).toEqual([expect.stringMatching(/^foo\.md: title: required/)]);
  });

  it('rejects a bad URL', async () => {
    await write('foo.md', { ...good, url: 'not a url' });
    expect(await problems()).toEqual([expect.stringMatching(/^foo\.md: url: expected an http\(s\) URL/)]);
  });

  it('rejects a bad date, saying what a date looks like', async () => {
    await write('foo.md', { ...good, published: 'May 2023' });
    expect(await problems()).toEqual([expect.stringMatching(/^foo\.md: published: expected YYYY or YYYY-MM/)]);
  });

  it('accepts approximate dates at the precision known, including a month range', async () => {
    await write('a.md', { ...good, id: 'a', published: '2023' });
    await write('b.md', { ...good, id: 'b', published: '2023-06/2023-08' });
    await write('c.md', { ...good, id: 'c', published: null });
    expect(await problems()).toEqual([]);
  });

  it('rejects an empty body', async () => {
    await write('foo.md', good, '   \n');
    expect(await problems()).toEqual(['foo.md: body: the article text is empty']);
  });

  it('rejects a duplicate id, naming both files', async () => {
    await write('a.md', good);
    await write('b.md', good);
    expect(await problems()).toEqual([expect.stringMatching(/^b\.md: id: duplicate id "demo-article" \(also in .*a\.md\)/)]);
  });

  it('rejects unknown fields (a typo would otherwise be lost silently)', async () => {
    await write('foo.md', { ...good, pubisher: 'x' });
    expect((await problems())[0]).toMatch(/^foo\.md: front matter: .*pubisher/);
  });

  it('a folder of many bad files names the first twenty and counts the rest, instead of a line per file', async () => {
    for (let i = 0; i < 25; i++) await write(`bad-${String(i).padStart(2, '0')}.md`, { ...good, id: `bad-${i}`, file: 'x' });
    const err = await loadKnowledge(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect((err as KnowledgeError).problems).toHaveLength(25); // every problem is still there for a checker
    const lines = (err as KnowledgeError).message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/bad-00\.md: front matter: Unrecognized key: "file"/);
    expect(lines[20]).toBe('… and 5 more (npm run knowledge:check lists them all)');
  });

  it('reports every bad file at once, and a broken alias table', async () => {
    await write('a.md', { ...good, id: 'Bad Id' });
    await write('b.md', { ...good, id: 'b', url: 'ftp://x' });
    await writeFile(join(dir, 'aliases.json'), JSON.stringify({ groups: [{ kind: 'company', names: ['OnlyOne'] }] }));
    const found = await problems();
    expect(found).toHaveLength(3);
    expect(found[2]).toMatch(/^aliases\.json: groups\.0\.names: a group needs at least two names/);
  });

  it('reports front matter that is not closed', async () => {
    await writeFile(join(dir, 'foo.md'), '---\nid: x\n');
    expect(await problems()).toEqual([expect.stringMatching(/^foo\.md: : front matter is not closed/)]);
  });
});
