// The playground page: wires the editor, the engine Worker, results, schema panel, databases,
// examples, share links and themes together. The editor is usable at once; the engine (the
// Worker and pgmicro.wasm) loads in the background and a run waits for it.
import './style.css';
import { createEditor } from './editor.js';
import { EngineClient } from './engine-client.js';
import { splitStatements, positionToOffset } from './split.js';
import { renderResult, renderMeta, renderCanceled, renderError } from './results.js';
import { renderSchema } from './schema-panel.js';
import { EXAMPLES } from './examples.js';
import { shareUrl, decodeShare } from './share.js';
import {
  storageKind, storageName, listDatabases, currentDatabase, setCurrentDatabase, removeDatabase,
  validName, loadBuffer, saveBuffer,
} from './databases.js';

// The engine starts loading first, in its Worker, while the editor is set up.
const engine = new EngineClient();
engine.warm();

const $ = (id) => document.getElementById(id);
const ui = {
  run: $('run'), cancel: $('cancel'), examples: $('examples'), db: $('db'), newDb: $('new-db'),
  resetDb: $('reset-db'), deleteDb: $('delete-db'), exportDb: $('export-db'), importDb: $('import-db'),
  importFile: $('import-file'), share: $('share'), theme: $('theme'), status: $('status'),
  results: $('results'), schema: $('schema'), storage: $('storage'),
};

// ---- theme
const THEME_KEY = 'pgmicro.playground.theme';
function preferredDark() {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved) return saved === 'dark';
  return matchMedia('(prefers-color-scheme: dark)').matches;
}
let dark = preferredDark();
function applyTheme() {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  ui.theme.setAttribute('aria-pressed', String(dark));
  ui.theme.textContent = dark ? 'Light theme' : 'Dark theme';
}
applyTheme();

// ---- editor
let dbName = currentDatabase();
let saveTimer = 0;
const editor = createEditor($('editor'), {
  doc: loadBuffer(dbName) ?? EXAMPLES[0].sql,
  dark,
  onRun: () => run(),
  onChange: (text) => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveBuffer(dbName, text), 300);
  },
});
ui.theme.addEventListener('click', () => {
  dark = !dark;
  localStorage.setItem(THEME_KEY, dark ? 'dark' : 'light');
  applyTheme();
  editor.setDark(dark);
});

