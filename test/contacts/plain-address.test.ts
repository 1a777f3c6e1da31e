import { describe, expect, it } from 'vitest';
import { parseMembers } from '../../src/contacts/parse-members.js';
import { isPlainAddress } from '../../src/contacts/plain-address.js';

describe('isPlainAddress', () => {
  it('accepts the addresses RFC 5321 allows and members have (regression: mary&john@ and team/visits@ blocked the send)', () => {
    for (const address of [
      'mary&john@example.org',
      'team/visits@example.nhs.uk',
      'o=hare@example.org',
      'a|b@example.org',
      'info!@example.org',
      "mary.o'neill@example.org",
    ]) {
      expect(isPlainAddress(address), address).toBe(true);
    }
  });

  it('refuses what a spreadsheet would run as a formula, and control characters', () => {
    for (const address of [
      "=cmd|'/Ccalc'!A0@example.org",
      '+441@example.org',
      '-2+3@example.org',
      '@sum@example.org',
      'a\tb@example.org',
      'a\rb@example.org',
      '@example.org',
    ]) {
      expect(isPlainAddress(address), JSON.stringify(address)).toBe(false);
    }
  });

  it('lets members.csv keep such members, with no problem', () => {
    const parsed = parseMembers('email,name\nmary&john@example.org,Mary and John\nteam/visits@example.nhs.uk,Visits team\n', 'members.csv');
    expect(parsed.problems).toEqual([]);
    expect(parsed.members.map((m) => m.email)).toEqual(['mary&john@example.org', 'team/visits@example.nhs.uk']);
  });
});
