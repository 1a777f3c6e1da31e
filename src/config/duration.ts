/** Parses `500ms`, `30s`, `10m`, `2h`, `7d` (or a bare number of seconds) into milliseconds; undefined when malformed. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds?|m|min|minutes?|h|hours?|d|days?)?\s*$/iu.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  if (unit === 'ms') return value;
  if (unit.startsWith('s')) return value * 1000;
  if (unit.startsWith('m')) return value * 60_000;
  if (unit.startsWith('d')) return value * 86_400_000;
  return value * 3_600_000;
}
