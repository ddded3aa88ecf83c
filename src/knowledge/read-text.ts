import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reading knowledge files safely: only regular files, at most a set size, and only UTF-8 text.
 * The loader, `knowledge:check` and `knowledge:add` all read through here, so they agree on what
 * loads.
 */

/** Default largest article file, in kB (1 kB = 1,024 bytes): a long report is ~100 kB. */
export const DEFAULT_MAX_ARTICLE_KB = 1024;
/** The setting that changes it, for the bot, `knowledge:check` and `knowledge:add` alike. */
export const MAX_ARTICLE_KB_VARIABLE = 'MAX_ARTICLE_KB';

export interface ReadLimits {
  /** Files larger than this are refused unread (default `DEFAULT_MAX_ARTICLE_KB` kB). */
  maxArticleBytes?: number;
  /**
   * Read with blocking calls: for a caller whose thread has nothing else to do (the engine's worker,
   * a terminal command). 10,000 files take 0.3 s this way against about 1.5 s of promise round trips
   * (open, stat, read, close); on a thread that answers people, leave it off.
   */
  blocking?: boolean;
}

export const maxBytesOf = (limits: ReadLimits = {}) => limits.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_KB * 1024;

/** `MAX_ARTICLE_KB` → bytes; undefined or empty means the default. Throws a one-line message when invalid. */
export function maxArticleBytesFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_ARTICLE_KB * 1024;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new Error(`${MAX_ARTICLE_KB_VARIABLE} expected a whole number of kB ≥ 1 (default ${DEFAULT_MAX_ARTICLE_KB})`);
  }
  return Number(value) * 1024;
}

/** Something wrong with a file's bytes, as the `field: problem` of a knowledge problem. */
export interface TextProblem {
  /** `size`, `content` or `encoding`; empty when the file could not be read at all. */
  field: string;
  message: string;
}

export type TextRead =
  | { ok: true; text: string }
  | { ok: false; problem: TextProblem }
  /** Not a regular file (a FIFO, a socket, a folder, a device): `kind` says which; never opened for reading. */
  | { ok: false; notRegular: string }
  /** Gone between listing and opening (an editor replacing it). */
  | { ok: false; missing: true };

const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} kB`;

export function sizeProblem(bytes: number, limits: ReadLimits = {}): TextProblem | null {
  const max = maxBytesOf(limits);
  if (bytes <= max) return null;
  return {
    field: 'size',
    message: `${kb(bytes)}, over the ${kb(max)} an article may have (${MAX_ARTICLE_KB_VARIABLE}); split it into several articles`,
  };
}

/**
 * Opens without blocking, so a FIFO with no writer cannot hang the reader, then asks the open file
 * itself what it is: a file swapped for a FIFO after a `stat` is still caught.
 */
export async function readTextFile(path: string, limits: ReadLimits = {}): Promise<TextRead> {
  if (limits.blocking) return readTextFileSync(path, limits);
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    return openFailure(err);
  }
  try {
    return await readOpened(await handle.stat(), () => handle.readFile(), limits);
  } finally {
    await handle.close();
  }
}

/** `readTextFile` with blocking calls, the same checks in the same order. */
export function readTextFileSync(path: string, limits: ReadLimits = {}): TextRead {
  let fd;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    return openFailure(err);
  }
  try {
    return readOpened(fstatSync(fd), () => readFileSync(fd), limits);
  } finally {
    closeSync(fd);
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function openFailure(err: unknown): TextRead {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { ok: false, missing: true };
  if (code === 'ENXIO' || code === 'EISDIR') return { ok: false, notRegular: code === 'EISDIR' ? 'a folder' : 'a socket' };
  return { ok: false, problem: { field: '', message: `cannot be read (${code ?? (err as Error).message})` } };
}

function readOpened(stat: Stats, read: () => Uint8Array, limits: ReadLimits): TextRead;
function readOpened(stat: Stats, read: () => Promise<Uint8Array>, limits: ReadLimits): Promise<TextRead>;
function readOpened(stat: Stats, read: () => Uint8Array | Promise<Uint8Array>, limits: ReadLimits): TextRead | Promise<TextRead> {
  if (!stat.isFile()) return { ok: false, notRegular: kindOf(stat) };
  const tooBig = sizeProblem(stat.size, limits);
  if (tooBig) return { ok: false, problem: tooBig };
  const bytes = read();
  return bytes instanceof Uint8Array ? checked(bytes, limits) : bytes.then((b) => checked(b, limits));
}

/** It may have grown since the stat. */
function checked(bytes: Uint8Array, limits: ReadLimits): TextRead {
  const grown = sizeProblem(bytes.length, limits);
  return grown ? { ok: false, problem: grown } : decodeText(bytes);
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Signatures of programs and object files, which are never articles. */
const EXECUTABLE_MAGIC: Array<[bytes: number[], what: string]> = [
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0xfe, 0xed, 0xfa, 0xce], 'a Mach-O executable'],
  [[0xfe, 0xed, 0xfa, 0xcf], 'a Mach-O executable'],
  [[0xce, 0xfa, 0xed, 0xfe], 'a Mach-O executable'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a Mach-O executable'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a Mach-O or Java class file'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
  [[0x23, 0x21], 'a script (it starts with "#!")'],
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Accepts UTF-8 text only: a program, a file with NUL bytes or other control characters, or text
 * in another encoding (Latin-1, Windows-1252, UTF-16) is refused rather than stored with
 * replacement characters, so what is quoted is what was published.
 */
export function decodeText(bytes: Uint8Array): TextRead {
  for (const [magic, what] of EXECUTABLE_MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return { ok: false, problem: { field: 'content', message: `${what}, not article text` } };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: { field: 'content', message: `binary data (a NUL byte at byte ${nul.toLocaleString('en-US')}), not article text` } };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      problem: { field: 'encoding', message: `not UTF-8 text (line ${firstBadLine(bytes)} is not valid UTF-8, as in a Latin-1 or Windows-1252 file); save it as UTF-8` },
    };
  }
  const problem = textProblem(text);
  return problem ? { ok: false, problem } : { ok: true, text };
}

/** Tabs, line breaks and form feeds are text; other control characters mean binary data. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/** What `decodeText` refuses in text that is already a string (the text `knowledge:add` composes). */
export function textProblem(text: string): TextProblem | null {
  const m = CONTROL.exec(text);
  if (!m) return null;
  const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const line = text.slice(0, m.index).split('\n').length;
  return { field: 'content', message: `binary data (control character ${code} on line ${line}), not article text` };
}

function firstBadLine(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end < 0 ? bytes.length : end);
    try {
      utf8.decode(slice);
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
    line++;
  }
}
