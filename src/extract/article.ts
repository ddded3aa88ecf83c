import { Readability } from '@mozilla/readability';
import { collectBlocks, FURNITURE_WORDS, markWords, type Block } from './blocks.js';
import { parsePage, type DomDocument, type DomElement } from './dom.js';
import { readMetadata, type PageMetadata } from './metadata.js';

/** An article as read off a page: its text and what the page says about it. */
export interface ExtractedArticle extends Omit<PageMetadata, 'siteName' | 'paywalled' | 'canonical'> {
  /** The canonical URL, else the page's own URL. */
  url: string | null;
  /** The knowledge text: the headline, then paragraphs, headings and "- " list items, a blank line between blocks. */
  text: string;
  blocks: Block[];
  /** Words in the text (CJK characters count one each). */
  words: number;
  /** Why this is not an article but a stub (a paywall or cookie wall, a page too short), or null. */
  stub: string | null;
}

/** Below this many words a page is a teaser, an index or an error page, not an article. */
export const MIN_ARTICLE_WORDS = 120;

/** Elements removed before Readability looks: it would otherwise sometimes keep a share bar or a "related" box. */
const PRE_CLEAN_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'NAV', 'FOOTER', 'ASIDE', 'FORM', 'IFRAME', 'BUTTON', 'SVG', 'AMP-SIDEBAR', 'AMP-AD', 'AMP-SOCIAL-SHARE', 'AMP-ANALYTICS', 'AMP-CONSENT', 'AMP-USER-NOTIFICATION', 'FIGCAPTION']);
const PRE_CLEAN_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);

/** Marks removed before Readability; the block reader drops a few more (author, meta, tags) once the article is found. */
const PRE_CLEAN_WORDS = new Set([...FURNITURE_WORDS].filter((w) => !['author', 'authors', 'meta', 'tags', 'print'].includes(w)));

/** The label of a summary box ("Key Points"): the box's items are kept, its label is not. */
const SUMMARY_LABEL = /^(key (points|takeaways)|takeaways|highlights|in brief|at a glance|the big picture|要点|核心提示)\s*[:：]?$/i;

/**
 * The items of a "Key Points" box, which business-news pages put above the body. They are the
 * journalist's own summary, so they are kept, right after the headline; Readability alone keeps or
 * drops the box depending on how the rest of the page scores.
 */
function keyPoints(document: DomDocument): string[] {
  for (const box of document.querySelectorAll('[class], [id]')) {
    const words = markWords(box);
    const marked = words.includes('keypoints') || (words.includes('key') && words.includes('points')) || words.includes('takeaways');
    const labelled = !marked && SUMMARY_LABEL.test((box.querySelector('h2, h3, h4, strong')?.textContent ?? '').trim()) && box.querySelectorAll('h2, h3, h4, strong').length === 1;
    if (!marked && !labelled) continue;
    const items = [...box.querySelectorAll('li')].map((li) => (li.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim()).filter(Boolean);
    if (items.length) return items;
  }
  return [];
}

/**
 * Keeps Readability from trusting a container that the page marks as furniture. One pass over the
 * elements in JavaScript: linkedom compiles a CSS selector on every query, which on a 150 kB page
 * cost more than the checks themselves.
 */
function preClean(document: DomDocument): void {
  const doomed: DomElement[] = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'MAIN' || tag === 'ARTICLE' || tag === 'HEAD') continue;
    if (tag === 'SCRIPT' && el.getAttribute('type') === 'application/ld+json') continue;
    if (
      PRE_CLEAN_TAGS.has(tag) ||
      PRE_CLEAN_ROLES.has(el.getAttribute('role') ?? '') ||
      el.getAttribute('aria-hidden') === 'true' ||
      el.hasAttribute('hidden') ||
      ((el.hasAttribute('class') || el.hasAttribute('id')) && markWords(el).some((w) => PRE_CLEAN_WORDS.has(w)))
    ) {
      doomed.push(el);
    }
  }
  // Removed after the walk; an element inside one already removed goes with it.
  for (const el of doomed) el.remove();
}

/** Lines that are furniture whatever their markup: credits, bylines, datelines, "read more" links, newsletter and cookie prompts. */
const FURNITURE_LINES: RegExp[] = [
  /^(photo|image|picture|illustration|graphic|video|file photo)s?( credit)?\s*(:|by\b|\|)/i,
  /^(credit|source|photograph)s?\s*:\s*\S/i,
  /\b(getty images|shutterstock|reuters\/|afp via getty|ap photo|xinhua\/|visual china group|imaginechina)\b.{0,40}$/i,
  /^[Bb][Yy]\s+[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}(\s*(,|and|&)\s*[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3})*\.?$/u,
  /^(published|posted|updated|last updated|first published)( on| at)?\s*:?\s*[\w ,:.+-]{4,40}$/i,
  /^(\w+day,?\s+)?(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}?,?\s*\d{4}(\s*(at\s*)?\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\s*([A-Z]{2,4})?)?$/i,
  /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$/,
  /^(read more|also read|read also|related|see also|recommended|more from|more on this|watch|listen)\s*[:：|>»-]/i,
  /^(sign up|subscribe)\b.{0,160}(newsletter|inbox|email|updates)/i,
  /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings))\b/i,
  /^(share|share this( article| story)?|share on|follow us( on)?|tweet|email|print|copy link)\s*[:：]?\s*((facebook|twitter|x|linkedin|whatsapp|email|reddit|weibo|wechat|telegram|copy link)[\s,|]*)*$/i,
  /^(advertisement|sponsored( content)?|story continues below|continue reading below|scroll to continue)$/i,
  /^(all rights reserved|copyright\b|©)/i,
  /^(责任编辑|编辑|来源|原标题|图片来源|图源|记者)\s*[:：]/,
  // A wire story's trailer: "Reporting by …; Editing by …", "Our Standards: …".
  /^(\(?(additional )?(reporting|writing|editing|compiled) by\b.{0,200}\)?|our standards\s*:.*)$/i,
];

