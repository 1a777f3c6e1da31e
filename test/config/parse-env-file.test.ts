import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/cli/load-env-file.js';
import { redact } from '../../src/config/redact.js';
import { parseEnvFile } from '../../src/config/parse-env-file.js';
import { isSnippetError } from '../../src/errors.js';

const FILE = [
  '# the secrets of the sending account',
  'export SNIPPET_SMTP_URL=smtp://snippet%40nhs.scot@smtp.office365.com:587',
  'SNIPPET_SMTP_PASS_FILE=/srv/pmhn/smtp-password',
  "SNIPPET_UNSUBSCRIBE_SECRET='long random # text with spaces'",
  'SNIPPET_IMAP_PASS="say \\"hello\\" \\\\ there"',
  'SNIPPET_SMTP_USER=snippet@nhs.scot   # the sender',
  '',
  '   export   SNIPPET_IMAP_USER=reports@nhs.scot',
  '',
].join('\n');

describe('snippet.env', () => {
  it('reads KEY=VALUE lines, with export, comments and quotes as the shell does', () => {
    const { values, problems } = parseEnvFile(FILE, 'snippet.env');
    expect(problems).toEqual([]);
    expect(Object.fromEntries(values)).toEqual({
      SNIPPET_SMTP_URL: 'smtp://snippet%40nhs.scot@smtp.office365.com:587',
      SNIPPET_SMTP_PASS_FILE: '/srv/pmhn/smtp-password',
      SNIPPET_UNSUBSCRIBE_SECRET: 'long random # text with spaces',
      SNIPPET_IMAP_PASS: 'say "hello" \\ there',
      SNIPPET_SMTP_USER: 'snippet@nhs.scot',
      SNIPPET_IMAP_USER: 'reports@nhs.scot',
    });
  });

  it('reads a file saved on Windows (CRLF and a byte-order mark) exactly like the LF one', () => {
    const windows = parseEnvFile(`\uFEFF${FILE.replace(/\n/gu, '\r\n')}`, 'snippet.env');
    expect(windows).toEqual(parseEnvFile(FILE, 'snippet.env'));
  });

  it('names the line of anything else, and what to write', () => {
    const { problems } = parseEnvFile('A=1\nset B=2\nC="open\n', 'snippet.env');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, '"set B=2" is not a KEY=VALUE line'],
      [3, 'the value of C has a quote that is not closed'],
    ]);
    expect(problems[0]!.hint).toMatch(/^Write one setting a line/u);
  });

  it('is loaded from the workspace without overriding the environment, its secrets kept out of output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-env-'));
    try {
      await writeFile(join(dir, 'snippet.env'), 'export SNIPPET_SMTP_USER=from-file\r\nSNIPPET_SMTP_PASS=file-secret-pass-1234\r\n');
      const env: NodeJS.ProcessEnv = { SNIPPET_SMTP_USER: 'from-environment' };
      expect(loadEnvFile(dir, env)).toEqual(['SNIPPET_SMTP_PASS']);
      expect(env).toEqual({ SNIPPET_SMTP_USER: 'from-environment', SNIPPET_SMTP_PASS: 'file-secret-pass-1234' });
      expect(redact('password file-secret-pass-1234')).toBe('password ***');
      await writeFile(join(dir, 'snippet.env'), 'SNIPPET_SMTP_USER from-file\n');
      const error = (() => {
        try {
          return loadEnvFile(dir, {});
        } catch (e) {
          return e;
        }
      })();
      expect(isSnippetError(error) && error.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['snippet.env:1']);
      expect(loadEnvFile(join(dir, 'nothing-here'), {})).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
