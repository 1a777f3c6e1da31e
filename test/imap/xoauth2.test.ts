import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { mailboxCommand } from '../../src/actions/mailbox-command.js';
import { mailboxWorkspace } from '../support/mailbox-fixtures.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A scripted IMAP server on loopback that speaks just enough IMAP: it offers only XOAUTH2 and records what it was given. */
async function scriptedImapServer(acceptedToken: string): Promise<{ server: Server; port: number; signIns: string[] }> {
  const signIns: string[] = [];
  const server = createServer((socket: Socket) => {
    const capability = 'IMAP4rev1 SASL-IR AUTH=XOAUTH2';
    socket.write(`* OK [CAPABILITY ${capability}] scripted server ready\r\n`);
    let pending = '';
    let awaitingEmptyLine: string | undefined;
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (awaitingEmptyLine !== undefined) {
          socket.write(`${awaitingEmptyLine} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n`);
          awaitingEmptyLine = undefined;
          continue;
        }
        const [tag, command = '', ...rest] = line.split(' ');
        switch (command.toUpperCase()) {
          case 'CAPABILITY':
            socket.write(`* CAPABILITY ${capability}\r\n${tag} OK done\r\n`);
            break;
          case 'AUTHENTICATE': {
            const given = Buffer.from(rest[1] ?? '', 'base64').toString('utf8');
            signIns.push(given);
            if (rest[0] === 'XOAUTH2' && given.endsWith(`auth=Bearer ${acceptedToken}\x01\x01`)) socket.write(`${tag} OK [CAPABILITY IMAP4rev1] signed in\r\n`);
            else {
              socket.write(`+ ${Buffer.from('{"status":"401"}').toString('base64')}\r\n`);
              awaitingEmptyLine = tag;
            }
            break;
          }
          case 'SELECT':
          case 'EXAMINE':
            socket.write(`* 0 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 1] ok\r\n* FLAGS (\\Seen)\r\n${tag} OK [READ-WRITE] done\r\n`);
            break;
          case 'UID':
            socket.write(`* SEARCH\r\n${tag} OK done\r\n`);
            break;
          case 'NAMESPACE':
            socket.write(`* NAMESPACE (("" "/")) NIL NIL\r\n${tag} OK done\r\n`);
            break;
          case 'LOGOUT':
            socket.end(`* BYE bye\r\n${tag} OK done\r\n`);
            break;
          default:
            socket.write(`${tag} OK done\r\n`);
        }
      }
    });
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port, signIns };
}

it('signs in to the mailbox with XOAUTH2 and the token of smtp.oauth2, as the mailbox user', async () => {
  const imap = await scriptedImapServer('token-from-the-command-42');
  cleanups.push(async () => void imap.server.close());
  const ws = await mailboxWorkspace();
  cleanups.push(ws.remove);
  const config = await ws.read('snippet.config.yaml');
  await ws.write(
    'snippet.config.yaml',
    `${config}\nsmtp:\n  oauth2:\n    token_command: echo token-from-the-command-42\nmailbox:\n  url: imap://snippet%40example.org@127.0.0.1:${imap.port}/INBOX\n`,
  );
  const result = await mailboxCommand({ dir: ws.dir, dryRun: false, now: new Date(), unsubscribeSecret: undefined, imap: {}, smtp: {}, timeoutMs: 5_000 });
  expect(result.read).toBe(0);
  expect(imap.signIns).toEqual(['user=snippet@example.org\x01auth=Bearer token-from-the-command-42\x01\x01']);
});
