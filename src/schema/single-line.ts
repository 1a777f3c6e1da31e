import type { z } from 'zod';
import { controlCharacter } from './control-character.js';

/** A header's text: one line, and no control characters (they go into the headers as they are). */
export function singleLine(schema: z.ZodString) {
  return schema.superRefine((value, context) => {
    if (/[\r\n]/u.test(value)) {
      context.addIssue({ code: 'custom', message: 'must be a single line' });
      return;
    }
    const control = controlCharacter(value);
    if (control !== undefined)
      context.addIssue({ code: 'custom', message: `must not contain control characters (${control}): retype it; they are invisible and break email headers` });
  });
}
