/**
 * What `GET /metrics` reports, in Prometheus' text format (prom-client). Counters and histograms
 * are fed by the surfaces as things happen; figures that are a state (gateway ping, articles, the
 * store's queue) are read when Prometheus scrapes, so nothing is computed between scrapes.
 *
 * Under sharding every shard process keeps its own registry and the manager adds them up
 * (`aggregateShardMetrics`): counters and histograms are summed, figures every shard holds alike
 * (articles, passages) are taken once, and per-shard figures carry a `shard` label.
 */
import type { Client } from 'discord.js';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Engine } from '../engine-types.js';
import type { Outcome, QuestionStore, Surface } from '../store/types.js';
import type { Surface as LimitedSurface } from './rate-limiter.js';

/** What a surface reports about a question it answered (see record.ts). */
export interface QuestionMetrics {
  question(surface: Surface, outcome: Outcome): void;
}

export interface MetricSources {
  /** The gateway client, once it exists. */
  client: () => Client | undefined;
  engine: () => Engine;
  store: () => QuestionStore | undefined;
}

export interface BotMetrics extends QuestionMetrics {
  readonly registry: Registry;
  /** Seconds the engine took to answer one question. */
  answerTime(seconds: number): void;
  /** Seconds from an interaction's arrival to Discord accepting its first response. */
  acknowledged(seconds: number): void;
  reload(ok: boolean): void;
  rateLimited(surface: LimitedSurface): void;
}

/** Answers take milliseconds; a slow one (a huge knowledge, a busy machine) shows in the top buckets. */
const ANSWER_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Discord gives an interaction 3 s to be acknowledged: the buckets straddle that limit. */
const ACK_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5];

/** The metric names, for tests and the README. */
export const METRIC = {
  questions: 'bot_questions_total',
  answerSeconds: 'bot_answer_seconds',
  ackSeconds: 'bot_interaction_ack_seconds',
  ping: 'bot_gateway_ping_seconds',
  reloads: 'bot_knowledge_reloads_total',
  articles: 'bot_knowledge_articles',
  passages: 'bot_knowledge_passages',
  queue: 'bot_store_queue_depth',
  failedWrites: 'bot_store_failed_writes_total',
  refusals: 'bot_rate_limit_refusals_total',
} as const;

/**
 * The bot's metrics in a registry of their own. `shard` (under sharding) labels the figures that
 * belong to one process: the process's own (CPU, memory, event-loop lag) and the gateway ping.
 */
export function createBotMetrics(sources: MetricSources, options: { shard?: number } = {}): BotMetrics {
  const registry = new Registry();
  const shardLabel = options.shard === undefined ? {} : { shard: String(options.shard) };
  collectDefaultMetrics({ register: registry, labels: shardLabel });
  const registers = [registry];

  const questions = new Counter({ name: METRIC.questions, help: 'Questions answered, by where they were asked and what the asker got.', labelNames: ['surface', 'outcome'], registers });
  const answerSeconds = new Histogram({ name: METRIC.answerSeconds, help: 'Time the engine took to answer a question.', buckets: ANSWER_BUCKETS, registers });
  const ackSeconds = new Histogram({ name: METRIC.ackSeconds, help: 'Time from an interaction arriving to Discord accepting its first response (the limit is 3 s).', buckets: ACK_BUCKETS, registers });
  const reloads = new Counter({ name: METRIC.reloads, help: 'Knowledge reloads, by result (failed: refused, the previous knowledge kept serving).', labelNames: ['result'], registers });
  const refusals = new Counter({ name: METRIC.refusals, help: 'Questions refused by the per-user rate limit, by surface.', labelNames: ['surface'], registers });
  new Gauge({
    name: METRIC.ping,
    help: 'Latest gateway heartbeat round trip, per shard.',
    labelNames: ['shard'],
    registers,
    collect() {
      this.reset();
      for (const shard of sources.client()?.ws.shards.values() ?? []) if (shard.ping >= 0) this.set({ shard: String(shard.id) }, shard.ping / 1000);
    },
  });
  // Every shard serves the same knowledge: added up they would count it once per shard.
  new Gauge({ name: METRIC.articles, help: 'Articles the bot serves.', registers, aggregator: 'max', collect() { this.set(stats(sources)?.articles ?? 0); } });
  new Gauge({ name: METRIC.passages, help: 'Passages the bot searches.', registers, aggregator: 'max', collect() { this.set(stats(sources)?.passages ?? 0); } });
  new Gauge({ name: METRIC.queue, help: 'Questions and votes waiting to be written to the store.', registers, collect() { this.set(sources.store()?.stats?.().queued ?? 0); } });
  let failedSeen = 0;
  new Counter({
    name: METRIC.failedWrites,
    help: 'Writes to the question store that failed (each is retried; see the log).',
    registers,
    collect() {
      const failed = sources.store()?.stats?.().failedWrites ?? 0;
      if (failed > failedSeen) this.inc(failed - failedSeen);
      failedSeen = failed;
    },
  });

  return {
    registry,
    question: (surface, outcome) => questions.inc({ surface, outcome }),
    answerTime: (seconds) => answerSeconds.observe(seconds),
    acknowledged: (seconds) => ackSeconds.observe(seconds),
    reload: (ok) => reloads.inc({ result: ok ? 'ok' : 'failed' }),
    rateLimited: (surface) => refusals.inc({ surface }),
  };
}

function stats(sources: MetricSources): Engine['stats'] | undefined {
  try {
    return sources.engine().stats;
  } catch {
    return undefined;
  }
}

/** The shards' figures (each `registry.getMetricsAsJSON()`) as one exposition for the process tree. */
export async function aggregateShardMetrics(perShard: MetricObjectWithValues<MetricValue<string>>[][]): Promise<{ contentType: string; body: string }> {
  const merged = AggregatorRegistry.aggregate(perShard);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
