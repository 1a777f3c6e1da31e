import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs three tiers, each a Vitest project (`npx vitest run --project unit`):
 * - unit: no process, no socket, no disk beyond a temporary folder (test/<module>/, src/);
 * - integration: a real SMTP server on loopback, git, the render child process, the unsubscribe server (test/smtp/, test/integration/);
 * - e2e: the built CLI as a process, for exit codes, signals, `kill -9` and exact wording (test/e2e/).
 * The browser tests need Chromium (`npm run test:browser`), the IMAP tests Dovecot (`npm run test:imap`).
 */
const INTEGRATION = ['test/smtp/**/*.test.ts', 'test/integration/**/*.test.ts'];
const E2E = ['test/e2e/**/*.test.ts'];
const APART = ['test/browser/**', 'test/imap/**', 'node_modules/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...INTEGRATION, ...E2E, ...APART],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION, exclude: APART },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, exclude: APART },
      },
    ],
  },
});
