import type { ChildProcess } from 'node:child_process';

/** Stops a process the test started (SIGTERM, as a supervisor would) and waits for it to exit; nothing when it already has. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
