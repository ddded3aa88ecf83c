/**
 * Feeds and the article pages they point to, for the feed tests: RSS 2.0, Atom and JSON Feed as
 * sites publish them (CDATA summaries, dc:date, relative links, an Atom entry with an updated date).
 */
import { wordpressPage, type PageArticle } from './news-pages.js';

export interface StoryFixture {
  slug: string;
  title: string;
  summary: string;
  /** RFC 822 for RSS; ISO for Atom and JSON Feed. */
  date: string;
  body: string;
}

const COMPANIES = ['Zhipu AI', 'Moonshot AI', 'MiniMax', 'Baichuan', 'StepFun', '01.AI', 'iFlytek', 'SenseTime'];

/** An article of a few paragraphs, different for each `n`, long enough to be one. */
export function storyBody(n: number, subject: string): string {
  const company = COMPANIES[n % COMPANIES.length]!;
  return [
    `${company} said on day ${n} of the quarter that ${subject} had passed a new round of internal tests, according to a statement posted on its website.`,
    `The company said the work behind ${subject} involved ${100 + n * 7} engineers in Beijing and Shanghai, and that a public version would follow after the regulator's review of its safety report number ${n}.`,
    `Analysts at several brokerages said the release showed how quickly Chinese developers were closing the gap with their American rivals, though they warned that access to advanced chips remained the main constraint for the sector.`,
    `${company} did not give a price for business customers, but said developers would be able to call ${subject} through its cloud platform from the end of the month, with a free tier for students and researchers.`,
    `Its previous model, released ${n + 2} months earlier, had been downloaded more than ${n + 3} hundred thousand times, the company added.`,
  ].join('\n');
}

export function storyPage(origin: string, s: StoryFixture, publishedAt: string): string {
  const page: PageArticle = { title: s.title, publisher: 'Example Wire', author: null, publishedAt, canonical: `${origin}/story/${s.slug}`, body: s.body };
  return wordpressPage(page);
}

const cdata = (s: string) => `<![CDATA[${s}]]>`;

export function rssFeed(origin: string, stories: StoryFixture[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Example Wire – China tech</title><link>${origin}/</link><description>News</description>
<atom:link href="${origin}/feed.xml" rel="self" type="application/rss+xml"/>
${stories
  .map(
    (s) => `<item><title>${s.title.replace(/&/g, '&amp;')}</title><link>${origin}/story/${s.slug}</link>
<guid isPermaLink="false">wire-${s.slug}</guid><pubDate>${s.date}</pubDate><dc:creator>${cdata('Wire staff')}</dc:creator>
<description>${cdata(`<p>${s.summary}</p><p>The post <a href="${origin}/story/${s.slug}">${s.title}</a> appeared first on Example Wire.</p>`)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function atomFeed(origin: string, stories: StoryFixture[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Example Atom</title><id>${origin}/atom</id><updated>2024-03-02T00:00:00Z</updated>
${stories
  .map(
    (s) => `<entry><title type="html">${s.title.replace(/&/g, '&amp;amp;')}</title><id>tag:example,2024:${s.slug}</id>
<link rel="alternate" type="text/html" href="/story/${s.slug}"/><link rel="enclosure" href="/img/${s.slug}.jpg"/>
<published>${s.date}</published><updated>2024-12-31T00:00:00Z</updated><summary type="html">&lt;p&gt;${s.summary}&lt;/p&gt;</summary></entry>`,
  )
  .join('\n')}
</feed>`;
}

export function jsonFeed(origin: string, stories: StoryFixture[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Example JSON',
    home_page_url: `${origin}/`,
    items: stories.map((s) => ({ id: s.slug, url: `${origin}/story/${s.slug}`, title: s.title, summary: s.summary, date_published: s.date })),
  });
}
