/**
 * The analysed terms of every passage, interned: each distinct term is stored once and passages
 * hold integer ids in two typed arrays. At 10,000 articles that is about 11 million term
 * occurrences; as arrays of strings they cost hundreds of MB of heap, as ids 4 bytes each, and the
 * arrays can be written to and read from disk as they are (see `index-snapshot.ts`).
 */
export interface PassageTerms {
  /**
   * Every distinct term, in order of first occurrence over the passages: the order in which
   * MiniSearch's `addAll` meets them, which `fillMiniSearch` relies on to build the same index.
   */
  readonly terms: readonly string[];
  /** Passage i's terms are `ids[offsets[i]]` up to (not including) `ids[offsets[i + 1]]`. */
  readonly offsets: Uint32Array;
  readonly ids: Uint32Array;
}

/** Interns the terms of `count` passages, asked for one passage at a time. */
export function internTerms(count: number, termsOf: (i: number) => readonly string[]): PassageTerms {
  const terms: string[] = [];
  const idOf = new Map<string, number>();
  const offsets = new Uint32Array(count + 1);
  let ids = new Uint32Array(Math.max(1024, count * 16));
  let used = 0;
  for (let i = 0; i < count; i++) {
    const own = termsOf(i);
    if (used + own.length > ids.length) {
      const grown = new Uint32Array(Math.max(ids.length * 2, used + own.length));
      grown.set(ids.subarray(0, used));
      ids = grown;
    }
    for (const term of own) {
      let id = idOf.get(term);
      if (id === undefined) idOf.set(term, (id = terms.push(term) - 1));
      ids[used++] = id;
    }
    offsets[i + 1] = used;
  }
  return { terms, offsets, ids: ids.slice(0, used) };
}

/** The id of each term, for looking terms up. */
export function termIds(table: PassageTerms): Map<string, number> {
  const ids = new Map<string, number>();
  table.terms.forEach((t, i) => ids.set(t, i));
  return ids;
}

/** Passage i's term ids (a view, not a copy). */
export function passageTermIds(table: PassageTerms, i: number): Uint32Array {
  return table.ids.subarray(table.offsets[i]!, table.offsets[i + 1]!);
}
