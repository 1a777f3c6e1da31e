import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../src/output.js';
import { unsubscribeServerCommand } from '../../src/actions/unsubscribe-server-command.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

const SECRET = 'test-secret-for-one-click-unsubscribe';
/** The documented limits: 200 connections, 5 s to send the headers. */
const MAX_CONNECTIONS = 200;
const HEADERS_TIMEOUT_MS = 5_000;

let ws: SampleWorkspace;
let stop: AbortController;
let running: Promise<void>;
let port: number;
const slow: Socket[] = [];

/** The server as `snippet unsubscribe-server` runs it (its real limits), over real HTTP on loopback. */
beforeEach(async () => {
  ws = await sampleWorkspace();
  stop = new AbortController();
  const out: Output = { interactive: false, info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined };
  port = await new Promise<number>((resolve, reject) => {
    running = unsubscribeServerCommand(
      { dir: ws.dir, host: '127.0.0.1', port: 0, trustProxy: false, secret: SECRET, signal: stop.signal, onListening: (server) => resolve(server.port) },
      out,
    );
    running.catch(reject);
  });
});
afterEach(async () => {
  for (const socket of slow.splice(0)) socket.destroy();
  stop.abort();
  await running;
  await ws.remove();
});

/** A client that starts a request and never finishes its headers. */
function openSlowClient(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /unsubscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    // Read what the server sends, so that its closing the connection is seen here.
    socket.resume();
    slow.push(socket);
  });
}

/** A client from `localAddress` that sends a POST's headers, then its body never (Content-Length 100). */
function openSlowBody(localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => {
      socket.write('POST /unsubscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nList-Unsub');
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    socket.resume();
    slow.push(socket);
  });
}

/**
 * True once all but `open` of the slow connections have closed, each seen by its own 'close' event; false
 * if that has not happened within `ms` (a bound, not a poll).
 */
function openAtMost(open: number, ms: number): Promise<boolean> {
  const needed = slow.length - open;
  return new Promise((resolve) => {
    let closed = 0;
    const timer = setTimeout(() => resolve(false), ms);
    const seen = (): void => {
      closed += 1;
      if (closed === needed) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    if (needed <= 0) {
      clearTimeout(timer);
      resolve(true);
      return;
    }
    for (const socket of slow) {
      if (socket.closed) seen();
      else socket.once('close', seen);
    }
  });
}

describe('unsubscribe-server under slow clients', () => {
  it('keeps answering real requests while 300 slow-header connections are capped and then dropped (regression: they shut it out for ~30 s per wave)', async () => {
    const count = MAX_CONNECTIONS + 100;
    for (let i = 0; i < count; i += 1) await openSlowClient().catch(() => undefined);
    // Each connection past the cap pushed out the oldest slow one.
    expect(await openAtMost(MAX_CONNECTIONS, 2_000)).toBe(true);

    const started = Date.now();
    const answer = await fetch(`http://127.0.0.1:${port}/elsewhere`, { signal: AbortSignal.timeout(3_000) });
    expect(answer.status).toBe(404);
    expect(Date.now() - started).toBeLessThan(3_000);

    // The rest are dropped once they overrun the header timeout, not a 30-second check later.
    expect(await openAtMost(0, HEADERS_TIMEOUT_MS + 3_000)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`, { signal: AbortSignal.timeout(3_000) })).status).toBe(404);
  }, 20_000);

  it('keeps answering while 22 addresses hold 10 slow-body POSTs each (regression: busy connections were never dropped, so every new one was refused)', async () => {
    for (let host = 2; host < 24; host += 1) {
      for (let i = 0; i < 10; i += 1) await openSlowBody(`127.0.0.${host}`).catch(() => undefined);
    }
    // Give the server a moment to see the headers of them all.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = await fetch(`http://127.0.0.1:${port}/elsewhere`, { signal: AbortSignal.timeout(3_000) });
    expect(answer.status).toBe(404);
    // Bodies that never come are dropped within a few seconds, not the 10 s a whole request may take.
    expect(await openAtMost(0, 4_000)).toBe(true);
  }, 20_000);
});
