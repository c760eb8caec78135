// Loads the Switchboard core (WebAssembly, or its wasm2js twin where a page's CSP refuses
// WebAssembly) and wraps its few string-in/string-out functions.

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

// A minimal valid module: compiling it tells whether this page may run WebAssembly at all
// (a CSP without 'wasm-unsafe-eval' makes compilation throw).
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export function webAssemblyAllowed() {
  if (typeof WebAssembly !== 'object') return false;
  try {
    new WebAssembly.Module(EMPTY_MODULE);
    return true;
  } catch {
    return false;
  }
}

function loadScript(url, globalName) {
  return new Promise((resolve, reject) => {
    if (globalThis[globalName]) return resolve(globalThis[globalName]);
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    const nonce = document.currentScript?.nonce || document.querySelector('script[nonce]')?.nonce;
    if (nonce) script.nonce = nonce;
    script.onload = () =>
      globalThis[globalName] ? resolve(globalThis[globalName]) : reject(new Error(`${url} did not define ${globalName}`));
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(script);
  });
}

async function loadInNode({ moduleDir, kind }) {
  const [{ createRequire }, fs, path, url] = await Promise.all([
    import('node:module'),
    import('node:fs'),
    import('node:path'),
    import('node:url'),
  ]);
  const here = path.dirname(url.fileURLToPath(import.meta.url));
  const dir = moduleDir || process.env.SWITCHBOARD_MODULE_DIR || path.resolve(here, '../../build/wasm/module');
  const require = createRequire(import.meta.url);
  if (kind === 'wasm2js') {
    const factory = require(path.join(dir, 'switchboard.wasm2js.js'));
    return { module: await factory({}), kind };
  }
  const factory = require(path.join(dir, 'switchboard.js'));
  const wasmBinary = fs.readFileSync(path.join(dir, 'switchboard.wasm'));
  return { module: await factory({ wasmBinary }), kind: 'wasm' };
}

async function loadInBrowser({ baseUrl, kind }) {
  const base = (baseUrl || '.').replace(/\/$/, '');
  const want = kind || (webAssemblyAllowed() ? 'wasm' : 'wasm2js');
  if (want === 'wasm') {
    try {
      const factory = await loadScript(`${base}/switchboard.js`, 'SwitchboardCore');
      const module = await factory({ locateFile: (file) => `${base}/${file}` });
      return { module, kind: 'wasm' };
    } catch (err) {
      if (kind === 'wasm') throw err;
      // Fall through: the same core as plain JavaScript.
    }
  }
  const factory = await loadScript(`${base}/switchboard.wasm2js.js`, 'SwitchboardCoreJs');
  return { module: await factory({}), kind: 'wasm2js' };
}

export class Engine {
  constructor(core, id) {
    this.core = core;
    this.id = id;
  }
  handle(event) {
    return JSON.parse(this.core.module.handle(this.id, JSON.stringify(event)));
  }
  handleBatch(events) {
    return JSON.parse(this.core.module.handleBatch(this.id, JSON.stringify(events)));
  }
  view() {
    return JSON.parse(this.core.module.view(this.id));
  }
  destroy() {
    this.core.module.destroyEngine(this.id);
  }
}

export class Core {
  constructor(module, kind) {
    this.module = module;
    this.kind = kind;
    this.protocol = JSON.parse(module.protocolInfo());
    this.version = module.version();
  }
  createEngine() {
    return new Engine(this, this.module.createEngine());
  }
  heapBytes() {
    return this.module.heapBytes();
  }
}

// options: {kind: 'wasm'|'wasm2js' (default: wasm where allowed), moduleDir (Node), baseUrl (browser)}
export async function loadCore(options = {}) {
  const { module, kind } = isNode ? await loadInNode(options) : await loadInBrowser(options);
  return new Core(module, kind);
}
