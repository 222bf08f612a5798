// The identity provider's signing key and certificate, made fresh with `openssl` in a
// temporary directory. No private key is ever stored in the repository.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

let cached = null;

/**
 * Resolves to `{ privateKey, cert }` (PEM strings). One pair per process: every stack started
 * in the same process shares it, which keeps test start-up fast.
 */
export function signingKeys() {
  cached ??= generate().catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}

async function generate() {
  const dir = await mkdtemp(join(tmpdir(), 'sim-idp-keys-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '365',
      '-subj',
      '/CN=local-idp',
    ]);
    const [privateKey, cert] = await Promise.all([
      readFile(keyPath, 'utf8'),
      readFile(certPath, 'utf8'),
    ]);
    return { privateKey, cert };
  } catch (err) {
    throw new Error(`could not create the IdP signing key with openssl: ${err.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
