import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/contacts/member.js';
import { parseSuppressions } from '../../src/contacts/parse-suppressions.js';
import { normaliseAddress } from '../../src/schema/mailbox.js';

const FILE = 'contacts/suppressions.csv';
/** The key a member with this address gets in parseMembers. */
const memberKey = (email: string): string => addressKey(normaliseAddress(email)!);

describe('parseSuppressions', () => {
  it('keys an address written as mailto: or Name <…> as the member it means (regression: ann@example.org was still mailed)', () => {
    const { suppressions, problems } = parseSuppressions(
      'email,date,reason\nmailto:Ann@Example.org,2026-09-14,unsubscribed\nBob Jones <Bob@Example.ORG>,,bounced\n',
      FILE,
    );
    expect(suppressions.map((s) => s.key)).toEqual([memberKey('ann@example.org'), memberKey('bob@example.org')]);
    expect(suppressions.map((s) => s.key)).toEqual(['ann@example.org', 'bob@example.org']);
    expect(problems).toEqual([]);
  });

  it('finds the email column by the names members.csv knows (regression: "E-mail Address" was no email column)', () => {
    const { suppressions, problems } = parseSuppressions('Date,E-mail Address,Reason\n2026-09-14,ann@example.org,bounced\n', FILE);
    expect(problems).toEqual([]);
    expect(suppressions).toEqual([{ key: 'ann@example.org', line: 2, date: '2026-09-14', reason: 'bounced' }]);
  });

  it('keeps a row that is not an address suppressed as written, with a warning on its line', () => {
    const { suppressions, problems } = parseSuppressions('email,date\nann@example.org,\n\nAnn at Example,2026-09-14\n', FILE);
    expect(suppressions).toEqual([
      { key: 'ann@example.org', line: 2 },
      { key: 'ann at example', line: 4, date: '2026-09-14' },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', file: FILE, line: 4, message: '"Ann at Example" does not look like an email address' }),
    ]);
  });

  it('numbers rows by where they start, across quoted line breaks and CR-only line ends', () => {
    const { suppressions } = parseSuppressions('email,reason\ra@example.org,"two\rlines"\rb@example.org,x\r', FILE);
    expect(suppressions.map((s) => [s.key, s.line])).toEqual([
      ['a@example.org', 2],
      ['b@example.org', 4],
    ]);
  });

  it('reports a header without an email column on line 1, and an unclosed quote on its line', () => {
    expect(parseSuppressions('date,reason\n2026-09-14,x\n', FILE).problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 1, message: 'no email column in the header' }),
    ]);
    const broken = parseSuppressions('email,reason\na@example.org,x\nb@example.org,"open\n', FILE);
    expect(broken.suppressions).toEqual([]);
    expect(broken.problems).toEqual([expect.objectContaining({ severity: 'error', file: FILE, line: 3 })]);
  });

  it('keeps every suppression of a file with a character that is not UTF-8 (regression: the warning dropped them all)', () => {
    const { suppressions, problems } = parseSuppressions('email,reason\nann@example.org,d\uFFFDj\u00E0 vu\n', FILE);
    expect(suppressions.map((s) => s.key)).toEqual(['ann@example.org']);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/not UTF-8/u) })]);
  });
});
