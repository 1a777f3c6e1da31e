import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs three tiers, each a Vitest project (`npx vitest run --project 'unit*'`, `'integration*'`, `e2e`):
 * - unit: no process, no socket, no disk beyond a temporary folder (test/<module>/, src/); two projects,
 *   `unit` (one module graph a worker) and `unit-isolated` (the files that replace modules);
 * - integration: a real SMTP server on loopback, git, the render child process, the unsubscribe server (test/smtp/, test/integration/);
 * - e2e: the built CLI as a process, for exit codes, signals, `kill -9` and exact wording (test/e2e/).
 * The browser tests need Chromium (`npm run test:browser`), the IMAP tests Dovecot (`npm run test:imap`).
 */
const INTEGRATION = ['test/smtp/**/*.test.ts', 'test/integration/**/*.test.ts'];
const E2E = ['test/e2e/**/*.test.ts'];
const APART = ['test/browser/**', 'test/imap/**', 'node_modules/**'];
/** Unit files that replace modules with vi.mock: each needs a module graph of its own. */
export const REPLACING_MODULES = ['test/cli/program-wiring.test.ts', 'test/cli/not-a-workspace.test.ts', 'test/mailbox/mailbox-batches.test.ts'];
/** Integration files that replace modules with vi.mock (to count the desk's renders and parses): a module graph each. */
export const REPLACING_MODULES_INTEGRATION = ['test/integration/desk-save.test.ts'];

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
          exclude: [...INTEGRATION, ...E2E, ...APART, ...REPLACING_MODULES],
          // No process, no signal: a worker thread starts faster than a process. And one module graph a worker
          // (isolate: false): each file imported src/, MJML, exceljs and the rest anew, about two thirds of the
          // tier's CPU time. These files keep no state between files (no vi.mock, no process.env or globals
          // changed; fake timers put back); test files themselves still run afresh.
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-isolated',
          // The CLI wiring table replaces the actions' modules with recorders, the mailbox's batches count the reads
          // of bounces.csv through a replaced module: a fresh module graph each.
          include: REPLACING_MODULES,
          pool: 'threads',
        },
      },
      {
        extends: true,
        // Processes of their own (forks): they spawn children, and the servers listen for signals. One module
        // graph a worker, as for unit: each file loaded MJML and the send path anew, more than half the tier's CPU
        // time. They keep no state between files (the one process.env change is put back in a finally).
        test: { name: 'integration', include: INTEGRATION, exclude: [...APART, ...REPLACING_MODULES_INTEGRATION], isolate: false },
      },
      {
        extends: true,
        // Their replaced modules hold only if no file before them in the worker loaded the real ones.
        test: { name: 'integration-isolated', include: REPLACING_MODULES_INTEGRATION },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, exclude: APART },
      },
    ],
  },
});
