import { defineConfig } from 'vitest/config';

/** `npm run test:imap`: `snippet mailbox` against Debian's Dovecot on loopback, kept out of `npm test` (CI installs dovecot-imapd). */
export default defineConfig({
  test: {
    include: ['test/imap/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
