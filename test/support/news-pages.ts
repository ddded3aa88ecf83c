/**
 * News pages in the shapes real sites serve, written around an article's text: a WordPress theme
 * with JSON-LD in a @graph, a business-news page with "Key Points", captions and related links, an
 * AMP page, a Chinese portal page in GBK that names its charset only in <meta>. Each carries the
 * furniture such pages have (navigation, share bars, cookie banners, newsletter boxes, photo
 * credits, bylines, datelines, a repeated headline), listed in FURNITURE so a test can check that
 * none of it reaches the stored text.
 */

export interface PageArticle {
  title: string;
  publisher: string | null;
  author: string | null;
  /** The moment the page gives as its publication time (ISO 8601 with the site's offset). */
  publishedAt: string;
  /** A later edit, which must never be taken for the publication date. */
  modifiedAt?: string;
  canonical: string;
  /** The article's text: one block per line; "- " opens a list item, a short line without a full stop is a heading. */
  body: string;
}

/** Text each page shape adds that must not be stored. */
export const FURNITURE = [
  'Skip to content', 'Subscribe to our newsletter', 'We use cookies', 'Accept all', 'Share on Facebook', 'Share this article',
  'Photo:', 'Getty Images', 'Reuters/', 'Related Articles', 'Baidu opens Ernie to the public', 'Read more:', 'Most Popular',
  'Leave a comment', 'Suite 1200', 'All rights reserved', 'Privacy Policy', 'Sign up for free', 'Advertisement', 'Follow us on',
  'By Jane Doe', 'Updated', 'Key Points', 'WATCH:', '责任编辑', '相关阅读', 'Tags:', '(Reuters)', 'Reporting by', 'Editing by', 'Our Standards',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A line that the knowledge format reads as a heading: short, no closing punctuation. */
const isHeading = (line: string) => line.length < 110 && !/[.!?。！？:"”]$/.test(line);

/** The body as HTML blocks; links and emphasis put in as real pages do, so that they must come out as plain text. */
export function bodyHtml(body: string, title: string, options: { furnitureEvery?: number; furniture?: (i: number) => string } = {}): string {
  const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length) out.push(`<ul>${list.join('')}</ul>`);
    list = [];
  };
  lines.forEach((line, i) => {
    if (i === 0 && line === title) return; // the headline is printed above the body, not in it
    if (line.startsWith('- ')) {
      list.push(`<li>${esc(line.slice(2))}</li>`);
      return;
    }
    flushList();
    if (line === title) out.push(`<h2>${esc(line)}</h2>`);
    else if (isHeading(line)) out.push(`<h2 class="wp-block-heading">${esc(line)}</h2>`);
    else out.push(`<p>${linkify(esc(line))}</p>`);
    if (options.furniture && options.furnitureEvery && i % options.furnitureEvery === options.furnitureEvery - 1) out.push(options.furniture(i));
  });
  flushList();
  return out.join('\n');
}

/** Wraps the first name-like words of a paragraph in a link and one phrase in <em>, as sites do. */
function linkify(html: string): string {
  return html
    .replace(/\b(Baidu|Alibaba|DeepSeek|SenseTime|OpenAI|Nvidia|Huawei)\b/, '<a href="/tag/$1" rel="tag">$1</a>')
    .replace(/\b(large language models)\b/, '<em>$1</em>');
}

const day = (iso: string) => iso.slice(0, 10);
const COOKIE_BANNER = '<div id="cookie-notice" class="cookie-banner"><p>We use cookies to improve your experience. <button>Accept all</button></p></div>';
const NEWSLETTER = '<div class="newsletter-signup"><h3>Subscribe to our newsletter</h3><p>Sign up for free and get the day\'s AI news in your inbox.</p><form><input type="email"><button>Sign up</button></form></div>';
const SHARE = '<div class="share-buttons"><span>Share this article</span><a href="#">Share on Facebook</a><a href="#">Share on X</a><a href="#">Email</a></div>';
const FIGURE = (n: number) => `<figure class="wp-block-image"><img src="/img/${n}.jpg" alt=""><figcaption class="wp-caption-text">Photo: A data centre in Guizhou. Getty Images</figcaption></figure>`;
const FOOTER = '<footer class="site-footer"><p>Example Media Ltd, 88 Market Street, Suite 1200, Singapore</p><p>© 2024 Example Media. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>';
const NAV = '<a class="skip-link" href="#content">Skip to content</a><header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/ai">AI</a></li><li><a href="/business">Business</a></li><li><a href="/china">China</a></li></ul></nav></header>';

