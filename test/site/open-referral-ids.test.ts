import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/organisations/organisation.js';
import { openReferralService, serviceUuid } from '../../src/site/open-referral.js';

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

describe('Open Referral UK ids', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

  it('gives a service and every part of it an id of its own, fixed for its address (regression: ids emptied)', () => {
    const service = openReferralService(`${BASE}/`, stork, storkText, NETWORK);
    expect(service.id).toBe('83273f0e-884a-5e53-b7ef-6e3d80614446');
    expect(service.organization_id).toBe(service.organization.id);
    const ids = [
      service.id,
      service.organization.id,
      ...service.service_areas.map((area) => area.id),
      ...service.contacts.map((contact) => contact.id),
      ...service.attributes.map((attribute) => attribute.id),
      ...service.attributes.map((attribute) => attribute.taxonomy_term_id),
    ];
    expect(ids.length).toBeGreaterThanOrEqual(2 + 2 + 1 + 2 + 2);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const area of service.service_areas) expect(area.service_id).toBe(service.id);
    for (const contact of service.contacts) expect(contact.service_id).toBe(service.id);
    for (const attribute of service.attributes) expect(attribute.link_id).toBe(service.id);
    expect(openReferralService(`${BASE}/`, stork, storkText, NETWORK)).toEqual(service);
  });

  it("names a service's file by its id, the same with or without the base's slash, and different in another network", () => {
    expect(serviceUuid(BASE, 'cafe-stork')).toBe('83273f0e-884a-5e53-b7ef-6e3d80614446');
    expect(serviceUuid(`${BASE}/`, 'cafe-stork')).toBe('83273f0e-884a-5e53-b7ef-6e3d80614446');
    expect(serviceUuid('https://other.example.org', 'cafe-stork')).toBe('4952be2f-f405-531b-aa1d-34ac97e3ffdd');
    expect(openReferralService(BASE, bumps, { description: '', referral: '' }, NETWORK).id).toBe('672cd75b-42c8-5379-8c26-1021dfa8f258');
  });

  it('takes an email only when the contact holds one', () => {
    const phoneOnly = openReferralService(BASE, { ...stork, contact: 'Call 0141 496 0000' }, storkText, NETWORK);
    expect(phoneOnly).not.toHaveProperty('email');
  });
});
