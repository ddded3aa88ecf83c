import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What the feed poller remembers in DATA_DIR, per feed and per article: the validators for
 * conditional requests, a hash of what came back, when and how it went. It is what makes a second
 * run, or a restart, add nothing twice, and what `/source list` shows.
 */
export const STATE_FILE = 'feeds-state.json';

const fetchRecord = {
  url: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  contentHash: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  /** Feeds: ok, not-modified, rate-limited, failed. Articles: added, refused, failed, removed. */
  status: z.string(),
  /** Why it failed or was refused. */
  detail: z.string().nullable().optional(),
};

const feedRecordSchema = z.object({
  ...fetchRecord,
  /** Not asked again before this time (Retry-After, or a back-off after failures). */
  retryAfter: z.string().nullable().optional(),
  failures: z.number().int().optional(),
});

const articleRecordSchema = z.object({
  ...fetchRecord,
  /** The feed it came from; null when added by hand (knowledge:add, /source add). */
  feed: z.string().nullable(),
  id: z.string().nullable(),
  file: z.string().nullable(),
  title: z.string().nullable(),
  failures: z.number().int().optional(),
});

const stateSchema = z.object({
  version: z.literal(1),
  feeds: z.record(z.string(), feedRecordSchema),
  articles: z.record(z.string(), articleRecordSchema),
});

export type FeedRecord = z.infer<typeof feedRecordSchema>;
export type ArticleRecord = z.infer<typeof articleRecordSchema>;
export type FeedsState = z.infer<typeof stateSchema>;

export const emptyState = (): FeedsState => ({ version: 1, feeds: {}, articles: {} });

/** Reads the state; a missing file is a fresh start. A corrupt one is set aside (renamed), never silently reused. */
export async function readState(dataDir: string, warn: (message: string) => void = () => undefined): Promise<FeedsState> {
  const path = join(dataDir, STATE_FILE);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
  if (text === null) return emptyState();
  let parsed;
  try {
    parsed = stateSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (parsed?.success) return parsed.data;
  const aside = `${path}.corrupt-${Date.now()}`;
  await rename(path, aside);
  // The knowledge itself refuses the same URL or text twice, so a fresh state adds nothing twice either.
  warn(`${STATE_FILE} could not be read; set aside as ${aside} and starting afresh`);
  return emptyState();
}

/** Writes the state atomically (a reader sees the old file or the new one, never half of one). */
export async function writeState(dataDir: string, state: FeedsState): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, STATE_FILE);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temp, path);
}

const LOCK_FILE = 'feeds.lock';
/** A lock older than this was left by a process that died mid-run. */
const STALE_LOCK_MS = 30 * 60_000;

/**
 * Runs `fn` holding DATA_DIR/feeds.lock, so `knowledge:feeds --once` and a running bot never poll
 * at the same time and lose each other's state. Returns null, without running `fn`, when another
 * process holds it.
 */
export async function withStateLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T | null> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age < STALE_LOCK_MS) return null;
    await unlink(path).catch(() => undefined);
    handle = await open(path, 'wx');
  }
  try {
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
