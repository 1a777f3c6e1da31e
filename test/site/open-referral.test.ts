import { v5 as uuidV5 } from 'uuid';
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
      // The referral route is its own field, no longer appended to the description.
      description: 'A weekly café for parents.',
      url: 'https://cafestork.example.org',
      email: 'ann@cafestork.example.org',
      status: 'active',
      assured_date: '2026-10-01',
      last_modified: '2026-10-01T00:00:00.000Z',
      application_process: 'Families can come along.',
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
          email: 'ann@cafestork.example.org',
        },
      ],
      languages: [],
      cost_options: [],
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
      languages: [],
      cost_options: [],
      attributes: [],
    });
  });

  it('takes an email only when the contact holds one', () => {
    const phoneOnly = openReferralService(BASE, { ...stork, contact: 'Call 0141 496 0000' }, storkText, NETWORK);
    expect(phoneOnly).not.toHaveProperty('email');
    expect(phoneOnly.contacts).toEqual([expect.objectContaining({ name: 'Call 0141 496 0000' })]);
  });

  it('takes no email from a contact whose address is cut short, rather than a shorter address that is not hers', () => {
    const cut = openReferralService(BASE, { ...stork, contact: 'Ann (ann@cafestork.example.o)' }, storkText, NETWORK);
    expect(cut).not.toHaveProperty('email');
    const whole = openReferralService(BASE, { ...stork, contact: 'Ann (ann@cafestork.example.org.)' }, storkText, NETWORK);
    expect(whole.email).toBe('ann@cafestork.example.org');
  });

  it('lists every service on one page, without the parts only GET /services/{id} gives', () => {
    const services = [openReferralService(BASE, stork, storkText, NETWORK), openReferralService(BASE, bumps, { description: '', referral: '' }, NETWORK)];
    const page = openReferralPage(services);
    expect(page).toMatchObject({ total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false });
    expect(page.contents.map((service) => Object.keys(service).sort())).toEqual([
      ['application_process', 'assured_date', 'description', 'email', 'id', 'last_modified', 'name', 'organization', 'organization_id', 'status', 'url'],
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

const fathers: Organisation = {
  id: 'fathers-network',
  name: 'Fathers Network',
  areas: [],
  allAreas: true,
  services: [],
  spotlight: true,
  contact: 'Jo Bloggs',
  email: 'referrals@fathers.example.org',
  phone: '0141 496 0101',
  for: ['fathers or partners'],
  stages: ['pregnancy', '1 to 2 years'],
  selfReferral: true,
  languages: ['English', 'Polish'],
  cost: 'Free',
};
const AREAS = [{ name: 'Glasgow North' }, { name: 'Renfrewshire', code: 'S12000038' }];
const empty = { description: '', referral: '' };
/** The id of a part of a service: UUID v5 of its page's address and the part's name, the same at every build. */
const partId = (id: string, name: string): string => uuidV5(`${BASE}/services/${id}/#${name}`, uuidV5.URL);

describe('Open Referral UK, the rich fields', () => {
  it('gives the contact its email, its phone with ids of their own, and whom the service is for, when, and who refers', () => {
    const service = openReferralService(BASE, fathers, empty, NETWORK, AREAS);
    const contactId = partId('fathers-network', 'contact');
    expect(service).toMatchObject({
      email: 'referrals@fathers.example.org',
      eligibility_description: 'Fathers or partners. In pregnancy and up to 2 years. Families can refer themselves.',
      contacts: [
        {
          id: contactId,
          service_id: service.id,
          name: 'Jo Bloggs',
          email: 'referrals@fathers.example.org',
          phones: [{ id: partId('fathers-network', 'phone'), contact_id: contactId, number: '0141 496 0101' }],
        },
      ],
      languages: [
        { id: partId('fathers-network', 'language-english'), service_id: service.id, name: 'English' },
        { id: partId('fathers-network', 'language-polish'), service_id: service.id, name: 'Polish' },
      ],
      cost_options: [{ id: partId('fathers-network', 'cost'), service_id: service.id, option: 'Free', amount: 0, amount_description: 'Free' }],
    });
    expect(service).not.toHaveProperty('application_process');
  });

  it('covers every area of the network for "areas: all", each with its GSS code where the config gives one', () => {
    expect(openReferralService(BASE, fathers, empty, NETWORK, AREAS).service_areas).toEqual([
      { id: partId('fathers-network', 'area-glasgow-north'), service_id: expect.any(String), name: 'Glasgow North', service_area: 'Glasgow North' },
      {
        id: partId('fathers-network', 'area-renfrewshire'),
        service_id: expect.any(String),
        name: 'Renfrewshire',
        service_area: 'Renfrewshire',
        uri: 'http://statistics.data.gov.uk/id/statistical-geography/S12000038',
      },
    ]);
    // With no list of areas in the config, the whole area of the network is one area.
    expect(openReferralService(BASE, fathers, empty, NETWORK).service_areas).toEqual([
      expect.objectContaining({ name: 'The whole area of the Perinatal Network', service_area: 'The whole area of the Perinatal Network' }),
    ]);
  });

  it("gives an organisation's own areas the codes of the network's areas of the same name", () => {
    const local = { ...fathers, allAreas: undefined, areas: ['Renfrewshire', 'Paisley'] };
    const areas = openReferralService(BASE, local, empty, NETWORK, AREAS).service_areas;
    expect(areas.map((area) => [area.name, area.uri])).toEqual([
      ['Renfrewshire', 'http://statistics.data.gov.uk/id/statistical-geography/S12000038'],
      ['Paisley', undefined],
    ]);
    expect(areas[1]).not.toHaveProperty('uri');
  });

  it('ends each sentence of the eligibility with one full stop, and leaves it out when the profile says none of it', () => {
    const professional = { ...fathers, for: ['mothers' as const], stages: undefined, selfReferral: false };
    expect(openReferralService(BASE, professional, empty, NETWORK).eligibility_description).toBe(
      'Mothers. A professional refers: families cannot refer themselves.',
    );
    const silent = { ...fathers, for: undefined, stages: undefined, selfReferral: undefined };
    expect(openReferralService(BASE, silent, empty, NETWORK)).not.toHaveProperty('eligibility_description');
  });

  it('names the contact after the organisation when only a phone is given, and gives no contact when nothing is', () => {
    const phoneOnly = { ...fathers, contact: undefined, email: undefined };
    const service = openReferralService(BASE, phoneOnly, empty, NETWORK);
    expect(service.contacts).toEqual([
      {
        id: partId('fathers-network', 'contact'),
        service_id: service.id,
        name: 'Fathers Network',
        phones: [{ id: partId('fathers-network', 'phone'), contact_id: partId('fathers-network', 'contact'), number: '0141 496 0101' }],
      },
    ]);
    expect(service).not.toHaveProperty('email');
    const emailOnly = openReferralService(BASE, { ...fathers, contact: undefined, phone: undefined }, empty, NETWORK);
    expect(emailOnly.contacts).toEqual([
      { id: partId('fathers-network', 'contact'), service_id: emailOnly.id, name: 'Fathers Network', email: 'referrals@fathers.example.org' },
    ]);
    expect(openReferralService(BASE, { ...fathers, contact: undefined, email: undefined, phone: undefined }, empty, NETWORK).contacts).toEqual([]);
  });

  it('prefers the email field to an address in the contact text', () => {
    const both = { ...fathers, contact: 'Jo (jo@old.example.org)' };
    expect(openReferralService(BASE, both, empty, NETWORK).email).toBe('referrals@fathers.example.org');
  });

  it.each([
    ['Jo Bloggs <jo@fathers.example.org>', 'jo@fathers.example.org'],
    ['Email:jo@fathers.example.org; phone 0141 496 0101', 'jo@fathers.example.org'],
    ['Jo (JO.BLOGGS@FATHERS.EXAMPLE.ORG), Monday to Friday', 'JO.BLOGGS@FATHERS.EXAMPLE.ORG'],
    ['jo@fathers.example.org,0141 496 0101', 'jo@fathers.example.org'],
    ['jo@fathers.o', undefined],
    ['jo@fathers or phone', undefined],
  ])('takes the email address out of the contact %j', (contact, email) => {
    const service = openReferralService(BASE, { ...fathers, email: undefined, contact }, empty, NETWORK);
    expect(service.email).toBe(email);
    expect(service.contacts[0]?.email).toBe(email);
  });

  it.each([
    ['Free', 0],
    ['  free to families', 0],
    ['FREE', 0],
    ['Freeform donations', undefined],
    ['£5 a session, free for under-ones', undefined],
  ])('puts an amount of 0 on a cost only when it starts with the word free: %j', (cost, amount) => {
    const [option] = openReferralService(BASE, { ...fathers, cost }, empty, NETWORK).cost_options;
    expect(option).toEqual({
      id: partId('fathers-network', 'cost'),
      service_id: expect.any(String),
      option: cost,
      ...(amount === undefined ? {} : { amount }),
      amount_description: cost,
    });
  });
});
