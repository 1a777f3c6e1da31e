import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { isConnectFailure, type Channel, type SendResult } from '../../src/delivery/send-result.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

interface Recorded {
  connections: number;
  /** Sessions the server has ended. */
  closed: number;
  /** Every command line the server read, in order. */
  commands: string[];
  /** Message data as the server decoded it (dots unstuffed, the final dot gone). */
  messages: Buffer[];
  /** Data bytes received so far, counted as they arrive. */
  dataBytes: number;
  /** Resolves when the server has answered DATA with 354 (its data stream opened). */
  dataOpened: Promise<void>;
  /** Resolves when the server has seen its first session end (the client's bytes before the end all read). */
  firstClosed: Promise<void>;
}

/** smtp-server on 127.0.0.1, with or without PIPELINING in its EHLO, recording what arrives and when. */
async function server(options: { pipelining: boolean; idleTimeoutMs?: number }): Promise<{ url: string; recorded: Recorded; dropAll: () => void }> {
  let opened: () => void = () => undefined;
  let firstClose: () => void = () => undefined;
  const recorded: Recorded = {
    connections: 0,
    closed: 0,
    commands: [],
    messages: [],
    dataBytes: 0,
    dataOpened: new Promise<void>((resolve) => (opened = resolve)),
    firstClosed: new Promise<void>((resolve) => (firstClose = resolve)),
  };
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    hidePIPELINING: !options.pipelining,
    ...(options.idleTimeoutMs ? { socketTimeout: options.idleTimeoutMs } : {}),
    logger: false,
    onClose() {
      recorded.closed++;
      firstClose();
    },
    onConnect(_session, callback) {
      recorded.connections++;
      callback();
    },
    onMailFrom(address, _session, callback) {
      recorded.commands.push(`MAIL FROM:<${address.address}>`);
      callback();
    },
    onRcptTo(address, _session, callback) {
      recorded.commands.push(`RCPT TO:<${address.address}>`);
      callback();
    },
    onData(stream, _session, callback) {
      recorded.commands.push('DATA');
      opened();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        recorded.dataBytes += chunk.length;
        chunks.push(chunk);
      });
      stream.on('end', () => {
        recorded.messages.push(Buffer.concat(chunks));
        callback(null, 'Queued');
      });
    },
  });
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => smtp.close(() => resolve())));
  const port = (smtp.server.address() as { port: number }).port;
  // smtp-server has no public way to cut a session: its connections, as test/support/smtp-test-server.ts reaches them.
  const dropAll = (): void => {
    for (const connection of (smtp as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy();
  };
  return { url: `smtp://127.0.0.1:${port}`, recorded, dropAll };
}

async function channel(url: string): Promise<Channel> {
  const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }), { connections: 1, clientName: 'snippet.test' });
  cleanups.push(() => mailer.close());
  const opened = await mailer.open();
  if (isConnectFailure(opened)) throw new Error(opened.reason);
  return opened;
}

/** The client's socket of the next session opened in this process, seen through Node's `net.client.socket` diagnostics channel. */
function nextClientSocket(): Promise<Socket> {
  return new Promise((resolve) => {
    const seen = (message: unknown): void => {
      unsubscribe('net.client.socket', seen);
      resolve((message as { socket: Socket }).socket);
    };
    subscribe('net.client.socket', seen);
  });
}

/**
 * An attempt made durable when the test says so, which tells when the client starts waiting for it: the
 * client has then read the replies to its envelope and written all it writes before the data.
 */
function durableOnCue(): { durable: Promise<void>; awaited: Promise<void>; now: () => void; fail: (error: Error) => void } {
  let settle: { now: () => void; fail: (error: Error) => void } = { now: () => undefined, fail: () => undefined };
  const inner = new Promise<void>((resolve, reject) => (settle = { now: resolve, fail: reject }));
  let waiting: () => void = () => undefined;
  const awaited = new Promise<void>((resolve) => (waiting = resolve));
  // A thenable, not a native promise, so that `await durable` calls its then.
  const durable = {
    then(onFulfilled?: () => unknown, onRejected?: (reason: unknown) => unknown) {
      waiting();
      return inner.then(onFulfilled, onRejected);
    },
  } as unknown as Promise<void>;
  return { durable, awaited, now: () => settle.now(), fail: (error) => settle.fail(error) };
}

const b = (text: string): Buffer => Buffer.from(text, 'utf8');
const envelope = { from: 'newsletter@example.org', to: 'member@example.org' };

/** A message whose lines start with dots, inside pieces and where one piece ends a line and the next begins with ".". */
const DOTTED = [
  b('Subject: dots\r\nTo: member@example.org\r\n\r\n'),
  b('.one dot at a line start\r\n..two dots\r\n'),
  b('.a piece starting with a dot\r\n'),
  b('a line ending in a piece '),
  b('.not a line start\r\n'),
  b('.\r\n'),
  b('the end\r\n'),
];

