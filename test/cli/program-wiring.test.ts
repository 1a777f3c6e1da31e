import { resolve } from 'node:path';
import type { Command } from 'commander';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { createProgram } from '../../src/cli/program.js';
import { collectOutput } from '../support/collect-output.js';

/**
 * The CLI's wiring, command by command and flag by flag: each action is replaced by a recorder, so this
 * checks what the CLI hands each action (the actions have their own tests, in process).
 */
const recorded = vi.hoisted(() => {
  const calls: Array<{ action: string; options: unknown }> = [];
  const recorder =
    (action: string, result: unknown = undefined) =>
    (options: unknown) => {
      calls.push({ action, options });
      return Promise.resolve(result);
    };
  return { calls, recorder };
});

vi.mock('../../src/actions/init-command.js', () => ({ initCommand: recorded.recorder('initCommand') }));
vi.mock('../../src/actions/new-command.js', () => ({ newCommand: recorded.recorder('newCommand') }));
vi.mock('../../src/actions/check-command.js', () => ({ checkCommand: recorded.recorder('checkCommand', { errors: 2 }) }));
vi.mock('../../src/actions/build-command.js', () => ({ buildCommand: recorded.recorder('buildCommand') }));
vi.mock('../../src/actions/preview-command.js', () => ({ DEFAULT_PREVIEW_PORT: 4300, previewCommand: recorded.recorder('previewCommand') }));
// The desk runs as a process of its own (two front doors, neither imports the other): its arguments are the wiring.
vi.mock('node:child_process', async (importOriginal) => {
  const { EventEmitter } = await import('node:events');
  const original = await importOriginal<typeof import('node:child_process')>();
  const spawn = (file: string, args: readonly string[], options: unknown) => {
    if (!String(args[0]).endsWith('desk-main.js')) return original.spawn(file, args as string[], options as never);
    recorded.calls.push({ action: 'desk process', options: { args: args.slice(1) } });
    const child = Object.assign(new EventEmitter(), { kill: () => true });
    setImmediate(() => child.emit('exit', 0));
    return child;
  };
  return { ...original, spawn, default: { ...original, spawn } };
});
vi.mock('../../src/actions/organisations-review-command.js', () => ({ organisationsReviewCommand: recorded.recorder('organisationsReviewCommand') }));
vi.mock('../../src/actions/spotlight-command.js', () => ({ spotlightCommand: recorded.recorder('spotlightCommand') }));
vi.mock('../../src/actions/site-command.js', () => ({ siteCommand: recorded.recorder('siteCommand', { outDir: '/nowhere' }) }));
vi.mock('../../src/actions/serve-site.js', () => ({ serveSite: recorded.recorder('serveSite') }));
vi.mock('../../src/actions/start-send.js', () => ({ startSend: recorded.recorder('startSend', { exitCode: 3 }) }));
vi.mock('../../src/actions/send-due-command.js', () => ({ sendDueCommand: recorded.recorder('sendDueCommand', { exitCode: 4 }) }));
vi.mock('../../src/actions/status-command.js', () => ({ statusCommand: recorded.recorder('statusCommand') }));
vi.mock('../../src/actions/doctor-command.js', () => ({ doctorCommand: recorded.recorder('doctorCommand', { exitCode: 5 }) }));
vi.mock('../../src/actions/mailbox-command.js', () => ({
  mailboxCommand: recorded.recorder('mailboxCommand', { entries: [], read: 0, seenBefore: 0, notRead: [], moved: 0, processedFolder: 'Processed' }),
}));
vi.mock('../../src/actions/contacts-check-command.js', () => ({ contactsCheckCommand: recorded.recorder('contactsCheckCommand', { errors: 0 }) }));
vi.mock('../../src/actions/contacts-import-command.js', () => ({ contactsImportCommand: recorded.recorder('contactsImportCommand') }));
vi.mock('../../src/actions/contacts-unsubscribe-command.js', () => ({ contactsUnsubscribeCommand: recorded.recorder('contactsUnsubscribeCommand') }));
vi.mock('../../src/actions/contacts-resubscribe-command.js', () => ({ contactsResubscribeCommand: recorded.recorder('contactsResubscribeCommand') }));
vi.mock('../../src/actions/contacts-list-command.js', () => ({ contactsListCommand: recorded.recorder('contactsListCommand') }));
vi.mock('../../src/actions/submissions-import-command.js', () => ({ submissionsImportCommand: recorded.recorder('submissionsImportCommand') }));
vi.mock('../../src/actions/schedule-command.js', () => ({
  scheduleCommand: recorded.recorder('scheduleCommand', {
    target: 'cron',
    files: [],
    done: 'printed',
    paths: [],
    at: undefined,
    atIgnored: false,
    loadCommand: undefined,
    repository: undefined,
    attributesAdded: [],
  }),
}));
vi.mock('../../src/actions/unsubscribe-server-command.js', () => ({ unsubscribeServerCommand: recorded.recorder('unsubscribeServerCommand') }));
// A send tunes V8 for the rest of its process: not this test's.
vi.mock('../../src/cli/favour-memory.js', () => ({ favourMemoryOverSpeed: () => undefined }));

