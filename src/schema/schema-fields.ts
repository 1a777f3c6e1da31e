import { z } from 'zod';
import { isIsoDate } from '../time/zoned-time.js';

/**
 * The fields the workspace's YAML files share (config, organisations, issues),
 * each with the problem a coordinator sees when it is wrong. The examples in
 * the messages are the file's own, so they are given by the caller.
 */

/** Text that says something: trimmed, and not empty. */
export const text = z.string().trim().min(1, 'must not be empty');

/** A real calendar date written `YYYY-MM-DD`. */
export function isoDateField(example: string) {
  return z.string().refine(isIsoDate, `must be a date written YYYY-MM-DD, e.g. ${example}`);
}

/** A time of day written `H:MM` or `HH:MM`, read as `HH:MM`. */
export function clockTimeField(example: string) {
  return z
    .string()
    .trim()
    .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/u.test(v), `must be a time of day written HH:MM, e.g. "${example}"`)
    .transform((v) => v.padStart(5, '0'));
}
