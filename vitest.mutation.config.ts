import { defineConfig } from 'vitest/config';

// Unit tests only, for mutation runs (`npx stryker run`): the SMTP and CLI
// tiers are too slow to run once per mutant. SNIPPET_MUTATION_TESTS names the
// test files (comma-separated globs) that pin the module being mutated, so a
// run over one module runs only its own tests; DEVELOPERS.md lists them.
const chosen = process.env.SNIPPET_MUTATION_TESTS?.split(',').filter((glob) => glob.trim() !== '');

/**
 * The unit files of test/delivery, and the three in-process send tests against
 * an SMTP server that lived beside them until the tiers were split (they still
 * kill the engine's mutants). The e2e tier runs the built CLI, which no mutant
 * of src/ reaches, and is too slow per mutant.
 */
const deliveryUnits = [
  ...[
    'bounces-to-catch-up',
    'delivery-plan',
    'judge',
    'ledger-event',
    'ledger-file',
    'parse-ledger',
    'safety-stop',
    'send-due-dry-run-schedule',
    'rate-limiter',
    'select-due-issues',
    'send-engine',
    'send-engine-bugs',
    'send-lock',
    'send-result',
    'send-session-plan-only',
    'work-queue',
  ].map((name) => `test/delivery/${name}.test.ts`),
  'test/smtp/send-bounce-catch-up.test.ts',
  'test/smtp/send-due-housekeeping.test.ts',
  'test/smtp/send-schedule.test.ts',
];

export default defineConfig({
  test: {
    include: chosen !== undefined && chosen.length > 0 ? chosen : deliveryUnits,
    testTimeout: 30_000,
  },
});
