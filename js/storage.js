// Where a database lives, decided from connect()'s path; opens the binding Database
// (wasm/binding.cpp) for it. Used on the calling thread (index.js) and in the Worker
// (worker-thread.js):
//   ':memory:'            in memory; options.data (bytes of a SQLite file) is its initial content
//   anything else         a file on disk through the "pgmicro-node" VFS (Node, Deno, Bun)
// ('opfs://NAME' and 'idb://NAME', the browser backends, are opened by shared-db.js.)
import { nodeFileVfsHost } from './node-file-vfs.js';

const nodeVfs = new WeakMap();  // Module → Promise<VFS name>

function registerNodeVfs(Module) {
  let p = nodeVfs.get(Module);
  if (!p) {
    p = nodeFileVfsHost().then((host) => Module.registerHostFileVfs('pgmicro-node', host));
    nodeVfs.set(Module, p);
  }
  return p;
}

function hasNodeFs() {
  return typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
    (process.versions.node !== undefined || process.versions.bun !== undefined);
}

// → a binding Database. data: a Uint8Array/ArrayBuffer holding a SQLite database file.
export async function openNative(Module, path, data) {
  if (typeof path !== 'string' || path === '') throw new TypeError('pg-micro: the database path must be a non-empty string');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new Error(`pg-micro: ${JSON.stringify(path)}: unknown storage backend ` +
      '(":memory:", file paths in Node, Deno and Bun, "opfs://NAME" and "idb://NAME" in browsers)');
  }
  if (path === ':memory:') {
    const native = new Module.Database(':memory:');
    if (data !== undefined && data !== null) {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      if (!ArrayBuffer.isView(bytes)) { native.close(); native.delete(); throw new TypeError('pg-micro: options.data must be a Uint8Array'); }
      try {
        const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        native.inputBuffer(view.length).set(view);
        native.loadImage(view.length);
      } catch (e) {
        native.close(); native.delete();
        throw e;
      }
    }
    return native;
  }
  if (data !== undefined && data !== null) throw new Error('pg-micro: options.data is for ":memory:" databases only');
  if (!hasNodeFs()) {
    throw new Error(`pg-micro: ${JSON.stringify(path)}: file databases need a file system (Node, Deno, Bun); ` +
      'in browsers use ":memory:", "opfs://NAME" or "idb://NAME"');
  }
  return new Module.Database(path, await registerNodeVfs(Module));
}
