import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organisationsReviewCommand } from '../../src/actions/organisations-review-command.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { profilesDue } from '../../src/organisations/profiles-due.js';
import { dateBefore, parsePeriodText } from '../../src/time/period-text.js';
import { collectOutput } from '../support/collect-output.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('profilesDue', () => {
  it('takes listed profiles never checked, and those checked before the cutoff, in file order', () => {
    const { organisations } = parseOrganisations(
      'organisations:\n  - id: a\n    name: A\n    reviewed: 2026-06-06\n  - id: b\n    name: B\n  - id: c\n    name: C\n    directory: false\n  - id: d\n    name: D\n    reviewed: 2026-06-07\n',
      'contacts/organisations.yaml',
    );
    const due = profilesDue(organisations, '2026-12-07', { count: 6, unit: 'month' });
    expect(due.cutoff).toBe('2026-06-07');
    expect(due.stale.map((o) => o.id)).toEqual(['a']);
    expect(due.never.map((o) => o.id)).toEqual(['b']);
  });

  it('reads periods and counts back by calendar months', () => {
    expect(parsePeriodText('1 year')).toEqual({ count: 12, unit: 'month' });
    expect(parsePeriodText('6 weeks')).toEqual({ count: 42, unit: 'day' });
    expect(parsePeriodText('soon')).toBeUndefined();
    expect(dateBefore('2027-03-31', { count: 1, unit: 'month' })).toBe('2027-02-28');
    expect(dateBefore('2026-12-07', { count: 90, unit: 'day' })).toBe('2026-09-08');
  });
});

describe('snippet organisations review', () => {
  let ws: SampleWorkspace;
  beforeEach(async () => {
    ws = await sampleWorkspace();
  });
  afterEach(async () => {
    await ws.remove();
  });

  it('lists the profiles due with how to reach each, and what to do, as text', async () => {
    const out = collectOutput();
    const { due } = await organisationsReviewCommand({ dir: ws.dir, csv: false, olderThan: { count: 12, unit: 'month' }, now: NOW }, out);
    // 35 organisations in the directory, of which the three complete sample profiles were checked this autumn.
    expect(due).toBe(32);
    expect(out.text()).toContain('Aberlour (aberlour): never checked');
    expect(out.text()).toContain('32 profiles to check: 0 last checked before 2025-12-07, 32 never checked.');
  });

  it('prints CSV for a mail merge, and --older-than takes in recently checked profiles', async () => {
    const out = collectOutput();
    const { due } = await organisationsReviewCommand({ dir: ws.dir, csv: true, olderThan: { count: 2, unit: 'month' }, now: NOW }, out);
    expect(due).toBe(34);
    const lines = out.text().split('\n');
    expect(lines[0]).toBe('id,name,last_checked,email,phone,contact,website,directory_page');
    expect(lines).toContain(
      'home-start-renfrewshire-and-inverclyde,Home-Start Renfrewshire and Inverclyde,2026-09-14,referrals.ri@example.org,0141 496 0202,,https://example.org/sample/home-start-ri,https://example.org/snippet/services/home-start-renfrewshire-and-inverclyde/',
    );
    expect(lines.some((line) => line.startsWith('pandas-south-glasgow,'))).toBe(false);
  });
});
