import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The browser tests need Chromium (`npm run test:browser`), the IMAP tests Dovecot (`npm run test:imap`).
    exclude: ['test/browser/**', 'test/imap/**', 'node_modules/**'],
  },
});
