import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the anchor store on disk (output/anchor-store.ts) is off: each test solves what it runs;
    // test/output/anchor-store.test.ts turns it on in a folder of its own
    env: { NABOLAG_CACHE: 'off' },
  },
});
