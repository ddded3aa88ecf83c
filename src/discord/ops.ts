/**
 * What a running bot process tells its supervisor: whether it is healthy (`GET /healthz`) and its
 * figures (`GET /metrics`). One `BotOps` per bot process; `startBot` attaches the client to it.
 */
import { performance } from 'node:perf_hooks';
import { Events, RESTEvents, Status, type Client } from 'discord.js';
import type { Engine } from '../engine-types.js';
import type { QuestionStore } from '../store/types.js';
import { createBotMetrics, type BotMetrics } from './metrics.js';
import type { OpsEndpoints } from './ops-http.js';

export interface HealthReport {
  ok: boolean;
  /** What is not healthy, one phrase each (empty when ok). */
  problems: string[];
}

export interface OpsSources {
  /** Throws while the knowledge is not loaded yet. */
  engine: () => Engine;
  /** Throws (or gives undefined) while the store is not open yet. */
  store: () => QuestionStore | undefined;
  /** Under sharding: this process's shard id (labels its figures). */
  shard?: number | undefined;
}

/** Discord requires an answer within 3 s; an interaction older than this has been acknowledged or lost. */
const ACK_FORGET_MS = 15_000;
const CALLBACK_PATH = /^\/interactions\/(\d+)\/[^/]+\/callback/;

export class BotOps {
  readonly metrics: BotMetrics;
  private client: Client | undefined;

  constructor(private readonly sources: OpsSources) {
    this.metrics = createBotMetrics({ client: () => this.client, engine: sources.engine, store: () => this.store() }, { shard: sources.shard });
  }

  private store(): QuestionStore | undefined {
    try {
      return this.sources.store();
    } catch {
      return undefined;
    }
  }

  /** What this process serves on HTTP_PORT when it is the whole bot (not a shard). */
  endpoints(): OpsEndpoints {
    return {
      health: () => this.health(),
      metrics: async () => ({ contentType: this.metrics.registry.contentType, body: await this.metrics.registry.metrics() }),
    };
  }

  /** Called by `startBot` as soon as the client exists, so that /healthz can say it is not ready yet. */
  attach(client: Client): void {
    this.client = client;
    this.timeAcknowledgements(client);
  }

  /**
   * Interaction acknowledgement time: from the interaction's arrival to Discord's reply to its
   * callback (the REST client reports every response). Arrivals are kept by id, oldest first, and
   * dropped once older than any acknowledgement could be.
   */
  private timeAcknowledgements(client: Client): void {
    const arrived = new Map<string, number>();
    client.on(Events.InteractionCreate, (interaction) => {
      const now = performance.now();
      for (const [id, at] of arrived) {
        if (now - at < ACK_FORGET_MS) break;
        arrived.delete(id);
      }
      arrived.set(interaction.id, now);
    });
    client.rest.on(RESTEvents.Response, (request, response) => {
      const id = CALLBACK_PATH.exec(request.path)?.[1];
      const at = id === undefined ? undefined : arrived.get(id);
      if (at === undefined || !response.ok) return;
      arrived.delete(id!);
      this.metrics.acknowledged((performance.now() - at) / 1000);
    });
  }

  /** Healthy: the gateway is ready on every shard of this process, the engine is loaded, and the store (when recording) can be written. */
  health(): HealthReport {
    const problems: string[] = [];
    const client = this.client;
    if (!client) problems.push('gateway: not connected yet');
    else if (!client.isReady()) problems.push('gateway: not ready yet');
    else {
      for (const shard of client.ws.shards.values()) {
        if (shard.status !== Status.Ready) problems.push(`gateway: shard ${shard.id} is ${Status[shard.status]?.toLowerCase() ?? shard.status}`);
      }
    }
    try {
      if (this.sources.engine().stats.articles === 0) problems.push('engine: no articles loaded');
    } catch {
      problems.push('engine: not loaded');
    }
    const store = this.store();
    if (!store) problems.push('store: not open yet');
    else if (store.recording && !store.available) problems.push('store: not writable (the log says why)');
    return { ok: problems.length === 0, problems };
  }
}

/**
 * Wraps an engine getter so that every answer is timed. One wrapper per engine (a reload swaps in a
 * new engine, and gets its own), so that the surfaces keep calling `engine()` per question.
 */
export function timedEngine(engine: () => Engine, observe: (seconds: number) => void): () => Engine {
  const wrapped = new WeakMap<Engine, Engine>();
  return () => {
    const inner = engine();
    let outer = wrapped.get(inner);
    if (!outer) {
      outer = {
        answer(question, options) {
          const start = performance.now();
          try {
            return inner.answer(question, options);
          } finally {
            observe((performance.now() - start) / 1000);
          }
        },
        explain: (question) => inner.explain(question),
        search: (query, limit) => inner.search(query, limit),
        suggest: (partial, limit) => inner.suggest(partial, limit),
        sources: () => inner.sources(),
        get stats() {
          return inner.stats;
        },
      };
      wrapped.set(inner, outer);
    }
    return outer;
  };
}
