import { defineConfig } from 'vitest/config';

// For mutation runs (`npx stryker run`): the delivery unit tests, and the three in-process send tests
// against an SMTP server that lived beside them until the tiers were split (they still kill the engine's
// mutants). The e2e tier runs the built CLI, which no mutant of src/ reaches, and is too slow per mutant.
export default defineConfig({
  test: {
    include: [
      'test/delivery/**/*.test.ts',
      'test/smtp/send-bounce-catch-up.test.ts',
      'test/smtp/send-due-housekeeping.test.ts',
      'test/smtp/send-schedule.test.ts',
    ],
    testTimeout: 30_000,
  },
});
