import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { ALIAS_FILE, formatProblem, isArticleFile, KnowledgeError, loadKnowledge, type Knowledge, type KnowledgeProblem } from './load.js';
import { splitPassages } from './passages.js';

/** What a reload changed, for `/reload` replies and the log. Article lists hold ids. */
export interface KnowledgeDiff {
  articlesAdded: string[];
  articlesRemoved: string[];
  /** Same id, different text or details. */
  articlesChanged: string[];
  /** Passages compared by article and text, so an inserted sentence counts once, not as a shift. */
  passagesAdded: number;
  passagesRemoved: number;
  aliasesChanged: boolean;
}

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
}

export const DEFAULT_DEBOUNCE_MS = 300;

const silentLogger: HolderLogger = { info() {}, warn() {}, error() {} };

/** One loaded knowledge and the engine built over it; replaced as a whole, never mutated. */
interface Snapshot {
  engine: Engine;
  knowledge: Knowledge;
}

/**
 * Keeps the engine the bot answers from, and replaces it when the knowledge folder changes.
 * A new engine is built completely beside the old one and swapped in with one assignment, so every
 * question is answered from one whole index. Knowledge that fails validation is refused and logged
 * with file and field; the previous engine keeps serving.
 */
export class KnowledgeHolder {
  private current: Snapshot;
  private readonly logger: HolderLogger;
  private readonly debounceMs: number;
  private readonly onReload: ((result: ReloadResult) => void) | undefined;
  /** Rebuilds run one after another along this chain. */
  private chain: Promise<unknown> = Promise.resolve();
  /** A rebuild that has been asked for but not started: later requests join it. */
  private next: Promise<ReloadResult> | null = null;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private swaps = 0;

  private constructor(
    readonly dir: string,
    knowledge: Knowledge,
    options: KnowledgeHolderOptions,
  ) {
    this.current = { engine: createEngine(knowledge), knowledge };
    this.logger = options.logger ?? silentLogger;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.onReload = options.onReload;
  }

  /** Loads the knowledge in `dir`; throws `KnowledgeError` when it is invalid (nothing to serve yet). */
  static async open(dir: string, options: KnowledgeHolderOptions = {}): Promise<KnowledgeHolder> {
    return new KnowledgeHolder(dir, await loadKnowledge(dir), options);
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

  /** Stops watching and drops a pending debounced reload; a rebuild already running still completes. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
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
      const knowledge = await loadKnowledge(this.dir);
      const diff = diffKnowledge(this.current.knowledge, knowledge);
      const changed = !isEmptyDiff(diff);
      if (changed) {
        const engine = createEngine(knowledge); // built in full before anyone can see it
        this.current = { engine, knowledge }; // the one step that switches every later question
        this.swaps++;
      }
      result = { ok: true, changed, diff, stats: this.current.engine.stats, ms: ms() };
      if (changed) this.logger.info(`knowledge reloaded: ${describeDiff(diff)} (${result.ms} ms)`, { ...diff });
    } catch (err) {
      const problems =
        err instanceof KnowledgeError ? err.problems : [{ file: this.dir, field: '', message: err instanceof Error ? err.message : String(err) }];
      result = { ok: false, problems, ms: ms() };
      for (const p of problems) {
        this.logger.error(`knowledge reload refused, still serving the previous knowledge: ${formatProblem(p)}`, { file: p.file, field: p.field });
      }
    }
    try {
      this.onReload?.(result);
    } catch (err) {
      this.logger.error(`knowledge: onReload listener failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return result;
  }
}

/** Compares two loaded knowledges by article id, article content and passage text. */
export function diffKnowledge(before: Knowledge, after: Knowledge): KnowledgeDiff {
  const key = (a: Knowledge['articles'][number]) => JSON.stringify({ ...a, file: undefined });
  const old = new Map(before.articles.map((a) => [a.id, key(a)]));
  const now = new Map(after.articles.map((a) => [a.id, key(a)]));
  const removedPassages = passageCounts(before);
  let passagesAdded = 0;
  for (const [text, n] of passageCounts(after)) {
    const had = removedPassages.get(text) ?? 0;
    passagesAdded += Math.max(0, n - had);
    removedPassages.set(text, Math.max(0, had - n));
  }
  return {
    articlesAdded: [...now.keys()].filter((id) => !old.has(id)),
    articlesRemoved: [...old.keys()].filter((id) => !now.has(id)),
    articlesChanged: [...now].filter(([id, k]) => old.has(id) && old.get(id) !== k).map(([id]) => id),
    passagesAdded,
    passagesRemoved: [...removedPassages.values()].reduce((a, b) => a + b, 0),
    aliasesChanged: JSON.stringify(before.aliases) !== JSON.stringify(after.aliases),
  };
}

/** Multiset of passages keyed by article and text. */
function passageCounts(knowledge: Knowledge): Map<string, number> {
  const counts = new Map<string, number>();
  for (const article of knowledge.articles) {
    for (const p of splitPassages(article)) {
      const k = `${article.id}\u0000${p.text}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

export function isEmptyDiff(diff: KnowledgeDiff): boolean {
  return (
    !diff.aliasesChanged &&
    diff.articlesAdded.length + diff.articlesRemoved.length + diff.articlesChanged.length + diff.passagesAdded + diff.passagesRemoved === 0
  );
}

/** One line for logs and replies: "+1 article (new-id), 12 passages added, 0 removed". */
export function describeDiff(diff: KnowledgeDiff): string {
  if (isEmptyDiff(diff)) return 'nothing changed';
  const list = (label: string, ids: string[]) => (ids.length ? [`${label} ${ids.length} article${ids.length === 1 ? '' : 's'} (${ids.join(', ')})`] : []);
  return [
    ...list('added', diff.articlesAdded),
    ...list('removed', diff.articlesRemoved),
    ...list('changed', diff.articlesChanged),
    `passages +${diff.passagesAdded} -${diff.passagesRemoved}`,
    ...(diff.aliasesChanged ? ['alias table changed'] : []),
  ].join(', ');
}
