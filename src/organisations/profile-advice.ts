import type { NetworkArea } from '../config/config.js';
import type { Problem } from '../errors.js';
import { checkReviewed } from './check-reviewed.js';
import type { Organisation } from './organisation.js';
import { suggestProfileFields } from './suggest-profile-fields.js';

/**
 * Pure: what `snippet check` says about the directory's profiles beyond the
 * file's own rules: profiles due for checking, and fields that would help a
 * referrer. One function, so that the check and the desk say the same.
 */
export function profileAdvice(
  organisations: readonly Organisation[],
  lineOfField: (id: string, field: string) => number | undefined,
  networkAreas: readonly NetworkArea[],
  today: string,
  files: { organisations: string; config: string },
): Problem[] {
  return [...checkReviewed(organisations, lineOfField, today, files.organisations), ...suggestProfileFields(organisations, networkAreas, files)];
}
