import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLMap, type Document } from 'yaml';
import { z } from 'zod';

/**
 * `knowledge/feeds.yaml` (or FEEDS_FILE): the feeds the bot follows, written by people and by
 * `/source add`. Edits from Discord keep the file's comments and layout (yaml's Document API).
 *
 *   feeds:
 *     - url: https://example.com/feed.xml
 *       keywords: [DeepSeek, Qwen, 大模型]   # optional: an item's title or summary must hold one
 */
export const FEEDS_FILE_NAME = 'feeds.yaml';

export const feedEntrySchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'expected the feed\'s http(s) URL' }),
    keywords: z.array(z.string().trim().min(1, 'a keyword must not be empty')).optional(),
    name: z.string().trim().min(1).optional(),
  })
  .strict();

const feedFileSchema = z.object({ feeds: z.array(feedEntrySchema).nullable().optional() }).strict();

export type FeedEntry = z.infer<typeof feedEntrySchema>;

export class FeedListError extends Error {}

/** The feeds listed in `path`; none when the file does not exist. Throws `FeedListError` naming the file and field. */
export async function readFeedList(path: string): Promise<FeedEntry[]> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new FeedListError(`${basename(path)}: cannot read: ${err.code ?? err.message}`);
  });
  if (text === null) return [];
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors[0]) throw new FeedListError(`${basename(path)}: ${doc.errors[0].message.split('\n')[0]}`);
  const parsed = feedFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedListError(`${basename(path)}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data.feeds ?? [];
}

async function editFeedFile(path: string, edit: (doc: Document) => void): Promise<void> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)));
  const doc = parseDocument(text || 'feeds: []\n');
  if (doc.errors[0]) throw new FeedListError(`${basename(path)}: ${doc.errors[0].message.split('\n')[0]}; fix it by hand first`);
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as never;
  edit(doc);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, doc.toString({ lineWidth: 0 }));
  await rename(temp, path);
}

/** Adds a feed to the file (created when missing); refuses one already listed. */
export async function addFeed(path: string, entry: FeedEntry): Promise<void> {
  const checked = feedEntrySchema.parse(entry);
  const existing = await readFeedList(path);
  if (existing.some((f) => f.url === checked.url)) throw new FeedListError(`${checked.url} is already in ${basename(path)}`);
  await editFeedFile(path, (doc) => {
    let feeds = doc.get('feeds');
    if (!isSeq(feeds)) {
      doc.set('feeds', doc.createNode([]));
      feeds = doc.get('feeds');
    }
    const node = doc.createNode({ url: checked.url, ...(checked.keywords?.length ? { keywords: checked.keywords } : {}) });
    if (checked.keywords?.length) (node.get('keywords', true) as { flow?: boolean }).flow = true;
    (feeds as { add(v: unknown): void }).add(node);
  });
}

/** Removes a feed from the file; false when it was not listed. */
export async function removeFeed(path: string, url: string): Promise<boolean> {
  const existing = await readFeedList(path);
  const index = existing.findIndex((f) => f.url === url);
  if (index < 0) return false;
  await editFeedFile(path, (doc) => {
    const feeds = doc.get('feeds');
    if (isSeq(feeds)) feeds.delete(index);
  });
  return true;
}
