import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/actions/build-command.js';
import { checkCommand } from '../../src/actions/check-command.js';
import type { IssueId } from '../../src/issue/issue.js';
import { runAction } from '../support/run-action.js';
import { STACK, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** `snippet check [ISSUE]` in the workspace, in this process: exit 1 when it found errors. */
const check = (issue?: IssueId) =>
  runAction(
    (out) => checkCommand({ dir: ws.dir, issue, now: new Date() }, out),
    (result) => (result.errors > 0 ? 1 : 0),
  );

/** `snippet build [ISSUE] [--out OUT]` in the workspace, in this process. */
const build = (issue?: IssueId, options: { out?: string; unsubscribeSecret?: string } = {}) =>
  runAction((out) =>
    buildCommand(
      {
        dir: ws.dir,
        issue,
        out: options.out === undefined ? undefined : join(ws.dir, options.out),
        unsubscribeSecret: options.unsubscribeSecret,
        now: new Date(),
      },
      out,
    ),
  );

describe('snippet check', () => {
  it('passes the sample issue', async () => {
    const result = await check('2026-12');
    expect(result.stderr).not.toMatch(/error/u);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^2026-12: ok/mu) });
  });

  it('checks the latest issue by default', async () => {
    const result = await check();
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^2026-12: ok/mu) });
  });

  it('prints three mistyped dates as three file:line errors, without a stack trace', async () => {
    const issue = await ws.read('issues/2026-12.md');
    const broken = issue
      .replace(/deadline: 2026-12-10/u, 'deadline: 2026-12-32')
      .replace(/deadline: 2027-01-15/u, 'deadline: 15/01/2027')
      .replace(/deadline: 2027-02-26/u, 'deadline: next year');
    await ws.write('issues/2026-12.md', broken);
    const result = await check('2026-12');
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => /^issues\/2026-12\.md:\d+: error: funding item \d, deadline: must be a date/u.test(line));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const number = Number(/:(\d+):/u.exec(line)![1]);
      expect(broken.split('\n')[number - 1]).toMatch(/deadline:/u);
    }
    expect(result.stderr).not.toMatch(STACK);
  });

  it('reports problems across files at once', async () => {
    await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace(/^from: .*$/mu, 'from: not-an-address'));
    await ws.write('contacts/organisations.yaml', `${await ws.read('contacts/organisations.yaml')}\n  - id: aberlour\n    name: Duplicate\n`);
    const issue = await ws.read('issues/2026-12.md');
    await ws.write('issues/2026-12.md', issue.replace(/^spotlight: .*$/mu, 'spotlight: no-such-organisation'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^snippet\.config\.yaml:\d+: error: from: must be an email address/mu);
    expect(result.stderr).toMatch(/^contacts\/organisations\.yaml:\d+: error: duplicate organisation id "aberlour"/mu);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('reports a YAML syntax error with its line', async () => {
    const issue = (await ws.read('issues/2026-12.md')).split('\n');
    const at = issue.findIndex((line) => line.startsWith('preheader:'));
    issue[at] = 'preheader: Sample: broken: here';
    await ws.write('issues/2026-12.md', issue.join('\n'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^issues/2026-12\\.md:${at + 1}: error: put this preheader in quotes`, 'mu'));
  });
});

describe('snippet build', () => {
  it('writes the HTML, the text and a complete sample message', async () => {
    const result = await build('2026-12');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/email\.html\s+\d+\.\d KB/u);
    const out = join(ws.dir, 'out/2026-12');
    const html = await readFile(join(out, 'email.html'), 'utf8');
    const text = await readFile(join(out, 'email.txt'), 'utf8');
    const eml = await readFile(join(out, 'sample.eml'), 'utf8');
    expect(html).toMatch(/<html[^>]*lang="en-GB"/u);
    expect(text).toMatch(/December 2026/u);
    const headers = eml.slice(0, eml.indexOf('\n\n')).replace(/\n[ \t]+/gu, ' ');
    expect(headers).toMatch(/^From: .*snippet@example\.org/mu);
    expect(headers).toMatch(/^To: .*@example\.(org|net)/mu);
    expect(headers).toMatch(/^Subject: /mu);
    expect(headers).toMatch(/^Message-ID: <snippet\.2026-12\./mu);
    expect(headers).toMatch(/^List-Unsubscribe: <https:\/\/example\.org\/[^>]+>, <mailto:/mu);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/mu);
    expect(headers).toMatch(/^Content-Type: multipart\/alternative/mu);
    expect(eml).toMatch(/^Content-Type: text\/plain/mu);
    expect(eml).toMatch(/^Content-Type: text\/html/mu);
  });

  it('writes nothing when validation fails', async () => {
    await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace(/^spotlight: .*$/mu, 'spotlight: nobody'));
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^issues\/2026-12\.md:\d+: error: spotlight/mu);
    expect(existsSync(join(ws.dir, 'out'))).toBe(false);
  });

  it('writes to --out', async () => {
    const result = await build(undefined, { out: 'elsewhere' });
    expect(result.code).toBe(0);
    expect(existsSync(join(ws.dir, 'elsewhere/email.html'))).toBe(true);
  });

  it('stops with a clear message, and no stack trace, when --out is a regular file (regression: "internal error")', async () => {
    await ws.write('taken', 'not a folder\n');
    const result = await build(undefined, { out: 'taken' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not write \S*\/taken\/email\.html \((EEXIST|ENOTDIR)\); nothing was written/u);
    expect(result.stderr).toMatch(/A file stands where a folder is needed/u);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /u);
    expect(await ws.read('taken')).toBe('not a folder\n');
  });

  it('never leaks the unsubscribe secret', async () => {
    const secret = 'very-secret-unsubscribe-key-123';
    const result = await build(undefined, { unsubscribeSecret: secret });
    expect(result.code).toBe(0);
    const eml = await readFile(join(ws.dir, 'out/2026-12/sample.eml'), 'utf8');
    expect(`${result.stdout}${result.stderr}${eml}`).not.toContain(secret);
  });
});

describe('a workspace laid out wrongly gets a clear answer, not an internal error', () => {
  it.each([
    ['contacts', /cannot read contacts\/organisations\.yaml: a folder on its path is a file/u],
    ['issues', /cannot read issues\/: a folder on its path is a file/u],
  ])('%s as a file', async (folder, message) => {
    await rm(join(ws.dir, folder), { recursive: true });
    await ws.write(folder, 'not a folder');
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /u);
  });

  it('an issue file that is a folder names the file, relative to the workspace', async () => {
    await mkdir(join(ws.dir, 'issues/2027-01.md'));
    // A problem of that file alone: `check 2026-12` is not stopped by it, `check` of the latest issue reports it.
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^issues\/2027-01\.md: error: cannot read issues\/2027-01\.md: it is a folder, not a file/mu);
    expect(result.stderr).not.toContain(ws.dir);
  });
});
