import { describe, expect, it } from 'vitest';
import type { Answer, Citation, SearchHit, SourceInfo } from '../src/answer/types.js';
import { EXAMPLE_QUESTIONS, renderAnswerEmbed } from '../src/discord/render/answer.js';
import { renderChoices } from '../src/discord/render/choices.js';
import { formatPublished, formatSourceLine, safeUrl } from '../src/discord/render/format.js';
import { renderHelpEmbed } from '../src/discord/render/help.js';
import { highlighter } from '../src/discord/render/highlight.js';
import { embedLength, embedLimitViolations } from '../src/discord/render/limits.js';
import { escapeMarkdown, fitText, joinLinesWithin } from '../src/discord/render/markdown.js';
import { renderSearchEmbed } from '../src/discord/render/search.js';
import { renderSourcesEmbed } from '../src/discord/render/sources.js';

// Hand-built engine output: these are renderer tests, so no engine is involved.
function citation(n: number, over: Partial<Citation> = {}): Citation {
  return {
    n,
    articleId: 'a',
    passageId: `a#${n}`,
    title: 'China accelerates launch of large-language models',
    publisher: 'Interesting Engineering',
    published: '2023-05',
    publishedApprox: true,
    url: 'https://example.com/article',
    snippet: `Snippet number ${n} about China and its 19 LLMs.`,
    matchedTerms: ['China', 'LLMs'],
    ...over,
  };
}

function answer(over: Partial<Answer> = {}): Answer {
  return {
    question: 'How many LLMs did China release in 2023?',
    answered: true,
    text: 'Snippet number 1 about China and its 19 LLMs. [1]\n(See also [2].)',
    citations: [citation(1), citation(2)],
    related: [],
    confidence: 0.9,
    ...over,
  };
}

const words = (n: number, word = 'lorem') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

/** Markdown that is balanced: an even number of unescaped `**`, and no dangling escape at the end. */
function balancedBold(text: string): boolean {
  const unescaped = text.replace(/\\./g, '');
  return (unescaped.match(/\*\*/g) ?? []).length % 2 === 0 && !/\\$/.test(text);
}

describe('escapeMarkdown', () => {
  it('escapes inline markup, line-start markup, masked links and mention objects', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ~~s~~ ||spoiler||')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|',
    );
    expect(escapeMarkdown('# Heading\n> quote\n- item\n1. first')).toBe('\\# Heading\n\\> quote\n\\- item\n1\\. first');
    expect(escapeMarkdown('[click](https://evil.example)')).toBe('[click\\](https://evil.example)');
    expect(escapeMarkdown('hi <@123> <@&456> <#789> <t:1:R>')).toBe('hi <\\@123> <\\@&456> <\\#789> <\\t:1:R>');
  });

  it('defuses @everyone and @here even though allowed_mentions already blocks the ping', () => {
    expect(escapeMarkdown('@everyone look @here')).toBe('@\u200Beveryone look @\u200Bhere');
  });

  it('leaves ordinary punctuation, CJK and numbers alone', () => {
    const text = 'GPT-4 costs $3.5 (about 20%) — 百度的文心一言? 01.AI';
    expect(escapeMarkdown(text)).toBe(text);
  });
});

describe('fitText', () => {
  it('returns the rendered text untouched when it fits', () => {
    expect(fitText('short *text*', 100)).toBe('short \\*text\\*');
  });

  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    const out = fitText(words(100), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).toMatch(/lorem\d+…$/);
    expect(words(100).startsWith(out.slice(0, -1))).toBe(true);
  });

  it('never cuts inside an escape or a bold run', () => {
    const render = highlighter(['China']);
    const raw = Array.from({ length: 60 }, () => 'China *is* big').join(' ');
    for (let max = 5; max < 200; max += 7) {
      const out = fitText(raw, max, render);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(balancedBold(out)).toBe(true);
    }
  });

  it('cuts CJK text (no spaces) at word boundaries rather than giving up', () => {
    const cjk = '百度的聊天机器人有多少用户'.repeat(30);
    const out = fitText(cjk, 40);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out.length).toBeGreaterThan(25);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const out = fitText('😀'.repeat(100), 21);
    expect(out.length).toBeLessThanOrEqual(21);
    expect(out).toBe(`${'😀'.repeat(10)}…`);
  });
});

