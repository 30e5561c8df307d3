// The JS half of the binding's bulk format (wasm/binding.cpp describes the bytes): the SQL
// and its parameters are written into the module's input buffer in one go, and the result
// batch is decoded from a view of linear memory in one pass. Values stay in PostgreSQL's
// text format here; index.js maps them to JS types.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NULL_LENGTH = 0xffffffff;

// Decodes len UTF-8 bytes at off; short ASCII strings avoid a TextDecoder call.
function utf8(u8, off, len) {
  if (len < 24) {
    let s = '';
    for (let i = off, end = off + len; i < end; i++) {
      const c = u8[i];
      if (c > 127) return decoder.decode(u8.subarray(off, off + len));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(u8.subarray(off, off + len));
}

// Runs sql with params (string | null each, PostgreSQL text format) on a binding Database.
// Returns [{ columns: [{name, typeOid, typmod, tableOid, columnNumber}], rows: [[string|null]],
//            returnsRows, command,
//            notices: [{severity, code, message, detail, hint}],
//            error: {code, message, detail, hint, position} | null }]
// dialect: undefined (the session's SET pgmicro.dialect), 'postgres' or 'sqlite'.
export function execute(db, sql, params = [], dialect) {
  return decode(executeRaw(db, sql, params, dialect));
}

const DIALECTS = { postgres: 1, sqlite: 2 };

export function dialectCode(dialect) {
  if (dialect === undefined || dialect === null) return 0;
  const code = DIALECTS[dialect];
  if (code === undefined) throw new TypeError(`pg-micro: dialect must be 'postgres' or 'sqlite', not ${JSON.stringify(dialect)}`);
  return code;
}

// The same, returning the undecoded result batch: a view of linear memory, valid until the
// next call on db (the worker copies it out and transfers it to the calling thread).
export function executeRaw(db, sql, params = [], dialect) {
  const code = dialectCode(dialect);
  return db.execute(writeInput(db, sql, params), params.length, code);
}

// The extended query protocol: execute() with the Parse message's declared parameter type OIDs
// (0 = unspecified, inferred from the statement), in the session's dialect. Bind's text values
// are read as those types. Same result as execute().
export function executeWithTypes(db, sql, params = [], paramTypes = []) {
  return decode(executeWithTypesRaw(db, sql, params, paramTypes));
}

export function executeWithTypesRaw(db, sql, params = [], paramTypes = []) {
  return db.executeWithTypes(writeInput(db, sql, params, paramTypes), params.length, paramTypes.length);
}

// Parse + Describe (statement) of one statement without running it (Session::describe):
// { paramTypes: [oid] (ParameterDescription), returnsRows (false: NoData),
//   columns: [{name, typeOid, typmod, tableOid, columnNumber}] (RowDescription),
//   error: {code, message, detail, hint, position} | null (the Parse error) }.
// paramTypes: the Parse message's declared type OIDs (0 = unspecified).
export function describe(db, sql, paramTypes = []) {
  return decodeDescription(db.describe(writeInput(db, sql, [], paramTypes), paramTypes.length));
}

// Writes sql, params and declared type OIDs into db's input buffer; returns the byte count.
function writeInput(db, sql, params, paramTypes = []) {
  // Upper bound of the UTF-8 size: 3 bytes per UTF-16 unit.
  let size = 4 + sql.length * 3 + 4 * paramTypes.length;
  for (const p of params) size += 4 + (p == null ? 0 : p.length * 3);
  let buf = db.inputBuffer(size);
  let pos = 0;
  const put = (s) => {
    const { written } = encoder.encodeInto(s, buf.subarray(pos + 4));
    writeU32(buf, pos, written);
    pos += 4 + written;
  };
  put(sql);
  for (const p of params) {
    if (p == null) { writeU32(buf, pos, NULL_LENGTH); pos += 4; } else put(p);
  }
  for (const t of paramTypes) { writeU32(buf, pos, t >>> 0); pos += 4; }
  return pos;
}

function writeU32(u8, off, v) {
  u8[off] = v & 255; u8[off + 1] = (v >>> 8) & 255; u8[off + 2] = (v >>> 16) & 255; u8[off + 3] = v >>> 24;
}

// Walks a result batch once. readRows(u8, pos, ncols, nrows) reads the row section starting at
// pos and returns [rows, pos after it]; everything else (tags, columns, notices, errors) is
// decoded here. decode() reads rows eagerly, scanBatch() records where each row starts.
function walkBatch(u8, readRows) {
  let pos = 0;
  const u32 = () => {
    const v = (u8[pos] | (u8[pos + 1] << 8) | (u8[pos + 2] << 16) | (u8[pos + 3] << 24)) >>> 0;
    pos += 4;
    return v;
  };
  const str = () => {
    const n = u32();
    const s = utf8(u8, pos, n);
    pos += n;
    return s;
  };
  const opt = () => str() || undefined;
  if (u32() !== 0x424d4750) throw new Error('pgmicro: bad result batch');
  const count = u32();
  const results = new Array(count);
  for (let s = 0; s < count; s++) {
    const flags = u8[pos++];
    const command = str();
    const ncols = u32();
    const columns = new Array(ncols);
    for (let c = 0; c < ncols; c++) {
      columns[c] = { name: str(), typeOid: u32(), typmod: u32() | 0, tableOid: u32(), columnNumber: u32() };
    }
    const nrows = u32();
    const [rows, after] = readRows(u8, pos, ncols, nrows);
    pos = after;
    const nnotices = u32();
    const notices = new Array(nnotices);
    for (let i = 0; i < nnotices; i++) {
      notices[i] = { severity: str(), code: str(), message: str(), detail: opt(), hint: opt() };
    }
    let error = null;
    if (flags & 2) {
      error = { code: str(), message: str(), detail: opt(), hint: opt(), position: u32() || undefined };
    }
    results[s] = { columns, rows, returnsRows: (flags & 1) !== 0, command, notices, error };
  }
  return results;
}

// A description (wasm/binding.cpp: 'PGMD' ...) as describe() returns it.
export function decodeDescription(u8) {
  let pos = 0;
  const u32 = () => {
    const v = (u8[pos] | (u8[pos + 1] << 8) | (u8[pos + 2] << 16) | (u8[pos + 3] << 24)) >>> 0;
    pos += 4;
    return v;
  };
  const str = () => {
    const n = u32();
    const s = utf8(u8, pos, n);
    pos += n;
    return s;
  };
  const opt = () => str() || undefined;
  if (u32() !== 0x444d4750) throw new Error('pgmicro: bad description');
  const flags = u8[pos++];
  const paramTypes = new Array(u32());
  for (let i = 0; i < paramTypes.length; i++) paramTypes[i] = u32();
  const columns = new Array(u32());
  for (let c = 0; c < columns.length; c++) {
    columns[c] = { name: str(), typeOid: u32(), typmod: u32() | 0, tableOid: u32(), columnNumber: u32() };
  }
  let error = null;
  if (flags & 2) error = { code: str(), message: str(), detail: opt(), hint: opt(), position: u32() || undefined };
  return { paramTypes, returnsRows: (flags & 1) !== 0, columns, error };
}

const readU32 = (u8, pos) => (u8[pos] | (u8[pos + 1] << 8) | (u8[pos + 2] << 16) | (u8[pos + 3] << 24)) >>> 0;

// One row's values (string | null each) at pos; returns the position after it.
function readRow(u8, pos, row) {
  for (let c = 0; c < row.length; c++) {
    const n = readU32(u8, pos);
    pos += 4;
    if (n === NULL_LENGTH) { row[c] = null; continue; }
    row[c] = utf8(u8, pos, n);
    pos += n;
  }
  return pos;
}

function readRowsEagerly(u8, pos, ncols, nrows) {
  const rows = new Array(nrows);
  for (let r = 0; r < nrows; r++) {
    const row = new Array(ncols);
    pos = readRow(u8, pos, row);
    rows[r] = row;
  }
  return [rows, pos];
}

function recordRowOffsets(u8, pos, ncols, nrows) {
  const offsets = new Uint32Array(nrows);
  for (let r = 0; r < nrows; r++) {
    offsets[r] = pos;
    for (let c = 0; c < ncols; c++) {
      const n = readU32(u8, pos);
      pos += 4;
      if (n !== NULL_LENGTH) pos += n;
    }
  }
  return [offsets, pos];
}

// Every result with its rows as arrays of strings (see execute above).
export function decode(u8) {
  return walkBatch(u8, readRowsEagerly);
}

// The lazy form (the playground pages through large results): result.rows is a Uint32Array of
// row offsets; rowAt(u8, result, i) decodes row i.
export function scanBatch(u8) {
  return walkBatch(u8, recordRowOffsets);
}

export function rowAt(u8, result, i) {
  const row = new Array(result.columns.length);
  readRow(u8, result.rows[i], row);
  return row;
}

// A result batch of one failed statement (SQLSTATE code, message, detail?): what a storage
// backend reports when a commit the engine made cannot be made durable (js/shared-db.js).
export function errorBatch(code, message, detail = '') {
  const parts = [code, message, detail, ''].map((s) => encoder.encode(s));
  const tag = encoder.encode('');
  const size = 8 + 1 + 4 + tag.length + 4 + 4 + 4 + parts.reduce((n, p) => n + 4 + p.length, 0) + 4;
  const u8 = new Uint8Array(size);
  let pos = 0;
  const u32 = (v) => { writeU32(u8, pos, v); pos += 4; };
  const str = (b) => { u32(b.length); u8.set(b, pos); pos += b.length; };
  u32(0x424d4750); u32(1);
  u8[pos++] = 2;
  str(tag); u32(0); u32(0); u32(0);
  for (const p of parts) str(p);
  u32(0);
  return u8;
}
