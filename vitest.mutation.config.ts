import { defineConfig } from 'vitest/config';

// Unit tests only, for mutation runs (`npx stryker run`): the SMTP and CLI
// tiers are too slow to run once per mutant. SNIPPET_MUTATION_TESTS names the
// test files (comma-separated globs) that pin the module being mutated, so a
// run over one module runs only its own tests; DEVELOPERS.md lists them.
const chosen = process.env.SNIPPET_MUTATION_TESTS?.split(',').filter((glob) => glob.trim() !== '');

/** The unit files of test/delivery: the others there start SMTP servers or spawn the CLI. */
const deliveryUnits = [
  'bounces-to-catch-up',
  'delivery-plan',
  'judge',
  'ledger-file',
  'rate-limiter',
  'select-due-issues',
  'send-engine',
  'send-engine-bugs',
  'send-lock',
  'send-session-plan-only',
  'work-queue',
].map((name) => `test/delivery/${name}.test.ts`);

export default defineConfig({
  test: {
    include: chosen !== undefined && chosen.length > 0 ? chosen : deliveryUnits,
    testTimeout: 30_000,
  },
});
