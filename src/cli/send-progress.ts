import type { EngineEvent } from '../delivery/send-engine.js';
import { formatDuration } from '../time/format-duration.js';
import type { Output } from '../output.js';
import { formatZonedSeconds } from '../time/zoned-time.js';

/**
 * Progress of a send: a bar with rate and ETA on a terminal, and otherwise
 * (cron, logs) a line every 100 recipients (the CLI puts the time in front
 * of every line that is not going to a terminal).
 */
export function sendProgress(out: Output, total: number, now: () => number, timeZone: string): { onEvent(event: EngineEvent): void; done(): void } {
  const started = now();
  let lastDraw = 0;
  // Every connection waits for the same window: one status for the wait, until a message goes out again.
  let waitShown = false;
  // In a log, one line for a window: a message sent before the wait that comes back during it, freeing
  // its connection to wait too, is no new window. A wait that ends over a second later is one.
  let loggedUntil = Number.NEGATIVE_INFINITY;
  let delivered = 0;
  let problems = 0;
  return {
    onEvent(event) {
      if (event.type === 'reconnecting') {
        const at = formatZonedSeconds(new Date(now() + event.ms), timeZone);
        out.warn(`could not connect to the mail server (${event.reason}); trying again at ${at} ${timeZone}, in ${formatDuration(event.ms)}`);
        return;
      }
      if (event.type === 'waiting') {
        const ends = now() + event.ms;
        const line = `waiting until ${formatZonedSeconds(new Date(ends), timeZone)} ${timeZone} for the sending limit${event.limit ? ` (${event.limit.count}/${event.limit.unit})` : ''}`;
        if (out.interactive) {
          if (!waitShown) out.status(line);
          waitShown = true;
        } else if (event.ms >= 10_000 && ends > loggedUntil + 1_000) {
          out.info(line);
          loggedUntil = ends;
        }
        return;
      }
      waitShown = false;
      if (event.result.status === 'delivered') delivered++;
      else problems++;
      const elapsed = Math.max(1, now() - started);
      const rate = (event.settled / elapsed) * 1000;
      if (out.interactive) {
        if (now() - lastDraw < 100 && event.settled !== event.total) return;
        lastDraw = now();
        const width = 30;
        const filled = Math.round((event.settled / Math.max(1, event.total)) * width);
        const eta = rate > 0 ? ((event.total - event.settled) / rate) * 1000 : 0;
        out.status(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${event.settled}/${event.total}  ${rate.toFixed(1)}/s  ETA ${formatDuration(eta)}`);
      } else if (event.settled % 100 === 0 || event.settled === total) {
        out.info(`${event.settled}/${total} done (${delivered} delivered, ${problems} not), ${rate.toFixed(1)}/s`);
      }
    },
    done() {
      if (out.interactive) out.status('');
    },
  };
}
