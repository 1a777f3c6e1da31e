import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the preview in real Chromium (Debian's `chromium`), kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time keeps timings (and the save → update waits) steady.
    fileParallelism: false,
  },
});
