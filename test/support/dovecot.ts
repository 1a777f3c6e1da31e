import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT = process.env.SNIPPET_DOVECOT ?? '/usr/sbin/dovecot';
export const IMAP_USER = 'coordinator';
export const IMAP_PASS = 'imap-password-for-tests-only';

export interface Dovecot {
  port: number;
  /** A client signed in as the test user, for putting mail in and looking at it. */
  client(): Promise<ImapFlow>;
  /** Puts a message in a folder, unread, as delivery would. */
  deliver(folder: string, message: string | Buffer): Promise<void>;
  /** The messages of a folder: their Message-IDs and flags. */
  list(folder: string): Promise<Array<{ messageId: string; flags: string[] }>>;
  stop(): Promise<void>;
}

/**
 * Starts Debian's Dovecot (no systemd: `dovecot -F -c CONFIG`) on a free
 * loopback port with a throw-away maildir and one passwd-file user. As root
 * (CI), Dovecot's login processes must not run as root: they run as its own
 * users (dovenull, dovecot) and the mail as nobody; as anyone else,
 * everything runs as that user.
 */
export async function startDovecot(): Promise<Dovecot> {
  const root = await mkdtemp(join(tmpdir(), 'snippet-dovecot-'));
  await chmod(root, 0o755);
  for (const dir of ['run', 'state', 'mail', 'home']) await mkdir(join(root, dir));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await chown(join(root, 'mail'), 65534, 65534);
    await chown(join(root, 'home'), 65534, 65534);
  }
  const me = userInfo();
  const port = await freePort();
  await writeFile(join(root, 'users'), `${IMAP_USER}:{PLAIN}${IMAP_PASS}::::::\n`);
  const mailUser = asRoot ? { uid: 'nobody', gid: 'nogroup' } : { uid: String(me.uid), gid: String(me.gid) };
  const config = [
    `base_dir = ${root}/run`,
    `state_dir = ${root}/state`,
    `instance_name = snippet-test-${port}`,
    'log_path = /dev/stderr',
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `mail_location = maildir:${root}/mail/%u`,
    `mail_uid = ${mailUser.uid}`,
    `mail_gid = ${mailUser.gid}`,
    'first_valid_uid = 1',
    `default_login_user = ${asRoot ? 'dovenull' : me.username}`,
    `default_internal_user = ${asRoot ? 'dovecot' : me.username}`,
    `default_internal_group = ${asRoot ? 'dovecot' : groupOf(me.gid)}`,
    'namespace inbox {\n  inbox = yes\n  separator = /\n}',
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${root}/users\n}`,
    `userdb {\n  driver = static\n  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${root}/home/%u\n}`,
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
  ].join('\n');
  await writeFile(join(root, 'dovecot.conf'), `${config}\n`);
  const child = spawn(DOVECOT, ['-F', '-c', join(root, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  await started(child);

  const client = async (): Promise<ImapFlow> => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: IMAP_USER, pass: IMAP_PASS },
      logger: false,
      disableAutoIdle: true,
    });
    c.on('error', () => {});
    await c.connect();
    return c;
  };
  return {
    port,
    client,
    async deliver(folder, message) {
      const c = await client();
      try {
        await c.mailboxCreate(folder.split('/')).catch(() => undefined);
        await c.append(folder.split('/'), message, []);
      } finally {
        await c.logout();
      }
    },
    async list(folder) {
      const c = await client();
      try {
        const box = await c.mailboxOpen(folder.split('/'), { readOnly: true }).catch(() => undefined);
        if (!box || box.exists === 0) return [];
        const messages = await c.fetchAll('1:*', { envelope: true, flags: true });
        return messages.map((m) => ({ messageId: (m.envelope?.messageId ?? '').replace(/^<|>$/gu, ''), flags: [...(m.flags ?? [])] }));
      } finally {
        await c.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Resolves once Dovecot's master says it is up (its listeners are bound by then); rejects with its words if it stops first. */
function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`Dovecot did not start within 15 s:\n${said}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (/starting up/u.test(said)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Dovecot stopped (exit ${code}):\n${said}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** The name of a group id, as Dovecot's default_internal_group wants it. */
function groupOf(gid: number): string {
  const text = existsSync('/etc/group') ? readFileSync('/etc/group', 'utf8') : '';
  return (
    text
      .split('\n')
      .find((line) => line.split(':')[2] === String(gid))
      ?.split(':')[0] ?? String(gid)
  );
}
