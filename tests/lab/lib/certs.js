// A self-signed certificate for 127.0.0.1 / localhost, made with openssl at run time (never committed).
import fs from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './processes.js';

/** Writes key.pem and cert.pem into dir and returns their paths and the certificate text. */
export async function selfSignedCertificate(dir, { commonName = '127.0.0.1', days = 2 } = {}) {
  await fs.mkdir(dir, { recursive: true });
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  await runCommand('openssl', [
    'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', keyFile, '-out', certFile, '-days', String(days), '-subj', `/CN=${commonName}`,
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  const [cert, key] = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]);
  return { keyFile, certFile, cert, key };
}
