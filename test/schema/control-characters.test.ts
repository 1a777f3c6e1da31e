import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { readMembers } from '../../src/contacts/parse-members.js';
import { parseIssue } from '../../src/issue/parse-issue.js';

const config = (from: string): string =>
  `network:\n  name: Example Network\nfrom: ${from}\nfooter:\n  postal_address: 1 Example Street\n  endorsement: Not an endorsement.\nunsubscribe:\n  mailto: unsubscribe@example.org\n`;

describe('control characters are refused where they are read', () => {
  it('an ESC in the issue subject and a NUL in the preheader are errors at their lines', () => {
    const { issue, problems } = parseIssue('---\nsubject: "Snippet \\e[31mDecember"\npreheader: "Read \\0 this"\n---\n', 'issues/2026-12.md', '2026-12');
    expect(issue).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^subject: must not contain control characters \(U\+001B ESC\)/u) }),
      expect.objectContaining({ line: 3, message: expect.stringMatching(/^preheader: must not contain control characters \(U\+0000 NUL\)/u) }),
    ]);
  });

  it('a member name with an ESC is refused at its line', () => {
    const { members, problems } = readMembers('email,name\na@example.org,Anna\u001b[2J Smith\nb@example.org,Ben\n', 'contacts/members.csv');
    expect(members.map((m) => m.email)).toEqual(['b@example.org']);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 2, message: expect.stringMatching(/name contains a control character \(U\+001B ESC\)/u) }),
    ]);
  });

  it('a C1 character (’ read the wrong way) in a name says what it usually is', () => {
    const { problems } = readMembers('email,name\na@example.org,O\u0092Hare\n', 'contacts/members.csv');
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/U\+0092/u), hint: expect.stringMatching(/Windows-1252/u) })]);
  });

  it("the sender's name in the config may not carry one either", () => {
    const { config: parsed, problems } = parseConfig(config('"Example\\tNetwork\\x07 <snippet@example.org>"'), 'snippet.config.yaml');
    expect(parsed).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/^from: must not contain control characters \(U\+0009 TAB\)/u) }),
    ]);
  });

  it("the network's short name (in the delivery report's Subject) and name may not carry one", () => {
    const text = config('snippet@example.org').replace(
      '  name: Example Network\n',
      '  name: "Example\\x1bNetwork"\n  short_name: "EX\\r\\nBcc: x@example.org"\n',
    );
    const { config: parsed, problems } = parseConfig(text, 'snippet.config.yaml');
    expect(parsed).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^network, name: must not contain control characters \(U\+001B ESC\)/u) }),
      expect.objectContaining({ line: 3, message: expect.stringMatching(/^network, short_name: must be a single line/u) }),
    ]);
  });

  it('ordinary names, accents and punctuation pass', () => {
    expect(readMembers('email,name\na@example.org,Siobhán O’Hare – “Anna”\n', 'm.csv').problems).toEqual([]);
    expect(parseConfig(config('Réseau Example <snippet@example.org>'), 'snippet.config.yaml').problems).toEqual([]);
  });
});
