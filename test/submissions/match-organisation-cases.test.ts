import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/organisations/organisation.js';
import { matchOrganisation } from '../../src/submissions/match-organisation.js';

function organisation(id: string, name: string): Organisation {
  return { id, name, areas: [], services: [], spotlight: true };
}

const north = organisation('home-start-glasgow-north', 'Home-Start Glasgow North');
const south = organisation('home-start-glasgow-south', 'Home-Start Glasgow South');
const stork = organisation('cafe-stork', 'Café Stork');
const barnardos = organisation('barnardos-nurture', "Barnardo's Nurture");
const unit = organisation('west-mbu', 'West of Scotland Mother and Baby Unit (MBU)');
const pandas = organisation('pandas-group', 'PANDAS(Glasgow)');
const bumps = organisation('bumps-babies', 'Bumps (and Babies) Group');
const organisations = [north, south, stork, barnardos, unit, pandas, bumps];

describe('matchOrganisation', () => {
  it.each([
    ['Homestart Glasgow North', north],
    ['home-start glasgow north', north],
    ['HOME-START-GLASGOW-NORTH', north],
    ['Cafe Stork', stork],
    ['Barnardos Nurture', barnardos],
    ['West of Scotland Mother and Baby Unit (MBU)', unit],
    ['West of Scotland Mother and Baby Unit', unit],
    ['west-mbu', unit],
    ['PANDAS', pandas],
  ])('finds %s', (typed, expected) => {
    expect(matchOrganisation(typed, organisations)).toEqual({ kind: 'member', id: expected.id });
  });

  it('drops only a bracketed part at the end of a name: "Bumps Group" is not "Bumps (and Babies) Group"', () => {
    expect(matchOrganisation('Bumps Group', organisations)).toMatchObject({ kind: 'unknown' });
    expect(matchOrganisation('Bumps and Babies Group', organisations)).toEqual({ kind: 'member', id: 'bumps-babies' });
    const glued = organisation('bumps-plus', 'Bumps (and Babies)Plus');
    expect(matchOrganisation('Bumps', [glued])).toMatchObject({ kind: 'unknown' });
  });

  it('says when a name fits two organisations, naming both', () => {
    const twins = [organisation('home-start-a', 'Home Start'), organisation('home-start-b', 'Home-Start'), stork];
    expect(matchOrganisation('Homestart', twins)).toEqual({ kind: 'ambiguous', candidates: twins.slice(0, 2) });
  });

  it('suggests the name a typo or two away', () => {
    expect(matchOrganisation('Cafe Strok', organisations)).toEqual({ kind: 'unknown', suggestions: [stork] });
  });

  it('suggests the organisations whose names hold a part typed (from four letters), at most three', () => {
    expect(matchOrganisation('Home-Start Glasgow', organisations)).toEqual({ kind: 'unknown', suggestions: [north, south] });
    const many = ['a', 'b', 'c', 'd'].map((letter) => organisation(`club-${letter}-north`, `Bump Club ${letter.repeat(6)}`));
    expect(matchOrganisation('Bump', many)).toEqual({ kind: 'unknown', suggestions: many.slice(0, 3) });
    expect(matchOrganisation('Bum', many)).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('suggests a name that holds all of what was typed and more, such as its town', () => {
    expect(matchOrganisation('Cafe Stork Paisley', organisations)).toEqual({ kind: 'unknown', suggestions: [stork] });
  });

  it('suggests nothing for a name like none of them', () => {
    expect(matchOrganisation('Lighthouse Trust', organisations)).toEqual({ kind: 'unknown', suggestions: [] });
    expect(matchOrganisation('Xyz', organisations)).toEqual({ kind: 'unknown', suggestions: [] });
  });
});
