import { describe, expect, it } from 'vitest';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';

const FILE = 'contacts/organisations.yaml';

describe('parseOrganisations', () => {
  it('reads organisations in file order', () => {
    const { organisations, problems } = parseOrganisations(
      'organisations:\n  - id: aberlour\n    name: Aberlour\n    areas: Glasgow\n  - id: snips\n    name: SNIPS\n    spotlight: false\n',
      FILE,
    );
    expect(problems).toEqual([]);
    expect(organisations).toEqual([
      { id: 'aberlour', name: 'Aberlour', areas: ['Glasgow'], services: [], spotlight: true },
      { id: 'snips', name: 'SNIPS', areas: [], services: [], spotlight: false },
    ]);
  });

  it('reports a duplicate id at its line, naming the first', () => {
    const { problems } = parseOrganisations('organisations:\n  - id: a\n    name: A\n  - id: a\n    name: B\n', FILE);
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: 'duplicate organisation id "a" (first used on line 2)' })]);
  });

  it("rejects a website that is no address a browser can open, as an issue's url is", () => {
    const { problems } = parseOrganisations(
      'organisations:\n  - id: a\n    name: A\n    website: "https://[oops"\n  - id: b\n    name: B\n    website: https://example.org/b\n',
      FILE,
    );
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: 'organisations item 1, website: must start with http:// or https://' })]);
  });

  it('reports unknown keys and bad ids', () => {
    const { problems } = parseOrganisations('organisations:\n  - id: Bad Id\n    name: A\n    webiste: https://example.org\n', FILE);
    expect(problems.map((p) => [p.line, p.hint ?? p.message])).toEqual([
      [2, expect.stringMatching(/must be kebab-case/)],
      [4, 'Did you mean "website"?'],
    ]);
  });
});
