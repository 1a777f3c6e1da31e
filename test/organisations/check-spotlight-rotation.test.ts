import { describe, expect, it } from 'vitest';
import { checkSpotlightRotation } from '../../src/organisations/check-spotlight-rotation.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import type { Organisation } from '../../src/organisations/organisation.js';
import type { SpotlightFeature } from '../../src/organisations/pick-spotlight.js';

const org = (id: string, spotlight = true): Organisation => ({ id, name: `${id[0]!.toUpperCase()}${id.slice(1)}`, areas: [], services: [], spotlight });
const organisations = [org('aberlour'), org('barnardos'), org('quarriers'), org('network', false)];

function check(spotlight: string, history: SpotlightFeature[], repeatMonths = 12) {
  const { issue, lineOf, problems } = parseIssue(`---\nsubject: S\nstatus: draft\nspotlight: ${spotlight}\n---\n`, 'issues/2027-06.md', '2027-06');
  expect(problems).toEqual([]);
  return checkSpotlightRotation(issue!, lineOf, { organisations, history, repeatMonths });
}

describe('checkSpotlightRotation', () => {
  it("accepts the rotation's own pick", () => {
    expect(check('barnardos', [{ month: '2027-05', organisation: 'aberlour' }])).toEqual([]);
  });

  it('accepts a manual choice of someone not yet featured', () => {
    expect(check('quarriers', [{ month: '2027-05', organisation: 'aberlour' }])).toEqual([]);
  });

  it('warns about a repeat within the window while others wait, naming who is next, at the spotlight line', () => {
    expect(check('aberlour', [{ month: '2026-07', organisation: 'aberlour' }])).toEqual([
      {
        severity: 'warning',
        file: 'issues/2027-06.md',
        line: 4,
        message: 'spotlight: Aberlour was featured in 2026-07, within 12 months, while others wait',
        hint: 'Next in the rotation is Barnardos ("barnardos"), which has never been featured. `snippet spotlight` shows the queue.',
      },
    ]);
  });

  it('names someone featured longer ago as waiting', () => {
    const history = [
      { month: '2027-01', organisation: 'barnardos' },
      { month: '2027-02', organisation: 'quarriers' },
      { month: '2027-03', organisation: 'aberlour' },
    ];
    expect(check('aberlour', history)).toEqual([
      expect.objectContaining({ hint: expect.stringContaining('Barnardos ("barnardos"), which was last featured in 2027-01') }),
    ]);
  });

  it('does not warn outside the window: a year later is fine with 12 months', () => {
    expect(check('aberlour', [{ month: '2026-06', organisation: 'aberlour' }])).toEqual([]);
    expect(check('aberlour', [{ month: '2026-07', organisation: 'aberlour' }])).toHaveLength(1);
    expect(check('aberlour', [{ month: '2027-01', organisation: 'aberlour' }], 4)).toEqual([]);
  });

  it('does not warn when nobody has waited longer', () => {
    const history = [
      { month: '2027-01', organisation: 'aberlour' },
      { month: '2027-02', organisation: 'barnardos' },
      { month: '2027-03', organisation: 'quarriers' },
    ];
    expect(check('aberlour', history)).toEqual([]);
  });

  it('ignores later issues and removed organisations in the history', () => {
    expect(
      check('barnardos', [
        { month: '2027-08', organisation: 'barnardos' },
        { month: '2027-05', organisation: 'gone' },
      ]),
    ).toEqual([]);
  });

  it('warns when an organisation that left the rotation is featured', () => {
    expect(check('network', [])).toEqual([
      expect.objectContaining({ severity: 'warning', line: 4, message: expect.stringContaining('has left the rotation') }),
    ]);
  });

  it('leaves an unknown id to validateIssue', () => {
    expect(check('nobody', [])).toEqual([]);
  });
});
