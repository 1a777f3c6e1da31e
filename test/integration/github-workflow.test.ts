import { execFile, spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateWorkflow } from '@action-validator/core';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { scheduleCommand } from '../../src/actions/schedule-command.js';
import { instantToZoned, pad } from '../../src/time/zoned-time.js';
import { sendWorkspace, TEST_UNSUBSCRIBE_SECRET } from '../support/send-workspace.js';
import { deliveries, startSmtpServer, type ServerBehaviour } from '../support/smtp-test-server.js';
import { CLI } from '../support/workspace.js';

const git = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const COORDINATOR = {
  GIT_AUTHOR_NAME: 'Coordinator',
  GIT_AUTHOR_EMAIL: 'coordinator@example.org',
  GIT_COMMITTER_NAME: 'Coordinator',
  GIT_COMMITTER_EMAIL: 'coordinator@example.org',
};

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}

/**
 * A private repository as the coordinator sets it up: the workspace in
 * `newsletter/`, its December issue approved and due an hour ago, the
 * workflow and .gitattributes from `snippet schedule github`, pushed to a
 * bare repository on disk that stands in for GitHub.
 */
async function setup(behaviour: ServerBehaviour) {
  const root = await mkdtemp(join(tmpdir(), 'snippet-gha-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const server = await startSmtpServer(behaviour);
  cleanups.push(server.close);
  const ws = await sendWorkspace({ members: 6, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
  cleanups.push(ws.remove);
  const hourAgo = instantToZoned(new Date(Date.now() - 3_600_000), 'Europe/London');
  const issue = await ws.read('issues/2026-12.md');
  await ws.write(
    'issues/2026-12.md',
    issue.replace(/^send_at: .*$/mu, `send_at: ${hourAgo.year}-${pad(hourAgo.month)}-${pad(hourAgo.day)}T${pad(hourAgo.hour)}:${pad(hourAgo.minute)}`),
  );

  const remote = join(root, 'github.git');
  const coordinator = join(root, 'coordinator');
  await git('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
  await git('git', ['init', '--quiet', '--initial-branch=main', coordinator]);
  await cp(ws.dir, join(coordinator, 'newsletter'), { recursive: true });
  await writeFile(join(coordinator, 'newsletter', '.gitignore'), '.snippet/\nsnippet.env\nout/\n');
  const written = await scheduleCommand({
    dir: join(coordinator, 'newsletter'),
    target: 'github',
    at: undefined,
    install: false,
    remove: false,
    env: {},
    platform: 'linux',
    node: process.execPath,
    cli: CLI,
    version: '0.1.0',
    user: 'coordinator',
    now: new Date(),
    machineZone: 'UTC',
  });
  expect(written.done).toBe('written');
  const inCoordinator = (...args: string[]) => git('git', args, { cwd: coordinator, env: { ...process.env, ...COORDINATOR } });
  await inCoordinator('add', '.');
  await inCoordinator('commit', '--quiet', '-m', 'The workspace');
  await inCoordinator('remote', 'add', 'origin', remote);
  await inCoordinator('push', '--quiet', 'origin', 'main');

  const workflowText = await readFile(join(coordinator, '.github', 'workflows', 'snippet.yml'), 'utf8');
  const workflow = parseYaml(workflowText) as { jobs: { send: { env: Record<string, string>; steps: Step[] } } };

  // `snippet` on PATH, as the install step leaves it: the built CLI.
  const bin = join(root, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'snippet'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  await chmod(join(bin, 'snippet'), 0o755);

  /** A fresh checkout, as actions/checkout makes for each run. */
  const checkout = async (name: string): Promise<string> => {
    const dir = join(root, name);
    await git('git', ['clone', '--quiet', remote, dir]);
    return dir;
  };

  /** Runs one `run:` step of the workflow as the runner does (bash -eo pipefail, in the working directory, with the job's env as GitHub fills it). */
  const step = (name: string, checkoutDir: string) => {
    const found = workflow.jobs.send.steps.find((s) => s.name === name);
    if (!found?.run) throw new Error(`no run step named ${name}`);
    // Secrets that are not set are empty strings on GitHub.
    const env: Record<string, string> = Object.fromEntries(Object.keys(workflow.jobs.send.env).map((key) => [key, '']));
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', found.run], {
      cwd: join(checkoutDir, 'newsletter'),
      env: {
        ...env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: root,
        GITHUB_WORKSPACE: checkoutDir,
        RUNNER_TEMP: join(root, 'tmp'),
        SNIPPET_SMTP_URL: server.url,
        SNIPPET_UNSUBSCRIBE_SECRET: TEST_UNSUBSCRIBE_SECRET,
        TZ: 'UTC',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
    return { child, done, kill: () => process.kill(-child.pid!, 'SIGKILL') };
  };

  const remoteFile = async (file: string): Promise<string> => (await git('git', ['show', `main:${file}`], { cwd: remote })).stdout;
  const inRemoteLog = async (): Promise<string[]> => (await git('git', ['log', '--format=%s', 'main'], { cwd: remote })).stdout.trim().split('\n');
  return { server, ws, workflowText, checkout, step, remoteFile, inRemoteLog, inCoordinator, coordinator };
}

// Each step spawns the CLI, which renders the issue: a few seconds each on a busy machine.
describe('the GitHub Actions workflow of snippet schedule github', { timeout: 120_000 }, () => {
  it('validates as a workflow', async () => {
    const { workflowText } = await setup({});
    expect(validateWorkflow(workflowText).errors).toEqual([]);
    // The validator does find a broken one.
    expect(validateWorkflow(workflowText.replace(/^ {4}runs-on: ubuntu-latest\n/mu, '')).errors).not.toEqual([]);
  });

  it('a second run finds the lock and sends nothing; a run killed mid-send is committed back and the next resumes with nobody mailed twice', async () => {
    let held: () => void = () => undefined;
    const reachedThird = new Promise<void>((resolve) => (held = resolve));
    const { server, checkout, step, remoteFile, inRemoteLog } = await setup({
      hook: (stage, count) => {
        if (stage === 'data-end' && count === 3) {
          held();
          return 'hold';
        }
      },
    });
    const run1 = await checkout('run1');
    const sending = step('Send what is due', run1);
    await reachedThird;

    // Overlapping: in the same checkout the send lock is held.
    const second = await step('Send what is due', run1).done;
    expect(second.code).toBe(0);
    expect(second.output).toContain('snippet send --due exited with 75');
    expect(server.stages('mail')).toBe(3);

    // Killed mid-send (the runner cancelled, the machine lost); the commit step still runs (if: always()).
    sending.kill();
    await sending.done;
    const commit = await step('Commit the delivery state back', run1).done;
    expect(commit.output).toContain('delivery state pushed');
    expect(commit.code).toBe(0);
    expect(await inRemoteLog()).toEqual(['snippet: delivery state after send --due', 'The workspace']);
    expect((await remoteFile('newsletter/.snippet/ledger/2026-12.jsonl')).match(/"type":"delivered"/gu)).toHaveLength(2);

    // The next run, in a fresh checkout, resumes from the committed ledger.
    const run2 = await checkout('run2');
    const resumed = await step('Send what is due', run2).done;
    // It ends with exit 1: the message cut off at its end is in doubt, for the coordinator to decide (the run fails, GitHub emails her).
    expect(resumed.output).toContain('snippet send --due exited with 1');
    expect(resumed.output).toMatch(/in doubt/u);
    expect(resumed.code).toBe(1);
    const counts = deliveries(server.messages);
    expect(Math.max(...counts.values())).toBe(1);
    // Everyone but the one in doubt got it, once; that one is not sent again without --resend-in-doubt.
    expect(counts.size).toBeGreaterThanOrEqual(5);
    expect((await step('Commit the delivery state back', run2).done).code).toBe(0);
    expect(await inRemoteLog()).toHaveLength(3);
  });

  it('commits the state back after a failed send, and retries the push when the coordinator pushed meanwhile', async () => {
    const { checkout, step, remoteFile, inRemoteLog, inCoordinator, coordinator } = await setup({
      onRecipient: (address) => (address === 'member00002@example.org' ? '550 5.1.1 No such user' : undefined),
    });
    const run = await checkout('run');
    const sent = await step('Send what is due', run).done;
    expect(sent.code).toBe(1);
    expect(sent.output).toContain('snippet send --due exited with 1');

    // Meanwhile the coordinator unsubscribes someone by hand and pushes.
    const suppressions = join(coordinator, 'newsletter', 'contacts', 'suppressions.csv');
    await writeFile(suppressions, `${await readFile(suppressions, 'utf8')}member00006@example.org,2026-12-07,unsubscribed\n`);
    await inCoordinator('commit', '--quiet', '-am', 'Unsubscribed member 6');
    await inCoordinator('push', '--quiet', 'origin', 'main');

    const commit = await step('Commit the delivery state back', run).done;
    expect(commit.output).toContain('push refused (attempt 1); pulling and trying again');
    expect(commit.output).toContain('delivery state pushed');
    expect(commit.code).toBe(0);
    expect(await inRemoteLog()).toEqual(['snippet: delivery state after send --due', 'Unsubscribed member 6', 'The workspace']);
    // Both sides' lines of the append-only file are kept (merge=union).
    const merged = await remoteFile('newsletter/contacts/suppressions.csv');
    expect(merged).toContain('member00002@example.org');
    expect(merged).toContain('member00006@example.org,2026-12-07,unsubscribed');
    expect(await remoteFile('newsletter/.snippet/ledger/2026-12.jsonl')).toContain('"type":"failed"');
  });
});
