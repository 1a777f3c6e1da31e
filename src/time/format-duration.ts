/** A span as a person reads it: `under a second`, `42 s`, `17 min`, `3 h 5 min`, `4 days`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return 'under a second';
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.round(hours / 24)} days`;
}
