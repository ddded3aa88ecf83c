import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AddressRule } from '../fetch/address-rule.js';
import type { ReadLimits } from '../knowledge/read-text.js';
import type { PollReport } from './poll-feeds.js';
import type { SourceAddResult, SourceListing, SourceRemoveResult } from './sources.js';

/** What the bot's `/source` command and feed poller use; every call runs in the sources worker. */
export interface SourcesService {
  add(url: string, keywords?: string[]): Promise<SourceAddResult>;
  list(): Promise<SourceListing>;
  remove(target: string): Promise<SourceRemoveResult>;
  poll(): Promise<PollReport>;
  close(): Promise<void>;
}

export interface SourcesWorkerData {
  knowledgeDir: string;
  feedsFile: string;
  dataDir: string;
  rule: AddressRule;
  limits?: ReadLimits;
  timeoutMs?: number;
  pauseMs?: number;
}

export type SourcesRequest =
  | { id: number; op: 'add'; url: string; keywords: string[] }
  | { id: number; op: 'list' }
  | { id: number; op: 'remove'; target: string }
  | { id: number; op: 'poll' };

type Reply = { id: number; result: unknown } | { id: number; error: string } | { log: string };

/** The compiled worker (vitest runs `src/`, which does not compile worker scripts: `npm run build` first). */
function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/]runtime[\\/])sources-in-worker\.ts$/, '$1dist$1src$2sources-worker.js')
    : here.replace(/sources-in-worker\.js$/, 'sources-worker.js');
  if (!existsSync(script)) throw new Error(`cannot find the sources worker ${script}; run npm run build`);
  return new URL(`file://${script}`);
}

/** A request without its id (Omit over a union would keep only the members common to all). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Starts the worker; a worker that dies is started again on the next call. */
export function startSourcesWorker(data: SourcesWorkerData, log: (line: string) => void = () => undefined): SourcesService {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const spawn = (): Worker => {
    const w = new Worker(workerScript(), { workerData: data });
    w.on('message', (reply: Reply) => {
      if ('log' in reply) return log(reply.log);
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) p?.reject(new Error(reply.error));
      else p?.resolve(reply.result);
    });
    const fail = (why: string) => {
      for (const p of pending.values()) p.reject(new Error(why));
      pending.clear();
      if (worker === w) worker = null;
    };
    w.on('error', (err) => fail(`the sources worker failed: ${err.message}`));
    w.on('exit', (code) => fail(`the sources worker stopped (exit code ${code})`));
    // Between polls it waits on a timer in the main thread; it must not keep the process alive.
    w.unref();
    return w;
  };
  const call = <T>(request: Unnumbered<SourcesRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker ??= spawn();
      worker.postMessage({ ...request, id });
    });
  return {
    add: (url, keywords = []) => call({ op: 'add', url, keywords }),
    list: () => call({ op: 'list' }),
    remove: (target) => call({ op: 'remove', target }),
    poll: () => call({ op: 'poll' }),
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/**
 * Polls the feeds every `minutes` (0: never), the first time `firstDelayMs` after start. A round
 * still running when the next is due is not doubled. Returns a function that stops it.
 */
export function startFeedPoller(service: SourcesService, minutes: number, log: (line: string, error?: unknown) => void, firstDelayMs = 10_000): () => void {
  if (!(minutes > 0)) return () => undefined;
  let running = false;
  const round = () => {
    if (running) return;
    running = true;
    service
      .poll()
      .then((report) => {
        if (!report.ran) log('feeds: another process is polling; skipped this round');
        else log(`feeds: polled ${report.feeds.length} feed${report.feeds.length === 1 ? '' : 's'}, added ${report.added.length} article${report.added.length === 1 ? '' : 's'}${report.added.length ? ` (${report.added.map((a) => a.id).join(', ')})` : ''}`);
      })
      .catch((error: unknown) => log('feeds: the poll failed; trying again next round', error))
      .finally(() => (running = false));
  };
  const first = setTimeout(round, firstDelayMs);
  const every = setInterval(round, minutes * 60_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
