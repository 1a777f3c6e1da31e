import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/organisations/organisation.js';
import { openReferralPage, openReferralService, serviceUuid } from '../../src/site/open-referral.js';

const BASE = 'https://network.example.org';
const NETWORK = 'Perinatal Network';

const stork: Organisation = {
  id: 'cafe-stork',
  name: 'Café Stork',
  website: 'https://cafestork.example.org',
  areas: ['Glasgow West', 'East Renfrewshire'],
  services: ['Peer support', 'Baby massage'],
  contact: 'Ann Smith (ann@cafestork.example.org, 0141 496 0000)',
  spotlight: true,
  reviewed: '2026-10-01',
};
const storkText = { description: 'A weekly café for parents.', referral: 'Families can come along.' };

const bumps: Organisation = { id: 'bumps', name: 'Bumps', areas: [], services: [], spotlight: true };

describe('Open Referral UK', () => {
  it('gives a service every id, fixed for its address: the same from one build to the next (regression: ids emptied)', () => {
    const page = `${BASE}/services/cafe-stork/`;
    expect(openReferralService(`${BASE}/`, stork, storkText, NETWORK)).toEqual({
      id: '83273f0e-884a-5e53-b7ef-6e3d80614446',
      organization_id: 'cd43fd1b-e4a3-5411-955b-854b6613f7da',
      name: 'Café Stork',
      description: 'A weekly café for parents.\n\nHow to refer: Families can come along.',
      url: 'https://cafestork.example.org',
      email: 'ann@cafestork.example.org',
      status: 'active',
      assured_date: '2026-10-01',
      organization: {
        id: 'cd43fd1b-e4a3-5411-955b-854b6613f7da',
        name: 'Café Stork',
        description: 'A weekly café for parents.',
        website: 'https://cafestork.example.org',
        uri: page,
      },
      service_areas: [
        { id: 'b6645462-0b06-5fa7-a4d9-6dc20cce8cc1', service_id: '83273f0e-884a-5e53-b7ef-6e3d80614446', name: 'Glasgow West', service_area: 'Glasgow West' },
        {
          id: 'e4203535-e852-5d43-947f-155510471a79',
          service_id: '83273f0e-884a-5e53-b7ef-6e3d80614446',
          name: 'East Renfrewshire',
          service_area: 'East Renfrewshire',
        },
      ],
      contacts: [
        {
          id: '61fb6431-3e42-5ad8-b7b2-c713de4949bb',
          service_id: '83273f0e-884a-5e53-b7ef-6e3d80614446',
          name: 'Ann Smith (ann@cafestork.example.org, 0141 496 0000)',
        },
      ],
      attributes: [
        {
          id: '125057e0-0942-5f5f-948c-f031ced9c9bc',
          link_id: '83273f0e-884a-5e53-b7ef-6e3d80614446',
          link_type: 'service_type',
          taxonomy_term_id: '835949f5-fd88-5aa7-8907-e1eb2360728d',
          taxonomy_term: {
            id: '835949f5-fd88-5aa7-8907-e1eb2360728d',
            name: 'Peer support',
            description: 'Type of service in the Perinatal Network directory',
            taxonomy: 'Perinatal Network service types',
            term_uri: `${BASE}/service-types/peer-support/`,
          },
        },
        {
          id: '93319d81-4223-53f0-8bd2-a4667bc40dcc',
          link_id: '83273f0e-884a-5e53-b7ef-6e3d80614446',
          link_type: 'service_type',
          taxonomy_term_id: '72418fe8-790e-5c93-8c9b-b86ccb5467a1',
          taxonomy_term: {
            id: '72418fe8-790e-5c93-8c9b-b86ccb5467a1',
            name: 'Baby massage',
            description: 'Type of service in the Perinatal Network directory',
            taxonomy: 'Perinatal Network service types',
            term_uri: `${BASE}/service-types/baby-massage/`,
          },
        },
      ],
    });
  });

  it("names a service's file by its id, the same with or without the base's slash, and different in another network", () => {
    expect(serviceUuid(BASE, 'cafe-stork')).toBe('83273f0e-884a-5e53-b7ef-6e3d80614446');
    expect(serviceUuid(`${BASE}/`, 'cafe-stork')).toBe('83273f0e-884a-5e53-b7ef-6e3d80614446');
    expect(serviceUuid('https://other.example.org', 'cafe-stork')).toBe('4952be2f-f405-531b-aa1d-34ac97e3ffdd');
  });

  it('leaves out what an organisation does not have, and says who it is when its profile is empty', () => {
    expect(openReferralService(BASE, bumps, { description: '', referral: '' }, NETWORK)).toEqual({
      id: '672cd75b-42c8-5379-8c26-1021dfa8f258',
      organization_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u),
      name: 'Bumps',
      description: 'A member of the Perinatal Network.',
      url: `${BASE}/services/bumps/`,
      status: 'active',
      organization: {
        id: expect.any(String),
        name: 'Bumps',
        description: 'A member of the Perinatal Network.',
        uri: `${BASE}/services/bumps/`,
      },
      service_areas: [],
      contacts: [],
      attributes: [],
    });
  });

  it('takes an email only when the contact holds one', () => {
    const phoneOnly = openReferralService(BASE, { ...stork, contact: 'Call 0141 496 0000' }, storkText, NETWORK);
    expect(phoneOnly).not.toHaveProperty('email');
    expect(phoneOnly.contacts).toEqual([expect.objectContaining({ name: 'Call 0141 496 0000' })]);
  });

  it('lists every service on one page, without the parts only GET /services/{id} gives', () => {
    const services = [openReferralService(BASE, stork, storkText, NETWORK), openReferralService(BASE, bumps, { description: '', referral: '' }, NETWORK)];
    const page = openReferralPage(services);
    expect(page).toMatchObject({ total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false });
    expect(page.contents.map((service) => Object.keys(service).sort())).toEqual([
      ['assured_date', 'description', 'email', 'id', 'name', 'organization', 'organization_id', 'status', 'url'],
      ['description', 'id', 'name', 'organization', 'organization_id', 'status', 'url'],
    ]);
    expect(page.contents[0]!.id).toBe('83273f0e-884a-5e53-b7ef-6e3d80614446');
    expect(openReferralPage([])).toEqual({
      total_items: 0,
      total_pages: 1,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    });
  });
});
