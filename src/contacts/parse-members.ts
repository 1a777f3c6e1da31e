import { hasErrors, type Problem } from '../errors.js';
import { controlCharacter, controlCharacterHint } from '../schema/control-character.js';
import { addressKey, type Member } from './member.js';
import { startsLikeFormula } from './neutralise-cell.js';
import { isAlternateAddressColumn, pickAddress } from './pick-address.js';
import { eachCsvRow, type CsvFile, type CsvRow, type CsvRows } from './read-csv-rows.js';

export type MemberColumn = 'email' | 'name' | 'greetingName' | 'firstName' | 'lastName' | 'organisation' | 'lists';

/** Header wordings seen in real exports, by the column they mean. */
const HEADER_WORDS: Record<MemberColumn, readonly string[]> = {
  // Outlook: "E-mail Address"; Google Contacts: "E-mail 1 - Value"; Google Forms: "Email Address".
  email: [
    'email',
    'e-mail',
    'email address',
    'e-mail address',
    'emailaddress',
    'mail',
    'e-mail 1 - value',
    'email 1',
    'primary email',
    'your email',
    'your email address',
  ],
  name: ['name', 'full name', 'display name', 'contact name', 'your name'],
  greetingName: ['greeting name', 'greeting', 'preferred name', 'known as'],
  firstName: ['first name', 'given name', 'forename'],
  lastName: ['last name', 'surname', 'family name'],
  // Outlook: "Company"; Google Contacts: "Organization Name" or "Organization 1 - Name".
  organisation: ['organisation', 'organization', 'org', 'company', 'organisation id', 'organization name', 'organization 1 - name', 'organisation name'],
  lists: ['lists', 'list', 'groups', 'group', 'mailing lists'],
};

export function columnOf(header: string): MemberColumn | undefined {
  // Forms add "*" or ":" to labels; spreadsheets add underscores.
  const word = header
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/gu, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  for (const [column, words] of Object.entries(HEADER_WORDS) as Array<[MemberColumn, readonly string[]]>) {
    if (words.includes(word)) return column;
  }
  return undefined;
}

/**
 * Where each of `names` is in `header`, -1 where it is not: `email` by every
 * name columnOf knows for it, as members.csv is read; any other by its own name.
 */
export function columnIndexes(header: readonly string[], names: readonly string[]): number[] {
  const written = header.map((name) => name.trim().toLowerCase());
  return names.map((name) => (name === 'email' ? header.findIndex((h) => columnOf(h) === 'email') : written.indexOf(name)));
}

export interface ParsedMembers {
  members: Member[];
  /** The file as CSV rows: its header, separator, line ends and each row's place, for rewrites. */
  csv: CsvRows;
  /** Where each column of the contract is, by header position. */
  columns: ReadonlyMap<MemberColumn, number>;
  /** One problem per row left out (no or a bad address, a repeat); a subset of `problems`. */
  rejected: Problem[];
  problems: Problem[];
}

export interface MemberContext {
  /** Organisation ids; when given, an unknown organisation is a warning. */
  organisationIds?: ReadonlySet<string>;
  /**
   * Which of two rows with the same address is kept: the first (members.csv,
   * where rows are rewritten in place) or the latest (an import, where the
   * later row, say a second form submission, is usually the correction).
   */
  repeats?: 'first' | 'latest';
}

/** Pure: the text of a members CSV in, members and every problem (with its line) out. */
export function parseMembers(text: string, file: string, context: MemberContext = {}): ParsedMembers {
  const rows: CsvRow[] = [];
  const reader = memberReader(file, context);
  const csv = eachCsvRow(text, file, (row, header) => {
    rows.push(row);
    reader.row(row, header);
  });
  const { members, rejected, problems } = reader.finish(csv);
  const failed = hasErrors(csv.problems);
  return { csv: { ...csv, rows: failed ? [] : rows }, columns: failed ? new Map() : reader.columns, members, rejected, problems };
}

/**
 * Pure: as parseMembers, for a caller that needs only the members (a send):
 * each row is made a member as it is read, so the rows are never all held
 * at once, and a member's repeated strings are shared (its key when it is
 * its address, its lists and organisation with other members').
 */
export function readMembers(text: string, file: string, context: MemberContext = {}): { members: Member[]; problems: Problem[] } {
  const reader = memberReader(file, context);
  const csv = eachCsvRow(text, file, reader.row);
  const { members, problems } = reader.finish(csv);
  return { members, problems };
}

const NO_LISTS: readonly string[] = Object.freeze([]);

