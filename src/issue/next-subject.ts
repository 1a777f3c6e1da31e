/**
 * The subject of a new issue: the previous subject with its month swapped
 * ("GGC PMHN snippet — December 2026" → "… — January 2027"), so a network's
 * own wording carries on; otherwise "<short name> snippet — <Month YYYY>".
 */
export function nextSubject(previous: { subject: string; month: string } | undefined, month: string, shortName: string): string {
  if (previous !== undefined && previous.subject.includes(previous.month)) return previous.subject.split(previous.month).join(month);
  return `${shortName} snippet — ${month}`;
}
