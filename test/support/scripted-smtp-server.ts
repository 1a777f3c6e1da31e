import { createServer, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** What a scripted server says: reply lines (each sent as its own write), or nothing for now. */
export type Say = string | readonly string[] | undefined;

export interface ScriptedSession {
  /** Sends raw text as it is (one write). */
  write(text: string): void;
  /** Ends the session. */
  drop(): void;
  /** Upgrades to TLS with this key and certificate (after `220` to STARTTLS). */
  startTls(): Promise<void>;
  /** Every command line read in this session, in order. */
  readonly commands: string[];
  /** Messages whose data ended (dots unstuffed), in order. */
  readonly messages: string[];
}

export interface Script {
  /** The greeting; `undefined` says nothing (the client waits). Default `220 scripted ESMTP`. */
  greeting?: Say;
  /** EHLO's reply. Default `250-scripted`, `250-PIPELINING`, `250 8BITMIME`. */
  ehlo?: (session: ScriptedSession, secure: boolean) => Say;
  /** A command other than EHLO, QUIT, and the data; default `250 OK` (354 to DATA). */
  command?: (line: string, session: ScriptedSession) => Say;
  /** Each line of a message's data as it arrives (before unstuffing): a hostile server's early replies. */
  dataLine?: (line: string, session: ScriptedSession) => Say;
  /** The reply once a message's data has ended; default `250 queued`. */
  dataEnd?: (message: string, session: ScriptedSession) => Say;
  /** For STARTTLS: the server's key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

/**
 * A hand-scripted SMTP server on 127.0.0.1, raw TCP, for what a well-behaved
 * server (smtp-server) never does: replies out of turn, replies trickled, text
 * injected before a TLS handshake. TEST ONLY.
 */
export async function startScriptedSmtpServer(script: Script): Promise<{
  port: number;
  url: string;
  sessions: ScriptedSession[];
  connections: () => number;
  close(): Promise<void>;
}> {
  const sessions: ScriptedSession[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((plain) => {
    // Each write its own segment: replies out of turn arrive when the script says.
    plain.setNoDelay(true);
    sockets.add(plain);
    plain.on('close', () => sockets.delete(plain));
    plain.on('error', () => undefined);
    let socket: Socket = plain;
    let secure = false;
    let upgraded = false;
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    const session: ScriptedSession = {
      commands: [],
      messages: [],
      write: (text) => {
        if (!socket.destroyed) socket.write(text);
      },
      drop: () => socket.destroy(),
      startTls: () =>
        new Promise((resolve) => {
          plain.removeAllListeners('data');
          upgraded = true;
          const secured = new TLSSocket(plain, { isServer: true, key: script.tls!.key, cert: script.tls!.cert });
          secured.on('error', () => undefined);
          secured.once('secure', () => resolve());
          socket = secured;
          secure = true;
          buffer = '';
          secured.setEncoding('latin1');
          secured.on('data', onData);
        }),
    };
    sessions.push(session);
    const say = (what: Say): void => {
      if (what === undefined) return;
      for (const line of typeof what === 'string' ? [what] : what) session.write(`${line}\r\n`);
    };
    const onLine = (line: string): void => {
      if (inData) {
        if (line === '.') {
          inData = false;
          const message = data.join('\r\n');
          data = [];
          session.messages.push(message);
          say(script.dataEnd ? script.dataEnd(message, session) : '250 queued');
          return;
        }
        if (script.dataLine) say(script.dataLine(line, session));
        data.push(line.startsWith('.') ? line.slice(1) : line);
        return;
      }
      session.commands.push(line);
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') return say(script.ehlo ? script.ehlo(session, secure) : ['250-scripted', '250-PIPELINING', '250 8BITMIME']);
      if (verb === 'QUIT') {
        say('221 bye');
        socket.end();
        return;
      }
      const reply = script.command ? script.command(line, session) : verb === 'DATA' ? '354 go ahead' : '250 OK';
      if (verb === 'DATA' && (typeof reply === 'string' ? reply : reply?.[0])?.startsWith('354')) inData = true;
      say(reply);
    };
    function onData(chunk: string): void {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onLine(line);
        // STARTTLS: what follows is the handshake, read by the TLS socket.
        if (upgraded) {
          upgraded = false;
          return;
        }
      }
    }
    plain.setEncoding('latin1');
    plain.on('data', onData);
    say(script.greeting === undefined && !('greeting' in script) ? '220 scripted ESMTP' : script.greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    sessions,
    connections: () => sessions.length,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