function memberReader(file: string, context: MemberContext) {
  const index = new Map<MemberColumn, number>();
  let indexed = false;
  const problems: Problem[] = [];
  const rejected: Problem[] = [];
  const reject = (problem: Problem): void => {
    problems.push(problem);
    rejected.push(problem);
  };
  const members: Member[] = [];
  /** Where each address's member is in `members` (its line is the row kept so far): one entry per member, for repeats. */
  const seen = new Map<string, number>();
  /** One array per distinct `lists` cell and one string per organisation, shared by every member with it. */
  const listsOf = new Map<string, readonly string[]>();
  const organisations = new Map<string, string>();
  const cell = (values: string[], column: MemberColumn): string | undefined => {
    const i = index.get(column);
    const value = i === undefined ? undefined : values[i]?.trim();
    return value === '' ? undefined : value;
  };
  /** Outlook's "E-mail 2 Address" and "E-mail 3 Address": used when the first address is empty or an Exchange one. */
  const alternates: number[] = [];
  const indexColumns = (header: readonly string[]): void => {
    indexed = true;
    header.forEach((name, i) => {
      const column = columnOf(name);
      if (column && !index.has(column)) index.set(column, i);
      if (isAlternateAddressColumn(name)) alternates.push(i);
    });
  };

  const row = ({ values, line }: CsvRow, header: readonly string[]): void => {
    if (!indexed) indexColumns(header);
    if (!index.has('email')) return;
    const address = pickAddress(
      cell(values, 'email'),
      alternates.map((i) => values[i]?.trim() ?? ''),
    );
    if (address.problem !== undefined) {
      reject({ severity: 'error', file, line, ...address.problem });
      return;
    }
    const email = address.email;
    const name = cell(values, 'name') ?? joinName(cell(values, 'firstName'), cell(values, 'lastName'));
    const greetingName = cell(values, 'greetingName');
    const control = name === undefined ? undefined : controlCharacter(name, { allowWhitespace: true });
    if (control !== undefined) {
      // Checked before repeats: a row left out must neither hide nor replace another row for the address.
      reject({
        severity: 'error',
        file,
        line,
        message: `the name contains a control character (${control}), which would go into the email's headers`,
        hint: controlCharacterHint(name!),
      });
      return;
    }
    const lowered = addressKey(email);
    const key = lowered === email ? email : lowered;
    const place = seen.get(key);
    const first = place === undefined ? undefined : members[place]!.line;
    if (first !== undefined && context.repeats !== 'latest') {
      reject({
        severity: 'warning',
        file,
        line,
        message: `${email} is already listed on line ${first} (addresses ignore case); this row is ignored`,
        hint: 'Delete one of the two rows.',
      });
      return;
    }
    if (first !== undefined) {
      reject({
        severity: 'warning',
        file,
        line: first,
        message: `${email} is repeated on line ${line} (addresses ignore case); the latest row, line ${line}, is kept and this one ignored`,
        hint: 'The later row is usually the correction; if this one was right, delete the other and import again.',
      });
    }
    const writtenOrganisation = cell(values, 'organisation');
    let organisation: string | undefined;
    if (writtenOrganisation !== undefined) {
      organisation = organisations.get(writtenOrganisation);
      if (organisation === undefined) organisations.set(writtenOrganisation, (organisation = writtenOrganisation));
      if (context.organisationIds && !context.organisationIds.has(organisation)) {
        problems.push({
          severity: 'warning',
          file,
          line,
          message: `organisation "${organisation}" is not an id in contacts/organisations.yaml`,
          hint: "Use the organisation's id, or leave the column empty.",
        });
      }
    }
    const writtenLists = cell(values, 'lists');
    let lists = writtenLists === undefined ? NO_LISTS : listsOf.get(writtenLists);
    if (lists === undefined) {
      lists = Object.freeze(splitLists(writtenLists));
      listsOf.set(writtenLists!, lists);
    }
    const formulas = lists.filter(startsLikeFormula);
    if (formulas.length > 0) {
      problems.push({
        severity: 'warning',
        file,
        line,
        message: `list name${formulas.length === 1 ? '' : 's'} ${formulas.map((l) => `"${l}"`).join(', ')} left out: a list name cannot start with = + - @`,
        hint: 'A spreadsheet would run such a cell as a formula; name the list with letters and digits.',
      });
      lists = Object.freeze(lists.filter((list) => !startsLikeFormula(list)));
    }
    const at = place ?? members.length;
    seen.set(key, at);
    members[at] = {
      email,
      key,
      lists,
      line,
      ...(name !== undefined ? { name } : {}),
      ...(greetingName !== undefined ? { greetingName } : {}),
      ...(organisation !== undefined ? { organisation } : {}),
    };
  };

  const finish = (csv: CsvFile): { members: Member[]; rejected: Problem[]; problems: Problem[] } => {
    if (hasErrors(csv.problems)) return { members: [], rejected: [], problems: csv.problems };
    if (!indexed) indexColumns(csv.header);
    if (!index.has('email')) {
      return {
        members: [],
        rejected: [],
        problems: [
          ...csv.problems,
          {
            severity: 'error',
            file,
            line: 1,
            message: 'no email column in the header',
            hint: `The first line must name the columns, e.g. email,name,organisation,lists (found: ${csv.header.join(', ') || 'nothing'}).`,
          },
        ],
      };
    }
    return { members, rejected, problems: [...csv.problems, ...problems] };
  };

  return { columns: index as ReadonlyMap<MemberColumn, number>, row, finish };
}

function splitLists(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [
    ...new Set(
      value
        .split(/[;|]/u)
        .map((list) => list.trim())
        .filter((list) => list !== ''),
    ),
  ];
}

function joinName(first: string | undefined, last: string | undefined): string | undefined {
  const joined = [first, last].filter((part) => part !== undefined).join(' ');
  return joined === '' ? undefined : joined;
}
