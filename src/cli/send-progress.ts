import type { EngineEvent } from '../delivery/send-engine.js';
import { formatDuration } from './send-report.js';
import type { Output } from '../output.js';

/**
 * Progress of a send: a bar with rate and ETA on a terminal, and otherwise
 * (cron, logs) a line every 100 recipients (the CLI puts the time in front
 * of every line that is not going to a terminal).
 */
export function sendProgress(out: Output, total: number, now: () => number): { onEvent(event: EngineEvent): void; done(): void } {
  const started = now();
  let lastDraw = 0;
  let delivered = 0;
  let problems = 0;
  return {
    onEvent(event) {
      if (event.type === 'waiting') {
        const line = `waiting ${formatDuration(event.ms)} for the sending limit${event.limit ? ` (${event.limit.count}/${event.limit.unit})` : ''}`;
        if (out.interactive) out.status(line);
        else if (event.ms >= 10_000) out.info(line);
        return;
      }
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
