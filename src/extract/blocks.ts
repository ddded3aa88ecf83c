import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom.js';

/**
 * Readability finds the article; this turns its HTML into the knowledge's text: paragraphs,
 * headings and list items in order, one block each, links and emphasis as plain text, and the page
 * furniture that Readability keeps (captions, credits, share bars, "related" boxes) left out.
 * The words of a block are the page's own; only runs of whitespace become one space.
 */

export interface Block {
  kind: 'p' | 'h' | 'li';
  text: string;
}

/** Elements never part of the article's text. */
const DROPPED_TAGS = new Set(['FIGURE', 'FIGCAPTION', 'PICTURE', 'IMG', 'SVG', 'VIDEO', 'AUDIO', 'IFRAME', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'ASIDE', 'NAV', 'FOOTER', 'HEADER', 'TEMPLATE', 'OBJECT', 'EMBED', 'CANVAS', 'MENU', 'DIALOG', 'AMP-IMG', 'AMP-AD', 'AMP-SOCIAL-SHARE', 'AMP-ANALYTICS', 'AMP-SIDEBAR']);

/** Class or id words that mark furniture in the templates news sites use (WordPress, Arc, AMP, React class names …). */
export const FURNITURE_WORDS = new Set(
  'share sharing social related newsletter subscribe signup promo advert advertisement ad ads adslot sponsor sponsored cookie cookies consent gdpr caption credit credits byline dateline author authors tags breadcrumb breadcrumbs comment comments readmore recommended recirc outbrain taboola toolbar print disclaimer paywall meta'.split(' '),
);

/** The words of an element's class and id: "InlineImage-imageEmbedCaption jp-relatedposts" → inline, image, embed, caption, jp, relatedposts … */
export function markWords(el: DomElement): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .flatMap((w) => (w.startsWith('related') ? ['related'] : [w]));
}

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'DT', 'DD', 'TD', 'TH']);
const CONTAINER_TAGS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'UL', 'OL', 'DL', 'TABLE', 'TBODY', 'THEAD', 'TR', 'BLOCKQUOTE', 'BODY', 'HTML', 'CENTER', 'DETAILS']);

function isFurniture(el: DomElement): boolean {
  if (DROPPED_TAGS.has(el.tagName)) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  return markWords(el).some((w) => FURNITURE_WORDS.has(w));
}

function hasBlockChild(el: DomElement): boolean {
  for (let i = 0; i < el.children.length; i++) {
    const child = el.children[i]!;
    if (BLOCK_TAGS.has(child.tagName) || CONTAINER_TAGS.has(child.tagName)) return true;
  }
  return false;
}

/** The text of an inline run: <br> is a line break, everything else its text, spaces collapsed per line. */
function inlineText(node: DomNode, out: string[]): void {
  if (node.nodeType === TEXT_NODE) {
    out.push(node.textContent ?? '');
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const el = node as DomElement;
  if (el.tagName === 'BR') {
    out.push('\n');
    return;
  }
  if (isFurniture(el)) return;
  for (let i = 0; i < el.childNodes.length; i++) inlineText(el.childNodes[i]!, out);
}

function normalise(raw: string): string[] {
  return raw
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u200b]+/g, ' ').trim())
    .filter((line) => line !== '');
}

function push(blocks: Block[], kind: Block['kind'], raw: string): void {
  for (const text of normalise(raw)) blocks.push({ kind, text });
}

/** The article's blocks in document order. */
export function collectBlocks(root: DomElement): Block[] {
  const blocks: Block[] = [];
  const walk = (el: DomElement) => {
    if (isFurniture(el)) return;
    const tag = el.tagName;
    const kind: Block['kind'] = /^H[1-6]$/.test(tag) ? 'h' : tag === 'LI' || tag === 'DD' || tag === 'DT' ? 'li' : 'p';
    if ((BLOCK_TAGS.has(tag) && !hasBlockChild(el)) || (!CONTAINER_TAGS.has(tag) && !BLOCK_TAGS.has(tag))) {
      const parts: string[] = [];
      inlineText(el, parts);
      push(blocks, kind, parts.join(''));
      return;
    }
    // A container: its blocks in order, and any loose text between them as paragraphs of its own.
    let loose: string[] = [];
    const flush = () => {
      push(blocks, 'p', loose.join(''));
      loose = [];
    };
    for (let i = 0; i < el.childNodes.length; i++) {
      const child = el.childNodes[i]!;
      if (child.nodeType === ELEMENT_NODE && (BLOCK_TAGS.has((child as DomElement).tagName) || CONTAINER_TAGS.has((child as DomElement).tagName))) {
        flush();
        walk(child as DomElement);
      } else inlineText(child, loose);
    }
    flush();
  };
  walk(root);
  return blocks;
}
