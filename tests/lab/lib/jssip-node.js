// JsSIP for Node, built at run time with esbuild into build/lab/: the package itself plus the
// injected stand-ins of jssip-node-env.js for the browser globals it uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const BUILD_DIR = path.resolve(HERE, '..', '..', '..', 'build', 'lab');
let cached = null;

/** Loads (building once per content hash) the Node bundle of JsSIP; resolves with the JsSIP module. */
export async function loadJsSIP() {
  if (cached) return cached;
  const entry = require.resolve('jssip');
  const env = path.join(HERE, 'jssip-node-env.js');
  const { version } = require('jssip/package.json');
  const hash = crypto.createHash('sha256');
  for (const file of [env, path.join(HERE, 'static-sdp.js')]) hash.update(fs.readFileSync(file));
  hash.update(version);
  const outfile = path.join(BUILD_DIR, `jssip-node-${version}-${hash.digest('hex').slice(0, 12)}.cjs`);
  if (!fs.existsSync(outfile)) {
    const esbuild = await import('esbuild');
    const tmp = `${outfile}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      inject: [env], outfile: tmp, logLevel: 'error',
    });
    fs.renameSync(tmp, outfile); // atomic: test files running in parallel never see half a bundle
  }
  cached = require(outfile);
  return cached;
}