/** A heading that opens a list of links to other stories: it and the list items after it go. */
const LINK_LIST_HEADING = /^(related( articles| stories| news| coverage| reading| posts)?|read (more|next|also)|more (stories|news|from [\p{L} ]+|on this( topic)?)|you (may|might) (also )?like|recommended( for you| reading)?|also read|see also|further reading|trending( now)?|most (read|popular)|latest( news| stories)?|top stories|相关(阅读|新闻|文章)|延伸阅读|推荐阅读)\s*[:：]?$/iu;

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s"'“”‘’]+/g, ' ').trim();

/** Strips a news-agency dateline opening the text ("BEIJING, Jan 12 (Reuters) - "): a place and a source, not the article's words. */
const DATELINE = /^[A-Z][A-Z .'-]{2,30}(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((Reuters|AP|AFP|Xinhua|Bloomberg|CNBC|Caixin|SCMP|Yonhap)\)\s*[-–—]\s*/;

function dropFurniture(blocks: Block[], title: string | null): Block[] {
  const out: Block[] = [];
  let inLinkList = false;
  const headline = title ? fold(title) : null;
  for (const block of blocks) {
    if (block.kind === 'h' && LINK_LIST_HEADING.test(block.text)) {
      inLinkList = true;
      continue;
    }
    if (inLinkList) {
      if (block.kind === 'li') continue;
      inLinkList = false;
    }
    if (FURNITURE_LINES.some((re) => re.test(block.text)) && block.text.length < 240) continue;
    if (headline && fold(block.text) === headline) continue; // the headline goes first, once
    out.push(block);
  }
  if (out[0]) out[0] = { ...out[0], text: out[0].text.replace(DATELINE, '') };
  return out;
}

/** Text that says the page withholds its article: a paywall or a cookie wall in front of it. */
const WALL = /\b(subscribe (now )?to (continue|read|keep reading|unlock)|to continue reading|continue reading with|(this|the) (article|content|story) is (only )?(available )?(for|to) (subscribers|members)|already (a )?subscriber\?|log ?in to (continue|read)|sign in to (continue|read)|create a free account to (continue|read)|you have reached your (free )?(article )?limit|accept (all )?cookies to (continue|view|see)|before you continue to|we (and our partners )?use cookies|enable javascript (to|and))\b/i;

export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const latin = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  // Two Chinese characters carry about what one English word does.
  return latin + Math.round(cjk / 2);
}

function formatBlocks(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'li' ? `- ${b.text}` : b.text)).join('\n\n');
}

/**
 * The article on an HTML page: Mozilla's Readability (the engine of Firefox's Reader View) over
 * linkedom finds it, then the blocks are read and furniture is left out. `pageUrl` resolves the
 * canonical link and is the URL when the page gives none.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const document = parsePage(html);
  const meta = readMetadata(document, pageUrl);
  const points = keyPoints(document);
  preClean(document);
  // keepClasses: the block reader still sees class names such as "wp-caption-text". The serializer
  // hands back the article's element itself, so it is not written out as HTML and parsed again.
  const reader = new Readability<DomElement>(document as never, { keepClasses: true, charThreshold: 300, serializer: (node) => node as unknown as DomElement }).parse();
  const title = meta.title ?? (reader?.title ? reader.title.trim() : null);
  let blocks: Block[] = [];
  let wall = false;
  if (reader?.content) {
    const all = collectBlocks(reader.content);
    // Looked for before furniture is dropped: a cookie wall's text is furniture too.
    wall = all.some((b) => WALL.test(b.text));
    blocks = dropFurniture(all, title);
  }
  if (points.length) {
    const folded = new Set(points.map(fold));
    blocks = blocks.filter((b) => !folded.has(fold(b.text)) && !(b.kind === 'h' && SUMMARY_LABEL.test(b.text)));
    blocks.unshift(...points.map((text): Block => ({ kind: 'li', text })));
  }
  if (title) blocks.unshift({ kind: 'h', text: title.replace(/\s+/g, ' ').trim() });
  const text = formatBlocks(blocks);
  const body = formatBlocks(blocks.slice(title ? 1 : 0));
  const words = countWords(body);
  let stub: string | null = null;
  if (wall && words < 400) stub = 'the page shows a paywall or cookie wall instead of the article';
  else if (meta.paywalled && words < MIN_ARTICLE_WORDS * 2) stub = 'the page is marked as not free to read and shows only a teaser';
  else if (words < MIN_ARTICLE_WORDS) stub = `too short to be an article (${words} words of text; an article has at least ${MIN_ARTICLE_WORDS})`;
  return {
    title,
    publisher: meta.publisher,
    author: meta.author ?? cleanByline(reader?.byline ?? null),
    published: meta.published,
    url: meta.canonical,
    text,
    blocks,
    words,
    stub,
  };
}

function cleanByline(byline: string | null): string | null {
  const name = byline?.replace(/\s+/g, ' ').replace(/^by\s+/i, '').trim();
  // Readability's byline is sometimes a whole dateline or a sentence; only a short name is kept.
  return name && name.length <= 60 && !/\d/.test(name) ? name : null;
}
