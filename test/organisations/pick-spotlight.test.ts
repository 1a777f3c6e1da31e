import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nextIssueId } from '../../src/issue/issue-id.js';
import type { Organisation } from '../../src/organisations/organisation.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { pickSpotlight, type SpotlightFeature } from '../../src/organisations/pick-spotlight.js';
import { spotlightQueue } from '../../src/organisations/spotlight-queue.js';

const org = (id: string, spotlight = true): Organisation => ({ id, name: id.toUpperCase(), areas: [], services: [], spotlight });
const orgs = [org('a'), org('b'), org('c'), org('out', false), org('d')];

/** `"2026-01:a 2026-02:b"` → history. */
const history = (text: string): SpotlightFeature[] =>
  text
    .split(/\s+/u)
    .filter(Boolean)
    .map((entry) => {
      const [month, organisation] = entry.split(':') as [string, string];
      return { month, organisation };
    });

describe('pickSpotlight', () => {
  it.each([
    { name: 'no history: the first in file order', history: '', month: '2026-01', next: 'a', last: undefined },
    { name: 'never-featured first, in file order', history: '2026-01:a', month: '2026-02', next: 'b', last: undefined },
    { name: 'a manual choice out of order counts as history', history: '2026-01:c', month: '2026-02', next: 'a', last: undefined },
    { name: 'skips spotlight: false', history: '2026-01:a 2026-02:b 2026-03:c', month: '2026-04', next: 'd', last: undefined },
    { name: 'after one cycle, the least recently featured', history: '2026-01:a 2026-02:b 2026-03:c 2026-04:d', month: '2026-05', next: 'a', last: '2026-01' },
    {
      name: 'a repeat moves an organisation to the back',
      history: '2026-01:a 2026-02:b 2026-03:c 2026-04:d 2026-05:a',
      month: '2026-06',
      next: 'b',
      last: '2026-02',
    },
    {
      name: 'an opted-out organisation featured by hand does not disturb the order',
      history: '2026-01:a 2026-02:out',
      month: '2026-03',
      next: 'b',
      last: undefined,
    },
    { name: 'a removed organisation in history is passed over', history: '2026-01:gone 2026-02:a', month: '2026-03', next: 'b', last: undefined },
    { name: 'only months before the target count', history: '2026-01:a 2026-03:b', month: '2026-02', next: 'b', last: undefined },
    { name: 'the target month itself does not count', history: '2026-01:a 2026-02:b', month: '2026-02', next: 'b', last: undefined },
    { name: 'history need not be sorted', history: '2026-04:d 2026-02:b 2026-03:c 2026-01:a', month: '2026-05', next: 'a', last: '2026-01' },
    {
      name: 'an organisation featured twice counts from its latest',
      history: '2025-01:a 2026-01:b 2026-02:c 2026-03:d 2026-04:a',
      month: '2026-05',
      next: 'b',
      last: '2026-01',
    },
  ])('$name', ({ history: text, month, next, last }) => {
    const pick = pickSpotlight(orgs, history(text), month);
    expect(pick?.organisation.id).toBe(next);
    expect(pick?.lastFeatured).toBe(last);
  });

  it('picks nobody when every organisation has left the rotation', () => {
    expect(pickSpotlight([org('x', false)], [], '2026-01')).toBeUndefined();
    expect(pickSpotlight([], history('2026-01:a'), '2026-02')).toBeUndefined();
  });
});

describe('spotlightQueue', () => {
  it('projects the rotation month by month', () => {
    const queue = spotlightQueue(orgs, history('2026-11:b'), '2026-12', 6);
    expect(queue.map((p) => `${p.month}:${p.organisation.id}`)).toEqual(['2026-12:a', '2027-01:c', '2027-02:d', '2027-03:b', '2027-04:a', '2027-05:c']);
  });

  it('is empty when nobody is in the rotation', () => {
    expect(spotlightQueue([org('x', false)], [], '2026-01', 3)).toEqual([]);
  });
});

describe('the rotation over 40 months with the real member list', async () => {
  const source = await readFile(fileURLToPath(new URL('../../contacts/organisations.yaml', import.meta.url)), 'utf8');
  const { organisations, problems } = parseOrganisations(source, 'contacts/organisations.yaml');
  const eligible = organisations.filter((o) => o.spotlight).map((o) => o.id);
  const optedOut = organisations.filter((o) => !o.spotlight).map((o) => o.id);

  /** Each month takes the rotation's pick; `change` may alter the member list before a month is picked. */
  function simulate(change: (month: number, list: Organisation[]) => Organisation[] = (_m, list) => list): string[] {
    let list = organisations;
    const features: SpotlightFeature[] = [];
    let month = '2026-11';
    for (let i = 0; i < 40; i += 1) {
      list = change(i, list);
      const pick = pickSpotlight(list, features, month);
      if (!pick) throw new Error(`nobody picked for ${month}`);
      features.push({ month, organisation: pick.organisation.id });
      month = nextIssueId(month);
    }
    return features.map((f) => f.organisation);
  }

  it('reads the 35 members of the case study, one of them out of the rotation', () => {
    expect(problems).toEqual([]);
    expect(organisations).toHaveLength(35);
    expect(optedOut).toEqual(['mental-health-network-ggc']);
  });

  it('features every eligible organisation exactly once in the first cycle, in file order, and opted-out ones never', () => {
    const picks = simulate();
    expect(picks.slice(0, eligible.length)).toEqual(eligible);
    expect(picks.slice(eligible.length)).toEqual(eligible.slice(0, 40 - eligible.length));
    for (const id of optedOut) expect(picks).not.toContain(id);
  });

  it('fits an organisation added mid-way into the first cycle, before any repeat', () => {
    const added: Organisation = { id: 'new-family-centre', name: 'New Family Centre', areas: [], services: [], spotlight: true };
    const picks = simulate((month, list) => (month === 20 ? [...list, added] : list));
    const cycle = [...eligible, added.id];
    expect(picks.slice(0, cycle.length)).toEqual(cycle);
    expect(new Set(picks.slice(0, cycle.length)).size).toBe(cycle.length);
    expect(picks.slice(cycle.length)).toEqual(eligible.slice(0, 40 - cycle.length));
  });

  it('fits an organisation added to the top of the file in next, ahead of others still waiting', () => {
    const added: Organisation = { id: 'new-family-centre', name: 'New Family Centre', areas: [], services: [], spotlight: true };
    const picks = simulate((month, list) => (month === 10 ? [added, ...list] : list));
    expect(picks[10]).toBe(added.id);
    expect(picks.slice(0, eligible.length + 1).sort()).toEqual([...eligible, added.id].sort());
  });
});
