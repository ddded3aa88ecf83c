import type { Article } from './schema.js';
import { splitSentences } from './sentences.js';

export type PassageKind = 'heading' | 'list-item' | 'sentence';

/**
 * A quotable unit of an article ("fact"): a sentence, a heading or a list item.
 * `text` is verbatim article text; offsets let neighbours be joined verbatim too.
 */
export interface Passage {
  /** Stable id: `article-id#n`, n counting from 0 in reading order. */
  id: string;
  articleId: string;
  /** Position in the article's passage list. */
  index: number;
  kind: PassageKind;
  /** Which block (line of the article) the passage comes from. */
  block: number;
  /** Character range in the article body. */
  start: number;
  end: number;
  text: string;
  /** The nearest heading above, for context. */
  heading: string | null;
}

/**
 * A sentence that opens with a pronoun or a back-reference ("This…", "At that time, …") depends on
 * the one before it to be understood: it is quoted with it, and ranked as if that one's words were its own.
 */
const LEANS_ON_PREVIOUS = /^(?:["“'‘(]?)(?:this|these|that|those|it|such|he|she|they|at that time|at the time|by then|(?:each|both|all|some|many|most|none) of (?:them|these|those))\b/i;

/**
 * "The company demonstrated …" after a sentence naming CloudWalk is about CloudWalk; "The startup
 * DeepSeek also launched …" names its own subject, so a name right after does not lean back.
 */
const THE_COMPANY = /^["“'‘(]?The (?:company|firm|startup)\b(?! [A-Z0-9])/;

/** Does `passage` lean on the passage before it (same block, opening back-reference)? */
export function leansOnPrevious(passage: Passage, previous: Passage | undefined): previous is Passage {
  return previous !== undefined && previous.block === passage.block && previous.articleId === passage.articleId &&
    (LEANS_ON_PREVIOUS.test(passage.text) || THE_COMPANY.test(passage.text) || opensWithSurnameOf(passage.text, previous.text));
}

/** Capitalised words that open a phrase rather than a name ("The Chinese …" names no one called Chinese). */
const NOT_A_FIRST_NAME = /^(?:The|A|An|In|On|At|For|From|By|With|As|This|That|These|Those|Its|Their|His|Her|Our|And|But|Or|If|When|While|After|Before|Since|Mainland|Former|Chief|Senior|Vice)$/;

/**
 * "Daniel Ives, an analyst at investment firm Wedbush, expects … Ives referred to China's market as
 * …": news names a person in full once, then by surname. Such a sentence is about the one naming them.
 */
function opensWithSurnameOf(text: string, previous: string): boolean {
  const surname = /^["“'‘(]?(\p{Lu}\p{Ll}+)\b/u.exec(text)?.[1];
  // Most sentences open capitalised: a plain search rules most out before a pattern is built.
  if (!surname || !previous.includes(` ${surname}`)) return false;
  for (const m of previous.matchAll(new RegExp(`(\\p{Lu}\\p{Ll}+) ${surname}\\b`, 'gu'))) {
    if (!NOT_A_FIRST_NAME.test(m[1]!)) return true;
  }
  return false;
}

/** A list marker at the start of a block: "- ", "– ", "• ", "* ", "1. ". */
const LIST_MARKER = /^(?:[-–—•*]|\d{1,2}[.)])\s+/;

/**
 * A short block without closing punctuation reads as a heading ("Rapid Rise of Large-Language Models
 * in China"). Sentences inside blocks are split with `splitSentences`.
 */
export function splitPassages(article: Pick<Article, 'id' | 'body'>): Passage[] {
  const passages: Passage[] = [];
  const body = article.body;
  let heading: string | null = null;
  let block = 0;
  const lineRe = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(body))) {
    const line = m[0];
    const lineStart = m.index;
    if (line.trim() === '') continue;
    const marker = LIST_MARKER.exec(line);
    const add = (kind: PassageKind, start: number, end: number) => {
      const text = body.slice(start, end);
      passages.push({ id: `${article.id}#${passages.length}`, articleId: article.id, index: passages.length, kind, block, start, end, text, heading });
    };
    if (marker) {
      const contentStart = lineStart + marker[0].length;
      // A list item that is only a label ("- Chinese Tech Giants") acts as a section heading.
      const content = body.slice(contentStart, lineStart + line.trimEnd().length);
      if (isHeadingLike(content)) {
        add('heading', contentStart, contentStart + content.length);
        heading = content;
      } else {
        for (const s of splitSentences(content)) add('list-item', contentStart + s.start, contentStart + s.end);
      }
    } else if (isHeadingLike(line.trim())) {
      const start = lineStart + (line.length - line.trimStart().length);
      add('heading', start, start + line.trim().length);
      heading = line.trim();
    } else {
      for (const s of splitSentences(line)) add('sentence', lineStart + s.start, lineStart + s.end);
    }
    block++;
  }
  return passages;
}

/** A short line that does not end as a sentence or a clause does, in English or Chinese punctuation. */
function isHeadingLike(text: string): boolean {
  return text.length <= 120 && !/[.!?:;,"”’)。！？：；，）」』]$/.test(text) && /^\S/.test(text) && text.split(/\s+/).length <= 16;
}

const KINDS: readonly PassageKind[] = ['heading', 'list-item', 'sentence'];

/**
 * Where an article's passages are, four numbers each (kind, block, start, end): everything
 * `splitPassages` finds, from which `passagesFromLayout` rebuilds the same passages without
 * splitting sentences again (a persisted index keeps it; at 10,000 articles splitting takes a second).
 */
export function passageLayout(passages: readonly Passage[]): Uint32Array {
  const layout = new Uint32Array(passages.length * 4);
  passages.forEach((p, i) => layout.set([KINDS.indexOf(p.kind), p.block, p.start, p.end], i * 4));
  return layout;
}

/** The passages `splitPassages(article)` gives, from their layout; null when it does not fit the article. */
export function passagesFromLayout(article: Pick<Article, 'id' | 'body'>, layout: Uint32Array): Passage[] | null {
  const passages: Passage[] = [];
  let heading: string | null = null;
  for (let i = 0; i * 4 < layout.length; i++) {
    const kind = KINDS[layout[i * 4]!];
    const start = layout[i * 4 + 2]!;
    const end = layout[i * 4 + 3]!;
    if (!kind || start > end || end > article.body.length) return null;
    const text = article.body.slice(start, end);
    passages.push({ id: `${article.id}#${i}`, articleId: article.id, index: i, kind, block: layout[i * 4 + 1]!, start, end, text, heading });
    if (kind === 'heading') heading = text; // the nearest heading above the passages after it
  }
  return passages;
}
