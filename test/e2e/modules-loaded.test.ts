import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, CLI_UNBUNDLED, ROOT, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const HOOK = join(ROOT, 'test/support/record-modules.mjs');
/** nodemailer's transports, its SMTP connection and XOAUTH2, and the project's own SMTP side. */
const SMTP_MODULE = /nodemailer\/dist\/(esm|cjs)\/(smtp-[a-z]+|xoauth2|nodemailer\.js)|\/dist\/smtp\//u;

/** Runs the built CLI, returning its exit code and every module URL it resolved. */
async function modulesLoadedBy(cli: string, args: string[]): Promise<{ code: number | null; stderr: string; modules: string[] }> {
  const log = join(ws.dir, 'modules.log');
  const child = spawn(process.execPath, ['--import', HOOK, cli, ...args], {
    cwd: ws.dir,
    env: { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC', SNIPPET_TEST_MODULE_LOG: log },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { code, stderr, modules };
}

describe('what building an issue loads', () => {
  // The project's own modules can be told apart only in tsc's output; the
  // bundle users run merges them into chunks, so it is checked for the
  // dependencies' modules, which it loads from node_modules one by one.
  it.each([['build'], ['check']])('snippet %s loads no SMTP code (only the MIME encoders)', async (command) => {
    const { code, stderr, modules } = await modulesLoadedBy(CLI_UNBUNDLED, [command, '2026-12']);
    expect(code, stderr).toBe(0);
    // The record is real: the message builder and the MIME encoders were loaded through the hook.
    if (command === 'build') {
      expect(modules).toContainEqual(expect.stringMatching(/\/dist\/mail\/message-builder\.js$/u));
      expect(modules).toContainEqual(expect.stringMatching(/nodemailer\/dist\/esm\/qp\/index\.js$/u));
    }
    expect(modules.filter((url) => SMTP_MODULE.test(url))).toEqual([]);
  });

  it.each([['build'], ['check']])('the bundled snippet %s loads none of nodemailer\'s SMTP code', async (command) => {
    const { code, stderr, modules } = await modulesLoadedBy(CLI, [command, '2026-12']);
    expect(code, stderr).toBe(0);
    expect(modules).toContainEqual(expect.stringMatching(/\/dist\/bin\/snippet\.js$/u));
    if (command === 'build') expect(modules).toContainEqual(expect.stringMatching(/nodemailer\/dist\/esm\/qp\/index\.js$/u));
    expect(modules.filter((url) => SMTP_MODULE.test(url))).toEqual([]);
  });
});