const WORKSPACE = resolve('/work/space');
const SECRET = 'unsubscribe-secret-for-tests-0123456789';
const ENV = {
  SNIPPET_SMTP_URL: 'smtp://127.0.0.1:2525',
  SNIPPET_IMAP_USER: 'newsletter@example.org',
  SNIPPET_SMTP_PASS_FILE: 'secrets/smtp-password',
};

/** Parses `argv` as `snippet ARGV` would, with the actions recorded; returns the one call and the exit code asked for. */
async function wire(argv: string[]): Promise<{ action: string; options: Record<string, unknown>; exitCode: number }> {
  let exitCode = 0;
  const cli: CliContext = {
    env: ENV,
    unsubscribeSecret: SECRET,
    output: () => collectOutput(),
    // --dir as given, made absolute; whether it is a workspace is main's business (its own e2e tests).
    dir: (command: Command) => resolve(WORKSPACE, String(command.optsWithGlobals().dir ?? '.')),
    setExitCode: (code) => (exitCode = code),
  };
  await createProgram(cli, '0.0.0-test').parseAsync(argv, { from: 'user' });
  expect(recorded.calls).toHaveLength(1);
  const [call] = recorded.calls;
  return { action: call!.action, options: call!.options as Record<string, unknown>, exitCode };
}

const now = expect.any(Date);
const smtp = expect.objectContaining({ SNIPPET_SMTP_URL: 'smtp://127.0.0.1:2525' });
const imap = expect.objectContaining({ SNIPPET_IMAP_USER: 'newsletter@example.org' });
const signal = expect.any(AbortSignal);
const sendCommon = {
  dir: WORKSPACE,
  dryRun: false,
  outbox: undefined,
  rates: undefined,
  connections: undefined,
  resendInDoubt: false,
  safetyStop: true,
  smtp,
  unsubscribeSecret: SECRET,
  signal,
};

