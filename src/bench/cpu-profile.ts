/**
 * Optional CPU profile of just one measured phase of a bench, per thread: `--cpu-prof` would also
 * capture start-up (module loading, index build, warm-up), which drowns the per-request costs.
 * Enabled by BENCH_CPU_PROFILE=<dir>; each thread writes <dir>/<label>.cpuprofile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Which phase to profile (BENCH_CPU_PROFILE_PHASE), when BENCH_CPU_PROFILE is set. */
export const PROFILED_PHASE = process.env.BENCH_CPU_PROFILE_PHASE ?? 'burst';

export interface PhaseProfiler {
  stop(): Promise<void>;
}

export async function startPhaseProfile(label: string): Promise<PhaseProfiler> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
