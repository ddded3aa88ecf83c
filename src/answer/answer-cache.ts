/**
 * A small least-recently-used cache of answers. An engine is immutable, so its answers never go
 * stale; a reload builds a new engine with an empty cache. On a busy server the same questions come
 * back again and again (and autocomplete suggests them), so most answers cost a map lookup.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Answers kept per engine: a few hundred KB at most. */
export const ANSWER_CACHE_SIZE = 1000;

/** Cached answers (and what is rendered from them) are shared between callers, so none may change one. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
