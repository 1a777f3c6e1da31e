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
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, where the e2e and SMTP
    // files then wait on their child processes and sockets one at a time. Two keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...INTEGRATION, ...E2E, ...APART],
          // No process, no signal: a worker thread starts faster than a process. Each file still gets a fresh
          // module graph (isolate), since the CLI wiring table replaces the actions' modules with recorders.
          pool: 'threads',
        },
      },
      {
        extends: true,
        // Processes of their own (forks): they spawn children, and the servers listen for signals.
        test: { name: 'integration', include: INTEGRATION, exclude: APART },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, exclude: APART },
      },
    ],
  },
});
