import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKnowledgeCheck } from '../src/cli/knowledge-check.js';
import { checkKnowledge } from '../src/runtime/check-knowledge.js';
import { captureOutput, tempKnowledge } from './support/temp-knowledge.js';

const SUMMARY = /^(\d+) articles?, (\d+) passages?, (\d+) alias groups?: (\d+) faults?, (\d+) warnings?$/;

describe('knowledge:check', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await tempKnowledge()));
  afterEach(() => remove());

  const check = async () => {
    const output = captureOutput();
    const code = await runKnowledgeCheck(['--dir', dir], output.io);
    return { code, ...output };
  };
  const article = (id: string, meta: Record<string, string>, body: string) =>
    ['---', `id: ${id}`, 'title: "A title"', 'publisher: "P"', 'author: null', 'published: "2024"', 'publishedApprox: false', 'url: null', 'source: null', '---', body, ''].join('\n').replace(
      /^(\w+): .*$/gm,
      (line, key: string) => (key in meta ? `${key}: ${meta[key]}` : line),
    );

  it('passes the real knowledge and sums it up', async () => {
    const { code, out } = await check();
    expect(code).toBe(0);
    const summary = SUMMARY.exec(out.at(-1)!);
    expect(summary).not.toBeNull();
    expect(summary!.slice(1, 3).map(Number)).toEqual([5, 167]);
    expect(Number(summary![3])).toBeGreaterThan(50);
    expect(summary![4]).toBe('0');
    expect(out.filter((l) => !l.startsWith('warning: ')).slice(0, -1)).toEqual([]);
  });

  it('prints file: field: problem for each fault, counts them and exits 1', async () => {
    await writeFile(join(dir, 'bad-date.md'), article('bad-date', { published: '"2024-13"' }, 'Some text.'));
    await writeFile(join(dir, 'no-url.md'), article('no-url', { url: '"ftp://x.example"', title: '""' }, 'Some text.'));
    await writeFile(join(dir, 'empty.md'), article('empty', {}, '   '));
    await writeFile(join(dir, 'dup.md'), article('china-wants-to-dominate-in-ai', { title: '"Another"' }, 'Other text.'));
    await writeFile(join(dir, 'no-front-matter.md'), 'Just text.\n');
    const aliases = JSON.parse(await readFile(join(dir, 'aliases.json'), 'utf8')) as { groups: unknown[] };
    aliases.groups.push({ kind: 'company', names: ['Lonely'] });
    await writeFile(join(dir, 'aliases.json'), JSON.stringify(aliases));

    const { code, out } = await check();
    expect(code).toBe(1);
    const at = (file: string) => out.filter((l) => l.includes(`/${file}: `));
    expect(at('bad-date.md')).toEqual([expect.stringMatching(/bad-date\.md: published: expected YYYY or YYYY-MM or YYYY-MM-DD/)]);
    expect(at('no-url.md')).toEqual([
      expect.stringMatching(/no-url\.md: title: must not be empty$/),
      expect.stringMatching(/no-url\.md: url: expected an http\(s\) URL/),
    ]);
    expect(at('empty.md')).toEqual([expect.stringMatching(/empty\.md: body: the article text is empty$/)]);
    expect(at('dup.md')).toEqual([expect.stringMatching(/dup\.md: id: duplicate id "china-wants-to-dominate-in-ai" \(also in .*china-wants-to-dominate-in-ai\.md\)$/)]);
    expect(at('no-front-matter.md')).toEqual([expect.stringMatching(/no-front-matter\.md: expected front matter starting with "---"/)]);
    expect(at('aliases.json')).toEqual([expect.stringMatching(/aliases\.json: groups\.\d+\.names: a group needs at least two names$/)]);
    const summary = SUMMARY.exec(out.at(-2)!)!;
    expect(summary[4]).toBe('7');
    expect(out.at(-1)).toMatch(/will not load this knowledge/);
  });

  it('warns about over-long passages and alias groups that match nothing, without failing', async () => {
    const long = `Zhipu AI said its GLM model ${'was trained on a very large amount of text and '.repeat(10)}is open.`;
    await writeFile(join(dir, 'long.md'), article('long-passage', {}, `A short first sentence about Zhipu.\n${long}`));
    const aliases = JSON.parse(await readFile(join(dir, 'aliases.json'), 'utf8')) as { groups: Array<{ names: string[] }> };
    aliases.groups.push({ kind: 'model', names: ['Zhipu Qingyan', 'ChatGLM Qingyan', '智谱清言'] } as never);
    await writeFile(join(dir, 'aliases.json'), JSON.stringify(aliases));
    const added = aliases.groups.length - 1;

    const { code, out } = await check();
    expect(code).toBe(0);
    const warnings = out.filter((l) => l.startsWith('warning: '));
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^warning: .*long\\.md: passage long-passage#1: ${long.length} characters, over the 480`)));
    expect(warnings).toContainEqual(
      expect.stringMatching(new RegExp(`^warning: .*aliases\\.json: groups\\.${added}: no passage mentions "Zhipu Qingyan", "ChatGLM Qingyan", "智谱清言": the group matches nothing`)),
    );
    // Groups found through any of their names are fine, even when their Chinese names appear nowhere.
    expect(warnings.filter((w) => /"(Baidu|Qwen|Huawei|百度)"/.test(w))).toEqual([]);
    expect(SUMMARY.exec(out.at(-1)!)![4]).toBe('0');
  });

  it('checks the glossary like the aliases: a word in two entries, or English on the Chinese side, is a fault', async () => {
    const glossary = JSON.parse(await readFile(join(dir, 'glossary.json'), 'utf8')) as { entries: unknown[] };
    glossary.entries.push({ zh: ['芯片'], en: 'chip' }, { zh: ['chips'], en: 'chips' });
    await writeFile(join(dir, 'glossary.json'), JSON.stringify(glossary));
    const { code, out } = await check();
    expect(code).toBe(1);
    const faults = out.filter((l) => l.includes('/glossary.json: '));
    expect(faults).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/glossary\.json: entries\.\d+\.zh\.0: "芯片" is already in entry \d+$/),
        expect.stringMatching(/glossary\.json: entries\.\d+\.zh\.0: a Chinese entry must be Chinese characters only$/),
      ]),
    );
  });

  it('reports a missing folder as a fault', async () => {
    const report = await checkKnowledge(join(dir, 'missing'));
    expect(report.faults).toEqual([{ file: expect.stringMatching(/missing$/), field: '', message: expect.stringMatching(/cannot read the knowledge folder \(ENOENT\)/) }]);
  });
});
