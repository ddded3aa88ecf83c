/**
 * Read-only Maps over compact data, put in place of the Maps MiniSearch builds (see
 * `fillMiniSearch`). At 10,000 articles MiniSearch's Maps hold ~10 million postings and three
 * entries per passage (440,000 passages); as Map entries they cost hundreds of MB of heap and
 * seconds to create, as typed arrays a fraction of both. Each view answers every reading method
 * (`get`, `has`, `size`, iteration) as the Map `addAll` builds would, entries in the same order;
 * the changing ones (`set`, `delete`, `clear`) throw: this index is built once and replaced whole.
 */
abstract class ReadOnlyMap<K, V> extends Map<K, V> {
  abstract override get size(): number;
  abstract override get(key: K): V | undefined;
  abstract override entries(): MapIterator<[K, V]>;
  override has(key: K): boolean {
    return this.get(key) !== undefined;
  }
  override *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }
  override *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  override set(): this {
    throw new Error('this MiniSearch index is read-only: build a new one');
  }
  override delete(): boolean {
    throw new Error('this MiniSearch index is read-only: build a new one');
  }
  override clear(): void {
    throw new Error('this MiniSearch index is read-only: build a new one');
  }
}

/** One term's postings (document → term frequency): a range of two typed arrays shared by all terms. */
export class PostingView extends ReadOnlyMap<number, number> {
  constructor(
    readonly postings: { readonly docs: Uint32Array; readonly freqs: Uint32Array },
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
  override get size(): number {
    return this.to - this.from;
  }
  override get(doc: number): number | undefined {
    // Binary search: documents are in ascending order, as `addAll` adds them.
    const { docs } = this.postings;
    let lo = this.from;
    let hi = this.to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.to && docs[lo] === doc ? this.postings.freqs[lo] : undefined;
  }
  override *entries(): MapIterator<[number, number]> {
    for (let i = this.from; i < this.to; i++) yield [this.postings.docs[i]!, this.postings.freqs[i]!];
  }
}

/** Short id (position) → document id: MiniSearch's `_documentIds`. */
export class DocumentIds<T> extends ReadOnlyMap<number, T> {
  constructor(private readonly ids: readonly T[]) {
    super();
  }
  override get size(): number {
    return this.ids.length;
  }
  override get(shortId: number): T | undefined {
    return Number.isInteger(shortId) && shortId >= 0 ? this.ids[shortId] : undefined;
  }
  override *entries(): MapIterator<[number, T]> {
    for (let i = 0; i < this.ids.length; i++) yield [i, this.ids[i]!];
  }
}

/** Short id → field lengths (one array per document, as MiniSearch reads them): `_fieldLength`. */
export class FieldLengths extends ReadOnlyMap<number, number[]> {
  constructor(
    readonly lengths: Uint32Array,
    private readonly fieldId: number,
  ) {
    super();
  }
  override get size(): number {
    return this.lengths.length;
  }
  override get(shortId: number): number[] | undefined {
    if (!Number.isInteger(shortId) || shortId < 0 || shortId >= this.lengths.length) return undefined;
    const out: number[] = [];
    out[this.fieldId] = this.lengths[shortId]!;
    return out;
  }
  override *entries(): MapIterator<[number, number[]]> {
    for (let i = 0; i < this.lengths.length; i++) yield [i, this.get(i)!];
  }
}

/**
 * Document id → short id: `_idToShortId`. Searching never uses it (only adding, removing and
 * looking documents up by id do), so its Map is only built when first asked for.
 */
export class ShortIds<T> extends ReadOnlyMap<T, number> {
  private map: Map<T, number> | null = null;
  constructor(private readonly ids: readonly T[]) {
    super();
  }
  private built(): Map<T, number> {
    if (!this.map) {
      this.map = new Map();
      this.ids.forEach((id, i) => {
        if (this.map!.has(id)) throw new Error(`MiniSearch: duplicate ID ${String(id)}`);
        this.map!.set(id, i);
      });
    }
    return this.map;
  }
  override get size(): number {
    return this.ids.length;
  }
  override get(id: T): number | undefined {
    return this.built().get(id);
  }
  override entries(): MapIterator<[T, number]> {
    return this.built().entries();
  }
}