const TABLE: Array<[argv: string, action: string, options: Record<string, unknown>, exitCode?: number]> = [
  ['init', 'initCommand', { dir: resolve('.'), shown: '.', now }],
  ['init new-network', 'initCommand', { dir: resolve('new-network'), shown: 'new-network', now }],
  ['--dir elsewhere init', 'initCommand', { dir: resolve('elsewhere'), shown: 'elsewhere', now }],
  ['new', 'newCommand', { dir: WORKSPACE, issue: undefined, now }],
  ['new 2027-01', 'newCommand', { dir: WORKSPACE, issue: '2027-01', now }],
  ['check', 'checkCommand', { dir: WORKSPACE, issue: undefined, now }, 1],
  ['--dir other check 2026-12', 'checkCommand', { dir: resolve(WORKSPACE, 'other'), issue: '2026-12', now }, 1],
  ['build 2026-12', 'buildCommand', { dir: WORKSPACE, issue: '2026-12', out: undefined, unsubscribeSecret: SECRET, now }],
  ['build --out built', 'buildCommand', { dir: WORKSPACE, issue: undefined, out: resolve('built'), unsubscribeSecret: SECRET, now }],
  ['preview', 'previewCommand', { dir: WORKSPACE, issue: undefined, host: '127.0.0.1', port: 4300, unsubscribeSecret: SECRET }],
  ['preview 2026-12 --port 0 --host 0.0.0.0', 'previewCommand', { dir: WORKSPACE, issue: '2026-12', host: '0.0.0.0', port: 0, unsubscribeSecret: SECRET }],
  ['desk', 'desk process', { args: ['--dir', WORKSPACE, '--host', '127.0.0.1'] }],
  ['desk --port 0 --host 0.0.0.0 --no-open', 'desk process', { args: ['--dir', WORKSPACE, '--host', '0.0.0.0', '--port', '0', '--no-open'] }],
  ['organisations review', 'organisationsReviewCommand', { dir: WORKSPACE, csv: false, olderThan: { count: 12, unit: 'month' }, now }],
  ['organisations review --csv', 'organisationsReviewCommand', { dir: WORKSPACE, csv: true, olderThan: { count: 12, unit: 'month' }, now }],
  ['spotlight', 'spotlightCommand', { dir: WORKSPACE, months: 12, json: false, now }],
  ['spotlight --months 3 --json', 'spotlightCommand', { dir: WORKSPACE, months: 3, json: true, now }],
  ['site', 'siteCommand', { dir: WORKSPACE, out: undefined, now }],
  ['site --out public', 'siteCommand', { dir: WORKSPACE, out: resolve('public'), now }],
  ['send 2026-12', 'startSend', { ...sendCommon, issue: '2026-12', testTo: [], yes: false, early: false, resendFailed: false, confirm: undefined }, 3],
  [
    'send 2026-12 --resend-failed --no-safety-stop',
    'startSend',
    { ...sendCommon, safetyStop: false, issue: '2026-12', testTo: [], yes: false, early: false, resendFailed: true, confirm: undefined },
    3,
  ],
  [
    'send 2026-12 --dry-run --test-to a@example.org --test-to b@example.org --outbox box --yes --early --rate 30/minute --rate 1000/day --connections 4 --resend-in-doubt',
    'startSend',
    {
      ...sendCommon,
      dryRun: true,
      // Like --out and every other path typed on the command line: the folder the command is run in, not --dir.
      outbox: resolve('box'),
      rates: [
        { count: 30, unit: 'minute' },
        { count: 1000, unit: 'day' },
      ],
      connections: 4,
      resendInDoubt: true,
      issue: '2026-12',
      testTo: ['a@example.org', 'b@example.org'],
      yes: true,
      early: true,
      resendFailed: false,
      confirm: undefined,
    },
    3,
  ],
  ['send --due', 'sendDueCommand', { ...sendCommon, now: undefined, includeStale: false, imap }, 4],
  [
    'send --due --dry-run --now 2027-03-01T09:00 --include-stale --json --outbox box --rate 5/second --connections 2 --resend-in-doubt',
    'sendDueCommand',
    {
      ...sendCommon,
      dryRun: true,
      // Like --out and every other path typed on the command line: the folder the command is run in, not --dir.
      outbox: resolve('box'),
      rates: [{ count: 5, unit: 'second' }],
      connections: 2,
      resendInDoubt: true,
      now: '2027-03-01T09:00',
      includeStale: true,
      imap,
    },
    4,
  ],
  [
    'schedule cron',
    'scheduleCommand',
    {
      dir: WORKSPACE,
      target: 'cron',
      at: undefined,
      install: false,
      remove: false,
      env: ENV,
      platform: process.platform,
      node: process.execPath,
      cli: expect.any(String),
      user: expect.any(String),
      now,
      machineZone: expect.any(String),
    },
  ],
  [
    'schedule systemd --at 08:30 --install',
    'scheduleCommand',
    expect.objectContaining({ dir: WORKSPACE, target: 'systemd', at: '08:30', install: true, remove: false }),
  ],
  ['schedule github --remove', 'scheduleCommand', expect.objectContaining({ target: 'github', install: false, remove: true })],
  ['status', 'statusCommand', { dir: WORKSPACE, issue: undefined, json: false }],
  ['status 2026-12 --json', 'statusCommand', { dir: WORKSPACE, issue: '2026-12', json: true }],
  ['doctor', 'doctorCommand', { dir: WORKSPACE, smtp, imap, unsubscribeSecret: SECRET, passFile: resolve('secrets/smtp-password') }, 5],
  [
    'mailbox',
    'mailboxCommand',
    {
      dir: WORKSPACE,
      path: undefined,
      pathLabel: undefined,
      dryRun: false,
      since: undefined,
      now,
      unsubscribeSecret: SECRET,
      imap,
      smtp,
      onEntry: expect.any(Function),
    },
  ],
  [
    'mailbox reports.mbox --dry-run --since 2026-11-01 --json',
    'mailboxCommand',
    {
      dir: WORKSPACE,
      path: resolve('reports.mbox'),
      pathLabel: 'reports.mbox',
      dryRun: true,
      since: '2026-11-01',
      now,
      unsubscribeSecret: SECRET,
      imap,
      smtp,
      onEntry: undefined,
    },
  ],
  ['contacts check', 'contactsCheckCommand', { dir: WORKSPACE, json: false }],
  ['contacts check --json', 'contactsCheckCommand', { dir: WORKSPACE, json: true }],
  ['contacts import export.csv', 'contactsImportCommand', { dir: WORKSPACE, file: resolve('export.csv'), label: 'export.csv', list: undefined, dryRun: false }],
  [
    'contacts import export.csv --list volunteers --dry-run',
    'contactsImportCommand',
    { dir: WORKSPACE, file: resolve('export.csv'), label: 'export.csv', list: 'volunteers', dryRun: true },
  ],
  ['contacts unsubscribe a@example.org', 'contactsUnsubscribeCommand', { dir: WORKSPACE, email: 'a@example.org', reason: 'unsubscribed', now, force: false }],
  [
    'contacts unsubscribe a@example.org --reason asked --force',
    'contactsUnsubscribeCommand',
    { dir: WORKSPACE, email: 'a@example.org', reason: 'asked', now, force: true },
  ],
  [
    'contacts resubscribe a@example.org --reason signed-up --by Ann',
    'contactsResubscribeCommand',
    { dir: WORKSPACE, email: 'a@example.org', reason: 'signed-up', by: 'Ann', now },
  ],
  ['contacts list', 'contactsListCommand', { dir: WORKSPACE, list: undefined }],
  ['contacts list --list volunteers', 'contactsListCommand', { dir: WORKSPACE, list: 'volunteers' }],
  [
    'submissions import responses.xlsx',
    'submissionsImportCommand',
    { dir: WORKSPACE, file: resolve('responses.xlsx'), label: 'responses.xlsx', issue: undefined, dryRun: false },
  ],
  [
    'submissions import form.csv 2027-01 --dry-run',
    'submissionsImportCommand',
    { dir: WORKSPACE, file: resolve('form.csv'), label: 'form.csv', issue: '2027-01', dryRun: true },
  ],
  ['unsubscribe-server', 'unsubscribeServerCommand', { dir: WORKSPACE, host: '127.0.0.1', port: 8025, trustProxy: false, secret: SECRET, signal }],
  [
    'unsubscribe-server --port 9000 --host 0.0.0.0 --trust-proxy',
    'unsubscribeServerCommand',
    { dir: WORKSPACE, host: '0.0.0.0', port: 9000, trustProxy: true, secret: SECRET, signal },
  ],
];

beforeEach(() => {
  recorded.calls.length = 0;
});

describe('the CLI wires each command and flag to its action', () => {
  it.each(TABLE)('snippet %s → %s', async (argv, action, options, exitCode = 0) => {
    const call = await wire(argv.split(' '));
    expect(call.action).toBe(action);
    expect(call.options).toEqual(options);
    expect(call.exitCode).toBe(exitCode);
  });

  it('covers every command the program has', () => {
    const program = createProgram({ env: {}, unsubscribeSecret: undefined, output: collectOutput, dir: () => WORKSPACE, setExitCode: () => undefined }, '0');
    const names = (command: Command, prefix: string): string[] =>
      command.commands.flatMap((sub) => (sub.commands.length > 0 ? names(sub, `${prefix}${sub.name()} `) : [`${prefix}${sub.name()}`]));
    const wired = new Set(TABLE.map(([argv]) => argv.replace(/^--dir \S+ /u, '').split(' --')[0]!));
    for (const name of names(program, '')) {
      expect(
        [...wired].some((argv) => argv === name || argv.startsWith(`${name} `)),
        `snippet ${name} has a row`,
      ).toBe(true);
    }
  });
});
