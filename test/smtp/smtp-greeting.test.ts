import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpDialogue } from '../../src/smtp/smtp-dialogue.js';
import { SmtpError } from '../../src/smtp/smtp-error.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A TCP server on 127.0.0.1 that does `onSocket` with each connection; `closed` resolves when the client hangs up. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ port: number; closed: Promise<void> }> {
  let hungUp: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (hungUp = resolve));
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('close', () => hungUp());
    onSocket(socket);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as { port: number }).port, closed };
}

function options(port: number, greetingTimeout: number) {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout,
    socketTimeout: 5_000,
    tls: { rejectUnauthorized: true as const, minVersion: 'TLSv1.2' as const },
  };
}

describe('the SMTP greeting', () => {
  it('gives up on a server that never greets, as a timeout (an SmtpError), and hangs up', async () => {
    const silent = await tcpServer(() => undefined);
    const opening = SmtpDialogue.open(options(silent.port, 200));
    await expect(opening).rejects.toBeInstanceOf(SmtpError);
    await expect(opening).rejects.toMatchObject({ code: 'ETIMEDOUT', message: 'Greeting never received' });
    await silent.closed;
  });

  it('says a server that greets with a refusal refused, with its reply, and hangs up', async () => {
    const busy = await tcpServer((socket) => socket.write('554 5.3.2 too busy today\r\n'));
    await expect(SmtpDialogue.open(options(busy.port, 5_000))).rejects.toMatchObject({ code: 'EPROTOCOL', responseCode: 554 });
    await busy.closed;
  });
});
