import { describe, expect, it } from 'vitest';
import { checkOrganisationEdits, listOrganisations, openOrganisation, saveOrganisationEdits } from '../../src/actions/organisation-editor.js';
import { isIssueChangedError } from '../../src/actions/issue-text.js';
import { useSampleWorkspace } from '../support/workspace.js';

const FILE = 'contacts/organisations.yaml';
const NOW = new Date('2026-12-07T12:00:00Z');
const ws = useSampleWorkspace();

describe('the organisations as the desk edits them', () => {
  it('lists every organisation in file order with its state', async () => {
    const { organisations } = await listOrganisations(ws.dir, NOW);
    expect(organisations.length).toBe(35);
    expect(organisations[0]).toMatchObject({ id: 'aberlour', name: 'Aberlour' });
    expect(organisations.find((o) => o.id === 'addaction')).toMatchObject({ name: 'Addaction', spotlight: true, directory: true, errors: 0 });
  });

  it('saves a field, a hand-written comment and every other line staying byte for byte', async () => {
    const before = (await ws.read(FILE)).replace('  - id: addaction\n', '  # Morag: phone checked by hand\n  - id: addaction\n');
    await ws.write(FILE, before);
    const draft = await openOrganisation(ws.dir, 'addaction', NOW);
    expect(draft.fields.name).toBe('Addaction');
    const result = await saveOrganisationEdits(ws.dir, 'addaction', { ...draft.fields, phone: '0141 496 0000', spotlight: 'false' }, draft.version, {
      now: NOW,
    });
    expect(result.saved).toBe(true);
    expect(await ws.read(FILE)).toBe(
      before.replace(
        /( {2}- id: addaction\n {4}name: Addaction\n(?: {6}.*\n| {4}description.*\n)* {4}referral: .*\n)/u,
        '$1    phone: 0141 496 0000\n    spotlight: false\n',
      ),
    );
    expect((await openOrganisation(ws.dir, 'addaction', NOW)).fields).toMatchObject({ phone: '0141 496 0000', spotlight: 'false' });
  });

  it('"checked with the organisation today" writes today in the network’s zone', async () => {
    const draft = await openOrganisation(ws.dir, 'aberlour', NOW);
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    const result = await saveOrganisationEdits(ws.dir, 'aberlour', draft.fields, draft.version, { now: new Date('2026-07-01T23:30:00Z'), checkedToday: true });
    expect(result).toMatchObject({ saved: true, today: '2026-07-02' });
    expect(await ws.read(FILE)).toContain('  - id: aberlour\n    name: Aberlour\n');
    expect((await openOrganisation(ws.dir, 'aberlour', NOW)).fields.reviewed).toBe('2026-07-02');
  });

  it.each([
    ['website', 'javascript:alert(1)', 'must start with http:// or https://'],
    ['reviewed', '2026-02-30', 'must be a date written YYYY-MM-DD'],
    ['email', 'not an address', 'must be an email address'],
    ['for', 'mothers, grandparents', '"grandparents" is not one of'],
    ['name', 'x'.repeat(5 * 1024 * 1024), 'the desk takes at most 20,000'],
  ])('refuses %s = a bad value beside its field, and writes nothing', async (field, value, words) => {
    const before = await ws.read(FILE);
    const draft = await openOrganisation(ws.dir, 'addaction', NOW);
    const result = await saveOrganisationEdits(ws.dir, 'addaction', { ...draft.fields, [field]: value }, draft.version, { now: NOW });
    expect(result.saved).toBe(false);
    const problems = result.saved ? [] : result.problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.organisation, p.field])).toEqual([['addaction', field]]);
    expect(problems[0]!.message).toContain(words);
    expect(await ws.read(FILE)).toBe(before);
    const checked = await checkOrganisationEdits(ws.dir, 'addaction', { ...draft.fields, [field]: value }, NOW);
    expect(checked.problems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual([field]);
  });

  it('refuses a save over a hand edit made since the page was opened, and keeps the hand edit', async () => {
    const draft = await openOrganisation(ws.dir, 'addaction', NOW);
    const edited = (await ws.read(FILE)).replace('    name: Addaction\n', '    name: Addaction # by hand\n');
    await ws.write(FILE, edited);
    const error: unknown = await saveOrganisationEdits(ws.dir, 'addaction', { ...draft.fields, cost: 'Free' }, draft.version, { now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(isIssueChangedError(error)).toBe(true);
    expect(await ws.read(FILE)).toBe(edited);
  });

  it('places an area not on the network’s list beside the areas field', async () => {
    const draft = await openOrganisation(ws.dir, 'addaction', NOW);
    const checked = await checkOrganisationEdits(ws.dir, 'addaction', { ...draft.fields, areas: 'Glasgow North, Renfrewsire' }, NOW);
    const areas = checked.problems.filter((p) => p.field === 'areas');
    expect(areas.map((p) => p.message)).toEqual([expect.stringContaining('"Renfrewsire" is not one of the network\'s areas')]);
  });
});
