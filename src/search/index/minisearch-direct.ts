import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { DocumentIds, FieldLengths, PostingView, ShortIds } from './readonly-maps.js';
import type { PassageTerms } from './term-table.js';

/**
 * Two shortcuts through MiniSearch's own data structures, for speed at 10,000 articles:
 *
 * - `fillMiniSearch` fills an index from interned terms (one radix-tree insertion per distinct
 *   term, instead of one lookup per term occurrence as `addAll` does), its postings and
 *   per-document data kept in typed arrays behind read-only Map views (`readonly-maps.ts`), and
 * - `searchTop` answers an OR query with only its best `k` results, where `search` builds, scores
 *   and sorts a result object for every matching document (hundreds of thousands at 10,000 articles).
 *
 * Both give exactly what `addAll` and `search(...).slice(0, k)` give (same index, same scores, same
 * order; test/minisearch-direct.test.ts compares them), but both read and write MiniSearch's
 * PRIVATE fields. That is why package.json pins minisearch to one exact version: a new version
 * must pass those tests before it is taken. `searchTop` falls back to `search` for any option it
 * does not replicate.
 */

/** MiniSearch's private state as of version 7.2.0 (see node_modules/minisearch/dist/es/index.js). */
interface RadixTree<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): unknown;
  fuzzyGet(key: string, maxDistance: number): Map<string, [T, number]>;
}
type FieldPostings = Map<number, Map<number, number>>;
interface Internals {
  _options: Required<Pick<Options, 'fields' | 'tokenize' | 'processTerm'>> & { searchOptions: SearchOptions };
  _index: RadixTree<FieldPostings>;
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}
const internals = (m: MiniSearch<never> | MiniSearch<unknown>) => m as unknown as Internals;

/** MiniSearch's defaults that `search` merges in (its `defaultSearchOptions`). */
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

/**
 * A MiniSearch over documents with one field and no stored fields, filled as `addAll` would fill
 * it with document i's id `ids[i]` and tokens `terms` of passage i (processTerm the identity).
 * Ids must be unique (passage ids are): a duplicate is only reported once documents are looked up by id.
 * Returns it with each term's document frequency, by term id.
 */
export function fillMiniSearch<T>(options: Options<T>, ids: readonly string[], table: PassageTerms): { miniSearch: MiniSearch<T>; df: Uint32Array } {
  if (options.fields.length !== 1 || (options.storeFields?.length ?? 0) > 0) throw new Error('fillMiniSearch: one field, no stored fields');
  const miniSearch = new MiniSearch<T>(options);
  const m = internals(miniSearch);
  const fieldId = m._fieldIds[options.fields[0]!]!;
  const n = ids.length;
  const termCount = table.terms.length;
  const { offsets, ids: termIdsOf } = table;

  // Pass 1: distinct terms per document (MiniSearch's field length) and documents per term.
  const df = new Uint32Array(termCount);
  const seen = new Int32Array(termCount).fill(-1);
  const fieldLength = new Uint32Array(n);
  let average = 0;
  for (let doc = 0; doc < n; doc++) {
    let distinct = 0;
    for (let j = offsets[doc]!; j < offsets[doc + 1]!; j++) {
      const t = termIdsOf[j]!;
      if (seen[t] !== doc) {
        seen[t] = doc;
        df[t]!++;
        distinct++;
      }
    }
    fieldLength[doc] = distinct;
    // The running average exactly as `addFieldLength` computes it, rounding included.
    average = (average * doc + distinct) / (doc + 1);
  }
  // MiniSearch's per-document Maps, as read-only views over the arrays (see `readonly-maps.ts`).
  m._documentIds = new DocumentIds(ids);
  m._idToShortId = new ShortIds(ids);
  m._fieldLength = new FieldLengths(fieldLength, fieldId);
  m._documentCount = n;
  m._nextId = n;
  if (n > 0) m._avgFieldLength[fieldId] = average;

  // Pass 2: postings (document, term frequency) per term, documents in ascending order as `addAll` adds them.
  const start = new Uint32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + df[t]!;
  const cursor = start.slice(0, termCount);
  const postingDoc = new Uint32Array(start[termCount]!);
  const postingFreq = new Uint32Array(start[termCount]!);
  seen.fill(-1);
  for (let doc = 0; doc < n; doc++) {
    for (let j = offsets[doc]!; j < offsets[doc + 1]!; j++) {
      const t = termIdsOf[j]!;
      if (seen[t] !== doc) {
        seen[t] = doc;
        postingDoc[cursor[t]!] = doc;
        postingFreq[cursor[t]!++] = 1;
      } else postingFreq[cursor[t]! - 1]!++;
    }
  }
  // Terms go into the radix tree in order of first occurrence, as `addAll` inserts them, so that
  // even the order of its branches (and so of fuzzy matches) is the same. `addAll` skips empty terms.
  const postings = { docs: postingDoc, freqs: postingFreq };
  for (let t = 0; t < termCount; t++) {
    const term = table.terms[t]!;
    if (term) m._index.set(term, new Map([[fieldId, new PostingView(postings, start[t]!, start[t + 1]!)]]));
  }
  return { miniSearch, df };
}

