import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/actions/status-command.js';
import { BOUNCES_FILE } from '../../src/mailbox/bounces-file.js';
import { collectOutput } from '../support/collect-output.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('snippet status for an unknown month when bounces.csv cannot be read (regression: the bounces error was said instead)', () => {
  it('says there is no such issue when a folder stands where bounces.csv goes', async () => {
    await rm(join(ws.dir, BOUNCES_FILE), { recursive: true, force: true });
    await mkdir(join(ws.dir, BOUNCES_FILE));
    await expect(statusCommand({ dir: ws.dir, issue: '2031-05', json: false }, collectOutput())).rejects.toMatchObject({
      message: 'there is no issue 2031-05: issues/2031-05.md does not exist and nothing was sent for it',
    });
  });

  it('still says bounces.csv cannot be read for a month there is', async () => {
    await rm(join(ws.dir, BOUNCES_FILE), { recursive: true, force: true });
    await mkdir(join(ws.dir, BOUNCES_FILE));
    await expect(statusCommand({ dir: ws.dir, issue: '2026-11', json: false }, collectOutput())).rejects.toMatchObject({
      file: BOUNCES_FILE,
    });
  });
});
