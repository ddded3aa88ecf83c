import type { ChildProcess } from 'node:child_process';
import { TEST_TOKEN } from '../discord-harness.js';

/** Stops a process the test started (SIGTERM, as a supervisor would) and waits for it to exit; nothing when it already has. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The whole environment of a compiled bot started against the loopback Discord: its token, its
 * application, its API address and info logs, and nothing else (started in tmpdir(), no .env is read
 * either). `extra` adds settings or overrides these.
 */
export function botEnvironment(discord: { applicationId: string; restBase: string }, extra: Record<string, string> = {}, token = TEST_TOKEN): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    DISCORD_TOKEN: token,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.restBase,
    LOG_LEVEL: 'info',
    ...extra,
  };
}
