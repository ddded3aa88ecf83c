import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One real PostgreSQL server for the run: the store's tests run on it as well as on SQLite.
    globalSetup: ['test/support/postgres-global.ts'],
  },
});
