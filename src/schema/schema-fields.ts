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

/** An http:// or https:// address a browser can open: no spaces, and a URL with a host. */
function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//iu.test(value) || /\s/u.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A web address (isHttpUrl), trimmed; `message` in the words of the file it is in. */
export function httpUrlField(message: string) {
  return z.string().trim().refine(isHttpUrl, message);
}

/** A time of day written `H:MM` or `HH:MM`, read as `HH:MM`. */
export function clockTimeField(example: string) {
  return z
    .string()
    .trim()
    .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/u.test(v), `must be a time of day written HH:MM, e.g. "${example}"`)
    .transform((v) => v.padStart(5, '0'));
}
