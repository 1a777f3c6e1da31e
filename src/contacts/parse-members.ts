import { hasErrors, type Problem } from '../errors.js';
import { normaliseAddress } from '../schema/mailbox.js';
import { addressKey, type Member } from './member.js';
import { readCsvRows, type CsvRows } from './read-csv-rows.js';

export type MemberColumn = 'email' | 'name' | 'firstName' | 'lastName' | 'organisation' | 'lists';

/** Header wordings seen in real exports, by the column they mean. */
const HEADER_WORDS: Record<MemberColumn, readonly string[]> = {
  // Outlook: "E-mail Address"; Google Contacts: "E-mail 1 - Value"; Google Forms: "Email Address".
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'emailaddress', 'mail', 'e-mail 1 - value', 'email 1', 'primary email', 'your email', 'your email address'],
  name: ['name', 'full name', 'display name', 'contact name', 'your name'],
  firstName: ['first name', 'given name', 'forename'],
  lastName: ['last name', 'surname', 'family name'],
  // Outlook: "Company"; Google Contacts: "Organization Name" or "Organization 1 - Name".
  organisation: ['organisation', 'organization', 'org', 'company', 'organisation id', 'organization name', 'organization 1 - name', 'organisation name'],
  lists: ['lists', 'list', 'groups', 'group', 'mailing lists'],
};

export function columnOf(header: string): MemberColumn | undefined {
  // Forms add "*" or ":" to labels; spreadsheets add underscores.
  const word = header.trim().toLowerCase().replace(/[_\s]+/gu, ' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  for (const [column, words] of Object.entries(HEADER_WORDS) as Array<[MemberColumn, readonly string[]]>) {
    if (words.includes(word)) return column;
  }
  return undefined;
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
}

/** Pure: the text of a members CSV in, members and every problem (with its line) out. */
export function parseMembers(text: string, file: string, context: MemberContext = {}): ParsedMembers {
  const csv = readCsvRows(text, file);
  const index = new Map<MemberColumn, number>();
  const base = { csv, columns: index, members: [], rejected: [] };
  if (hasErrors(csv.problems)) return { ...base, problems: csv.problems };

  csv.header.forEach((name, i) => {
    const column = columnOf(name);
    if (column && !index.has(column)) index.set(column, i);
  });
  const emailColumn = index.get('email');
  if (emailColumn === undefined) {
    return {
      ...base,
      problems: [...csv.problems, { severity: 'error', file, line: 1, message: 'no email column in the header', hint: `The first line must name the columns, e.g. email,name,organisation,lists (found: ${csv.header.join(', ') || 'nothing'}).` }],
    };
  }

  const problems: Problem[] = [...csv.problems];
  const rejected: Problem[] = [];
  const reject = (problem: Problem): void => {
    problems.push(problem);
    rejected.push(problem);
  };
  const seen = new Map<string, number>();
  const members: Member[] = [];
  const cell = (values: string[], column: MemberColumn): string | undefined => {
    const i = index.get(column);
    const value = i === undefined ? undefined : values[i]?.trim();
    return value === '' ? undefined : value;
  };

  for (const { values, line } of csv.rows) {
    const written = cell(values, 'email');
    if (written === undefined) {
      reject({ severity: 'error', file, line, message: 'the email address is missing', hint: 'Fill it in or delete the row.' });
      continue;
    }
    const email = normaliseAddress(written);
    if (email === undefined) {
      reject({ severity: 'error', file, line, message: `"${written}" is not an email address`, hint: 'Correct the address or delete the row.' });
      continue;
    }
    const key = addressKey(email);
    const first = seen.get(key);
    if (first !== undefined) {
      reject({ severity: 'warning', file, line, message: `${email} is already listed on line ${first} (addresses ignore case); this row is ignored`, hint: 'Delete one of the two rows.' });
      continue;
    }
    seen.set(key, line);
    const organisation = cell(values, 'organisation');
    if (organisation !== undefined && context.organisationIds && !context.organisationIds.has(organisation)) {
      problems.push({ severity: 'warning', file, line, message: `organisation "${organisation}" is not an id in contacts/organisations.yaml`, hint: 'Use the organisation\'s id, or leave the column empty.' });
    }
    const name = cell(values, 'name') ?? joinName(cell(values, 'firstName'), cell(values, 'lastName'));
    members.push({
      email,
      key,
      lists: splitLists(cell(values, 'lists')),
      line,
      ...(name !== undefined ? { name } : {}),
      ...(organisation !== undefined ? { organisation } : {}),
    });
  }
  return { ...base, members, rejected, problems };
}

export function splitLists(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(/[;|]/u).map((list) => list.trim()).filter((list) => list !== ''))];
}

function joinName(first: string | undefined, last: string | undefined): string | undefined {
  const joined = [first, last].filter((part) => part !== undefined).join(' ');
  return joined === '' ? undefined : joined;
}
