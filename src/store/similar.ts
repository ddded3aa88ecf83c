/**
 * "The same thing in other words", for grouping the questions the knowledge could not answer. Kept
 * here rather than borrowed from the engine's analyzer so that `npm run gaps` reads the database
 * without loading any knowledge, and so the grouping does not shift when retrieval is tuned.
 */
import { stemmer } from 'stemmer';
import type { Gap, Outcome } from './types.js';

const STOP = new Set(
  `a an the and or but of in on at to for from by with about into over under as is are was were be been being
   do does did done have has had what which who whom whose when where why how many much there their they them
   it its this that these those i me my we our you your he she his her can could would should will shall may
   might must not no yes any some all tell know please thanks thank hi hello hey s t also just than then so
   if up out more most very really get got make made like say said`.split(/\s+/),
);

/** Content words, lower-cased and stemmed; Chinese as character bigrams. */
export function normalisedTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const word of text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(word)) {
      const chars = [...word];
      if (chars.length === 1) terms.add(word);
      for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
    } else if (!STOP.has(word)) {
      terms.add(/^\d/.test(word) ? word : stemmer(word));
    }
  }
  return terms;
}

/** Shared terms over all terms (Jaccard); two empty sets are not alike. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Half the words in common: "which chips did Huawei make" and "what chips does huawei make?" group, "Huawei revenue" does not. */
export const SAME_QUESTION = 0.5;

/**
 * Groups items whose texts are alike, each into the first group whose first (latest, when the input
 * is newest first) member it resembles. Greedy and order-dependent, which is fine for a report.
 */
export function groupAlike<T>(items: readonly T[], text: (item: T) => string, threshold = SAME_QUESTION): T[][] {
  const groups: Array<{ terms: Set<string>; members: T[] }> = [];
  for (const item of items) {
    const terms = normalisedTerms(text(item));
    const home = groups.find((g) => similarity(g.terms, terms) >= threshold);
    if (home) home.members.push(item);
    else groups.push({ terms, members: [item] });
  }
  return groups.map((g) => g.members);
}

/** A question read for a gaps report: when, whose (hashed), what, how it went, where, and its 👎. */
export interface GapRow {
  at: number | string;
  who: string;
  text: string;
  outcome: Outcome;
  place: string;
  down: number | string;
}

/** The gaps report from its rows, newest first (either database's): alike questions grouped, most frequent first. */
export function gapsFromRows(rows: readonly GapRow[]): Gap[] {
  const gaps: Gap[] = groupAlike(rows, (r) => r.text).map((group) => {
    const outcomes: Record<Outcome, number> = { answered: 0, related: 0, declined: 0 };
    for (const r of group) outcomes[r.outcome]++;
    return {
      count: group.length,
      people: new Set(group.map((r) => r.who)).size,
      latest: group[0]!.text,
      latestAt: Number(group[0]!.at),
      outcomes,
      downVotes: group.reduce((sum, r) => sum + Number(r.down), 0),
      places: [...new Set(group.map((r) => r.place))].sort(),
    };
  });
  return gaps.sort((a, b) => b.count - a.count || b.latestAt - a.latestAt);
}
