import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { initCommand } from '../../src/actions/init-command.js';
import { runAction } from '../support/run-action.js';
import { sampleWorkspace } from '../support/workspace.js';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-init-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const now = { NO_COLOR: '1' };
const errorLines = (stderr: string): string[] => stderr.split('\n').filter((line) => /^[\w./-]+:\d+: error: /u.test(line));

/**
 * `snippet init DIR` (from `cwd`) or `snippet check` (in `cwd`), in this process: the arguments handed to
 * the actions as the CLI hands them (test/cli/program-wiring.test.ts holds the CLI to that).
 */
function snippet([command, dir]: string[], options: { cwd: string; env?: object }) {
  if (command === 'check')
    return runAction(
      (out) => checkCommand({ dir: options.cwd, issue: undefined, now: new Date() }, out),
      (result) => (result.errors > 0 ? 1 : 0),
    );
  return runAction((out) => initCommand({ dir: resolve(options.cwd, dir!), shown: dir!, now: new Date() }, out));
}

describe('snippet init', () => {
  it('starts a workspace: config, contacts with headers, templates, .gitignore and a first draft', async () => {
    const result = await snippet(['init', 'pmhn'], { cwd: parent, env: now });
    expect(result).toMatchObject({ code: 0 });
    const ws = join(parent, 'pmhn');
    for (const file of ['snippet.config.yaml', 'contacts/organisations.yaml', 'templates/layout.mjml.hbs', 'templates/text.hbs', '.gitignore']) {
      expect(existsSync(join(ws, file)), file).toBe(true);
    }
    expect(await readFile(join(ws, 'contacts/members.csv'), 'utf8')).toBe('email,name,organisation,lists\n');
    expect(await readFile(join(ws, 'contacts/suppressions.csv'), 'utf8')).toBe('email,date,reason\n');
    expect(result.stdout).toMatch(/Wrote issues\/\d{4}-\d{2}\.md: a draft/u);
  });

  it('check on a fresh workspace names exactly the placeholders still to fill in, each at its file:line', async () => {
    expect((await snippet(['init', 'pmhn'], { cwd: parent, env: now })).code).toBe(0);
    const ws = join(parent, 'pmhn');
    const result = await snippet(['check'], { cwd: ws, env: now });
    expect(result.code).toBe(1);
    const errors = errorLines(result.stderr);
    expect(errors.length).toBeGreaterThanOrEqual(10);
    for (const line of errors) expect(line).toMatch(/: error: still to fill in: .*(FILL IN|fill-in-)/u);
    const config = (await readFile(join(ws, 'snippet.config.yaml'), 'utf8')).split('\n');
    const expected = config.flatMap((text, index) =>
      !text.trimStart().startsWith('#') && /FILL IN|fill-in-/u.test(text) ? [`snippet.config.yaml:${index + 1}:`] : [],
    );
    expect(expected).toHaveLength(5);
    expect(errors.filter((line) => line.startsWith('snippet.config.yaml:')).map((line) => line.replace(/ error: .*/u, ''))).toEqual(expected);
    expect(errors.some((line) => line.startsWith('contacts/organisations.yaml:'))).toBe(true);
  });

  it('check passes once the placeholders are filled in', async () => {
    expect((await snippet(['init', 'pmhn'], { cwd: parent, env: now })).code).toBe(0);
    const ws = join(parent, 'pmhn');
    const edit = async (file: string, pairs: Array<[RegExp, string]>): Promise<void> => {
      let text = await readFile(join(ws, file), 'utf8');
      for (const [pattern, replacement] of pairs) text = text.replace(pattern, replacement);
      await writeFile(join(ws, file), text);
    };
    await edit('snippet.config.yaml', [
      [/name: FILL IN.*/u, 'name: Highland Perinatal Mental Health Network'],
      [/short_name: FILL IN.*/u, 'short_name: Highland PMHN'],
      [/from: FILL IN.*/u, 'from: Highland PMHN <snippet@example.org>'],
      [/postal_address: FILL IN.*/u, 'postal_address: 1 Example Street, Inverness'],
      [/mailto: fill-in-.*/u, 'mailto: unsubscribe@example.org'],
    ]);
    await edit('contacts/organisations.yaml', [
      [/id: fill-in-organisation-id.*/u, 'id: highland-home-start'],
      [/name: FILL IN.*/u, 'name: Highland Home-Start'],
      [/description: FILL IN.*/u, 'description: Home visiting for families.'],
      [/areas: \[FILL IN.*/u, 'areas: [Inverness]'],
      [/referral: FILL IN.*/u, 'referral: Phone the office.'],
    ]);
    await writeFile(join(ws, 'contacts/members.csv'), 'email,name,organisation,lists\nanna@example.org,Anna,highland-home-start,members\n');
    const draft = (await snippet(['check'], { cwd: ws, env: now })).stderr;
    const issue = /^(issues\/\d{4}-\d{2}\.md):/mu.exec(draft)?.[1];
    expect(issue).toBeDefined();
    await edit(issue!, [
      [/subject: .*/u, 'subject: Highland PMHN snippet'],
      [/spotlight: fill-in-organisation-id/u, 'spotlight: highland-home-start'],
    ]);
    const result = await snippet(['check'], { cwd: ws, env: now });
    expect(errorLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('refuses to overwrite an existing workspace, or a file it would write', async () => {
    const sample = await sampleWorkspace();
    try {
      const before = await readFile(join(sample.dir, 'snippet.config.yaml'), 'utf8');
      const result = await snippet(['init', sample.dir], { cwd: parent, env: now });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/already a snippet workspace/u);
      expect(await readFile(join(sample.dir, 'snippet.config.yaml'), 'utf8')).toBe(before);
    } finally {
      await sample.remove();
    }
    await mkdir(join(parent, 'half', 'contacts'), { recursive: true });
    await writeFile(join(parent, 'half', 'contacts', 'members.csv'), 'email\nkeep@example.org\n');
    const result = await snippet(['init', 'half'], { cwd: parent, env: now });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already has contacts\/members\.csv/u);
    expect(existsSync(join(parent, 'half', 'snippet.config.yaml'))).toBe(false);
    expect(await readFile(join(parent, 'half', 'contacts', 'members.csv'), 'utf8')).toBe('email\nkeep@example.org\n');
  });
});

describe('snippet init where no folder can be made', () => {
  it('names the file that stands where the folder should be, rather than a template it could not write', async () => {
    await writeFile(join(parent, 'pmhn'), 'notes\n');
    const result = await snippet(['init', 'pmhn'], { cwd: parent, env: now });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot create the folder \S*pmhn: a file of that name is there/u);
    expect(await readFile(join(parent, 'pmhn'), 'utf8')).toBe('notes\n');
  });

  it('still makes every missing level of an ordinary new path', async () => {
    const result = await snippet(['init', 'a/b/pmhn'], { cwd: parent, env: now });
    expect(result.code).toBe(0);
    expect(existsSync(join(parent, 'a/b/pmhn/snippet.config.yaml'))).toBe(true);
  });
});
