import { join } from 'node:path';
import { v5 as uuidV5 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteCommand } from '../../src/actions/site-command.js';
import type { OpenReferralPage, OpenReferralService } from '../../src/site/open-referral.js';
import { collectOutput } from '../support/collect-output.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';
import { openReferralValidators } from './open-referral-schemas.js';
import { readSite } from './site-output.js';

let ws: SampleWorkspace;
let site: Map<string, string>;
beforeAll(async () => {
  ws = await sampleWorkspace();
  const out = join(ws.dir, 'out', 'site');
  await siteCommand({ dir: ws.dir, out, now: new Date('2026-12-07T12:00:00Z') }, collectOutput());
  site = await readSite(out);
});
afterAll(async () => {
  await ws.remove();
});

function service(id: string): OpenReferralService {
  const uuid = uuidV5(`https://example.org/snippet/services/${id}/`, uuidV5.URL);
  return JSON.parse(site.get(`services/${uuid}.json`)!) as OpenReferralService;
}

describe('Open Referral UK, rich, from the sample directory', () => {
  it('validates every service of the sample against the UK profile', async () => {
    const { listed, full } = await openReferralValidators();
    const page = JSON.parse(site.get('services.json')!) as OpenReferralPage;
    expect(page.total_items).toBe(35);
    for (const entry of page.contents) {
      expect(listed(entry), JSON.stringify(listed.errors)).toBe(true);
      const detail = JSON.parse(site.get(`services/${entry.id}.json`)!) as object;
      expect(full(detail), `${entry.name}: ${JSON.stringify(full.errors)}`).toBe(true);
    }
  });

  it('gives contacts with phone and email, areas with GSS codes, eligibility, languages, cost, referral and last modified', () => {
    const fathers = service('fathers-network-scotland');
    expect(fathers).toMatchObject({
      name: 'Fathers Network Scotland',
      email: 'referrals.fathers@example.org',
      assured_date: '2026-10-05',
      last_modified: '2026-10-05T00:00:00.000Z',
      eligibility_description: 'Fathers or partners. In pregnancy and up to 2 years. Families can refer themselves.',
      application_process: expect.stringMatching(/^\(Sample text\.\) Fill in the referral form \(https:\/\/example\.org\/sample\/fathers-network\/refer\)/u),
      languages: [expect.objectContaining({ name: 'English' })],
      cost_options: [expect.objectContaining({ option: 'Free', amount: 0 })],
    });
    expect(fathers.contacts).toEqual([
      expect.objectContaining({
        email: 'referrals.fathers@example.org',
        phones: [expect.objectContaining({ number: '0141 496 0101', contact_id: fathers.contacts[0]!.id })],
      }),
    ]);
    // areas: all covers every area of the network's list, each with its code where the config gives one.
    expect(fathers.service_areas.map((area) => area.name)).toEqual([
      'Glasgow North',
      'Glasgow South',
      'East Dunbartonshire',
      'East Renfrewshire',
      'Inverclyde',
      'Renfrewshire',
      'West Dunbartonshire',
    ]);
    expect(fathers.service_areas.find((area) => area.name === 'Renfrewshire')?.uri).toBe('http://statistics.data.gov.uk/id/statistical-geography/S12000038');
    expect(fathers.service_areas.find((area) => area.name === 'Glasgow North')).not.toHaveProperty('uri');
  });

  it('keeps the description to the description, on one line per paragraph', () => {
    const fathers = service('fathers-network-scotland');
    expect(fathers.description).not.toContain('How to refer');
    expect(fathers.description).not.toContain('\n');
    expect(fathers.description.length).toBeGreaterThan(150);
  });
});
