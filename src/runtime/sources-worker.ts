/**
 * Runs in a worker thread (see `sources-in-worker.ts`): fetching pages and feeds, extracting
 * articles and checking them against the whole knowledge (an engine build) happen here, so a feed
 * poll or a `/source add` never holds up the bot's event loop. One request at a time, in order.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { RobotsCache } from '../fetch/robots.js';
import { addSource, listSources, pollSources, removeSource, type SourcesConfig } from './sources.js';
import type { SourcesRequest, SourcesWorkerData } from './sources-in-worker.js';

/**
 * This thread at the lowest CPU priority (nice 19), as the question store's writer: polling is
 * background work, so on a busy machine it takes the CPU only when the bot's threads do not want
 * it. Linux names the calling thread's id in /proc/thread-self; elsewhere the thread keeps the
 * process's priority, which only costs answer latency while a poll runs.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, 19);
  } catch {
    // not Linux, or not allowed: keep the default priority
  }
}
lowerThreadPriority();

const data = workerData as SourcesWorkerData;
const config: SourcesConfig = {
  knowledgeDir: data.knowledgeDir,
  feedsFile: data.feedsFile,
  dataDir: data.dataDir,
  settings: { rule: data.rule, robots: new RobotsCache(), ...(data.timeoutMs ? { timeoutMs: data.timeoutMs } : {}) },
  ...(data.limits ? { limits: data.limits } : {}),
  ...(data.pauseMs !== undefined ? { pauseMs: data.pauseMs } : {}),
};
const log = (line: string) => parentPort!.postMessage({ log: line });

function run(request: SourcesRequest): Promise<unknown> {
  switch (request.op) {
    case 'add':
      return addSource(config, request.url, request.keywords);
    case 'list':
      return listSources(config);
    case 'remove':
      return removeSource(config, request.target);
    case 'poll':
      return pollSources(config, log);
  }
}

let queue: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (request: SourcesRequest) => {
  queue = queue.then(
    () =>
      run(request).then(
        (result) => parentPort!.postMessage({ id: request.id, result }),
        (err: unknown) => parentPort!.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) }),
      ),
  );
});
