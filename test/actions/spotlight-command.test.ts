import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { spotlightCommand, type SpotlightReport } from '../../src/actions/spotlight-command.js';
import { runAction } from '../support/run-action.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const env = { NO_COLOR: '1' };

/** `snippet spotlight [--months N] [--json]` or `snippet check ISSUE` in the workspace, in this process, as the CLI hands them to the actions. */
function snippet(args: string[], _options: { cwd: string; env: object }) {
  if (args[0] === 'check')
    return runAction(
      (out) => checkCommand({ dir: ws.dir, issue: args[1], now: new Date() }, out),
      (result) => (result.errors > 0 ? 1 : 0),
    );
  const months = args.includes('--months') ? Number(args[args.indexOf('--months') + 1]) : 12;
  return runAction((out) => spotlightCommand({ dir: ws.dir, months, json: args.includes('--json'), now: new Date() }, out));
}

describe('snippet spotlight', () => {
  it('shows the history, the next months and who has never been featured', async () => {
    const result = await snippet(['spotlight', '--months', '3'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Featured \(2\):\n {2}2026-11 {2}Aberlour\n {2}2026-12 {2}3D Drumchapel\n/u);
    expect(result.stdout).toMatch(
      /Next 3 months:\n {2}2027-01 {2}Addaction \(never featured\)\n {2}2027-02 {2}Amma Birth Companions \(never featured\)\n {2}2027-03 {2}Barnardo's Nurture/u,
    );
    expect(result.stdout).toMatch(/Never featured \(32\):\n {2}Addaction \(addaction\)\n/u);
    expect(result.stdout).toMatch(/Out of the rotation \(spotlight: false\):\n {2}[^\n]+\(mental-health-network-ggc\)/u);
  });

  it('prints JSON, projecting a second cycle after everyone has been featured once', async () => {
    const result = await snippet(['spotlight', '--json', '--months', '40'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SpotlightReport;
    expect(report.history).toEqual([
      { month: '2026-11', organisation: 'aberlour', name: 'Aberlour' },
      { month: '2026-12', organisation: '3d-drumchapel', name: '3D Drumchapel' },
    ]);
    expect(report.next).toHaveLength(40);
    expect(report.next[0]).toEqual({ month: '2027-01', organisation: 'addaction', name: 'Addaction', lastFeatured: null });
    expect(report.next[32]).toMatchObject({ month: '2029-09', organisation: 'aberlour', lastFeatured: '2026-11' });
    expect(report.next.map((n) => n.organisation)).not.toContain('mental-health-network-ggc');
    expect(report.neverFeatured).toHaveLength(32);
    expect(report.outOfRotation).toEqual([{ organisation: 'mental-health-network-ggc', name: expect.any(String) }]);
  });

  it('keeps an issue whose organisation was removed as history', async () => {
    const organisations = await ws.read('contacts/organisations.yaml');
    await ws.write('contacts/organisations.yaml', organisations.replace(/ {2}- id: aberlour\n(?: {4}.*\n)+/u, ''));
    const result = await snippet(['spotlight', '--json', '--months', '1'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SpotlightReport;
    expect(report.history[0]).toEqual({ month: '2026-11', organisation: 'aberlour', name: null });
    expect(report.next[0]?.organisation).toBe('addaction');
    const text = await snippet(['spotlight'], { cwd: ws.dir, env });
    expect(text.stdout).toContain('2026-11  aberlour (no longer in contacts/organisations.yaml)');
  });

  it('exits 1 when the organisations file has errors', async () => {
    await ws.write('contacts/organisations.yaml', 'organisations:\n  - name: No id\n');
    const result = await snippet(['spotlight'], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^contacts\/organisations\.yaml:2: error: /mu);
  });
});

describe('snippet check: the rotation', () => {
  it('warns, at the spotlight line, about a repeat while others wait, and names who is next', async () => {
    const issue = await ws.read('issues/2026-12.md');
    await ws.write('issues/2026-12.md', issue.replace(/^spotlight: 3d-drumchapel$/mu, 'spotlight: aberlour'));
    const result = await snippet(['check', '2026-12'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    const line = issue.split('\n').findIndex((l) => l.startsWith('spotlight:')) + 1;
    expect(result.stderr).toContain(`issues/2026-12.md:${line}: warning: spotlight: Aberlour was featured in 2026-11, within 12 months, while others wait`);
    expect(result.stderr).toMatch(/hint: Next in the rotation is 3D Drumchapel \("3d-drumchapel"\), which has never been featured/u);
  });

  it('still errors on an unknown spotlight in the issue itself, while a removed one in an older issue is fine', async () => {
    const organisations = await ws.read('contacts/organisations.yaml');
    await ws.write('contacts/organisations.yaml', organisations.replace(/ {2}- id: aberlour\n(?: {4}.*\n)+/u, ''));
    expect((await snippet(['check', '2026-12'], { cwd: ws.dir, env })).code).toBe(0);
    const november = await snippet(['check', '2026-11'], { cwd: ws.dir, env });
    expect(november.code).toBe(1);
    expect(november.stderr).toMatch(/error: spotlight: no organisation has the id "aberlour"/u);
  });
});
