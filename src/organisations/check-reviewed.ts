import type { Problem } from '../errors.js';
import { namesInOneLine } from './names-in-one-line.js';
import type { Organisation } from './organisation.js';
import { profilesDue, REVIEW_PERIOD } from './profiles-due.js';

/**
 * Pure: one warning, however many profiles it names, for the directory's
 * profiles never checked with their organisations and those last checked
 * more than 12 months before `today` (`YYYY-MM-DD`). A health visitor acts on
 * what the directory says; a workspace that starts with 34 unchecked profiles
 * must still read its other warnings.
 */
export function checkReviewed(
  organisations: readonly Organisation[],
  lineOfField: (id: string, field: string) => number | undefined,
  today: string,
  file: string,
): Problem[] {
  const { never, stale } = profilesDue(organisations, today);
  if (never.length === 0 && stale.length === 0) return [];
  const parts = [
    ...(stale.length > 0
      ? [`${stale.length} last checked more than ${REVIEW_PERIOD.count} ${REVIEW_PERIOD.unit}s ago (${namesInOneLine(stale.map(withDate))})`]
      : []),
    ...(never.length > 0 ? [`${never.length} never checked (${namesInOneLine(never)})`] : []),
  ];
  const total = never.length + stale.length;
  const line = stale[0] === undefined ? undefined : lineOfField(stale[0].id, 'reviewed');
  return [
    {
      severity: 'warning',
      file,
      ...(line === undefined ? {} : { line }),
      message: `${total} directory profile${total === 1 ? ' is' : 's are'} due for checking with the organisation: ${parts.join('; ')}`,
      hint: '`snippet organisations review` lists them with their contacts (`--csv` for a mail merge). When an organisation has checked its profile, set reviewed: to that date.',
    },
  ];
}

function withDate(organisation: Organisation): { name: string } {
  return { name: `${organisation.name}, ${organisation.reviewed}` };
}
