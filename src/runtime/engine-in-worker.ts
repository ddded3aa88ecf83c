import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { deepFreeze, LruCache } from '../answer/answer-cache.js';
import type { Engine } from '../engine-types.js';
import type { KnowledgeDiff, KnowledgeFingerprint } from '../knowledge/diff.js';
import type { KnowledgeProblem } from '../knowledge/load.js';

/** What the worker is asked to load (the one message `engine-worker.ts` waits for). */
export interface BuildRequest {
  dir: string;
  maxArticleBytes: number | undefined;
  /** What is served now; null at start-up. An unchanged folder then builds nothing. */
  previous: KnowledgeFingerprint | null;
  /** Where the persisted index is read and written (`DATA_DIR`); null: built afresh, nothing written. */
  dataDir: string | null;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

export type BuildReport =
  | { ok: true; changed: false; diff: KnowledgeDiff; fingerprint: KnowledgeFingerprint; warnings: KnowledgeProblem[] }
  | {
      ok: true;
      changed: true;
      /** Null at start-up: nothing to compare with. */
      diff: KnowledgeDiff | null;
      fingerprint: KnowledgeFingerprint;
      warnings: KnowledgeProblem[];
      /** How the index was had, when a data folder was given (see `persisted-index.ts`). */
      index: { from: 'persisted' | 'built'; file: string; problem?: string } | null;
      /** The engine's function members (called in the worker) and its other members (copied). */
      methods: string[];
      values: Record<string, unknown>;
    }
  | { ok: false; problems: KnowledgeProblem[] };

export interface CallRequest {
  id: number;
  method: string;
  args: unknown[];
}
export type CallReply = { id: number; result: unknown } | { id: number; error: string };

export type WorkerBuild =
  | Exclude<BuildReport, { changed: true }>
  | (Extract<BuildReport, { changed: true }> & {
      engine: Engine;
      /** Ends the worker; the engine then refuses calls. */
      close(): void;
    });

/** How long a call may take in the worker before the caller gets an error instead. */
export const CALL_TIMEOUT_MS = 10_000;
/** Results remembered per engine, so a repeated question costs no trip to the worker and is the same frozen object (renderers cache by identity). */
const RESULT_CACHE_SIZE = 1000;

/**
 * The compiled worker script. Tests run this file from `src/` through vitest, which does not
 * compile worker scripts, so from `src/` the compiled copy in `dist/` is used (`npm test` builds it).
 */
function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/]runtime[\\/])engine-in-worker\.ts$/, '$1dist$1src$2engine-worker.js')
    : here.replace(/engine-in-worker\.js$/, 'engine-worker.js');
  if (!existsSync(script)) throw new Error(`cannot find the engine worker ${script}; run npm run build`);
  return new URL(`file://${script}`);
}

/**
 * Builds engines in worker threads, one worker per engine. The next worker is started as soon as
 * the previous one is taken, so loading its modules (about half a second) is not part of a reload.
 */
export class EngineBuilder {
  private standby: Worker | null = null;
  private closed = false;

  constructor() {
    this.standby = this.spawn();
  }

  /**
   * Loads the knowledge in `dir` and builds its engine in a worker thread. The returned `engine` is
   * synchronous like any other: each call is posted to the worker and the caller waits for the
   * reply (the time the call itself takes), while the index was built and is held over there, off
   * the event loop.
   */
  build(dir: string, options: { maxArticleBytes?: number; previous?: KnowledgeFingerprint | null; dataDir?: string | null } = {}): Promise<WorkerBuild> {
    const worker = this.standby ?? this.spawn();
    this.standby = this.closed ? null : this.spawn();
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const request: BuildRequest = { dir, maxArticleBytes: options.maxArticleBytes, previous: options.previous ?? null, dataDir: options.dataDir ?? null, port: port2, signal };
    return new Promise<WorkerBuild>((resolve) => {
      const fail = (message: string) => {
        port1.close();
        void worker.terminate();
        resolve({ ok: false, problems: [{ file: dir, field: '', message }] });
      };
      worker.once('error', (err) => fail(`building the index failed: ${err.message}`));
      worker.once('exit', (code) => fail(`building the index stopped (worker exit code ${code})`));
      worker.once('message', (report: BuildReport) => {
        worker.removeAllListeners('exit');
        worker.removeAllListeners('error');
        if (!report.ok || !report.changed) {
          port1.close();
          resolve(report);
          return;
        }
        let closed = false;
        worker.on('error', () => (closed = true));
        worker.on('exit', () => (closed = true));
        const call = callInWorker(port1, new Int32Array(signal), () => closed);
        resolve({
          ...report,
          engine: proxyEngine(report.methods, report.values, call),
          close() {
            closed = true;
            port1.close();
            void worker.terminate();
          },
        });
      });
      worker.postMessage(request, [port2]);
    });
  }

  /** Ends the standby worker; engines already built keep their own until closed. */
  close(): void {
    this.closed = true;
    void this.standby?.terminate();
    this.standby = null;
  }

  private spawn(): Worker {
    const worker = new Worker(workerScript());
    worker.unref(); // an engine alone never keeps a process alive
    worker.on('error', () => undefined); // reported by the build that uses it
    return worker;
  }
}

function proxyEngine(methods: string[], values: Record<string, unknown>, call: (method: string, args: unknown[]) => unknown): Engine {
  const results = new LruCache<string, unknown>(RESULT_CACHE_SIZE);
  const engine: Record<string, unknown> = { ...deepFreeze(values) };
  for (const method of methods) {
    engine[method] = (...args: unknown[]) => {
      // An engine is immutable, so a call's result depends only on its arguments.
      const key = `${method}\u0000${JSON.stringify(args)}`;
      let result = results.get(key);
      if (result === undefined) {
        result = deepFreeze(call(method, args));
        results.set(key, result);
      }
      return result;
    };
  }
  return Object.freeze(engine) as unknown as Engine;
}

/** A synchronous call: post, then sleep on the shared counter until the worker's reply is there. */
function callInWorker(port: MessagePort, signal: Int32Array, isClosed: () => boolean) {
  let nextId = 0;
  return (method: string, args: unknown[]): unknown => {
    if (isClosed()) throw new Error('this engine was replaced or closed; use the current one');
    const id = ++nextId;
    port.postMessage({ id, method, args } satisfies CallRequest);
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    for (;;) {
      const seen = Atomics.load(signal, 0);
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const reply = m.message as CallReply;
        if (reply.id !== id) continue; // the late reply to a call that timed out
        if ('error' in reply) throw new Error(reply.error);
        return reply.result;
      }
      const left = deadline - Date.now();
      if (left <= 0 || isClosed()) throw new Error(`the engine did not answer ${method}() within ${CALL_TIMEOUT_MS / 1000} s`);
      Atomics.wait(signal, 0, seen, left);
    }
  };
}