function jsonLd(a: PageArticle, siteName: string): string {
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', '@id': `${new URL(a.canonical).origin}/#website`, name: siteName },
      { '@type': 'WebPage', '@id': a.canonical, name: `${a.title} – ${siteName}`, datePublished: a.publishedAt, dateModified: a.modifiedAt ?? a.publishedAt },
      {
        '@type': 'NewsArticle',
        headline: a.title,
        datePublished: a.publishedAt,
        dateModified: a.modifiedAt ?? a.publishedAt,
        author: a.author ? [{ '@type': 'Person', name: a.author }] : undefined,
        publisher: a.publisher ? { '@id': '#org' } : undefined,
        mainEntityOfPage: a.canonical,
      },
      ...(a.publisher ? [{ '@type': 'NewsMediaOrganization', '@id': '#org', name: a.publisher, logo: { '@type': 'ImageObject', url: '/logo.png' } }] : []),
    ],
  };
  return `<script type="application/ld+json">${JSON.stringify(graph)}</script>`;
}

/** A WordPress news theme: JSON-LD @graph, "Title – Site" in <title>, captions, a Jetpack "Related" box, comments. */
export function wordpressPage(a: PageArticle, siteName = a.publisher ?? 'Example Tech'): string {
  return `<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>${esc(a.title)} – ${esc(siteName)}</title>
<link rel="canonical" href="${esc(a.canonical)}">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${esc(siteName)}">
<meta property="article:published_time" content="${a.publishedAt}">${a.modifiedAt ? `<meta property="article:modified_time" content="${a.modifiedAt}"><meta property="og:updated_time" content="${a.modifiedAt}">` : ''}
${jsonLd(a, siteName)}
<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script></head>
<body class="post-template-default single single-post">${NAV}${COOKIE_BANNER}
<div id="page" class="site"><div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-4182" class="post-4182 post type-post status-publish format-standard has-post-thumbnail category-ai">
<header class="entry-header"><h1 class="entry-title">${esc(a.title)}</h1>
<div class="entry-meta"><span class="byline">By ${esc(a.author ?? 'Jane Doe')}</span> <time class="entry-date published" datetime="${a.publishedAt}">${day(a.publishedAt)}</time>${a.modifiedAt ? ` <time class="updated" datetime="${a.modifiedAt}">Updated ${day(a.modifiedAt)}</time>` : ''}</div></header>
${SHARE}
<div class="entry-content">
${FIGURE(1)}
${bodyHtml(a.body, a.title, { furnitureEvery: 6, furniture: (i) => (i % 12 === 5 ? FIGURE(i) : '<div class="code-block ad-slot"><span>Advertisement</span></div>') })}
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><ul><li><a href="/p/1">Baidu opens Ernie to the public</a></li><li><a href="/p/2">Nvidia's China chips</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="tags-links">Tags: <a href="/tag/ai">AI</a>, <a href="/tag/china">China</a></span></footer>
</article>
${NEWSLETTER}
<div id="comments" class="comments-area"><h2 class="comments-title">Leave a comment</h2><form></form></div>
</main><aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Most Popular</h2><ul><li><a href="/x">Baidu opens Ernie to the public</a></li></ul></section></aside></div></div>
${FOOTER}</body></html>`;
}

