import { MEMBERS_FILE } from '../contacts/member.js';
import { sortProblems, type Problem } from '../errors.js';
import { loadContacts } from '../workspace/load-contacts.js';
import type { Output } from '../output.js';

export interface ContactsCheckOptions {
  dir: string;
  json: boolean;
}

export interface ContactsSummary {
  members: number;
  /** Members on the list who are also suppressed: they are never mailed. */
  suppressed: number;
  /** Members still mailed: members minus suppressed. */
  mailed: number;
  byOrganisation: Record<string, number>;
  byList: Record<string, number>;
  /** Rows in suppressions.csv. */
  suppressions: number;
  errors: number;
  warnings: number;
  problems: Problem[];
}

const NONE = '(none)';

/** `snippet contacts check`: totals and every problem of the mailing list. */
export async function contactsCheckCommand(options: ContactsCheckOptions, out: Output): Promise<ContactsSummary> {
  const contacts = await loadContacts(options.dir);
  const problems = sortProblems(
    contacts.members === undefined
      ? [
          ...contacts.problems,
          {
            severity: 'error',
            file: MEMBERS_FILE,
            message: 'the mailing list is missing',
            hint: 'Create it with the header email,name,organisation,lists or use `snippet contacts import FILE`.',
          },
        ]
      : contacts.problems,
  );
  const members = contacts.members?.members ?? [];
  const suppressedKeys = new Set(contacts.suppressions.map((s) => s.key));
  const suppressed = members.filter((m) => suppressedKeys.has(m.key)).length;
  const summary: ContactsSummary = {
    members: members.length,
    suppressed,
    mailed: members.length - suppressed,
    byOrganisation: count(members.map((m) => m.organisation ?? NONE)),
    byList: count(members.flatMap((m) => (m.lists.length > 0 ? m.lists : [NONE]))),
    suppressions: contacts.suppressions.length,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    problems,
  };
  if (options.json) {
    out.info(JSON.stringify(summary, null, 2));
    return summary;
  }
  out.problems(problems);
  out.info(
    `${summary.members} member${summary.members === 1 ? '' : 's'}, ${summary.suppressed} of them suppressed: ${summary.mailed} mailed. ${summary.suppressions} address${summary.suppressions === 1 ? '' : 'es'} in suppressions.csv.`,
  );
  out.info('Lists:');
  for (const [list, n] of Object.entries(summary.byList)) out.info(`  ${list.padEnd(40)} ${n}`);
  out.info('Organisations:');
  for (const [organisation, n] of Object.entries(summary.byOrganisation)) out.info(`  ${organisation.padEnd(40)} ${n}`);
  const verdict = `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`;
  const failing = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file))];
  if (summary.errors > 0) out.warn(`${failing.join(', ')}: ${verdict}.`);
  else out.info(`contacts: ok${summary.warnings > 0 ? `, ${verdict}` : ''}.`);
  return summary;
}

function count(values: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
