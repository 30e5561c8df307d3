// Loading the WASM module: one instance per wasmModule / wasmBinary / wasmUrl (or the
// default, pgmicro.wasm next to this file) serves every database opened with it. Used by
// index.js on the calling thread and by worker-thread.js inside the pg-micro/worker Worker.
import createPgmicro from './pgmicro.mjs';

const fsModule = 'node:fs/promises';  // not a literal import: bundlers must not follow it
let defaultModule = null;
const modules = new WeakMap();  // wasmModule / wasmBinary → Promise<Module>
const urlModules = new Map();   // wasmUrl string → Promise<Module>

async function instantiateFrom(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(source, imports), module: source };
  }
  // Bytes before Response: touching the Response global makes Node 20 load undici (~20 ms).
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
    return WebAssembly.instantiate(source, imports);
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`pg-micro: cannot load ${source.url}: HTTP ${source.status}`);
    if (WebAssembly.instantiateStreaming) {
      try {
        return await WebAssembly.instantiateStreaming(source.clone(), imports);
      } catch {
        // wrong MIME type and the like: fall back to the bytes
      }
    }
    return WebAssembly.instantiate(await source.arrayBuffer(), imports);
  }
  return WebAssembly.instantiate(source, imports);
}

async function wasmSource(options) {
  if (options.wasmModule) return options.wasmModule;
  if (options.wasmBinary) return options.wasmBinary;
  // The literal new URL('./pgmicro.wasm', import.meta.url) is what bundlers (Vite, webpack,
  // Parcel) recognise and rewrite to the emitted asset's URL.
  const url = options.wasmUrl ? new URL(String(options.wasmUrl), import.meta.url)
                              : new URL('./pgmicro.wasm', import.meta.url);
  if (url.protocol === 'file:') {
    // Node, Deno, Bun: read the bytes (Node's fetch cannot read a file URL).
    const fs = await import(/* @vite-ignore */ fsModule);
    return fs.readFile(url);
  }
  return fetch(url);
}

function instantiate(options) {
  return new Promise((resolve, reject) => {
    createPgmicro({
      locateFile: (p) => p,  // never consulted for the .wasm: instantiateWasm supplies it
      instantiateWasm(imports, receive) {
        wasmSource(options)
          .then((source) => instantiateFrom(source, imports))
          .then(({ instance, module }) => receive(instance, module), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

// options: { wasmModule?, wasmBinary?, wasmUrl? } → Promise<Module> (the Embind exports).
export function loadModule(options = {}) {
  const key = options.wasmModule ?? options.wasmBinary;
  if (key) {
    let p = modules.get(key);
    if (!p) modules.set(key, (p = instantiate(options)));
    return p;
  }
  if (options.wasmUrl) {
    const k = String(options.wasmUrl);
    let p = urlModules.get(k);
    if (!p) urlModules.set(k, (p = instantiate(options).catch((e) => { urlModules.delete(k); throw e; })));
    return p;
  }
  return (defaultModule ??= instantiate(options).catch((e) => { defaultModule = null; throw e; }));
}