function status(text, kind = '') {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

// ---- engine
let kind = storageKind();
let engineReady = null;
let expanded = false;

async function openDatabase(name, data) {
  document.body.dataset.engine = 'loading';
  expanded = false;
  status(`Opening ${name}…`);
  const tryOpen = async (k) => {
    await engine.open(storageName(name), k, data);
    return k;
  };
  engineReady = (async () => {
    const t0 = performance.now();
    try {
      kind = await tryOpen(kind);
    } catch (e) {
      if (kind === 'opfs') {
        console.warn('OPFS unavailable, using IndexedDB:', e);
        kind = await tryOpen('idb').catch(() => tryOpen('memory'));
      } else if (kind === 'idb') {
        kind = await tryOpen('memory');
      } else throw e;
    }
    ui.storage.textContent = kind === 'memory' ? `${name} (in memory: not kept)` : `${kind}://${name}`;
    document.body.dataset.engine = 'ready';
    status(`Ready (${Math.round(performance.now() - t0)} ms) — ${kind === 'memory' ? 'in memory' : kind.toUpperCase()}`);
    await refreshSchema();
  })();
  engineReady.catch((e) => {
    document.body.dataset.engine = 'failed';
    status(`The engine failed to start: ${e.message}`, 'error');
  });
  return engineReady;
}

engine.onRestart = () => { expanded = false; refreshSchema(); };  // a new Worker has a new shell (\x off)

async function refreshSchema() {
  try {
    const schema = await engine.schema();
    renderSchema(ui.schema, schema, { onTable: (q) => editor.insert(`${q}\n`) });
    editor.setSchema(schema);
  } catch (e) {
    console.warn('schema refresh failed', e);
  }
}

// ---- running
let running = false;
function setRunning(on) {
  running = on;
  document.body.dataset.running = on ? '1' : '';
  ui.run.disabled = on;
  ui.cancel.disabled = !on;
}

async function run() {
  if (running) return;
  const { text, offset } = editor.runText();
  const pieces = splitStatements(text).map((p) => ({ ...p, from: p.from + offset, to: p.to + offset }));
  editor.clearMarks();
  ui.results.replaceChildren();
  if (!pieces.length) { status('Nothing to run'); return; }
  setRunning(true);
  const t0 = performance.now();
  let count = 0;
  let failed = false;
  let txStatus = 'I';
  try {
    if (document.body.dataset.engine !== 'ready') status('Waiting for the engine…');
    await engineReady;
    status('Running…');
    for (const p of pieces) {
      if (p.kind === 'meta') {
        const r = await engine.meta(p.text);
        for (const [, t] of r.chunks) {
          const m = /Expanded display is (on|off)/.exec(t);
          if (m) expanded = m[1] === 'on';
        }
        ui.results.append(renderMeta(p, r.chunks, r.ms));
        count++;
        continue;
      }
      let r;
      try {
        r = await engine.run(p.text);
      } catch (e) {
        if (e.code === '57014') ui.results.append(renderCanceled(p, 'restarted'));
        else ui.results.append(renderError({ message: e.message }));
        failed = true;
        break;
      }
      count++;
      txStatus = r.status;
      for (const out of r.results) ui.results.append(renderResult(p, out, r.ms, { expanded }));
      const err = r.results.find((x) => x.error)?.error;
      if (err) {
        failed = true;
        if (err.position) editor.markError(positionToOffset(p, err.position), err.message);
        break;
      }
    }
  } catch (e) {
    failed = true;
    ui.results.append(renderError({ message: e.message }));
  } finally {
    setRunning(false);
  }
  const ms = Math.round(performance.now() - t0);
  const tx = txStatus === 'T' ? ' — a transaction block is open (COMMIT or ROLLBACK ends it)'
    : txStatus === 'E' ? ' — the transaction failed: ROLLBACK to continue' : '';
  status(`${count} of ${pieces.length} statement${pieces.length === 1 ? '' : 's'} run in ${ms} ms${failed ? ' — stopped at an error' : ''}${tx}`, failed ? 'error' : 'ok');
  // Show the error, else the last result (the one a script usually builds up to).
  (ui.results.querySelector('.failed') ?? ui.results.lastElementChild)?.scrollIntoView({ block: 'nearest' });
  await refreshSchema();
}

ui.run.addEventListener('click', () => run());
ui.cancel.addEventListener('click', async () => {
  const how = await engine.cancel();
  if (how) status(how === 'interrupted' ? 'Canceled' : 'Canceled — the engine was restarted', 'error');
});

// ---- examples
for (const ex of EXAMPLES) {
  const o = document.createElement('option');
  o.value = ex.id;
  o.textContent = ex.title;
  ui.examples.append(o);
}
ui.examples.addEventListener('change', () => {
  const ex = EXAMPLES.find((e) => e.id === ui.examples.value);
  ui.examples.value = '';
  if (!ex) return;
  editor.setDoc(ex.sql);
  editor.focus();
});

// ---- databases
function fillDatabases() {
  ui.db.replaceChildren();
  for (const n of listDatabases()) {
    const o = document.createElement('option');
    o.value = n;
    o.textContent = n;
    ui.db.append(o);
  }
  ui.db.value = dbName;
}

async function switchTo(name, data) {
  saveBuffer(dbName, editor.getDoc());
  dbName = name;
  setCurrentDatabase(name);
  fillDatabases();
  const buffer = loadBuffer(name);
  if (buffer !== null) editor.setDoc(buffer);
  ui.results.replaceChildren();
  await openDatabase(name, data);
}

ui.db.addEventListener('change', () => switchTo(ui.db.value));
ui.newDb.addEventListener('click', async () => {
  const name = prompt('Name of the new database (letters, digits, space, . _ -):', `db${listDatabases().length + 1}`);
  if (name === null) return;
  if (!validName(name) || listDatabases().includes(name)) { status(`Cannot create "${name}": invalid or taken name`, 'error'); return; }
  await switchTo(name, new Uint8Array(0));
});
ui.resetDb.addEventListener('click', async () => {
  if (!confirm(`Empty the database "${dbName}"? Its tables and data are deleted.`)) return;
  await openDatabase(dbName, new Uint8Array(0));
  ui.results.replaceChildren();
  status(`"${dbName}" is empty`);
});
ui.deleteDb.addEventListener('click', async () => {
  if (!confirm(`Delete the database "${dbName}"?`)) return;
  await openDatabase(dbName, new Uint8Array(0));
  const gone = dbName;
  removeDatabase(gone);
  dbName = listDatabases()[0];
  await switchTo(dbName);
  status(`Deleted "${gone}"`);
});

// Export: the database as a SQLite file (opens in sqlite3).
ui.exportDb.addEventListener('click', async () => {
  await engineReady;
  const bytes = await engine.export();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.sqlite3' }));
  a.download = `${dbName}.db`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  status(`Exported ${dbName}.db (${bytes.length.toLocaleString('en-US')} bytes)`);
});

// Import (button or drag and drop): a SQLite file becomes a new database named after it.
async function importFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const magic = new TextDecoder().decode(bytes.subarray(0, 15));
  if (magic !== 'SQLite format 3') { status(`${file.name} is not a SQLite database file`, 'error'); return; }
  let base = file.name.replace(/\.(db|sqlite3?)$/i, '').replace(/[^\w .-]/g, '_').slice(0, 50) || 'imported';
  let name = base;
  for (let i = 2; listDatabases().includes(name); i++) name = `${base}-${i}`;
  await switchTo(name, bytes);
  status(`Imported ${file.name} as "${name}"`);
}
ui.importDb.addEventListener('click', () => ui.importFile.click());
ui.importFile.addEventListener('change', () => {
  const f = ui.importFile.files[0];
  ui.importFile.value = '';
  if (f) importFile(f);
});
document.addEventListener('dragover', (ev) => {
  if ([...(ev.dataTransfer?.types ?? [])].includes('Files')) { ev.preventDefault(); document.body.classList.add('dropping'); }
});
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (ev) => {
  document.body.classList.remove('dropping');
  const f = ev.dataTransfer?.files?.[0];
  if (!f) return;
  ev.preventDefault();
  importFile(f);
});

// ---- share
ui.share.addEventListener('click', async () => {
  const url = await shareUrl(editor.getDoc());
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url);
    status('Link copied: it opens this buffer');
  } catch {
    status('The address bar now holds a link to this buffer');
  }
});

// ---- start
fillDatabases();
// On a phone-sized screen the schema panel starts folded (it sits below the results).
if (matchMedia('(max-width: 760px)').matches) document.querySelector('.side-box').open = false;
(async () => {
  const shared = await decodeShare(location.hash);
  if (shared !== null) editor.setDoc(shared);
})();
openDatabase(dbName);
globalThis.playground = { run, editor, engine, ready: () => engineReady };
