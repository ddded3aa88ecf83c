/**
 * Runs in a worker thread (see `engine-in-worker.ts`): loads and validates the knowledge, compares
 * it with what is served, builds the engine, then answers the engine calls of the main thread,
 * so neither building a large index nor answering from it ever holds up the bot's event loop.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { createEngine } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { diffFingerprints, fingerprintKnowledge, isEmptyDiff, type KnowledgeFingerprint } from '../knowledge/diff.js';
import { KnowledgeError, loadKnowledge } from '../knowledge/load.js';
import { buildWithPersistedIndex } from './persisted-index.js';
import type { BuildReport, BuildRequest, CallReply, CallRequest } from './engine-in-worker.js';

async function build(request: BuildRequest): Promise<{ report: BuildReport; engine?: Engine }> {
  let knowledge;
  try {
    // This thread only builds and answers: blocking reads are several times faster than promises here.
    knowledge = await loadKnowledge(request.dir, { maxArticleBytes: request.maxArticleBytes, blocking: true });
  } catch (err) {
    if (err instanceof KnowledgeError) return { report: { ok: false, problems: err.problems } };
    throw err;
  }
  const fingerprint: KnowledgeFingerprint = fingerprintKnowledge(knowledge);
  const diff = request.previous ? diffFingerprints(request.previous, fingerprint) : null;
  if (diff && isEmptyDiff(diff)) return { report: { ok: true, changed: false, diff, fingerprint, warnings: knowledge.warnings } };
  let engine: Engine;
  let index: Extract<BuildReport, { changed: true }>['index'] = null;
  if (request.dataDir) {
    const built = buildWithPersistedIndex(knowledge, request.dataDir);
    engine = built.engine;
    index = { from: built.from, file: built.file, ...(built.problem ? { problem: built.problem } : {}) };
  } else engine = createEngine(knowledge);
  // Whatever the Engine offers, functions are called here and other values copied once, so a
  // feature added to the Engine later is forwarded without changes on either side.
  const methods: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(engine)) {
    if (typeof value === 'function') methods.push(key);
    else values[key] = value;
  }
  return { report: { ok: true, changed: true, diff, fingerprint, warnings: knowledge.warnings, index, methods, values }, engine };
}

/**
 * Answers a few questions of each kind before the engine is handed over. The main thread waits for
 * every answer it asks this worker for (see `callInWorker`), and in a fresh worker the first ones
 * run through code V8 has not compiled yet: 10–30 ms each on an idle machine, several times that
 * on a busy one, all of it time the bot's event loop would stand still after each reload.
 */
function warmUp(engine: Engine): void {
  const questions = ['What is Qwen?', 'How many large language models did China release in 2023?', 'Who founded Baichuan?', 'Why does China restrict chips?', '百度的文心一言是什么？', 'what is the weather tomorrow'];
  try {
    for (let round = 0; round < 2; round++) {
      for (const q of questions) engine.answer(`${q}${round ? ` ${round}` : ''}`);
      engine.search('chips export controls');
      engine.suggest('Qw');
    }
  } catch {
    // A warm-up is only an optimisation: an engine that cannot answer these is reported by its callers.
  }
}

function serve(engine: Engine, port: MessagePort, signal: Int32Array): void {
  const target = engine as unknown as Record<string, (...args: unknown[]) => unknown>;
  port.on('message', ({ id, method, args }: CallRequest) => {
    let reply: CallReply;
    try {
      reply = { id, result: target[method]!(...args) };
    } catch (err) {
      reply = { id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
    // Wakes the main thread, which waits on this counter (see `callInWorker`).
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

// Started ahead of need with its modules loaded, the worker waits for the one build it will do.
parentPort!.once('message', (request: BuildRequest) => {
  build(request).then(
    ({ report, engine }) => {
      if (engine) warmUp(engine);
      parentPort!.postMessage(report);
      if (engine) serve(engine, request.port, new Int32Array(request.signal));
      else request.port.close(); // nothing to serve: let the thread end
    },
    (err: unknown) => {
      parentPort!.postMessage({ ok: false, problems: [{ file: request.dir, field: '', message: err instanceof Error ? err.message : String(err) }] } satisfies BuildReport);
      request.port.close();
    },
  );
});
