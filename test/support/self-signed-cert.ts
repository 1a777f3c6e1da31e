import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway self-signed certificate for 127.0.0.1, made with openssl at
 * test time (so no private key is kept in the repository). TEST ONLY.
 */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string; certFile: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await promisify(execFile)(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=snippet test server',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { timeout: 30_000 },
  );
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
