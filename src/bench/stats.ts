/** Small statistics helpers for the benchmarks. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(samples: number[]): { p50: number; p95: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
}

export function median(samples: number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

export const ms = (x: number) => `${x < 10 ? x.toFixed(3) : x.toFixed(1)} ms`;

/** Runs a bench's `main`: its result is the exit code; a crash is printed under the bench's name. */
export function runBench(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`${name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
