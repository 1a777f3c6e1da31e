import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../src/contacts/decode-csv-bytes.js';
import { parseMembers, readMembers } from '../../src/contacts/parse-members.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const context = { organisationIds: new Set(['aberlour', '3d-drumchapel']) };

describe('readMembers', () => {
  it.each(readdirSync(FIXTURES).filter((file) => file.endsWith('.csv')))('reads %s exactly as parseMembers does', (name) => {
    const text = decodeCsvBytes(readFileSync(join(FIXTURES, name)), name).text;
    const full = parseMembers(text, name, context);
    expect(readMembers(text, name, context)).toEqual({ members: full.members, problems: full.problems });
  });

  it('shares what members have in common instead of a copy each', () => {
    const { members } = readMembers(
      'email,name,organisation,lists\na@example.org,A,aberlour,members\nB@Example.org,B,aberlour,members\nc@example.org,C,,\n',
      'm.csv',
    );
    const [a, b, c] = members;
    expect(a!.key).toBe(a!.email);
    expect(b!.key).toBe('b@example.org');
    expect(b!.email).toBe('B@example.org');
    expect(a!.lists).toBe(b!.lists);
    expect(a!.lists).toEqual(['members']);
    expect(Object.isFrozen(a!.lists)).toBe(true);
    expect(c!.lists).toEqual([]);
    expect(Object.isFrozen(c!.lists)).toBe(true);
  });

  it('keeps no member of a file that turns out to be broken further down', () => {
    const result = readMembers('email\na@example.org\n"b@example.org\n', 'm.csv');
    expect(result.members).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', line: 3, message: expect.stringContaining('never closed') })]);
  });
});
