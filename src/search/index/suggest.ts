import type { Analyzer } from '../question/analyzer.js';
import type { PassageIndex } from './passage-index.js';

/** Discord caps autocomplete choices at 100 characters; other surfaces are no stricter. */
export const MAX_SUGGESTION_CHARS = 100;

export interface Suggester {
  suggest(partial: string, limit: number): string[];
}

/**
 * Autocomplete from the knowledge: names of companies, models, people and organisations that the
 * articles mention (from the alias table), and the articles' section headings. The last word being
 * typed is completed; what comes before it is kept as the user wrote it.
 */
export function createSuggester(analyzer: Analyzer, index: PassageIndex): Suggester {
  // A name is offered when the articles use that very spelling (all its terms occur, and its
  // alias term does), or when it is a Chinese name of something the articles mention.
  const occurs = (term: string) => index.documentFrequency(term) > 0;
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    const key = name.toLowerCase();
    if (!seen.has(key) && name.length <= MAX_SUGGESTION_CHARS) {
      seen.add(key);
      names.push(name);
    }
  };
  // Entities first, then topics (section headings).
  for (const n of analyzer.aliases.names) {
    if (n.kind === 'concept' || !occurs(n.canonical)) continue;
    const cjk = /\p{Script=Han}/u.test(n.name);
    if (cjk || analyzer.indexTerms(n.name).every(occurs)) add(n.name);
  }
  for (const p of index.passages) if (p.kind === 'heading') add(p.text);

  return {
    suggest(partial, limit) {
      const typed = partial.replace(/\s+/g, ' ').trimStart();
      if (typed.trim() === '') return names.slice(0, limit);
      const lastSpace = typed.lastIndexOf(' ');
      const head = typed.slice(0, lastSpace + 1);
      const last = typed.slice(lastSpace + 1).toLowerCase();
      const out: string[] = [];
      const push = (s: string) => {
        if (out.length < limit && s.length <= MAX_SUGGESTION_CHARS && !out.includes(s)) out.push(s);
      };
      if (last === '') {
        for (const n of names) push(head + n);
        return out;
      }
      // Names with a word starting with what is being typed, then names containing it anywhere.
      const starts = names.filter((n) => n.toLowerCase().split(/[\s-]+/).some((w) => w.startsWith(last)));
      const contains = names.filter((n) => !starts.includes(n) && n.toLowerCase().includes(last));
      for (const n of [...starts, ...contains]) push(head + n);
      if (out.length === 0) push(typed.trim());
      return out;
    },
  };
}
