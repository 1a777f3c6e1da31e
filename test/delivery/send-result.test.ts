import { describe, expect, it } from 'vitest';
import { isConnectFailure, TransportBug, type Channel, type ConnectFailure } from '../../src/delivery/send-result.js';

describe('isConnectFailure', () => {
  it('tells why no connection could be had from a connection ready for a message', () => {
    const channel: Channel = {
      send: () => Promise.resolve({ status: 'delivered', response: '250 OK' }),
      ahead: () => undefined,
      release: () => undefined,
    };
    const failure: ConnectFailure = { status: 'deferred', reason: 'could not connect to smtp.example.org:587', connectionFailure: true };
    expect(isConnectFailure(channel)).toBe(false);
    expect(isConnectFailure(failure)).toBe(true);
  });
});

describe('TransportBug', () => {
  it('carries the bug it wraps, reads as its message, and says whether data may have gone', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'write')");
    const wrapped = new TransportBug(bug, true);
    expect(wrapped).toBeInstanceOf(Error);
    expect(wrapped.name).toBe('TransportBug');
    expect(wrapped.message).toBe("Cannot read properties of undefined (reading 'write')");
    expect(wrapped.bug).toBe(bug);
    expect(wrapped.cause).toBe(bug);
    expect(wrapped.dataMayHaveGone).toBe(true);
    expect(new TransportBug(bug, false).dataMayHaveGone).toBe(false);
  });

  it('reads as the text of a thrown value that is no Error', () => {
    const wrapped = new TransportBug('socket was already ended', false);
    expect(wrapped.message).toBe('socket was already ended');
    expect(wrapped.bug).toBe('socket was already ended');
    expect(new TransportBug(undefined, false).message).toBe('undefined');
  });
});
