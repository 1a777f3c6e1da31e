import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { checkReviewed } from '../../src/organisations/check-reviewed.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { collectOutput } from '../support/collect-output.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

const FILE = 'contacts/organisations.yaml';
const SOURCE = `organisations:
  - id: fresh
    name: Fresh Centre
    reviewed: 2026-01-15
  - id: stale
    name: Stale Centre
    reviewed: 2025-12-14
  - id: unlisted
    name: Unlisted Centre
    directory: false
    reviewed: 2020-01-01
  - id: never
    name: Never Checked
`;

describe('checkReviewed', () => {
  it('warns in one line of the listed profiles never checked and those last checked more than 12 months ago, at the first stale date', () => {
    const parsed = parseOrganisations(SOURCE, FILE);
    const problems = checkReviewed(parsed.organisations, parsed.lineOfField, '2026-12-15', FILE);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: FILE,
        line: 7,
        message:
          '2 directory profiles are due for checking with the organisation: 1 last checked more than 12 months ago (Stale Centre, 2025-12-14); 1 never checked (Never Checked)',
      }),
    ]);
  });

  it('counts 12 months to the day', () => {
    const parsed = parseOrganisations(SOURCE, FILE);
    expect(checkReviewed(parsed.organisations, parsed.lineOfField, '2026-12-14', FILE).map((p) => p.message)).toEqual([
      '1 directory profile is due for checking with the organisation: 1 never checked (Never Checked)',
    ]);
  });
});

describe('snippet check: profiles not reviewed in 12 months', () => {
  let ws: SampleWorkspace;
  beforeEach(async () => {
    ws = await sampleWorkspace();
  });
  afterEach(async () => {
    await ws.remove();
  });

  it('warns about a stale profile, and the issue still passes', async () => {
    const organisations = await ws.read(FILE);
    await ws.write(FILE, organisations.replace('  - id: aberlour\n    name: Aberlour\n', '  - id: aberlour\n    name: Aberlour\n    reviewed: 2025-06-30\n'));
    const out = collectOutput();
    const result = await checkCommand({ dir: ws.dir, issue: '2026-12', now: new Date('2026-11-20T12:00:00Z') }, out);
    expect(result.errors).toBe(0);
    const warnings = out
      .text()
      .split('\n')
      .filter((line) => line.includes('due for checking'));
    // The sample's 31 never-checked profiles and the stale one: one line, naming a few.
    expect(warnings).toEqual([
      expect.stringMatching(
        /^contacts\/organisations\.yaml:\d+: warning: 32 directory profiles are due for checking with the organisation: 1 last checked more than 12 months ago \(Aberlour, 2025-06-30\); 31 never checked \(3D Drumchapel, .* and 26 more\)$/u,
      ),
    ]);
  });
});
