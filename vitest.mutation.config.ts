import { defineConfig } from 'vitest/config';

// The unit tier only, for mutation runs (`npx stryker run`): the SMTP and CLI
// tiers are too slow to run once per mutant.
export default defineConfig({
  test: {
    include: ['test/delivery/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
