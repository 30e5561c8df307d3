// Named databases: which exist, which is current, and where they live. Each database is
// opfs://pgmicro-playground-NAME (the Origin Private File System), or idb://… where the
// browser has no OPFS in Workers, or :memory: where it has neither (then nothing persists).
// The list and the current name are kept in localStorage, with each database's editor buffer.
const LIST_KEY = 'pgmicro.playground.databases';
const CURRENT_KEY = 'pgmicro.playground.current';
const BUFFER_KEY = (name) => `pgmicro.playground.buffer.${name}`;

function store() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

// ?storage=idb or ?storage=memory in the page's URL picks a backend (tests, troubleshooting).
export function storageKind() {
  const forced = new URLSearchParams(globalThis.location?.search ?? '').get('storage');
  if (forced === 'opfs' || forced === 'idb' || forced === 'memory') return forced;
  if (typeof navigator === 'object' && navigator.storage?.getDirectory && typeof FileSystemHandle === 'function') return 'opfs';
  if (typeof indexedDB === 'object') return 'idb';
  return 'memory';
}

export const storageName = (name) => `pgmicro-playground-${name}`;

export function listDatabases() {
  let list = [];
  try { list = JSON.parse(store()?.getItem(LIST_KEY) ?? '[]'); } catch { /* corrupt: start over */ }
  if (!Array.isArray(list) || !list.length) list = ['main'];
  return list;
}

function saveList(list) { store()?.setItem(LIST_KEY, JSON.stringify(list)); }

export function currentDatabase() {
  const c = store()?.getItem(CURRENT_KEY);
  const list = listDatabases();
  return c && list.includes(c) ? c : list[0];
}

export function setCurrentDatabase(name) {
  const list = listDatabases();
  if (!list.includes(name)) { list.push(name); saveList(list); }
  store()?.setItem(CURRENT_KEY, name);
}

export function removeDatabase(name) {
  const list = listDatabases().filter((n) => n !== name);
  saveList(list.length ? list : ['main']);
  store()?.removeItem(BUFFER_KEY(name));
}

export function validName(name) {
  return typeof name === 'string' && /^[\w .-]{1,60}$/.test(name) && name.trim() === name && name !== '.' && name !== '..';
}

export function loadBuffer(name) { return store()?.getItem(BUFFER_KEY(name)) ?? null; }
export function saveBuffer(name, text) { try { store()?.setItem(BUFFER_KEY(name), text); } catch { /* quota */ } }
