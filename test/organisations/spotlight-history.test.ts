import { describe, expect, it } from 'vitest';
import { pickSpotlight } from '../../src/organisations/pick-spotlight.js';
import { spotlightHistory } from '../../src/organisations/spotlight-history.js';

describe('spotlightHistory', () => {
  it('does not count the placeholder snippet init writes as a featured organisation (regression: the rotation counted fill-in-organisation-id)', () => {
    const issues = [
      { id: '2027-01', issue: { spotlight: 'fill-in-organisation-id' } },
      { id: '2027-02', issue: { spotlight: 'cafe-stork' } },
      { id: '2027-03', issue: {} },
    ];
    expect(spotlightHistory(issues)).toEqual([{ month: '2027-02', organisation: 'cafe-stork' }]);
  });

  it('leaves an organisation whose id was the placeholder "never featured" once it has a real id', () => {
    const organisations = [{ id: 'ek-infant-feeding', name: 'East Kilbride Infant Feeding Project', areas: [], services: [], spotlight: true }];
    const pick = pickSpotlight(organisations, spotlightHistory([{ id: '2027-01', issue: { spotlight: 'fill-in-organisation-id' } }]), '2027-02');
    expect(pick).toMatchObject({ organisation: { id: 'ek-infant-feeding' }, lastFeatured: undefined });
  });
});
