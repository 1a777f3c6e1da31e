import type { SendResult } from './send-result.js';

/** Where the report puts a recipient once its outcome is on disk. */
export type Settled = 'delivered' | 'failed' | 'in-doubt' | 'deferred';

/** What the engine does after one attempt. */
export interface Verdict {
  /** Where the recipient ends in this run's report; undefined while a retry is still to come. */
  settles: Settled | undefined;
  /** Try again this long after now, in this run. */
  retryAfterMs?: number;
  /**
   * How the count of failures in a row changes: a lost connection or a
   * message in doubt adds one (enough in a row and the server is taken to be
   * down); an answer from the server, even a refusal, ends the streak.
   */
  streak: 'reset' | 'extend' | 'keep';
  /** Nothing more can get through until the user fixes something (sign-in, TLS): the run stops. */
  fatal?: string;
  /** Reported as progress; a fatal deferral is not progress. */
  progress: boolean;
}

/**
 * Pure: what one attempt's result means for its recipient and for the run.
 * `tries` counts this attempt; `retry` is the run's policy.
 */
export function judge(result: SendResult, tries: number, retry: { attempts: number; firstDelayMs: number }): Verdict {
  switch (result.status) {
    case 'delivered':
      return { settles: 'delivered', streak: 'reset', progress: true };
    case 'failed':
      return { settles: 'failed', streak: 'reset', progress: true };
    case 'in-doubt':
      return { settles: 'in-doubt', streak: 'extend', progress: true };
    case 'deferred':
      if (result.fatal) return { settles: 'deferred', streak: 'keep', fatal: result.fatal, progress: false };
      if (tries < retry.attempts) {
        // Backoff doubles with each try: 1×, 2×, 4× the first delay.
        return {
          settles: undefined,
          retryAfterMs: retry.firstDelayMs * 2 ** (tries - 1),
          streak: result.connectionFailure ? 'extend' : 'reset',
          progress: false,
        };
      }
      return { settles: 'deferred', streak: result.connectionFailure ? 'extend' : 'reset', progress: true };
  }
}
