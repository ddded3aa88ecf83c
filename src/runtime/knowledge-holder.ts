import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Engine } from '../engine-types.js';
import { describeDiff, type KnowledgeDiff, type KnowledgeFingerprint } from '../knowledge/diff.js';
import { ALIAS_FILE, formatProblem, isArticleFile, KnowledgeError, PROBLEMS_SHOWN, problemLines, type KnowledgeProblem } from '../knowledge/load.js';
import { EngineBuilder } from './engine-in-worker.js';



export type ReloadResult =
  | { ok: true; /** False when the folder holds exactly what is served: nothing swapped. */ changed: boolean; diff: KnowledgeDiff; stats: Engine['stats']; ms: number }
  | { ok: false; /** Why the new knowledge was refused; the previous engine keeps serving. */ problems: KnowledgeProblem[]; ms: number };

/** The part of a levelled logger the holder needs (the bot's `Logger` fits). */
export interface HolderLogger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface KnowledgeHolderOptions {
  logger?: HolderLogger;
  /** Quiet time after the last file event before rebuilding, so one save (or a burst) gives one rebuild. */
  debounceMs?: number;
  /** Called after every reload, manual or watched, with its result. */
  onReload?: (result: ReloadResult) => void;
  /** Largest article file accepted, in bytes (`MAX_ARTICLE_KB`; default 1,024 kB). */
  maxArticleBytes?: number;
  /**
   * Where the index is persisted between starts (`DATA_DIR`): a start over unchanged knowledge
   * then reads it instead of analysing every passage. Without it, nothing is written.
   */
  dataDir?: string;
}

export const DEFAULT_DEBOUNCE_MS = 300;
/**
 * How long a replaced engine keeps answering: a question that took the engine just before a swap
 * still gets its answer. After that its worker (and its memory) is let go.
 */
export const RETIRE_AFTER_MS = 30_000;

const silentLogger: HolderLogger = { info() {}, warn() {}, error() {} };

/** One loaded knowledge and the engine built over it; replaced as a whole, never mutated. */
interface Snapshot {
  engine: Engine;
  fingerprint: KnowledgeFingerprint;
  /** Ends the worker that holds the index. */
  close(): void;
}

/**
 * Keeps the engine the bot answers from, and replaces it when the knowledge folder changes.
 * A new engine is built completely beside the old one, in a worker thread (loading, validating,
 * comparing and indexing a large article takes seconds, and the bot must keep answering), and
 * swapped in with one assignment, so every question is answered from one whole index. Knowledge
 * that fails validation is refused and logged with file and field; the previous engine keeps serving.
 */
export class KnowledgeHolder {
  private current: Snapshot;
  private readonly logger: HolderLogger;
  private readonly debounceMs: number;
  private readonly onReload: ((result: ReloadResult) => void) | undefined;
  private readonly maxArticleBytes: number | undefined;
  private readonly dataDir: string | undefined;
  /** Rebuilds run one after another along this chain. */
  private chain: Promise<unknown> = Promise.resolve();
  /** A rebuild that has been asked for but not started: later requests join it. */
  private next: Promise<ReloadResult> | null = null;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private swaps = 0;
  /** Replaced snapshots still answering for a while, each with the timer that ends it. */
  private readonly retiring = new Map<Snapshot, NodeJS.Timeout>();

  private constructor(
    readonly dir: string,
    private readonly builder: EngineBuilder,
    first: Snapshot,
    options: KnowledgeHolderOptions,
  ) {
    this.current = first;
    this.logger = options.logger ?? silentLogger;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.onReload = options.onReload;
    this.maxArticleBytes = options.maxArticleBytes;
    this.dataDir = options.dataDir;
  }

  /** Loads the knowledge in `dir`; throws `KnowledgeError` when it is invalid (nothing to serve yet). */
  static async open(dir: string, options: KnowledgeHolderOptions = {}): Promise<KnowledgeHolder> {
    const builder = new EngineBuilder();
    const built = await builder.build(dir, { maxArticleBytes: options.maxArticleBytes, dataDir: options.dataDir ?? null });
    if (!built.ok || !built.changed) {
      builder.close();
      if (!built.ok) throw new KnowledgeError(built.problems);
      throw new Error('unreachable: a first build always builds');
    }
    logWarnings(options.logger ?? silentLogger, built.warnings);
    logIndex(options.logger ?? silentLogger, built.index);
    return new KnowledgeHolder(dir, builder, { engine: built.engine, fingerprint: built.fingerprint, close: built.close }, options);
  }

  /** The engine serving now. An arrow property, so `holder.engine` can be passed as the bot's provider. */
  readonly engine = (): Engine => this.current.engine;

  /** How many times a new engine has been swapped in. */
  get generation(): number {
    return this.swaps;
  }