describe('the SMTP client (smtp-server on loopback)', () => {
  it.each([true, false])('delivers a message with lines starting with "." byte for byte (PIPELINING offered: %s)', async (pipelining) => {
    const { url, recorded } = await server({ pipelining });
    const result = await (await channel(url)).send(envelope, DOTTED, Promise.resolve());
    expect(result).toEqual({ status: 'delivered', response: expect.stringMatching(/^250 /u) });
    expect(recorded.messages).toHaveLength(1);
    expect(recorded.messages[0]!.toString('utf8')).toBe(Buffer.concat(DOTTED).toString('utf8'));
    expect(recorded.commands).toEqual(['MAIL FROM:<newsletter@example.org>', 'RCPT TO:<member@example.org>', 'DATA']);
  });

  it.each([true, false])('sends no byte of the data before the attempt is durable, the envelope meanwhile (PIPELINING offered: %s)', async (pipelining) => {
    const { url, recorded } = await server({ pipelining });
    const attempt = durableOnCue();
    const socket = nextClientSocket();
    const sending = (await channel(url)).send(envelope, DOTTED, attempt.durable);
    // The envelope goes ahead: the server reaches DATA while the attempt is not yet durable.
    await recorded.dataOpened;
    await attempt.awaited;
    // Everything the client has written (or queued) so far is its greeting and the envelope, not a byte more.
    const envelopeLines = `EHLO snippet.test\r\nMAIL FROM:<${envelope.from}>\r\nRCPT TO:<${envelope.to}>\r\nDATA\r\n`;
    expect((await socket).bytesWritten).toBe(Buffer.byteLength(envelopeLines));
    expect(recorded.dataBytes).toBe(0);
    attempt.now();
    await expect(sending).resolves.toMatchObject({ status: 'delivered' });
    expect(recorded.messages[0]!.toString('utf8')).toBe(Buffer.concat(DOTTED).toString('utf8'));
  });

  it('sends nothing at all when the attempt cannot be made durable, and says deferred', async () => {
    const { url, recorded } = await server({ pipelining: true });
    const durable = Promise.reject(new Error('ENOSPC'));
    durable.catch(() => undefined);
    const result: SendResult = await (await channel(url)).send(envelope, DOTTED, durable);
    expect(result).toMatchObject({ status: 'deferred' });
    // The server has read all the client sent once it sees the session end.
    await recorded.firstClosed;
    expect(recorded.dataBytes).toBe(0);
    expect(recorded.messages).toHaveLength(0);
  });

  it('reuses the session after a refused recipient (RSET), and sends the next message on it', async () => {
    const { url, recorded } = await server({ pipelining: true });
    const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }), { connections: 1, clientName: 'snippet.test' });
    cleanups.push(() => mailer.close());
    const first = await mailer.open();
    if (isConnectFailure(first)) throw new Error(first.reason);
    const refused = await first.send({ from: envelope.from, to: 'bad address@example.org' }, DOTTED, Promise.resolve());
    expect(refused.status).not.toBe('delivered');
    const second = await mailer.open();
    if (isConnectFailure(second)) throw new Error(second.reason);
    await expect(second.send(envelope, DOTTED, Promise.resolve())).resolves.toMatchObject({ status: 'delivered' });
    expect(recorded.messages).toHaveLength(1);
    expect(recorded.connections).toBe(1);
  });

  it('does not reuse a session the server ended while it was idle (421), and sends the next message over a new one', async () => {
    const { url, recorded } = await server({ pipelining: true, idleTimeoutMs: 300 });
    const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }), { connections: 1, clientName: 'snippet.test' });
    cleanups.push(() => mailer.close());
    const first = await mailer.open();
    if (isConnectFailure(first)) throw new Error(first.reason);
    await expect(first.send(envelope, DOTTED, Promise.resolve())).resolves.toMatchObject({ status: 'delivered' });
    // The server says 421 and closes after 300 ms idle.
    await recorded.firstClosed;
    expect(recorded.closed).toBe(1);
    const second = await mailer.open();
    if (isConnectFailure(second)) throw new Error(second.reason);
    await expect(second.send(envelope, DOTTED, Promise.resolve())).resolves.toMatchObject({ status: 'delivered' });
    expect(recorded.connections).toBe(2);
    expect(recorded.messages).toHaveLength(2);
  });

  it('says deferred, not in doubt, when the connection is lost while the attempt is being made durable (nothing of the data went out)', async () => {
    const { url, recorded, dropAll } = await server({ pipelining: true });
    const attempt = durableOnCue();
    const socket = nextClientSocket();
    const sending = (await channel(url)).send(envelope, DOTTED, attempt.durable);
    await attempt.awaited;
    const clientSawTheEnd = new Promise((resolve) => void socket.then((s) => (s.closed ? resolve(undefined) : s.once('close', resolve))));
    dropAll();
    await recorded.firstClosed;
    expect(recorded.closed).toBe(1);
    await clientSawTheEnd;
    attempt.now();
    await expect(sending).resolves.toMatchObject({ status: 'deferred', connectionFailure: true });
    expect(recorded.dataBytes).toBe(0);
  });
});
