import { describe, expect, it } from 'vitest';
import { sampleRecipient } from '../../src/actions/sample-recipient.js';
import { parseMembers } from '../../src/contacts/parse-members.js';
import { issue } from '../render/fixtures.js';

const members = parseMembers(
  'email,name,lists\nann@example.org,Ann,managers\nbob@example.org,,members\ncara@example.org,Cara,members\n',
  'contacts/members.csv',
).members;

describe('sampleRecipient', () => {
  it("is the first member a send would reach: in the issue's lists, not suppressed", () => {
    expect(sampleRecipient(issue({ lists: ['members'] }), members, [{ key: 'bob@example.org', line: 2 }])).toEqual({
      name: 'Cara',
      address: 'cara@example.org',
    });
    expect(sampleRecipient(issue(), members, [])).toEqual({ name: 'Ann', address: 'ann@example.org' });
    expect(sampleRecipient(issue({ lists: ['members'] }), members, [])).toEqual({ address: 'bob@example.org' });
  });

  it('is a stand-in when the issue would reach nobody', () => {
    expect(sampleRecipient(issue({ lists: ['nobody'] }), members, [])).toEqual({ name: 'Sample Member', address: 'member@example.org' });
  });
});
