import { describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/mail/unsubscribe-token.js';
import { IpRateLimiter } from '../../src/unsubscribe/ip-rate-limiter.js';
import { routeUnsubscribeRequest } from '../../src/unsubscribe/route-unsubscribe-request.js';

const settings = { secret: 's3cret-s3cret', path: '/snippet/unsubscribe' };
const query = `?e=${encodeURIComponent('jo@example.org')}&t=${unsubscribeToken(settings.secret, 'jo@example.org')}`;
const request = (method: string, body = '', contentType = 'application/x-www-form-urlencoded', url = `/snippet/unsubscribe${query}`) =>
  routeUnsubscribeRequest({ method, url, body, contentType }, settings);

describe('routeUnsubscribeRequest', () => {
  it('never unsubscribes on GET or HEAD', () => {
    expect(request('GET')).toEqual({ kind: 'confirm', email: 'jo@example.org', query });
    expect(request('HEAD').kind).toBe('confirm');
  });

  it('unsubscribes on a one-click POST, urlencoded or multipart, and on the button', () => {
    expect(request('POST', 'List-Unsubscribe=One-Click')).toEqual({ kind: 'unsubscribe', email: 'jo@example.org', via: 'one-click' });
    const multipart = '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n';
    expect(request('POST', multipart, 'multipart/form-data; boundary=b').kind).toBe('unsubscribe');
    expect(request('POST', 'confirm=unsubscribe')).toMatchObject({ kind: 'unsubscribe', via: 'button' });
    expect(request('POST', '')).toEqual({ kind: 'invalid' });
  });

  it('tells a token made for another address or with another secret from a genuine one', () => {
    const other = `?e=${encodeURIComponent('jo@example.org')}&t=${unsubscribeToken(settings.secret, 'someone@example.org')}`;
    expect(request('GET', '', undefined, `/snippet/unsubscribe${other}`)).toEqual({ kind: 'invalid' });
    expect(request('GET', '', undefined, '/snippet/unsubscribe?e=not-an-address&t=x')).toEqual({ kind: 'invalid' });
    expect(request('GET', '', undefined, `/snippet/unsubscribe/${query}`).kind).toBe('confirm');
    expect(request('GET', '', undefined, `/other${query}`)).toEqual({ kind: 'not-found' });
    expect(request('PUT')).toEqual({ kind: 'method-not-allowed' });
  });

  it('accepts the address in any case, as the token is made from its key', () => {
    const upper = `?e=${encodeURIComponent('Jo@Example.org')}&t=${unsubscribeToken(settings.secret, 'jo@example.org')}`;
    expect(request('GET', '', undefined, `/snippet/unsubscribe${upper}`).kind).toBe('confirm');
  });
});

describe('IpRateLimiter', () => {
  it('allows a burst, then refills over time, per client', () => {
    const limiter = new IpRateLimiter(10);
    const at = 1_000_000;
    for (let i = 0; i < 10; i += 1) expect(limiter.take('a', at)).toBe(0);
    expect(limiter.take('a', at)).toBe(6);
    expect(limiter.take('b', at)).toBe(0);
    expect(limiter.take('a', at + 6_000)).toBe(0);
  });

  it('keeps a bounded table of clients', () => {
    const limiter = new IpRateLimiter(10, 10, 3);
    for (let i = 0; i < 100; i += 1) limiter.take(`client-${i}`, 0);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(3);
  });
});
