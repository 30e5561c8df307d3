// The playground's lazy view of a result batch: js/wire.js's scanBatch walks the bytes once,
// decoding only the small parts (command tags, columns, notices, errors) and recording where each
// row starts; rows are decoded when a page shows them (rowAt). A 100 000-row result then costs
// the page one pass over lengths and a typed array of offsets, not 100 000 arrays of strings.
import { scanBatch, rowAt } from '../../js/wire.js';

export { scanBatch };

// The results of a batch with rows readable as result.rows.get(i) / result.rows.length.
export function lazyResults(u8, typeNames) {
  return scanBatch(u8).map((r, s) => {
    r.columns.forEach((c, i) => { c.typeName = typeNames?.[s]?.[i]; });
    const offsets = r.rows;
    r.rowCount = offsets.length;
    r.rows = { length: offsets.length, get: (i) => rowAt(u8, { columns: r.columns, rows: offsets }, i) };
    return r;
  });
}
