import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import { acquireSendLock, inspectSendLock } from '../../src/delivery/send-lock.js';
import { SnippetError } from '../../src/errors.js';
import { collectOutput } from '../support/collect-output.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('a state folder that is not as snippet left it', () => {
  it('doctor says .snippet is a file and what to do (regression: internal error, ENOTDIR)', async () => {
    await writeFile(join(ws.dir, '.snippet'), 'not a folder');
    const out = collectOutput();
    const result = await doctorCommand({ dir: ws.dir, smtp: {}, unsubscribeSecret: 'unsubscribe-secret-for-tests-0123456789' }, out);
    expect(result.exitCode).toBe(1);
    expect(out.lines).toContain('FAIL  state folder: .snippet is a file, not a folder');
    expect(out.text()).not.toMatch(/ENOTDIR|internal error/u);
  });

  it('send says .snippet/send.lock is a folder and what to do (regression: internal error, EISDIR)', async () => {
    const lock = join(ws.dir, '.snippet', 'send.lock');
    await mkdir(lock, { recursive: true });
    const taking = acquireSendLock(lock, 'send 2026-12');
    await expect(taking).rejects.toBeInstanceOf(SnippetError);
    await expect(taking).rejects.toThrow('the send lock .snippet/send.lock is a folder, not a file');
    await expect(inspectSendLock(lock)).rejects.toMatchObject({ hint: expect.stringContaining('Remove the folder .snippet/send.lock') });
    const out = collectOutput();
    await doctorCommand({ dir: ws.dir, smtp: {}, unsubscribeSecret: 'unsubscribe-secret-for-tests-0123456789' }, out);
    expect(out.lines).toContain('FAIL  send lock: the send lock .snippet/send.lock is a folder, not a file');
  });
});
