import { createHash } from 'node:crypto';
import type { AnalyzerObservations } from '../question/analyzer.js';
import type { PassageTerms } from './term-table.js';

/**
 * What building an index computes that is worth keeping between starts: the passages' places in
 * the articles, every passage's analysed terms (analysis is most of a build) and what the analyzer
 * learnt from the text. MiniSearch's
 * index is not stored: it is a function of the terms, and `fillMiniSearch` rebuilds it from them
 * faster than `MiniSearch.loadJSON` parses its JSON (and the result is the same index).
 */
export interface IndexSnapshot {
  /** Where each article's passages are (see `passageLayout`): splitting need not be done again. */
  passages: PassageLayouts;
  terms: PassageTerms;
  observations: AnalyzerObservations;
}

export interface PassageLayouts {
  /** How many passages each article has, in article order. */
  perArticle: Uint32Array;
  /** Four numbers per passage (`passageLayout`), all articles' passages in order. */
  layout: Uint32Array;
}

/**
 * One binary file: a header (magic, format, byte order, the key it was built for, the body's
 * length and SHA-256), then the body: counts, the typed arrays as they are in memory, the terms
 * (UTF-8, NUL-separated) and the observations (JSON). Anything that does not check out is refused.
 */
const MAGIC = Buffer.from('LLMNEWSX', 'latin1');
/** Raise when the layout or the meaning of what is stored changes. */
export const SNAPSHOT_FORMAT = 2;
const BYTE_ORDER = 0x01020304;
const KEY_BYTES = 64; // a SHA-256 in hex
const HEADER_BYTES = MAGIC.length + 4 + 4 + KEY_BYTES + 8 + 32;
const COUNTS = 7;

export class SnapshotError extends Error {}

export function encodeSnapshot(snapshot: IndexSnapshot, key: string): Buffer {
  if (Buffer.byteLength(key) !== KEY_BYTES) throw new Error('encodeSnapshot: the key must be a hex SHA-256');
  const { terms, offsets, ids } = snapshot.terms;
  // NUL separates terms; the tokenizer never yields one, but a term holding it must not be split wrongly.
  if (terms.some((t) => t.includes('\u0000'))) throw new SnapshotError('a term contains NUL; not persisted');
  const termBytes = Buffer.from(terms.join('\u0000'), 'utf8');
  const observations = Buffer.from(JSON.stringify(snapshot.observations), 'utf8');
  const { perArticle, layout } = snapshot.passages;
  const counts = new Uint32Array([offsets.length - 1, terms.length, ids.length, termBytes.length, observations.length, perArticle.length, layout.length]);
  const body = [counts, offsets, ids, perArticle, layout].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  body.push(termBytes, observations);
  const length = body.reduce((sum, b) => sum + b.length, 0);
  const digest = createHash('sha256');
  for (const b of body) digest.update(b);
  const header = Buffer.alloc(HEADER_BYTES);
  let at = MAGIC.copy(header, 0);
  at = header.writeUInt32LE(SNAPSHOT_FORMAT, at);
  new Uint32Array(header.buffer, header.byteOffset + at, 1)[0] = BYTE_ORDER; // native order: checked on load
  at += 4;
  at += header.write(key, at, 'latin1');
  at = header.writeBigUInt64LE(BigInt(length), at);
  digest.digest().copy(header, at);
  return Buffer.concat([header, ...body]);
}

/** The snapshot stored in `bytes` for `key`; throws `SnapshotError` for anything stale, truncated or corrupt. */
export function decodeSnapshot(bytes: Buffer, key: string): IndexSnapshot {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotError('not an index file');
  let at = MAGIC.length;
  if (bytes.readUInt32LE(at) !== SNAPSHOT_FORMAT) throw new SnapshotError('another format version');
  at += 4;
  if (!nativeOrder(bytes, at)) throw new SnapshotError('another byte order');
  at += 4;
  if (bytes.toString('latin1', at, at + KEY_BYTES) !== key) throw new SnapshotError('built for other knowledge or code');
  at += KEY_BYTES;
  const length = Number(bytes.readBigUInt64LE(at));
  at += 8;
  const expected = bytes.subarray(at, at + 32);
  at += 32;
  if (bytes.length !== HEADER_BYTES + length) throw new SnapshotError('truncated or too long');
  const body = bytes.subarray(HEADER_BYTES);
  if (!createHash('sha256').update(body).digest().equals(expected)) throw new SnapshotError('checksum mismatch');

  // Copies, 4-byte aligned whatever the buffer's own alignment; they own their memory.
  let pos = 0;
  const words = (n: number) => {
    if (pos + n * 4 > body.length) throw new SnapshotError('counts do not fit the file');
    const out = new Uint32Array(n);
    Buffer.from(out.buffer).set(body.subarray(pos, pos + n * 4));
    pos += n * 4;
    return out;
  };
  const [passages, termCount, occurrences, termBytes, observationBytes, articles, cells] = words(COUNTS) as unknown as number[] as [number, number, number, number, number, number, number];
  const offsets = words(passages + 1);
  const ids = words(occurrences);
  const perArticle = words(articles);
  const layout = words(cells);
  if (pos + termBytes + observationBytes !== body.length) throw new SnapshotError('counts do not fit the file');
  const termText = body.toString('utf8', pos, (pos += termBytes));
  const terms = termCount === 0 ? [] : termText.split('\u0000');
  const observations = JSON.parse(body.toString('utf8', pos, pos + observationBytes)) as AnalyzerObservations;
  // The checksum guards against damage; these guard against a writer's bug ever crashing a start.
  if (terms.length !== termCount || offsets[0] !== 0 || offsets[passages] !== occurrences) throw new SnapshotError('inconsistent counts');
  for (let i = 0; i < passages; i++) if (offsets[i]! > offsets[i + 1]!) throw new SnapshotError('inconsistent offsets');
  for (let i = 0; i < occurrences; i++) if (ids[i]! >= termCount) throw new SnapshotError('a term id out of range');
  if (perArticle.reduce((sum, n) => sum + n, 0) !== passages || cells !== passages * 4) throw new SnapshotError('inconsistent passages');
  if (![observations?.vocabulary, observations?.capitalised, observations?.lowerCased].every(Array.isArray)) throw new SnapshotError('no observations');
  return { passages: { perArticle, layout }, terms: { terms, offsets, ids }, observations };
}

function nativeOrder(bytes: Buffer, at: number): boolean {
  const word = new Uint32Array(1);
  Buffer.from(word.buffer).set(bytes.subarray(at, at + 4));
  return word[0] === BYTE_ORDER;
}
