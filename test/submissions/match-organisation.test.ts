import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/organisations/organisation.js';
import { matchOrganisation } from '../../src/submissions/match-organisation.js';

const organisation = (id: string, name: string): Organisation => ({ id, name, areas: [], services: [], spotlight: true });
const ORGANISATIONS = [
  organisation('ek-infant-feeding', 'East Kilbride Infant Feeding Project'),
  organisation('home-start-glasgow-north', 'Home-Start Glasgow North'),
  organisation('cafe-stork', 'Café Stork'),
];

describe('matchOrganisation', () => {
  it('suggests an organisation by most of its words and initials for the rest (regression: "EK Infant Feeding Project" got no suggestion)', () => {
    expect(matchOrganisation('EK Infant Feeding Project', ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [ORGANISATIONS[0]] });
    expect(matchOrganisation('Infant Feeding Project East Kilbride', ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [ORGANISATIONS[0]] });
  });

  it('suggests nothing for a name sharing only a generic word', () => {
    expect(matchOrganisation('Glasgow Feeding Team', ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [] });
    expect(matchOrganisation('Parent Support Project', ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('still matches names exactly, whatever their spelling', () => {
    expect(matchOrganisation('homestart glasgow north', ORGANISATIONS)).toEqual({ kind: 'member', id: 'home-start-glasgow-north' });
    expect(matchOrganisation('Cafe Stork', ORGANISATIONS)).toEqual({ kind: 'member', id: 'cafe-stork' });
  });

  it('answers at once for a pasted page, with no suggestion', () => {
    const started = performance.now();
    expect(matchOrganisation('Infant Feeding '.repeat(3_000), ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [] });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
