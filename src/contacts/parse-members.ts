import type { Problem } from '../errors.js';
import { isEmailAddress } from '../schema/mailbox.js';
import { addressKey, type Member } from './member.js';
import { readCsvRows } from './read-csv-rows.js';

export type MemberColumn = 'email' | 'name' | 'firstName' | 'lastName' | 'organisation' | 'lists';

/** Header wordings seen in real exports, by the column they mean. */
const HEADER_WORDS: Record<MemberColumn, readonly string[]> = {
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'emailaddress', 'mail', 'e-mail 1 - value', 'email 1', 'primary email'],
  name: ['name', 'full name', 'display name', 'contact name'],
  firstName: ['first name', 'given name', 'forename'],
  lastName: ['last name', 'surname', 'family name'],
  organisation: ['organisation', 'organization', 'org', 'company', 'organisation id'],
  lists: ['lists', 'list', 'groups', 'group', 'mailing lists'],
};

export function columnOf(header: string): MemberColumn | undefined {
  const word = header.trim().toLowerCase().replace(/[_\s]+/gu, ' ');
  for (const [column, words] of Object.entries(HEADER_WORDS) as Array<[MemberColumn, readonly string[]]>) {
    if (words.includes(word)) return column;
  }
  return undefined;
}

export interface ParsedMembers {
  members: Member[];
  header: string[];
  delimiter: ',' | ';';
  newline: '\n' | '\r\n';
  problems: Problem[];
}

export interface MemberContext {
  /** Organisation ids; when given, an unknown organisation is a warning. */
  organisationIds?: ReadonlySet<string>;
}

/** Pure: the text of a members CSV in, members and every problem (with its line) out. */
export function parseMembers(text: string, file: string, context: MemberContext = {}): ParsedMembers {
  const csv = readCsvRows(text, file);
  const base = { header: csv.header, delimiter: csv.delimiter, newline: csv.newline };
  if (csv.problems.length > 0) return { ...base, members: [], problems: csv.problems };

  const index = new Map<MemberColumn, number>();
  csv.header.forEach((name, i) => {
    const column = columnOf(name);
    if (column && !index.has(column)) index.set(column, i);
  });
  const emailColumn = index.get('email');
  if (emailColumn === undefined) {
    return {
      ...base,
      members: [],
      problems: [{ severity: 'error', file, line: 1, message: 'no email column in the header', hint: `The first line must name the columns, e.g. email,name,organisation,lists (found: ${csv.header.join(', ') || 'nothing'}).` }],
    };
  }

  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const members: Member[] = [];
  const cell = (values: string[], column: MemberColumn): string | undefined => {
    const i = index.get(column);
    const value = i === undefined ? undefined : values[i]?.trim();
    return value === '' ? undefined : value;
  };

  for (const { values, line } of csv.rows) {
    const email = cell(values, 'email');
    if (email === undefined) {
      problems.push({ severity: 'error', file, line, message: 'the email address is missing', hint: 'Fill it in or delete the row.' });
      continue;
    }
    if (!isEmailAddress(email)) {
      problems.push({ severity: 'error', file, line, message: `"${email}" is not an email address`, hint: 'Correct the address or delete the row.' });
      continue;
    }
    const key = addressKey(email);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ severity: 'warning', file, line, message: `${email} is already listed on line ${first}; this row is ignored`, hint: 'Delete one of the two rows.' });
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
  return { ...base, members, problems };
}

export function splitLists(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(/[;|]/u).map((list) => list.trim()).filter((list) => list !== ''))];
}

function joinName(first: string | undefined, last: string | undefined): string | undefined {
  const joined = [first, last].filter((part) => part !== undefined).join(' ');
  return joined === '' ? undefined : joined;
}
