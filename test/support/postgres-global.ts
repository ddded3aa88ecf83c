/**
 * vitest's global setup: one PostgreSQL server for the whole run (test/support/postgres.ts), its URL
 * handed to the test files as `inject('postgresUrl')`; each test makes its own database on it.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, type TestPostgres } from './postgres.js';

let server: TestPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.destroy();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