/** A business-news page: "Key Points" above the body, captioned images, inline "Read more" links, a "Related" list, a dateline. */
export function keyPointsPage(a: PageArticle, keyPoints: string[], siteName = a.publisher ?? 'Example Business'): string {
  const related = '<h2>Related Articles</h2><ul><li><a href="/1">Baidu opens Ernie to the public</a></li><li><a href="/2">Alibaba cuts prices of Qwen</a></li></ul>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${esc(siteName)}</title>
<meta name="description" content="${esc(keyPoints[0] ?? '')}"><link rel="canonical" href="${esc(a.canonical)}">
<meta property="og:site_name" content="${esc(siteName)}"><meta property="og:title" content="${esc(a.title)}">
<meta property="og:updated_time" content="${a.modifiedAt ?? a.publishedAt}"><meta property="article:published_time" content="${a.publishedAt}">
${a.author ? `<meta name="author" content="${esc(a.author)}">` : ''}</head>
<body><div id="cookie-consent-banner" role="dialog"><p>We use cookies. <a href="/privacy">Privacy Policy</a></p></div>
${NAV}<div class="PageBuilder-container"><div class="ArticleHeader-wrapper"><h1 class="ArticleHeader-headline">${esc(a.title)}</h1>
<div class="ArticleHeader-time"><time data-testid="published-timestamp" itemprop="datePublished" datetime="${a.publishedAt}">Published ${day(a.publishedAt)}</time></div></div>
<div class="Author-authorNameAndSocial"><a class="Author-authorName" href="/jane">By Jane Doe</a></div>
<div class="ArticleBody-articleBody" id="RegularArticle-ArticleBody-5" data-module="ArticleBody">
<div class="RenderKeyPoints-keyPoints"><div class="KeyPoints-container"><h2 class="KeyPoints-headline">Key Points</h2><ul>${keyPoints.map((k) => `<li>${esc(k)}</li>`).join('')}</ul></div></div>
<div class="group">
${bodyHtml(a.body, a.title, {
    furnitureEvery: 5,
    furniture: (i) =>
      i % 10 === 4
        ? `<div class="InlineImage-imageEmbed"><img src="/i/${i}.jpg"><div class="InlineImage-imageEmbedCaption">A visitor at the World AI Conference in Shanghai.</div><div class="InlineImage-imageEmbedCredit">Reuters/Aly Song</div></div>`
        : `<p><strong>Read more:</strong> <a href="/more/${i}">Baidu opens Ernie to the public</a></p>`,
  })}
<div class="InlineVideo-container"><span class="InlineVideo-label">WATCH: </span>China's AI race</div>
</div>${related}</div></div>
<div class="SocialShareBar"><a href="#">Follow us on X</a></div>${FOOTER}</body></html>`;
}

/** An AMP page: amp-img, amp-sidebar, amp-social-share, JSON-LD, a boilerplate style. */
export function ampPage(a: PageArticle, siteName = a.publisher ?? 'Example AMP'): string {
  return `<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8"><script async src="https://cdn.ampproject.org/v0.js"></script>
<title>${esc(a.title)} - ${esc(siteName)}</title><link rel="canonical" href="${esc(a.canonical)}">
<meta name="viewport" content="width=device-width"><style amp-boilerplate>body{visibility:hidden}</style>
${jsonLd(a, siteName)}</head>
<body><amp-sidebar id="menu" layout="nodisplay"><ul><li><a href="/">Home</a></li><li>Skip to content</li></ul></amp-sidebar>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui">We use cookies <button>Accept all</button></div></amp-consent>
<header class="amp-header"><a href="/">${esc(siteName)}</a></header>
<article class="amp-article"><h1 class="amp-title">${esc(a.title)}</h1>
<p class="amp-byline">By ${esc(a.author ?? 'Jane Doe')} · <time datetime="${a.publishedAt}">${day(a.publishedAt)}</time></p>
<amp-img src="/i/lead.jpg" width="1200" height="675" layout="responsive" alt=""></amp-img>
<p class="amp-caption">Photo: Beijing skyline. Getty Images</p>
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="facebook">Share on Facebook</amp-social-share>
<div class="amp-body">${bodyHtml(a.body, a.title, { furnitureEvery: 7, furniture: () => '<amp-ad width="300" height="250" type="doubleclick"><div>Advertisement</div></amp-ad>' })}</div>
</article>${FOOTER}</body></html>`;
}

/**
 * A wire story as news sites carry it: the dateline opens the first paragraph
 * ("BEIJING, Jan 16 (Reuters) - "), a byline paragraph above, the "Reporting by …; Editing by …"
 * trailer and the agency's standards line below, a "Read Next" list.
 */
export function wireStoryPage(a: PageArticle, dateline: string): string {
  const [first, ...rest] = a.body.split('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | Reuters</title>
<meta property="og:site_name" content="Reuters"><meta name="article:published_time" content="${a.publishedAt}"><link rel="canonical" href="${esc(a.canonical)}"></head>
<body>${NAV}<main><article><h1>${esc(a.title)}</h1>
<div class="article-body"><p>By Jane Doe and Li Wei</p><p>${esc(`${dateline}${first}`)}</p>
${bodyHtml(rest.join('\n'), a.title)}
<p>Reporting by Jane Doe in Beijing and Li Wei in Shanghai; Editing by Sam Holmes</p>
<p>Our Standards: The Thomson Reuters Trust Principles.</p>
<h2>Read Next</h2><ul><li><a href="/1">Baidu opens Ernie to the public</a></li></ul></div></article></main>${FOOTER}</body></html>`;
}

/** A Chinese portal's article page. Encode it with `toGbk`; its charset is only in <meta>. */
export function chinesePortalPage(a: PageArticle, siteName: string): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>${esc(a.title)}_${esc(siteName)}</title><meta name="keywords" content="大模型,人工智能" />
<meta property="og:site_name" content="${esc(siteName)}" /><meta property="article:published_time" content="${a.publishedAt}" />
<link rel="canonical" href="${esc(a.canonical)}" /></head>
<body><div class="top-nav"><a href="/">首页</a> | <a href="/tech">科技</a> | <a href="/finance">财经</a></div>
<div class="main"><div class="article"><h1>${esc(a.title)}</h1>
<div class="article-info"><span class="date">${day(a.publishedAt)} 09:30</span> <span class="source">来源：${esc(siteName)}</span></div>
<div class="article-content" id="artibody">${bodyHtml(a.body, a.title)}
<p class="editor">责任编辑：王小明</p></div>
<div class="related-news"><h3>相关阅读</h3><ul><li><a href="/1">百度开放文心一言</a></li></ul></div>
</div></div><div class="footer">关于我们 | 联系我们 | All rights reserved</div></body></html>`;
}
