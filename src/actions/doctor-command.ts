import { lookup } from 'node:dns/promises';
import { mkdir, open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { SmtpEnvironment } from '../smtp/smtp-settings.js';
import { describeHolder, inspectSendLock } from '../delivery/send-lock.js';
import { lockPath, STATE_DIR } from '../delivery/state-paths.js';
import { isSnippetError } from '../errors.js';
import { formatZoned } from '../time/zoned-time.js';
import { unsubscribeSecretProblem } from '../unsubscribe/unsubscribe-secret.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { checkSecretFiles } from './check-secret-files.js';
import { checkMailboxes } from './doctor-mailbox.js';
import type { ImapEnvironment } from './mailbox-sign-in.js';
import { describeProbe, type DoctorCheck } from '../smtp/describe-probe.js';
import type { Output } from '../output.js';
import type { AccessTokenProvider } from '../smtp/access-token.js';
import { runAccessToken, smtpConnectionSettings } from '../smtp/smtp-connection-settings.js';

export type { DoctorCheck };

export interface DoctorOptions {
  dir: string;
  smtp: SmtpEnvironment;
  unsubscribeSecret: string | undefined;
  /** SNIPPET_SMTP_PASS_FILE, absolute, when set: a file holding a secret. */
  passFile?: string | undefined;
  /** SNIPPET_IMAP_*: the mailbox's own sign-in, when it has one. */
  imap?: ImapEnvironment;
  /** Test hook: SMTP timeouts in ms. */
  smtpTimeouts?: { connection: number; greeting: number; socket: number };
}

/** Less free space than this is a failure: a full disk stops a send (the ledger cannot be written). */
const MIN_FREE_BYTES = 100 * 1024 * 1024;

/**
 * `snippet doctor`: everything a send needs, checked without sending: the
 * config, the time zone, the state folder and the disk, then the SMTP server
 * (name, connection, TLS, sign-in, and the sender in MAIL FROM followed by
 * RSET). One line per check, `ok` or `FAIL` with what to fix; exit 1 when
 * any failed.
 */
export async function doctorCommand(options: DoctorOptions, out: Output): Promise<{ exitCode: 0 | 1; checks: DoctorCheck[] }> {
  const checks: DoctorCheck[] = [];
  const report = (check: DoctorCheck): void => {
    checks.push(check);
    const label = check.status === 'ok' ? 'ok  ' : check.status === 'fail' ? 'FAIL' : check.status === 'warn' ? 'warn' : 'skip';
    out.info(`${label}  ${check.name}: ${check.detail}`);
    if (check.fix) out.info(`      fix: ${check.fix}`);
  };

  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const errors = workspace.problems.filter((p) => p.severity === 'error');
  out.problems(errors);
  const config = workspace.config;
  report(
    errors.length === 0
      ? { name: 'workspace', status: 'ok', detail: 'snippet.config.yaml, organisations and contacts are valid' }
      : {
          name: 'workspace',
          status: 'fail',
          detail: `${errors.length} problem${errors.length === 1 ? '' : 's'} (listed above)`,
          fix: 'correct each at its file and line; `snippet check` shows them with the issue',
        },
  );
  report(
    config
      ? { name: 'time zone', status: 'ok', detail: `${config.timeZone}: it is ${formatZoned(new Date(), config.timeZone)} there now` }
      : skipped('time zone', 'the config has errors'),
  );
  report(await checkStateFolder(options.dir));
  report(await checkSendLock(options.dir, config?.timeZone));
  report(await checkDiskSpace(options.dir));
  report(await checkSecretFiles(options.dir, options.passFile));
  if (config?.unsubscribe.url) {
    const problem = unsubscribeSecretProblem(options.unsubscribeSecret);
    report(
      problem
        ? { name: 'unsubscribe links', status: 'fail', detail: problem.message, ...(problem.hint ? { fix: problem.hint } : {}) }
        : { name: 'unsubscribe links', status: 'ok', detail: 'SNIPPET_UNSUBSCRIBE_SECRET is set' },
    );
  }
  // One token a run: the SMTP sign-in and the mailboxes' share it.
  const accessToken = config ? runAccessToken(options.smtp, config, options.dir) : undefined;
  for (const check of config ? await checkSmtp(options, config, accessToken) : [skipped('SMTP', 'the config has errors')]) report(check);
  if (config)
    for (const check of await checkMailboxes(config, options.imap ?? {}, options.smtp, options.dir, accessToken, options.smtpTimeouts?.connection))
      report(check);

  const failed = checks.filter((c) => c.status === 'fail').length;
  out.info(failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
  return { exitCode: failed === 0 ? 0 : 1, checks };
}

async function checkSmtp(options: DoctorOptions, config: Config, runToken: AccessTokenProvider | undefined): Promise<DoctorCheck[]> {
  let connection;
  try {
    connection = smtpConnectionSettings(options.smtp, config, options.dir, runToken);
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    return [{ name: 'SMTP settings', status: 'fail', detail: error.message, ...(error.hint ? { fix: error.hint } : {}) }];
  }
  const { settings, accessToken } = connection;
  const checks: DoctorCheck[] = [{ name: 'SMTP settings', status: 'ok', detail: `${settings.display}${settings.oauth2 ? ', OAuth2 sign-in' : ''}` }];

  if (accessToken) {
    try {
      await accessToken(false);
      checks.push({
        name: 'OAuth2 token',
        status: 'ok',
        detail: `obtained from ${config.smtp.oauth2?.source === 'command' ? 'the token command' : 'the token endpoint (client credentials)'}`,
      });
    } catch (error) {
      if (!isSnippetError(error)) throw error;
      checks.push({ name: 'OAuth2 token', status: 'fail', detail: error.message, ...(error.hint ? { fix: error.hint } : {}) });
      return [...checks, skipped('SMTP server', 'no access token to sign in with')];
    }
  }

  try {
    const addresses = await lookup(settings.host, { all: true });
    checks.push({ name: 'server name', status: 'ok', detail: `${settings.host} is ${addresses.map((a) => a.address).join(', ')}` });
  } catch (error) {
    checks.push({
      name: 'server name',
      status: 'fail',
      detail: `${settings.host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      fix: 'check the host in SNIPPET_SMTP_URL or SNIPPET_SMTP_HOST (Microsoft 365: smtp.office365.com) and the network',
    });
    return checks;
  }

  const { probeSmtp } = await import('../smtp/probe-smtp.js');
  const probe = await probeSmtp(settings, config.from.address, {
    timeouts: options.smtpTimeouts ?? { connection: 15_000, greeting: 15_000, socket: 30_000 },
    ...(accessToken ? { accessToken } : {}),
  });
  return [...checks, ...describeProbe(probe, settings, config.from.address)];
}

async function checkStateFolder(dir: string): Promise<DoctorCheck> {
  const folder = join(dir, STATE_DIR);
  const probe = join(folder, `doctor.${process.pid}.tmp`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(probe, 'wx', 0o600);
    try {
      await handle.writeFile('snippet doctor\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { name: 'state folder', status: 'ok', detail: `${STATE_DIR}/ is writable (ledgers and the send lock live there)` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      return {
        name: 'state folder',
        status: 'fail',
        detail: `${STATE_DIR} is a file, not a folder`,
        fix: `move the file ${STATE_DIR} away (snippet keeps its ledgers and the send lock in a folder of that name), then run snippet doctor again`,
      };
    }
    return {
      name: 'state folder',
      status: 'fail',
      detail: `${STATE_DIR}/ cannot be written (${code ?? 'error'})`,
      fix: `make ${folder} writable by the user cron runs as`,
    };
  } finally {
    // Nothing to remove when the folder could not be made.
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** A lock and its age: a send running now, or one left behind that the next send takes over. */
async function checkSendLock(dir: string, timeZone: string | undefined): Promise<DoctorCheck> {
  try {
    const state = await inspectSendLock(lockPath(dir));
    if (!state) return { name: 'send lock', status: 'ok', detail: 'none (no send is running)' };
    const seconds = Math.round(state.silentMs / 1000);
    const age = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
    const holder = state.holder ? `held by ${describeHolder(state.holder, timeZone)}` : 'present';
    return {
      name: 'send lock',
      status: 'ok',
      detail: `${holder}, last refreshed ${age} ago; ${state.abandoned ? `${state.abandoned}, so the next send takes it over` : 'a send is running'}`,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return skipped('send lock', `${STATE_DIR} is a file, not a folder (see state folder)`);
    if (isSnippetError(error)) return { name: 'send lock', status: 'fail', detail: error.message, ...(error.hint ? { fix: error.hint } : {}) };
    return {
      name: 'send lock',
      status: 'fail',
      detail: `${STATE_DIR}/send.lock cannot be read (${code ?? 'error'})`,
      fix: `make ${join(dir, STATE_DIR)} readable by the user cron runs as`,
    };
  }
}

async function checkDiskSpace(dir: string): Promise<DoctorCheck> {
  try {
    const stats = await statfs(dir);
    const free = stats.bavail * stats.bsize;
    const mb = Math.floor(free / (1024 * 1024));
    return free >= MIN_FREE_BYTES
      ? { name: 'disk space', status: 'ok', detail: `${mb} MB free` }
      : {
          name: 'disk space',
          status: 'fail',
          detail: `only ${mb} MB free`,
          fix: 'free some space: a full disk stops a send, since the delivery ledger cannot be written',
        };
  } catch (error) {
    return { name: 'disk space', status: 'fail', detail: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

function skipped(name: string, why: string): DoctorCheck {
  return { name, status: 'skip', detail: `not checked: ${why}` };
}