export interface TopMatch {
  /** MiniSearch's short id: the document's position in the order it was added. */
  shortId: number;
  id: unknown;
  score: number;
  /** The query terms the document matched, in query order (MiniSearch's `queryTerms`). */
  queryTerms: string[];
}

/** Per-index buffers, reused by every search on that index (searches are synchronous). */
interface Scratch {
  total: Float64Array;
  quality: Uint32Array;
  seenIn: Uint32Array;
  termScore: Float64Array;
  termSeen: Uint32Array;
  stamp: number;
}
const scratches = new WeakMap<object, Scratch>();

function scratchFor(m: Internals): Scratch {
  let s = scratches.get(m);
  const n = m._nextId;
  if (!s || s.total.length < n) {
    s = { total: new Float64Array(n), quality: new Uint32Array(n), seenIn: new Uint32Array(n), termScore: new Float64Array(n), termSeen: new Uint32Array(n), stamp: 0 };
    scratches.set(m, s);
  }
  return s;
}

/**
 * `miniSearch.search(query, options).slice(0, k)`, as `TopMatch`es, for OR queries without prefix
 * search, document boosts or filters. The arithmetic is MiniSearch's own, in its order (floating
 * point sums depend on it), and ties keep MiniSearch's order: the order documents were first matched.
 */