  /**
   * Rebuilds from the folder and swaps the new engine in, or reports why not. Rebuilds never overlap:
   * a call during a rebuild gets one more rebuild after it (shared by every call made meanwhile), so
   * the result always reflects the folder as it was after the call.
   */
  reload(): Promise<ReloadResult> {
    if (this.next) return this.next;
    const run = this.chain.then(() => {
      this.next = null;
      return this.rebuild();
    });
    this.next = run;
    this.chain = run;
    return run;
  }

  /** Watches the folder and reloads after changes to articles or the alias table settle. */
  watch(): void {
    if (this.watcher || this.closed) return;
    // Not persistent: the watcher alone should never keep a process alive.
    this.watcher = watchFolder(this.dir, { persistent: false }, (_event, name) => {
      // Temp files of atomic writes and editor swap files do not end in .md; skip them.
      if (name && !isArticleFile(name) && name !== ALIAS_FILE) return;
      this.schedule();
    });
    this.watcher.on('error', (err) => {
      this.logger.error(`knowledge: stopped watching ${this.dir} (${err.message}); /reload still works`, { dir: this.dir });
      this.watcher?.close();
      this.watcher = null;
    });
  }

  /**
   * Stops watching, drops a pending debounced reload and ends the engines' workers: for shutting
   * down, since the engine then answers no more. A rebuild already running still completes.
   */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
    for (const [snapshot, timer] of this.retiring) {
      clearTimeout(timer);
      snapshot.close();
    }
    this.retiring.clear();
    void this.chain.then(() => {
      this.current.close();
      this.builder.close();
    });
  }

  private retire(snapshot: Snapshot): void {
    const timer = setTimeout(() => {
      this.retiring.delete(snapshot);
      snapshot.close();
    }, RETIRE_AFTER_MS);
    timer.unref();
    this.retiring.set(snapshot, timer);
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, this.debounceMs);
  }

  /** Never rejects: any failure becomes a refused reload, so a watcher can never crash the bot. */
  private async rebuild(): Promise<ReloadResult> {
    const started = performance.now();
    const ms = () => Math.round((performance.now() - started) * 10) / 10;
    let result: ReloadResult;
    try {
      const built = await this.builder.build(this.dir, { maxArticleBytes: this.maxArticleBytes, previous: this.current.fingerprint, dataDir: this.dataDir ?? null });
      if (!built.ok) throw new KnowledgeError(built.problems);
      logWarnings(this.logger, built.warnings);
      if (built.changed) logIndex(this.logger, built.index);
      const diff = built.diff!; // null only without a previous fingerprint, at start-up
      if (built.changed) {
        if (this.closed) built.close(); // closed while building: nothing may keep serving
        const replaced = this.current;
        this.current = { engine: built.engine, fingerprint: built.fingerprint, close: built.close }; // the one step that switches every later question
        this.swaps++;
        if (this.closed) replaced.close();
        else this.retire(replaced);
      }
      result = { ok: true, changed: built.changed, diff, stats: this.current.engine.stats, ms: ms() };
      if (built.changed) this.logger.info(`knowledge reloaded: ${describeDiff(diff)} (${result.ms} ms)`, { ...diff });
    } catch (err) {
      const problems =
        err instanceof KnowledgeError ? err.problems : [{ file: this.dir, field: '', message: err instanceof Error ? err.message : String(err) }];
      result = { ok: false, problems, ms: ms() };
      for (const p of problems.slice(0, PROBLEMS_SHOWN)) {
        this.logger.error(`knowledge reload refused, still serving the previous knowledge: ${formatProblem(p)}`, { file: p.file, field: p.field });
      }
      if (problems.length > PROBLEMS_SHOWN) this.logger.error(`knowledge reload refused: ${problemLines(problems).at(-1)!}`);
    }
    try {
      this.onReload?.(result);
    } catch (err) {
      this.logger.error(`knowledge: onReload listener failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return result;
  }
}

/** Whether the index was read from DATA_DIR or built, and why a file there was not used. */
function logIndex(logger: HolderLogger, index: { from: string; file: string; problem?: string } | null): void {
  if (!index) return;
  if (index.problem) logger.warn(`knowledge: index: ${index.problem}${/cannot write/.test(index.problem) ? ' (built in memory instead: answers are not affected)' : ''}`, { file: index.file });
  else logger.info(`knowledge: index ${index.from === 'persisted' ? 'read from' : 'built and written to'} ${index.file}`, { file: index.file });
}

/** What loaded but was skipped (a FIFO named `*.md`): named on every load, never fatal. */
function logWarnings(logger: HolderLogger, warnings: KnowledgeProblem[]): void {
  for (const w of warnings) logger.warn(`knowledge: ${formatProblem(w)}`, { file: w.file });
}
