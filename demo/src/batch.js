// Lazy reading of the engine's result batch (the binding's bulk format, decoded eagerly by the
// package's js/wire.js — same layout): scanBatch walks the bytes once, decoding only the small
// parts (command tags, columns, notices, errors) and recording where each row starts; rows are
// decoded when a page shows them (rowAt). A 100 000-row result then costs the page one pass
// over lengths and a typed array of offsets, not 100 000 arrays of strings.
const NULL_LENGTH = 0xffffffff;
const decoder = new TextDecoder();

// → [{ columns: [{name, typeOid, typmod}], rowCount, rowOffsets (Uint32Array), returnsRows,
//      command, notices, error }]
export function scanBatch(u8) {
  let pos = 0;
  const u32 = () => {
    const v = (u8[pos] | (u8[pos + 1] << 8) | (u8[pos + 2] << 16) | (u8[pos + 3] << 24)) >>> 0;
    pos += 4;
    return v;
  };
  const str = () => {
    const n = u32();
    const s = decoder.decode(u8.subarray(pos, pos + n));
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
    for (let c = 0; c < ncols; c++) columns[c] = { name: str(), typeOid: u32(), typmod: u32() | 0 };
    const nrows = u32();
    const rowOffsets = new Uint32Array(nrows);
    for (let r = 0; r < nrows; r++) {
      rowOffsets[r] = pos;
      for (let c = 0; c < ncols; c++) {
        const n = u32();
        if (n !== NULL_LENGTH) pos += n;
      }
    }
    const nnotices = u32();
    const notices = new Array(nnotices);
    for (let i = 0; i < nnotices; i++) {
      notices[i] = { severity: str(), code: str(), message: str(), detail: opt(), hint: opt() };
    }
    let error = null;
    if (flags & 2) error = { code: str(), message: str(), detail: opt(), hint: opt(), position: u32() || undefined };
    results[s] = { columns, rowCount: nrows, rowOffsets, returnsRows: (flags & 1) !== 0, command, notices, error };
  }
  return results;
}

// Row i of a scanned result: [string | null].
export function rowAt(u8, result, i) {
  let pos = result.rowOffsets[i];
  const n = result.columns.length;
  const row = new Array(n);
  for (let c = 0; c < n; c++) {
    const len = (u8[pos] | (u8[pos + 1] << 8) | (u8[pos + 2] << 16) | (u8[pos + 3] << 24)) >>> 0;
    pos += 4;
    if (len === NULL_LENGTH) { row[c] = null; continue; }
    row[c] = decoder.decode(u8.subarray(pos, pos + len));
    pos += len;
  }
  return row;
}

// The results of a batch with rows readable as result.rows.get(i) / result.rows.length.
export function lazyResults(u8, typeNames) {
  return scanBatch(u8).map((r, s) => {
    r.columns.forEach((c, i) => { c.typeName = typeNames?.[s]?.[i]; });
    r.rows = { length: r.rowCount, get: (i) => rowAt(u8, r, i) };
    return r;
  });
}
