import { isIP } from 'node:net';

/** Whether a host name or address is this computer: plain SMTP and http are allowed only to it. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) {
    // The URL parser writes every spelling of an address one way: ::1, and ::ffff:7f00:1 for ::ffff:127.0.0.1.
    const canonical = new URL(`http://[${host}]/`).hostname;
    // An IPv4 address mapped into IPv6 (as a dual-stack socket reports a client) is that IPv4 address: 127.0.0.0/8.
    return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/u.test(canonical);
  }
  return false;
}
