import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The browser tests need Chromium and run through `npm run test:browser`.
    exclude: ['test/browser/**', 'node_modules/**'],
  },
});
