import { formatPublished } from '../answer/dates.js';
import { markMatches, matchFinder } from '../answer/highlight.js';
import type { Answer, Citation, SourceInfo } from '../answer/types.js';

export interface TerminalStyle {
  /** Use ANSI colours and bold (only on a TTY that allows colour). */
  colour: boolean;
}

const ansi = (code: string, on: boolean) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** A readable answer: the answer text, then numbered sources with their quotes. */
export function renderAnswerText(answer: Answer, style: TerminalStyle = { colour: false }): string {
  const bold = ansi('1', style.colour);
  if (answer.related.length > 0) {
    // Closest passages are never shown as the answer: their own heading, every one quoted.
    const lines = [answer.text, '', bold('Closest passages (not an answer)')];
    for (const c of answer.related) lines.push(...citationLines(c, true, style));
    return `${lines.join('\n')}\n`;
  }
  if (!answer.answered) return `${answer.text}\n`;
  const lines = [bold('Answer'), answer.text, '', bold('Sources')];
  // The answer already quotes [1] in full; quote the supporting passages here.
  for (const c of answer.citations) lines.push(...citationLines(c, !answer.text.includes(c.snippet), style));
  return `${lines.join('\n')}\n`;
}

function citationLines(c: Citation, quote: boolean, style: TerminalStyle): string[] {
  const dim = ansi('2', style.colour);
  const lines = [`[${c.n}] ${sourceLine(c)}`];
  if (quote) lines.push(dim(`    “${highlight(c.snippet, c.matchedTerms, style.colour)}”`));
  if (c.url) lines.push(`    ${c.url}`);
  return lines;
}

export function sourceLine(c: Pick<Citation, 'title' | 'publisher' | 'published' | 'publishedApprox'>): string {
  const date = formatPublished(c.published, c.publishedApprox);
  return [c.title, c.publisher, date].filter(Boolean).join(' — ');
}

export function renderSourcesText(sources: SourceInfo[]): string {
  const lines = sources.map((s, i) => {
    const head = `${i + 1}. ${sourceLine(s)} (${s.passageCount} passages)`;
    return s.url ? `${head}\n   ${s.url}` : head;
  });
  return `${lines.join('\n')}\n`;
}

/** Marks matched words in bold on a colour terminal; the stored snippet itself is never changed. */
function highlight(snippet: string, terms: string[], colour: boolean): string {
  const find = colour ? matchFinder(terms) : null;
  // SGR 22 ends bold and dim alike; the quote is dim, so dim is switched back on after each match.
  return find ? markMatches(snippet, find, (s) => `\u001b[1m${s}\u001b[22m\u001b[2m`) : snippet;
}