describe('titles and names cut at a sensible point, on every surface', () => {
  const longWord = `Qwen${'q'.repeat(280)}`;

  it('/search with one very long word shows that word cut hard, not "Search…"', () => {
    const title = renderSearchEmbed(longWord, []).title!;
    expect(title).toMatch(/^Search: Qwenq+…$/);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.length).toBeGreaterThan(200);
  });

  it('an answer titled by such a question shows it the same way', () => {
    const declined: Answer = { question: `What is ${longWord}`, answered: false, text: 'Not in my sources.', citations: [], related: [], confidence: 0 };
    const title = renderAnswerEmbed(declined).title!;
    expect(title).toMatch(/^What is Qwenq+…$/);
    expect(title.length).toBeGreaterThan(200);
  });

  it('fitText keeps a word boundary that leaves most of the room, else cuts hard', () => {
    expect(fitText(`${'word '.repeat(60)}`, 100)).toMatch(/^(word ){19}word…$/);
    expect(fitText(`Short ${'x'.repeat(200)}`, 100)).toBe(`Short ${'x'.repeat(93)}…`);
  });

  it('autocomplete names are cut at a word boundary too, not mid-word', () => {
    const [choice] = renderChoices(['alpha '.repeat(30).trim()], 300);
    expect(choice!.name).toMatch(/^(alpha ){15}alpha…$/);
  });
});

describe('joinLinesWithin', () => {
  it('keeps whole lines and counts the rest', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const out = joinLinesWithin(lines, 100, (n) => `…and ${n} more`);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.split('\n').at(-1)).toMatch(/^…and \d+ more$/);
    expect(out.split('\n').slice(0, -1).every((l) => lines.includes(l))).toBe(true);
  });
});

describe('highlighter', () => {
  it('bolds matched terms as whole words, case-insensitively, and treats regex metacharacters literally', () => {
    const render = highlighter(['china', 'c++', '(a|b)*']);
    expect(render('China and Chinatown use C++ and (a|b)*.')).toBe(
      '**China** and Chinatown use **C++** and **(a\\|b)\\***.',
    );
  });

  it('needs a word boundary on both sides of a word term', () => {
    expect(highlighter(['AI', 'china'])('AIGC, IndoChina, AI. China!')).toBe('AIGC, IndoChina, **AI**. **China**!');
  });

  it('matches CJK terms inside running text and merges adjacent matches', () => {
    expect(highlighter(['百度', '文心'])('百度文心一言')).toBe('**百度文心**一言');
  });
});

describe('formatPublished and sources', () => {
  it('formats exact, approximate and ranged dates', () => {
    expect(formatPublished('2023', false)).toBe('2023');
    expect(formatPublished('2023-05', true)).toBe('about May 2023');
    expect(formatPublished('2023-05-30', false)).toBe('30 May 2023');
    expect(formatPublished('2023-06/2023-08', true)).toBe('about Jun–Aug 2023');
    expect(formatPublished('2022-12/2023-01', false)).toBe('Dec 2022 – Jan 2023');
    expect(formatPublished(null, true)).toBeNull();
  });

  it('links only http(s) URLs and encodes characters that would end a Markdown link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://example.com/a_(b)')).toBe('https://example.com/a_%28b%29');
  });

  it('writes "[Title](url) — Publisher, date" and bold unlinked titles', () => {
    const line = formatSourceLine(citation(1), 300, '**[1]** ');
    expect(line).toBe(
      '**[1]** [China accelerates launch of large-language models](https://example.com/article) — Interesting Engineering, about May 2023',
    );
    expect(formatSourceLine({ ...citation(1), url: null, publisher: null, title: 'A [weird] *title*' }, 300)).toBe(
      '**A [weird] \\*title\\*** — about May 2023',
    );
  });
});

describe('renderAnswerEmbed', () => {
  it('shows the question as title, the answer with markers, quotes not already in the text, and sources', () => {
    const embed = renderAnswerEmbed(answer());
    expect(embed.title).toBe('How many LLMs did China release in 2023?');
    expect(embed.description).toContain('[1]');
    expect(embed.description).toContain('**China**');
    // Citation 1 is already quoted in the text; citation 2 gets its own quote field.
    expect(embed.fields?.map((f) => f.name)).toEqual(['[2]', 'Sources']);
    expect(embed.fields?.[0]?.value).toBe('> Snippet number 2 about **China** and its 19 **LLMs**.');
    // Both citations come from one article: one line carrying both markers.
    const sources = embed.fields?.[1]?.value.split('\n') ?? [];
    expect(sources).toEqual([
      '**[1] [2]** [China accelerates launch of large-language models](https://example.com/article) — Interesting Engineering, about May 2023',
    ]);
    expect(embedLimitViolations(embed)).toEqual([]);
  });

  it('escapes markdown and mentions in the echoed question', () => {
    const embed = renderAnswerEmbed(answer({ question: '**@everyone** <@&123> [x](http://a.b)' }));
    expect(embed.title).toBe('\\*\\*@\u200Beveryone\\*\\* <\\@&123> [x\\](http://a.b)');
  });

  it('stays within every limit for huge inputs', () => {
    const big = answer({
      question: words(200, 'question'),
      text: words(2000, 'answer'),
      citations: Array.from({ length: 30 }, (_, i) =>
        citation(i + 1, { articleId: `a${i}`, title: words(80, 'title'), snippet: words(400, 'snippet'), publisher: words(30, 'pub') }),
      ),
    });
    const embed = renderAnswerEmbed(big);
    expect(embedLimitViolations(embed)).toEqual([]);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    for (const field of embed.fields ?? []) expect(balancedBold(field.value)).toBe(true);
  });

  it('renders a declined question as a short, friendly embed pointing to /sources and an example', () => {
    const embed = renderAnswerEmbed(
      answer({ answered: false, text: "I couldn't find that in my sources.", citations: [], declineReason: 'off-topic' }),
    );
    expect(embed.description).toBe("I couldn't find that in my sources.");
    expect(embed.fields?.[0]?.value).toContain('/sources');
    expect(EXAMPLE_QUESTIONS.some((q) => embed.fields?.[0]?.value.includes(q))).toBe(true);
    expect(embedLimitViolations(embed)).toEqual([]);
  });
});

