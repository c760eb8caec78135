// Throw-away self-signed certificates, made with openssl at run time (never committed): for the lab's
// https page and Kamailio's wss://, the console emulator's Salesforce-like host names, the page test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A certificate for the given names and addresses: { key, cert } as PEM text. */
export function selfSignedCertificate({ hostNames = ['localhost'], ips = ['127.0.0.1'], days = 2 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const names = [...ips.map((ip) => `IP:${ip}`), ...hostNames.map((h) => `DNS:${h}`)];
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-keyout', key, '-out', cert, '-days', String(days), '-subj', `/CN=${ips[0] ?? hostNames[0]}`,
        '-addext', `subjectAltName=${names.join(',')}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same, written as key.pem and cert.pem into dir (for servers that read files, like Kamailio). */
export function writeSelfSignedCertificate(dir, options) {
  const { key, cert } = selfSignedCertificate(options);
  fs.mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  fs.writeFileSync(keyFile, key, { mode: 0o600 });
  fs.writeFileSync(certFile, cert);
  return { keyFile, certFile, cert, key };
}
