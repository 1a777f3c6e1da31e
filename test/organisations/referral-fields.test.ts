import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { matchAreas } from '../../src/organisations/match-areas.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { suggestProfileFields } from '../../src/organisations/suggest-profile-fields.js';
import { MINIMAL_CONFIG_YAML } from '../render/fixtures.js';

const FILE = 'contacts/organisations.yaml';
const FILES = { organisations: FILE, config: 'snippet.config.yaml' };

describe('referral-ready profiles in organisations.yaml', () => {
  it('reads every referral field, in any case, yes/no as true/false', () => {
    const { organisations, problems } = parseOrganisations(
      `organisations:
  - id: dads-rock
    name: Dads Rock
    for: [Fathers or Partners, infants]
    stages: [pregnancy, Birth to 1 year]
    self_referral: yes
    refer: Use the [referral form](https://example.org/refer); include the due date.
    phone: 0141 000 0000
    email: refer@example.org
    areas: all
    languages: [English, Polish]
    cost: Free
    waiting_time: About two weeks
  - id: other
    name: Other
    self_referral: false
    for: mothers
`,
      FILE,
    );
    expect(problems).toEqual([]);
    expect(organisations[0]).toEqual({
      id: 'dads-rock',
      name: 'Dads Rock',
      areas: [],
      allAreas: true,
      services: [],
      spotlight: true,
      for: ['fathers or partners', 'infants'],
      stages: ['pregnancy', 'birth to 1 year'],
      selfReferral: true,
      refer: 'Use the [referral form](https://example.org/refer); include the due date.',
      phone: '0141 000 0000',
      email: 'refer@example.org',
      languages: ['English', 'Polish'],
      cost: 'Free',
      waitingTime: 'About two weeks',
    });
    expect(organisations[1]).toMatchObject({ selfReferral: false, for: ['mothers'] });
  });

  it('names the word it does not know, at its line, with the word meant', () => {
    const { problems } = parseOrganisations(
      `organisations:
  - id: a
    name: A
    for:
      - mothers
      - fathers
    stages: pregnancey
    self_referral: maybe
    phone: call us
    email: not-an-address
`,
      FILE,
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [
        6,
        expect.stringContaining(
          '"fathers" is not one of: mothers, fathers or partners, parents, young parents, infants, families. Did you mean "fathers or partners"?',
        ),
      ],
      [7, expect.stringContaining('Did you mean "pregnancy"?')],
      [8, 'organisations item 1, self_referral: must be yes or no'],
      [9, expect.stringContaining('must be a phone number')],
      [10, expect.stringContaining('must be an email address')],
    ]);
  });

  it('suggests the field meant for a misspelt one', () => {
    const { problems } = parseOrganisations('organisations:\n  - id: a\n    name: A\n    self_referal: yes\n', FILE);
    expect(problems.map((p) => p.hint)).toEqual(['Did you mean "self_referral"?']);
  });

  it('refuses "all" beside named areas', () => {
    const { problems } = parseOrganisations('organisations:\n  - id: a\n    name: A\n    areas: [all, Inverclyde]\n', FILE);
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: 'A: areas: "all" already means the whole network area' })]);
  });
});

describe("the network's areas", () => {
  it('reads names and {name, code} from the config, and checks codes', () => {
    const { config } = parseConfig(`${MINIMAL_CONFIG_YAML}areas:\n  - Glasgow City\n  - { name: Renfrewshire, code: S12000038 }\n`, 'snippet.config.yaml');
    expect(config?.areas).toEqual([{ name: 'Glasgow City' }, { name: 'Renfrewshire', code: 'S12000038' }]);
    const bad = parseConfig(`${MINIMAL_CONFIG_YAML}areas:\n  - { name: Renfrewshire, code: X12000038 }\n`, 'snippet.config.yaml');
    expect(bad.problems).toEqual([expect.objectContaining({ line: 10, message: expect.stringContaining('must be an ONS/GSS code') })]);
  });

  it('spells areas as the list does, and reports one not on it with the nearest name', () => {
    const parsed = parseOrganisations('organisations:\n  - id: a\n    name: A\n    areas: [renfrewshire, Renfewshire]\n', FILE);
    const { organisations, problems } = matchAreas(parsed.organisations, [{ name: 'Renfrewshire' }, { name: 'Inverclyde' }], parsed.lineOfField, FILE);
    expect(organisations[0]?.areas).toEqual(['Renfrewshire']);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 4,
        message: 'A: "Renfewshire" is not one of the network\'s areas in snippet.config.yaml',
        hint: expect.stringMatching(/^Did you mean "Renfrewshire"\?/u),
      }),
    ]);
  });

  it('suggests the area meant by its words, not by letters alone; a name part of several areas names them all (regression: "Dunbartonshire" was taken for a typo of East Dunbartonshire)', () => {
    const network = ['Glasgow North', 'Glasgow South', 'East Dunbartonshire', 'West Dunbartonshire', 'East Renfrewshire', 'Renfrewshire', 'Inverclyde'];
    const hintFor = (area: string): string => {
      const parsed = parseOrganisations(`organisations:\n  - id: a\n    name: A\n    areas: [${JSON.stringify(area)}]\n`, FILE);
      const { problems } = matchAreas(
        parsed.organisations,
        network.map((name) => ({ name })),
        parsed.lineOfField,
        FILE,
      );
      return problems[0]?.hint?.replace(/ ?The areas are: .*$/u, '') ?? '(on the list)';
    };
    expect(hintFor('Glasgow')).toBe(
      '"Glasgow" is part of more than one area (Glasgow North, Glasgow South): write each one it covers, e.g. areas: [Glasgow North, Glasgow South].',
    );
    expect(hintFor('Dunbartonshire')).toMatch(/^"Dunbartonshire" is part of more than one area \(East Dunbartonshire, West Dunbartonshire\)/u);
    expect(hintFor('North Glasgow')).toBe('Did you mean "Glasgow North"?');
    expect(hintFor('E Renfrewshire')).toBe('Did you mean "East Renfrewshire"?');
    expect(hintFor('Glasgow N')).toBe('Did you mean "Glasgow North"?');
    expect(hintFor('Inverclyde Council')).toBe('Did you mean "Inverclyde"?');
    expect(hintFor('Glasgw North')).toBe('Did you mean "Glasgow North"?');
    expect(hintFor('Highland')).toBe('');
    expect(hintFor('glasgow north')).toBe('(on the list)');
  });

  it('leaves areas as free text without a list, and check suggests one list and the structured fields, in one line each', () => {
    const parsed = parseOrganisations(
      `organisations:\n${Array.from({ length: 34 }, (_, i) => `  - id: o${i}\n    name: Org ${i}\n    areas: Somewhere ${i}\n    referral: Ask us.\n`).join('')}  - id: done\n    name: Done\n    refer: Phone us.\n    phone: 0141 000 0000\n`,
      FILE,
    );
    expect(matchAreas(parsed.organisations, [], parsed.lineOfField, FILE).problems).toEqual([]);
    const problems = suggestProfileFields(parsed.organisations, [], FILES);
    expect(problems.map((p) => [p.file, p.message])).toEqual([
      [FILE, '34 directory profiles say how to refer only in free text (referral:, contact:): Org 0, Org 1, Org 2, Org 3, Org 4 and 29 more'],
      ['snippet.config.yaml', "the config has no list of the network's areas, so the organisations' areas are not checked"],
    ]);
    expect(suggestProfileFields(parsed.organisations.slice(34), [{ name: 'X' }], FILES)).toEqual([]);
  });
});
