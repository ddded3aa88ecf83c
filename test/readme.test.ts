/** The README is what people act on: where it states a fact the code decides, the two must agree. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../src/answer/compose.js';
import { MAX_QUESTION_LENGTH } from '../src/discord/input.js';
import { defaultKnowledgeDir } from '../src/engine.js';
import { DEFAULT_DEBOUNCE_MS } from '../src/runtime/knowledge-holder.js';
import { loadKnowledge } from '../src/knowledge/load.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const envExample = readFileSync(join(root, '.env.example'), 'utf8');
const section = (title: string) => readme.split(/^## /m).find((s) => s.startsWith(title)) ?? '';

describe('README', () => {
  it('promises a link only where the source has one, since some articles have none', async () => {
    const { articles } = await loadKnowledge(defaultKnowledgeDir());
    expect(articles.some((a) => a.url === null)).toBe(true);
    expect(readme).not.toMatch(/title, publisher, date and link/);
    expect(readme).toMatch(/a link where the source has one/);
  });

  it('gives the Discord and terminal question limits side by side, as the code has them', () => {
    const table = readme.match(/\| where \| longest question \| why \|[^]*?\n\n/)?.[0] ?? '';
    expect(table).toMatch(new RegExp(`\\| Discord [^\\n]*\\| ${MAX_QUESTION_LENGTH} characters \\| [^\\n]+\\|`));
    expect(table).toMatch(new RegExp(`\\| terminal[^\\n]*\\| ${MAX_QUESTION_CHARS} characters \\| [^\\n]+\\|`));
  });

  it('says what batch mode does with blank lines (skips them, as ask does)', () => {
    expect(section('Asking from a terminal')).toMatch(/In batch mode \(`-`\) a line that is\s+blank once cleaned is skipped/);
    expect(section('Asking from a terminal')).not.toMatch(/An empty question[^.]*in batch mode[^.]*gets a JSON\s+object/);
  });

  it('states the reload delay once, matching the debounce, and .env.example does not restate it', () => {
    expect(readme.match(/(half a|about a) second/g)).toHaveLength(1);
    expect(readme).toContain(`${DEFAULT_DEBOUNCE_MS} ms after the last save`);
    expect(envExample).not.toMatch(/within about/);
  });

  it('points to ../shared/eval only in the development notes', () => {
    const mentions = readme.split(/^## /m).filter((s) => s.includes('../shared/eval'));
    expect(mentions.map((s) => s.split('\n')[0])).toEqual(['Development']);
  });
});
