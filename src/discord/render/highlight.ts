import { markMatches, matchFinder } from '../../answer/highlight.js';
import { escapeMarkdown } from './markdown.js';

/** Renderers by term set, so a busy bot builds each one once. */
const cache = new Map<(text: string) => unknown, (text: string) => string>();

/**
 * Returns a renderer that escapes `text` and bolds the matched query terms in it, for use with
 * `fitText` (which trims the raw text, so a bold run is never cut in half).
 */
export function highlighter(terms: readonly string[]): (text: string) => string {
  const find = matchFinder(terms);
  if (!find) return escapeMarkdown;
  let render = cache.get(find);
  if (!render) {
    render = (text: string) => markMatches(text, find, (s) => `**${s}**`, escapeMarkdown);
    if (cache.size >= 256) cache.delete(cache.keys().next().value!);
    cache.set(find, render);
  }
  return render;
}
