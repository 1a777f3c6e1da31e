import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/organisations/organisation.js';
import { matchOrganisation, type OrganisationMatch } from '../../src/submissions/match-organisation.js';

const organisation = (id: string, name: string): Organisation => ({ id, name, areas: [], services: [], spotlight: true });
// The first one's id is unlike its name, so a suggestion for it comes from its name's words, not from its id.
const ORGANISATIONS = [
  organisation('kilbride-feeding', 'East Kilbride Infant Feeding Project'),
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

  // No wall-clock bound here: that a text longer than any name is never compared letter by letter is shown by
  // the 201-letter case below, which holds a member's name and still gets no suggestion.
  it('suggests nothing for a pasted page', () => {
    expect(matchOrganisation('Infant Feeding '.repeat(3_000), ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('takes initials for two to four words of the name in a row, no fewer letters and no more', () => {
    const buddies = organisation('bump-buddies-lanarkshire', 'South Lanarkshire Infant Feeding Team Bump Buddies');
    const suggested = (typed: string): OrganisationMatch => matchOrganisation(typed, [buddies]);
    expect(suggested('SL Bump Buddies')).toEqual({ kind: 'unknown', suggestions: [buddies] });
    expect(suggested('SLIF Bump Buddies')).toEqual({ kind: 'unknown', suggestions: [buddies] });
    expect(suggested('S Bump Buddies')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(suggested('SLIFT Bump Buddies')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(suggested('ST Bump Buddies')).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('suggests nothing when one word typed is neither a word of the name nor its initials', () => {
    expect(matchOrganisation('Paisley Infant Feeding', ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('counts words of three letters as distinctive, and needs two of them', () => {
    const teaTalk = organisation('paisley-tea', 'Paisley Talk and Tea');
    expect(matchOrganisation('Tea Talk', [teaTalk])).toEqual({ kind: 'unknown', suggestions: [teaTalk] });
    expect(matchOrganisation('Tea Paisley Talk', [teaTalk])).toEqual({ kind: 'unknown', suggestions: [teaTalk] });
    expect(matchOrganisation('Tea', [teaTalk])).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it('does not count a word of two letters as distinctive', () => {
    const mumsUp = organisation('renfrew-mums', 'Mums Up Paisley');
    expect(matchOrganisation('Paisley Up', [mumsUp])).toEqual({ kind: 'unknown', suggestions: [] });
    expect(matchOrganisation('Paisley Mums', [mumsUp])).toEqual({ kind: 'unknown', suggestions: [mumsUp] });
  });

  const GENERIC = ['and', 'for', 'the', 'project', 'group', 'team', 'service', 'services', 'network', 'centre', 'center', 'trust', 'support'];
  it.each(GENERIC)('does not count "%s" as a distinctive word: it says what kind of body it is, not which one', (word) => {
    const named = organisation('paisley-bumps', `Paisley ${word} Bumps`);
    expect(matchOrganisation(`Bumps ${word}`, [named])).toEqual({ kind: 'unknown', suggestions: [] });
    // The same name with a distinctive word in its place is suggested.
    const lanark = organisation('paisley-bumps', 'Paisley Lanark Bumps');
    expect(matchOrganisation('Bumps Lanark', [lanark])).toEqual({ kind: 'unknown', suggestions: [lanark] });
  });

  it('compares a name of 200 letters, and answers only a longer one exactly', () => {
    const stork = ORGANISATIONS[2]!;
    const typed = (letters: number): string => `Cafe Stork ${'x'.repeat(letters - 'cafestork'.length)}`;
    expect(matchOrganisation(typed(200), ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [stork] });
    expect(matchOrganisation(typed(201), ORGANISATIONS)).toEqual({ kind: 'unknown', suggestions: [] });
  });
});
