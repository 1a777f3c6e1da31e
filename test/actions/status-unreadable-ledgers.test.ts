import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/actions/status-command.js';
import { collectOutput } from '../support/collect-output.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('snippet status when the ledgers cannot be read (regression: "nothing has been sent from this workspace yet")', () => {
  it('names the state folder and what to do', async () => {
    await rm(join(ws.dir, '.snippet'), { recursive: true, force: true });
    await ws.write('.snippet', 'not a folder');
    await expect(statusCommand({ dir: ws.dir, issue: undefined, json: false }, collectOutput())).rejects.toMatchObject({
      message: 'the delivery state folder .snippet/ cannot be read (ENOTDIR: something in its path is a file, not a folder)',
      file: '.snippet/ledger',
      hint: expect.stringMatching(/^Run snippet as the user that owns \.snippet\//u),
    });
  });
});
