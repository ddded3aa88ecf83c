/** A supervisor's and Prometheus' view of a bot process: its /healthz and /metrics over HTTP. */
import { createServer } from 'node:net';

/** A port nothing listens on right now (the system picks it; released before the bot takes it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Probe {
  status: number;
  contentType: string;
  body: string;
}

/** GET, or undefined while nothing listens yet. */
export async function probe(url: string): Promise<Probe | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  } catch {
    return undefined;
  }
}

/** Polls until `url` answers and `ok` holds (or the time is up: then the last answer). */
export async function probeUntil(url: string, ok: (p: Probe) => boolean, ms = 15_000): Promise<Probe | undefined> {
  const deadline = Date.now() + ms;
  let last: Probe | undefined;
  while (Date.now() < deadline) {
    last = await probe(url);
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

/**
 * The value of one sample in Prometheus' text format: `name{labels} value`, labels matched
 * exactly and in any order; undefined when there is no such sample.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    const wanted = Object.entries(labels);
    if (Object.keys(found).length === wanted.length && wanted.every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return undefined;
}
