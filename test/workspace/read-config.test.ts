import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSnippetError } from '../../src/errors.js';
import { readConfig } from '../../src/workspace/read-config.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('readConfig: the config of a command that reads nothing else first', () => {
  it('reads a valid config', async () => {
    expect((await readConfig(ws.dir, 'snippet mailbox', 'the mailbox was not read')).timeZone).toBe('Europe/London');
  });

  it('says the file is not there, and where to run the command', async () => {
    await rm(join(ws.dir, 'snippet.config.yaml'));
    const error = await readConfig(ws.dir, 'snippet schedule', 'no schedule was made').catch((e: unknown) => e);
    expect(isSnippetError(error) && [error.message, error.hint]).toEqual([
      `snippet.config.yaml was not found in ${ws.dir}`,
      'Run `snippet schedule` in the workspace folder (or give --dir).',
    ]);
  });

  it('lists every problem with its line, and says what was not done', async () => {
    await ws.write('snippet.config.yaml', `${await ws.read('snippet.config.yaml')}colour: blue\nshade: dark\n`);
    const error = await readConfig(ws.dir, 'snippet mailbox', 'the mailbox was not read').catch((e: unknown) => e);
    expect(isSnippetError(error) && error.message).toBe('snippet.config.yaml has problems, so the mailbox was not read');
    expect(isSnippetError(error) && error.problems.map((p) => [p.file, p.message])).toEqual([
      ['snippet.config.yaml', 'unknown field "colour"'],
      ['snippet.config.yaml', 'unknown field "shade"'],
    ]);
  });
});
