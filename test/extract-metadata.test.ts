import { describe, expect, it } from 'vitest';
import { parsePage } from '../src/extract/dom.js';
import { dayAsPrinted, readMetadata, stripSiteSuffix } from '../src/extract/metadata.js';

const page = (head: string, body = '') => parsePage(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);

describe('page metadata', () => {
  it.each([
    ['Qwen tops the charts – Example News', 'Qwen tops the charts'],
    ['Qwen tops the charts | Example News', 'Qwen tops the charts'],
    ['Qwen tops the charts - EXAMPLE NEWS', 'Qwen tops the charts'],
    ['Qwen tops the charts | Tech | Example News', 'Qwen tops the charts | Tech'],
    ['China wants to dominate in AI — and some of its models are already beating their U.S. rivals', 'China wants to dominate in AI — and some of its models are already beating their U.S. rivals'],
    ['Baidu - Ernie 4.0 launches', 'Baidu - Ernie 4.0 launches'],
    ['深度求索开源推理模型_示例科技', '深度求索开源推理模型'],
  ])('"%s" → "%s"', (title, expected) => {
    expect(stripSiteSuffix(title, ['Example News', '示例科技'], 'www.example-news.com')).toBe(expected);
  });

  it('the site name also comes from the host when the page names none', () => {
    expect(stripSiteSuffix('Kimi reads long documents | TechNode', [], 'technode.com')).toBe('Kimi reads long documents');
  });

  it('takes the day as printed, never converted to UTC, and refuses days not on the calendar', () => {
    expect(dayAsPrinted('2024-01-17T02:00:00+08:00')).toBe('2024-01-17');
    expect(dayAsPrinted('2024-01-16')).toBe('2024-01-16');
    expect(dayAsPrinted('2023-02-30T10:00:00Z')).toBeNull();
    expect(dayAsPrinted('January 16, 2024')).toBeNull();
  });

  it('publisher: JSON-LD publisher.name before og:site_name', () => {
    const doc = page(`<meta property="og:site_name" content="Example Site"><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","publisher":{"@type":"Organization","name":"Example Media Group"}}</script>`);
    expect(readMetadata(doc, 'https://example.com/a')).toMatchObject({ title: 'H', publisher: 'Example Media Group' });
    expect(readMetadata(page('<meta property="og:site_name" content="Example Site"><title>T | Example Site</title>'), 'https://example.com/a')).toMatchObject({ title: 'T', publisher: 'Example Site' });
  });

  it('never takes a modified or updated time for the published date', () => {
    const onlyUpdates = page('<meta property="og:updated_time" content="2024-03-02T10:00:00+08:00"><meta property="article:modified_time" content="2024-03-02T10:00:00+08:00"><script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2024-03-02"}</script>', '<time class="updated" datetime="2024-03-02">Updated March 2</time>');
    expect(readMetadata(onlyUpdates, 'https://example.com/a').published).toBeNull();
    const both = page('<meta property="og:updated_time" content="2024-03-02T10:00:00+08:00">', '<p>Updated <time datetime="2024-03-02">March 2</time></p><time class="entry-date published" datetime="2024-02-28T23:00:00+08:00">Feb 28</time>');
    expect(readMetadata(both, 'https://example.com/a').published).toBe('2024-02-28');
  });

  it('canonical URL: <link rel=canonical>, resolved, else og:url, else the page; only http(s)', () => {
    expect(readMetadata(page('<link rel="canonical" href="/news/a?x=1">'), 'https://example.com/amp/a').canonical).toBe('https://example.com/news/a?x=1');
    expect(readMetadata(page('<meta property="og:url" content="https://example.com/b">'), 'https://example.com/amp/b').canonical).toBe('https://example.com/b');
    expect(readMetadata(page('<link rel="canonical" href="javascript:alert(1)">'), 'https://example.com/c').canonical).toBe('https://example.com/c');
    expect(readMetadata(page(''), 'file:///saved.html').canonical).toBeNull();
  });

  it('authors from JSON-LD, several joined; a profile URL in <meta name=author> is not a name', () => {
    const doc = page('<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"@id":"#p1"},{"@type":"Person","name":"Li Wei"}]},{"@type":"Person","@id":"#p1","name":"Jane Doe"}]}</script>');
    expect(readMetadata(doc, 'https://example.com/a').author).toBe('Jane Doe and Li Wei');
    expect(readMetadata(page('<meta name="author" content="https://example.com/staff/jd">'), 'https://example.com/a').author).toBeNull();
  });
});
