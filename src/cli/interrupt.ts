/**
 * Ctrl-C and SIGTERM ask a long command to stop after what it is doing (a
 * send finishes its messages in flight and records them; a server closes);
 * a second Ctrl-C ends the process at once. `notice` is said on the first.
 */
export function onInterrupt(notice?: string): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) {
      process.exit(130);
    }
    if (notice) process.stderr.write(`\n${notice}\n`);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
