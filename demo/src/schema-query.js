// Reads the database's schema for the schema panel and the editor's completion (runs in the
// engine Worker): pgmicro's catalog tables (_pgmicro_class, _pgmicro_attribute, _pgmicro_type,
// _pgmicro_enum; docs/storage-format.md) and SQLite's sqlite_schema for which table an index
// belongs to, queried in pgmicro's SQLite dialect so no PostgreSQL catalog view is needed.
// A database without pgmicro tables yet (nothing created) has an empty schema.
//
// → { schemas: [{ name, tables: [{ name, kind: 'table'|'view', columns: [{ name, type, notNull }],
//                                  indexes: [name] }], sequences: [name] }], enums: [{ name, labels }] }
import { executeRaw, decode } from '../../js/wire.js';

function rows(db, sql) {
  const [r] = decode(executeRaw(db, sql, [], 'sqlite'));
  return r && !r.error ? r.rows : [];
}

// format_type() of a type OID, user-defined enums and domains (and their arrays) included: the
// module's formatType knows those only while a statement runs, so they are read from
// _pgmicro_type here.
export function typeNamer(db, Module) {
  let user = null;
  return (oid, typmod) => {
    if (oid >= 16384) {
      user ??= new Map(rows(db, 'SELECT oid, typname, typarray FROM _pgmicro_type').flatMap(([o, name, arr]) => [[Number(o), name], [Number(arr), `${name}[]`]]));
      const n = user.get(Number(oid));
      if (n) return n;
    }
    return Module.formatType(Number(oid), Number(typmod));
  };
}

export function readSchema(db, Module) {
  const typeName = typeNamer(db, Module);
  const classes = rows(db, 'SELECT oid, nspname, relname, relkind FROM _pgmicro_class ORDER BY nspname, relname');
  const attrs = rows(db, 'SELECT attrelid, attname, atttypid, atttypmod, attnotnull FROM _pgmicro_attribute ORDER BY attrelid, attnum');
  const sqliteIndexes = rows(db, "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  const enums = rows(db, "SELECT t.typname, e.enumlabel FROM _pgmicro_type t JOIN _pgmicro_enum e ON e.enumtypid = t.oid WHERE t.typtype = 'e' ORDER BY t.typname, e.enumsortorder");

  const byOid = new Map();
  const schemas = new Map();
  const schema = (name) => {
    let s = schemas.get(name);
    if (!s) schemas.set(name, (s = { name, tables: [], sequences: [] }));
    return s;
  };
  schema('public');
  for (const [oid, nsp, rel, kind] of classes) {
    const s = schema(nsp || 'public');
    if (kind === 'r' || kind === 'v') {
      const t = { name: rel, kind: kind === 'r' ? 'table' : 'view', columns: [], indexes: [] };
      s.tables.push(t);
      byOid.set(oid, t);
    } else if (kind === 'S') {
      s.sequences.push(rel);
    }
  }
  for (const [relid, name, typid, typmod, notnull] of attrs) {
    const t = byOid.get(relid);
    if (!t) continue;
    let type;
    try { type = typeName(Number(typid), Number(typmod)); } catch { type = String(typid); }
    t.columns.push({ name, type, notNull: notnull === '1' });
  }
  // SQLite stores a table of schema s as "s.t" (public tables under their own name).
  const tableByStored = new Map();
  for (const s of schemas.values()) {
    for (const t of s.tables) tableByStored.set(s.name === 'public' ? t.name : `${s.name}.${t.name}`, t);
  }
  const indexNames = new Set(classes.filter((c) => c[3] === 'i').map((c) => c[2]));
  for (const [name, tbl] of sqliteIndexes) {
    const t = tableByStored.get(tbl) ?? tableByStored.get(tbl.replace(/^[^.]*\./, ''));
    const shortName = name.replace(/^[^.]*\./, '');
    if (t && (indexNames.has(name) || indexNames.has(shortName))) t.indexes.push(shortName);
  }
  const enumList = [];
  for (const [name, label] of enums) {
    let e = enumList[enumList.length - 1];
    if (!e || e.name !== name) enumList.push((e = { name, labels: [] }));
    e.labels.push(label);
  }
  return { schemas: [...schemas.values()], enums: enumList };
}
