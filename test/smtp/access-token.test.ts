import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accessTokenProvider } from '../../src/smtp/access-token.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-token-'));
  dirs.push(dir);
  return dir;
}

describe('accessTokenProvider (token command)', () => {
  it('runs the command in the workspace, keeps the token, and runs it again to renew', async () => {
    const cwd = await workspace();
    let now = 0;
    const token = accessTokenProvider(
      { source: 'command', command: 'echo run >> runs.txt; echo "  token-$(wc -l < runs.txt | tr -d " ")  "' },
      { clientSecret: undefined, cwd, now: () => now },
    );
    expect(await token(false)).toBe('token-1');
    expect(await token(false)).toBe('token-1');
    expect(await token(true)).toBe('token-2');
    now += 60 * 60_000;
    expect(await token(false)).toBe('token-3');
    expect((await readFile(join(cwd, 'runs.txt'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('runs the command once for callers asking at the same time, as connections opened together do (regression: once each)', async () => {
    const cwd = await workspace();
    const token = accessTokenProvider({ source: 'command', command: 'echo run >> runs.txt; echo token-1' }, { clientSecret: undefined, cwd });
    expect(await Promise.all([token(false), token(false), token(false)])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await readFile(join(cwd, 'runs.txt'), 'utf8')).toBe('run\n');
  });

  it('stops a command that takes too long', async () => {
    const token = accessTokenProvider(
      { source: 'command', command: 'sleep 5; echo late' },
      { clientSecret: undefined, cwd: await workspace(), timeoutMs: 200 },
    );
    await expect(token(false)).rejects.toThrow('the OAuth2 token command did not finish within 200 ms');
  });

  it('refuses output that is more than a token, without repeating it', async () => {
    const token = accessTokenProvider(
      { source: 'command', command: 'echo "Bearer secret-looking-value"' },
      { clientSecret: undefined, cwd: await workspace() },
    );
    await expect(token(false)).rejects.toThrow(/^the OAuth2 token command printed more than a token$/u);
  });

  it('runs a plain command without a shell, so it needs no /bin/sh on Windows', async () => {
    const node = JSON.stringify(process.execPath);
    // Through a shell, "$HOME" would be the home folder; without one it is the five characters.
    const plain = accessTokenProvider(
      { source: 'command', command: `${node} -e "process.stdout.write(process.argv[1])" "$HOME"` },
      { clientSecret: undefined, cwd: await workspace(), platform: 'win32' },
    );
    expect(await plain(false)).toBe('$HOME');
    const missing = accessTokenProvider({ source: 'command', command: 'no-such-token-tool --x' }, { clientSecret: undefined, cwd: await workspace() });
    await expect(missing(false)).rejects.toThrow("the OAuth2 token command's program no-such-token-tool was not found");
  });

  it('on Windows, refuses a pipeline and says how to write it instead', async () => {
    const token = accessTokenProvider(
      { source: 'command', command: 'get-token | tr -d x' },
      { clientSecret: undefined, cwd: await workspace(), platform: 'win32' },
    );
    await expect(token(false)).rejects.toThrow(/uses a pipe, a redirection or a \$VARIABLE, which need a shell that Windows does not have/u);
  });

  it('says when the token endpoint cannot be reached', async () => {
    const token = accessTokenProvider(
      { source: 'client-credentials', tenantId: 't', clientId: 'c', scope: 's', tokenUrl: 'http://127.0.0.1:9/token' },
      { clientSecret: 'x-secret', cwd: await workspace(), timeoutMs: 2_000 },
    );
    await expect(token(false)).rejects.toThrow(/could not reach the OAuth2 token endpoint http:\/\/127\.0\.0\.1:9\/token/u);
  });
});
