import type { SendResult } from './send-result.js';

/** How many of a run's first answers the safety stop looks at. */
export const SAFETY_WINDOW = 20;
/** Never fewer same-code failures than this: a resend to a handful can fail whole without it meaning anything. */
export const SAFETY_MINIMUM = 5;

/** Why the safety stop tripped: `failures` of the first `answers` refused with `code`, the last in `words`. */
export interface SafetyTrip {
  code: string;
  failures: number;
  answers: number;
  words: string;
}

/**
 * Pure: the same-code permanent failures among the first answers of a run
 * of `runSize` that stop it: more than half of them (at least
 * SAFETY_MINIMUM). For a list of 41, 11 of the first 20. A genuine list with
 * one address in ten dead reaches that once in over a million runs; a relay
 * refusing everyone reaches it after 11 messages. docs/sending.md has the
 * figures.
 */
export function safetyThreshold(runSize: number): number {
  return Math.max(SAFETY_MINIMUM, Math.floor(Math.min(SAFETY_WINDOW, runSize) / 2) + 1);
}

/** Pure: what a refusal is counted by: its enhanced status code (5.1.1), else its reply code (550). */
export function failureCode(reason: string): string {
  return /\b([245]\.\d{1,3}\.\d{1,3})\b/u.exec(reason)?.[1] ?? /^\s*(\d{3})\b/u.exec(reason)?.[1] ?? reason.trim().slice(0, 40);
}

/**
 * The circuit breaker of one run (listmonk's max_send_errors, scaled to a
 * newsletter): it is told each answer in turn (delivered or failed) and
 * says when most of the first ones were the same permanent refusal, which
 * is the server refusing everyone rather than the addresses being dead.
 */
export class SafetyStop {
  private answers = 0;
  private readonly counts = new Map<string, number>();
  private readonly threshold: number;

  constructor(runSize: number) {
    this.threshold = safetyThreshold(runSize);
  }

  /** The trip, the moment an answer makes it; undefined otherwise (and for every answer after the window). */
  observe(result: SendResult): SafetyTrip | undefined {
    if (result.status !== 'delivered' && result.status !== 'failed') return undefined;
    if (this.answers >= SAFETY_WINDOW) return undefined;
    this.answers++;
    if (result.status === 'delivered') return undefined;
    const code = failureCode(result.reason);
    const failures = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, failures);
    return failures === this.threshold ? { code, failures, answers: this.answers, words: result.reason } : undefined;
  }
}
