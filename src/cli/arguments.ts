import { InvalidArgumentError } from 'commander';
import { isIssueId } from '../issue/issue-id.js';

/** Commander argument parser for `ISSUE`: `YYYY-MM`. */
export function issueArgument(value: string): string {
  if (!isIssueId(value)) throw new InvalidArgumentError(`"${value}" is not an issue; write the month as YYYY-MM, e.g. 2026-12.`);
  return value;
}

/** Commander option parser for a whole number from `min` (up to `max`, when given). */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `of at least ${min} and at most ${max}`;
    if (!Number.isSafeInteger(number) || number < min || number > max) throw new InvalidArgumentError(`"${value}" must be a whole number ${range}.`);
    return number;
  };
}

/** Commander option parser for a whole number from `min` to `max`. */
export function boundedIntegerOption(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < min || number > max)
      throw new InvalidArgumentError(`"${value}" must be a whole number from ${min} to ${max}.`);
    return number;
  };
}

/** Commander option parser for a TCP port; 0 lets the system choose. */
export function portOption(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0 || number > 65535)
    throw new InvalidArgumentError(`"${value}" is not a port; give a number from 1 to 65535 (0: any free port).`);
  return number;
}

/** Commander option parser for a list name (`--list NAME`): one word, as written in the lists column. */
export function listOption(value: string): string {
  const name = value.trim();
  if (name === '' || /[;,|\s]/u.test(name)) throw new InvalidArgumentError(`"${value}" is not a list name; use one word such as members or managers.`);
  return name;
}
