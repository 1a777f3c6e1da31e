import type { Problem } from '../errors.js';
import type { Member, Suppression } from './member.js';
import { neutraliseCell } from './neutralise-cell.js';
import type { ParsedMembers } from './parse-members.js';

export interface ImportUpdate {
  /** The member as `members.csv` has it. */
  before: Member;
  /** The member after the merge. */
  after: Member;
  /** What changed, for the report: `name`, `greetingName`, `organisation`, `lists`. */
  changed: Array<'name' | 'greetingName' | 'organisation' | 'lists'>;
}

export interface ImportPlan {
  added: Member[];
  updated: ImportUpdate[];
  unchanged: Member[];
  /** One problem per row of the import file left out: a bad or missing address, a repeat, a suppressed address. */
  rejected: Problem[];
  /** Rows imported, but not wholly (an organisation that is not known). */
  warnings: Problem[];
}

export interface ImportContext {
  /** The import file as named in messages. */
  file: string;
  suppressions: readonly Suppression[];
  /** Known organisations: an import may name one by id or by its name. */
  organisations: ReadonlyArray<{ id: string; name: string }>;
  /** `--list NAME`: added to every imported row. */
  list?: string;
}

/**
 * Pure: how an exported CSV merges into the mailing list. Rows match on
 * addressKey. A match is updated only where the import has a non-empty value
 * that differs (name, organisation), and its lists are unioned: an import
 * never blanks or removes anything. A suppressed address is never re-added.
 */
export function planImport(existing: readonly Member[], incoming: ParsedMembers, context: ImportContext): ImportPlan {
  const byKey = new Map<string, Member>();
  for (const member of existing) if (!byKey.has(member.key)) byKey.set(member.key, member);
  const suppressed = new Map(context.suppressions.map((s) => [s.key, s]));
  const plan: ImportPlan = { added: [], updated: [], unchanged: [], rejected: [...incoming.rejected], warnings: [] };

  for (const row of incoming.members) {
    const where = { file: context.file, line: row.line };
    const suppression = suppressed.get(row.key);
    if (suppression) {
      const why = [suppression.reason, suppression.date].filter(Boolean).join(' ');
      plan.rejected.push({
        severity: 'warning',
        ...where,
        message: `${row.email} is suppressed${why ? ` (${why})` : ''}; not added`,
        hint: `Suppressed addresses are never mailed again. If the person asked to rejoin, run \`snippet contacts resubscribe ${row.email} --reason …\` and import again.`,
      });
      continue;
    }
    const organisation = resolveOrganisation(row.organisation, context.organisations);
    if (row.organisation !== undefined && organisation === undefined) {
      plan.warnings.push({
        severity: 'warning',
        ...where,
        message: `organisation "${row.organisation}" is not an id or name in contacts/organisations.yaml; left empty`,
        hint: "Add the organisation, or set the member's organisation id in contacts/members.csv.",
      });
    }
    const name = row.name === undefined ? undefined : neutraliseCell(row.name);
    const greetingName = row.greetingName === undefined ? undefined : neutraliseCell(row.greetingName);
    const lists = context.list === undefined ? row.lists : union(row.lists, [context.list]);
    const before = byKey.get(row.key);
    if (!before) {
      const member: Member = {
        ...withoutOptional(row),
        lists,
        ...(name ? { name } : {}),
        ...(greetingName ? { greetingName } : {}),
        ...(organisation ? { organisation } : {}),
      };
      plan.added.push(member);
      byKey.set(row.key, member);
      continue;
    }
    const changed: ImportUpdate['changed'] = [];
    const after: Member = { ...before, lists: union(before.lists, lists) };
    if (name !== undefined && name !== before.name) {
      after.name = name;
      changed.push('name');
    }
    if (greetingName !== undefined && greetingName !== '' && greetingName !== before.greetingName) {
      after.greetingName = greetingName;
      changed.push('greetingName');
    }
    if (organisation !== undefined && organisation !== before.organisation) {
      after.organisation = organisation;
      changed.push('organisation');
    }
    if (after.lists.length > before.lists.length) changed.push('lists');
    if (changed.length > 0) plan.updated.push({ before, after, changed });
    else plan.unchanged.push(before);
  }
  return plan;
}

/** An organisation id, from an id or a name as exports write it ("Company"); undefined when unknown. */
function resolveOrganisation(value: string | undefined, organisations: ReadonlyArray<{ id: string; name: string }>): string | undefined {
  if (value === undefined) return undefined;
  // Without organisations.yaml there is nothing to check against: keep what was written.
  if (organisations.length === 0) return value;
  const wanted = value.trim().toLowerCase();
  const name = plainName(value);
  return organisations.find((o) => o.id === value || o.id === wanted || plainName(o.name) === name)?.id;
}

/**
 * A name as compared: case, spacing and typographic punctuation ignored, so
 * Outlook's "Barnardo’s Nurture" and "Home–Start" match organisations.yaml's
 * "Barnardo's Nurture" and "Home-Start".
 */
function plainName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[‘’‛ʼ`´]/gu, "'")
    .replace(/[“”„‟]/gu, '"')
    .replace(/[‐‑‒–—―−]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function withoutOptional(member: Member): Member {
  return { email: member.email, key: member.key, lists: member.lists, line: member.line };
}