export function searchTop<T>(miniSearch: MiniSearch<T>, query: string, searchOptions: SearchOptions, k: number): TopMatch[] {
  const m = internals(miniSearch);
  const options = { tokenize: m._options.tokenize, processTerm: m._options.processTerm, ...m._options.searchOptions, ...searchOptions };
  const terms = options.tokenize!(query).flatMap((t) => options.processTerm!(t) || []).filter((t): t is string => !!t);
  const specs = terms.map((term, i) => ({
    term,
    fuzzy: typeof options.fuzzy === 'function' ? options.fuzzy(term, i, terms) : options.fuzzy || false,
    prefix: typeof options.prefix === 'function' ? options.prefix(term, i, terms) : options.prefix === true,
    termBoost: typeof options.boostTerm === 'function' ? options.boostTerm(term, i, terms) : 1,
  }));
  const replicated =
    (options.combineWith ?? 'or').toLowerCase() === 'or' && !options.boostDocument && !options.filter && m._dirtCount === 0 &&
    specs.every((s) => !s.prefix) && new Set(terms).size === terms.length;
  if (!replicated) return miniSearch.search(query, searchOptions).slice(0, k).map((r) => ({ shortId: m._idToShortId.get(r.id)!, id: r.id, score: r.score, queryTerms: r.queryTerms }));

  const fields = options.fields ?? m._options.fields;
  const boosts = fields.map((field) => ({ fieldId: m._fieldIds[field]!, boost: (Object.hasOwn(options.boost ?? {}, field) ? options.boost![field] : 0) || 1 }));
  const fuzzyWeight = { ...DEFAULT_WEIGHTS, ...options.weights }.fuzzy;
  const { k: k1, b, d } = options.bm25!;
  const s = scratchFor(m);
  const search = ++s.stamp;
  const lengths = boosts.length === 1 && m._fieldLength instanceof FieldLengths ? m._fieldLength.lengths : undefined;
  const order: number[] = []; // documents in the order first matched: MiniSearch's order for ties
  const matchedBy: number[][] = [];

  for (const spec of specs) {
    const termStamp = ++s.stamp;
    const touched: number[] = [];
    // One query term's results: its exact match, then each fuzzy match, summed per document first.
    const add = (data: FieldPostings | undefined, weight: number) => {
      if (!data) return;
      for (const { fieldId, boost } of boosts) {
        const postings = data.get(fieldId);
        if (!postings) continue;
        const matching = postings.size;
        const avgFieldLength = m._avgFieldLength[fieldId]!;
        const invDocFreq = Math.log(1 + (m._documentCount - matching + 0.5) / (matching + 0.5));
        const factor = weight * spec.termBoost * boost * 1; // MiniSearch's order: termWeight * termBoost * fieldBoost * docBoost
        const posting = (doc: number, termFreq: number, fieldLength: number) => {
          const raw = invDocFreq * (d + termFreq * (k1 + 1) / (termFreq + k1 * (1 - b + b * fieldLength / avgFieldLength)));
          const score = factor * raw;
          if (s.termSeen[doc] !== termStamp) {
            s.termSeen[doc] = termStamp;
            s.termScore[doc] = score;
            touched.push(doc);
          } else s.termScore[doc] = s.termScore[doc]! + score;
        };
        if (postings instanceof PostingView && lengths) {
          // The same postings, read straight from the typed arrays behind the view.
          const { docs, freqs } = postings.postings;
          for (let i = postings.from; i < postings.to; i++) posting(docs[i]!, freqs[i]!, lengths[docs[i]!]!);
        } else for (const [doc, termFreq] of postings) posting(doc, termFreq, m._fieldLength.get(doc)![fieldId]!);
      }
    };
    add(m._index.get(spec.term), 1);
    if (spec.fuzzy) {
      const fuzzy = spec.fuzzy === true ? 0.2 : spec.fuzzy;
      const maxDistance = fuzzy < 1 ? Math.min(options.maxFuzzy!, Math.round(spec.term.length * fuzzy)) : fuzzy;
      if (maxDistance) {
        for (const [term, [data, distance]] of m._index.fuzzyGet(spec.term, maxDistance)) {
          if (!distance) continue; // the exact match, already counted
          add(data, (fuzzyWeight * term.length) / (term.length + distance));
        }
      }
    }
    // OR: the term's results join the total in the order the term met them.
    for (const doc of touched) {
      if (s.seenIn[doc] !== search) {
        s.seenIn[doc] = search;
        s.total[doc] = s.termScore[doc]!;
        s.quality[doc] = 1;
        order.push(doc);
      } else {
        s.total[doc] = s.total[doc]! + s.termScore[doc]!;
        s.quality[doc]!++;
      }
    }
    matchedBy.push(touched);
  }

  const top = bestOf(order, (doc) => s.total[doc]! * s.quality[doc]!, k);
  const rankOf = new Map(top.map((doc, i) => [doc, i]));
  const queryTerms = top.map((): string[] => []);
  specs.forEach((spec, j) => {
    for (const doc of matchedBy[j]!) {
      const i = rankOf.get(doc);
      if (i !== undefined) queryTerms[i]!.push(spec.term);
    }
  });
  return top.map((doc, i) => ({ shortId: doc, id: m._documentIds.get(doc), score: s.total[doc]! * s.quality[doc]!, queryTerms: queryTerms[i]! }));
}

/**
 * The `k` best of `docs` by score, ties to the earlier in `docs`, best first: what a stable sort
 * by descending score and `slice(0, k)` give, with a bounded heap instead of sorting them all.
 */
function bestOf(docs: readonly number[], scoreOf: (doc: number) => number, k: number): number[] {
  if (k <= 0) return [];
  // Min-heap of [score, position]: the root is the worst kept (lowest score, then latest).
  const heap: Array<[number, number]> = [];
  const worse = (a: [number, number], c: [number, number]) => a[0] < c[0] || (a[0] === c[0] && a[1] > c[1]);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  docs.forEach((doc, position) => {
    const entry: [number, number] = [scoreOf(doc), position];
    if (heap.length < k) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (worse(heap[0]!, entry)) {
      heap[0] = entry;
      siftDown(0);
    }
  });
  return heap.sort((a, c) => c[0] - a[0] || a[1] - c[1]).map(([, position]) => docs[position]!);
}