describe('renderSearchEmbed', () => {
  const hit = (i: number, over: Partial<SearchHit> = {}): SearchHit => ({
    passageId: `a#${i}`,
    articleId: 'a',
    title: `Article ${i}`,
    publisher: 'CNBC',
    published: '2024-12',
    publishedApprox: false,
    url: null,
    text: `Passage ${i} mentions Ernie Bot users.`,
    score: 10 - i,
    matchedTerms: ['Ernie'],
    ...over,
  });

  it('lists up to five passages, numbered, each with its source', () => {
    const embed = renderSearchEmbed('Ernie users', Array.from({ length: 8 }, (_, i) => hit(i + 1)));
    const entries = embed.description!.split('\n\n');
    expect(entries).toHaveLength(5);
    expect(entries[0]).toBe('**1.** Passage 1 mentions **Ernie** Bot users.\n↳ **Article 1** — CNBC, Dec 2024');
    expect(embedLimitViolations(embed)).toEqual([]);
  });

  it('says so when nothing matched', () => {
    expect(renderSearchEmbed('zzz', []).description).toContain('/sources');
  });

  it('stays within limits with very long passages', () => {
    const embed = renderSearchEmbed(words(100), Array.from({ length: 5 }, (_, i) => hit(i, { text: words(1000), title: words(100) })));
    expect(embedLimitViolations(embed)).toEqual([]);
  });
});

describe('renderSourcesEmbed', () => {
  const source = (i: number): SourceInfo => ({
    id: `s${i}`,
    title: `Source ${i}`,
    publisher: i % 2 ? 'CNBC' : null,
    author: null,
    published: '2023-09',
    publishedApprox: true,
    url: i % 2 ? `https://example.com/${i}` : null,
    passageCount: i,
  });

  it('lists title, link, publisher, date and passage count', () => {
    const embed = renderSourcesEmbed([source(1), source(2)]);
    expect(embed.title).toBe('Sources: 2 articles, 3 passages');
    expect(embed.description).toBe(
      '**1.** [Source 1](https://example.com/1) — CNBC, about Sep 2023 · 1 passage\n**2.** **Source 2** — about Sep 2023 · 2 passages',
    );
  });

  it('ends a long list with "…and N more" inside the limit', () => {
    const embed = renderSourcesEmbed(Array.from({ length: 1000 }, (_, i) => source(i)));
    expect(embedLimitViolations(embed)).toEqual([]);
    expect(embed.description).toMatch(/…and \d+ more$/);
  });
});

describe('renderHelpEmbed and renderChoices', () => {
  it('explains the three ways to ask', () => {
    const embed = renderHelpEmbed({ botUserId: '123456789012345678', stats: { articles: 5, passages: 100 }, maxQuestionLength: 300 });
    const howTo = embed.fields?.find((f) => f.name === 'How to ask')?.value ?? '';
    expect(howTo).toContain('/ask');
    expect(howTo).toContain('<@123456789012345678>');
    expect(howTo).toContain('direct message');
    expect(embed.footer?.text).toBe('Knowledge: 5 articles, 100 passages');
    expect(embedLimitViolations(embed)).toEqual([]);
  });

  it('keeps choices unique, within 25, names within 100 and values within the option limit', () => {
    const many = [...Array.from({ length: 40 }, (_, i) => `Name ${i}`), 'name 1', '', 'x'.repeat(150), 'y'.repeat(400)];
    const choices = renderChoices(many, 300);
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value.toLowerCase())).size).toBe(25);
    const long = renderChoices(['x'.repeat(150), 'y'.repeat(400)], 300);
    expect(long).toEqual([{ name: `${'x'.repeat(99)}…`, value: 'x'.repeat(150) }]);
  });
});
