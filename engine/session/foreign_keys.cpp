// FOREIGN KEY constraints: resolution with PostgreSQL's checks and messages, catalog rows,
// and enforcement by temp triggers (see foreign_keys.h).
//
// Enforcement, per constraint (names carry the constraint's oid):
//   referencing table  AFTER INSERT, AFTER UPDATE (when the key changed), all its keys in one
//     trigger per event, in constraint creation order as PostgreSQL checks them:
//     the key must exist in the referenced table (MATCH SIMPLE: a key with a NULL passes;
//     MATCH FULL: all-NULL passes, mixed NULLs fail);
//   referenced table   AFTER DELETE, AFTER UPDATE OF its key columns (when the key changed):
//     NO ACTION / RESTRICT fail while a referencing row exists; CASCADE deletes or updates the
//     referencing rows; SET NULL nulls their key columns.
// Checks run per row (like RESTRICT) rather than at the end of the statement as PostgreSQL's
// NO ACTION does: a statement that breaks and then repairs a reference within itself fails.
// A DEFERRABLE key's checks (not RESTRICT's, not the CASCADE/SET NULL/SET DEFAULT actions, which
// run at once) are queued while it is deferred and re-checked over the whole table at COMMIT or
// SET CONSTRAINTS ... IMMEDIATE (session/deferred_constraints.cpp).
#include "session/foreign_keys.h"
#include <algorithm>
#include <functional>
#include <map>
#include "analyze/analyzer.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "session/numeric_unique.h"
#include "types/record.h"
#include "types/types.h"

namespace pgmicro {

namespace {

[[noreturn]] void fk_unsupported(const std::string& what, int location) {
  throw PgError(sqlstate::kFeatureNotSupported, what + " is not supported by pgmicro").at(location);
}

bool is_int_type(Oid t) { return t == oid::kInt2 || t == oid::kInt4 || t == oid::kInt8; }
bool is_text_type(Oid t) { return t == oid::kText || t == oid::kVarchar; }

// A composite (or array of composite) type with an unconstrained numeric or an interval field at
// any depth: its stored text is compared, while PostgreSQL compares those fields by value.
bool composite_with_value_fields(Oid type, int32_t typmod, int depth) {
  Oid t = domain_base_type(type, &typmod);
  if (depth > 0 && t == oid::kNumeric) return typmod < 0;
  if (depth > 0 && t == oid::kInterval) return true;
  if (Oid el = array_element_type(t)) return composite_with_value_fields(el, typmod, depth);
  if (depth < 8 && is_row_type(t))
    if (auto* f = row_type_fields(t, typmod))
      for (auto& field : *f)
        if (composite_with_value_fields(field.type, field.typmod, depth + 1)) return true;
  return false;
}

// Key columns whose stored values compare equal exactly when PostgreSQL's = says so.
void check_key_types(const ColumnDef& fk, const ColumnDef& pk, const std::string& conname, int location) {
  // Domains compare as their base types.
  if ((is_domain_type(fk.type) || is_domain_type(pk.type)) && domain_base_type(fk.type) == domain_base_type(pk.type)) {
    ColumnDef f = fk, p = pk;
    f.type = p.type = domain_base_type(fk.type);
    return check_key_types(f, p, conname, location);
  }
  if (fk.type == pk.type) {
    if (composite_with_value_fields(fk.type, fk.typmod, 0) || composite_with_value_fields(pk.type, pk.typmod, 0))
      fk_unsupported("foreign keys on composite columns with numeric or interval fields", location);
    if (fk.type == oid::kNumeric && fk.typmod != pk.typmod)
      fk_unsupported("foreign keys between numeric columns of different scales", location);
    // float4/float8 compare by value in SQLite as with PostgreSQL's = (-0 = 0; NaN is stored as
    // the text 'NaN', equal to itself); intervals are matched by their span (key_match below).
    return;
  }
  if ((is_int_type(fk.type) && is_int_type(pk.type)) || (is_text_type(fk.type) && is_text_type(pk.type))) return;
  auto is_net = [](Oid t) { return t == oid::kInet || t == oid::kCidr; };  // one storage form (types/inet.h)
  if (is_net(fk.type) && is_net(pk.type)) return;
  char a = type_category(fk.type), b = type_category(pk.type);
  // Numeric types: a referencing type that does not coerce implicitly to the referenced one has
  // no usable equality operator (PostgreSQL's 42804 below); the other way is refused as 0A000.
  auto numeric_rank = [](Oid t) {
    return t == oid::kInt2 ? 1 : t == oid::kInt4 ? 2 : t == oid::kInt8 ? 3 : t == oid::kNumeric ? 4 : t == oid::kFloat4 ? 5 : t == oid::kFloat8 ? 6 : 0;
  };
  bool incompatible_numeric = numeric_rank(fk.type) && numeric_rank(pk.type) && numeric_rank(fk.type) > numeric_rank(pk.type);
  if (a == b && a != 'X' && a != 'E' && !incompatible_numeric)  // two enum types have no equality operator
    fk_unsupported("foreign keys between columns of types " + format_type_name(fk.type, -1) + " and " +
                       format_type_name(pk.type, -1),
                   location);
  throw PgError(sqlstate::kDatatypeMismatch, "foreign key constraint \"" + conname + "\" cannot be implemented",
                "Key columns \"" + fk.name + "\" and \"" + pk.name + "\" are of incompatible types: " +
                    format_type_name(fk.type, -1) + " and " + format_type_name(pk.type, -1) + ".");
}

[[noreturn]] void missing_key_column(const std::string& name) {
  for (const char* sys : {"tableoid", "ctid", "xmin", "cmin", "xmax", "cmax"})
    if (name == sys) throw PgError(sqlstate::kFeatureNotSupported, "system columns cannot be used in foreign keys");
  throw PgError(sqlstate::kUndefinedColumn, "column \"" + name + "\" referenced in foreign key constraint does not exist");
}

std::string keys_text(const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) s += (i ? "," : "") + std::to_string(cols[i] + 1);
  return s;
}

// "a"."x" = NEW."y" AND ... over the key column pairs.
// numeric[] / interval[] key columns ({1.5} references {1.50}, {"30 days"} references {"1 mon"}):
// the key function both sides compare through (no index range); empty for other columns.
std::string array_or_record_key(const ColumnDef& a, const ColumnDef& b) {
  if (a.type != b.type || !numeric_unique_column(a) || !numeric_unique_column(b)) return "";
  Oid el = array_element_type(domain_base_type(a.type));
  if (el && domain_base_type(el) == oid::kNumeric) return "pg_numeric_array_key";
  if (el && domain_base_type(el) == oid::kInterval) return "pg_interval_array_key";
  return "";
}

std::string key_match(const TableDef& left, const std::vector<int>& lcols, const std::string& right_prefix,
                      const TableDef& right, const std::vector<int>& rcols) {
  std::string s;
  for (size_t i = 0; i < lcols.size(); i++) {
    std::string l = quote_ident(left.columns[lcols[i]].name), r = right_prefix + quote_ident(right.columns[rcols[i]].name);
    // numeric keys are equal whatever their display scales (1.5 references 1.50): the range of
    // encodings sharing the scale-free key, which left's index serves
    int32_t lt = left.columns[lcols[i]].typmod, rt = right.columns[rcols[i]].typmod;
    bool ln = domain_base_type(left.columns[lcols[i]].type, &lt) == oid::kNumeric;
    bool rn = domain_base_type(right.columns[rcols[i]].type, &rt) == oid::kNumeric;
    if (lt >= 0 && rt >= 0 && lt == rt) ln = false;  // numeric(p,s) on both sides: one scale
    // intervals: equal spans ('1 mon', '30 days') share the stored text's 23-digit prefix
    bool li = domain_base_type(left.columns[lcols[i]].type) == oid::kInterval;
    bool ri = domain_base_type(right.columns[rcols[i]].type) == oid::kInterval;
    if (ln && rn) s += (i ? " AND " : "") + l + " >= pg_numeric_key(" + r + ") AND " + l + " < pg_numeric_key_hi(" + r + ")";
    else if (li && ri) s += (i ? " AND " : "") + l + " >= substr(" + r + ", 1, 23) || char(31) AND " + l + " < substr(" + r + ", 1, 23) || '!'";
    else if (std::string k = array_or_record_key(left.columns[lcols[i]], right.columns[rcols[i]]); !k.empty())
      s += (i ? " AND " : "") + k + "(" + l + ") = " + k + "(" + r + ")";
    else s += (i ? " AND " : "") + l + " = " + r;
  }
  return s;
}

std::string key_list(const TableDef& t, const std::vector<int>& cols, const std::string& prefix) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) s += (i ? ", " : "") + prefix + quote_ident(t.columns[cols[i]].name);
  return s;
}

std::string key_changed(const TableDef& t, const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) {
    std::string c = quote_ident(t.columns[cols[i]].name);
    s += (i ? " OR " : "") + ("NEW." + c + " IS NOT OLD." + c);
  }
  return s;
}

// The condition under which a referencing row's key must be found (prefix "NEW." or "").
std::string key_present(const TableDef& t, const std::vector<int>& cols, const std::string& prefix) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++)
    s += (i ? " AND " : "") + prefix + quote_ident(t.columns[cols[i]].name) + " IS NOT NULL";
  return s;
}

std::string key_absent(const TableDef& t, const std::vector<int>& cols, const std::string& prefix) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++)
    s += (i ? " AND " : "") + prefix + quote_ident(t.columns[cols[i]].name) + " IS NULL";
  return s;
}

}  // namespace

ConstraintDef resolve_foreign_key(const Catalog& catalog, const TableDef& child, Constraint* c,
                                  std::vector<int> fk_cols, const TableDef* creating, int64_t creating_oid,
                                  const std::vector<std::string>& taken) {
  ConstraintDef fk;
  fk.type = 'f';
  if (c->fk_matchtype == 'p') fk_unsupported("MATCH PARTIAL", c->location);
  fk.deferrable = c->deferrable;
  fk.initdeferred = c->initdeferred;
  fk.on_update = c->fk_upd_action ? c->fk_upd_action : 'a';
  fk.on_delete = c->fk_del_action ? c->fk_del_action : 'a';
  if (c->fk_matchtype == 'f') fk.check_expr = "MATCH FULL";
  if (fk_cols.empty()) {
    for_each_node(c->fk_attrs, [&](Node* n) {
      std::string name = node_string(n);
      int idx = child.find_column(name);
      if (idx < 0) missing_key_column(name);
      fk_cols.push_back(idx);
    });
  }
  fk.columns = fk_cols;
  for_each_node(c->fk_del_set_cols, [&](Node* n) {  // ON DELETE SET NULL/SET DEFAULT (cols)
    std::string name = node_string(n);
    int idx = child.find_column(name);
    if (idx < 0)
      throw PgError(sqlstate::kUndefinedColumn, "column \"" + name + "\" referenced in foreign key constraint does not exist");
    if (std::find(fk_cols.begin(), fk_cols.end(), idx) == fk_cols.end())
      throw PgError("42P10", "column \"" + name + "\" referenced in ON DELETE SET action must be part of foreign key");
    if (std::find(fk.del_set_columns.begin(), fk.del_set_columns.end(), idx) == fk.del_set_columns.end())
      fk.del_set_columns.push_back(idx);
  });
  RangeVar* rv = c->pktable;
  std::string ref_schema = rv->schemaname ? rv->schemaname : "";
  if (!ref_schema.empty() && !catalog.find_schema(ref_schema))
    throw PgError("3F000", "schema \"" + ref_schema + "\" does not exist").at(rv->location);
  const TableDef* parent = creating && creating->name == rv->relname &&
                                   (ref_schema.empty() || Catalog::canonical_schema(ref_schema) == creating->schema)
                               ? creating
                               : catalog.find_table(ref_schema, rv->relname);
  if (!parent) {
    if (catalog.find_view(ref_schema, rv->relname) || catalog.find_sequence(ref_schema, rv->relname))
      throw PgError(sqlstate::kWrongObjectType, "referenced relation \"" + std::string(rv->relname) + "\" is not a table");
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + (ref_schema.empty() ? "" : ref_schema + ".") + std::string(rv->relname) + "\" does not exist");
  }
  if (child.temporary() != parent->temporary())
    throw PgError(sqlstate::kInvalidTableDefinition, child.temporary() ? "constraints on temporary tables may reference only temporary tables"
                                                                           : "constraints on permanent tables may reference only permanent tables");
  if (parent->plain_sqlite) fk_unsupported("foreign keys referencing tables outside the PostgreSQL catalog", c->location);
  fk.ref_table_oid = parent == creating ? creating_oid : parent->oid;
  if (list_size(c->pk_attrs) == 0) {
    const ConstraintDef* pk = nullptr;
    for (auto& k : parent->constraints)
      if (k.type == 'p') pk = &k;
    if (!pk)
      throw PgError(sqlstate::kUndefinedObject, "there is no primary key for referenced table \"" + parent->name + "\"");
    fk.ref_columns = pk->columns;
  } else {
    for_each_node(c->pk_attrs, [&](Node* n) {
      std::string name = node_string(n);
      int idx = parent->find_column(name);
      if (idx < 0) missing_key_column(name);
      fk.ref_columns.push_back(idx);
    });
  }
  fk.name = c->conname ? c->conname : foreign_key_name(child, fk.columns, taken);
  if (list_size(c->pk_attrs) != 0) {
    // The referenced columns must be exactly a primary key or unique constraint (any order).
    std::vector<int> want = fk.ref_columns;
    std::sort(want.begin(), want.end());
    bool found = false;
    for (auto& k : parent->constraints) {
      if (k.type != 'p' && k.type != 'u') continue;
      std::vector<int> have = k.columns;
      std::sort(have.begin(), have.end());
      found |= have == want;
    }
    for (auto& ix : parent->indexes) {
      if (!ix.unique || !ix.plain_keys()) continue;
      std::vector<int> have = ix.columns;
      std::sort(have.begin(), have.end());
      found |= have == want;
    }
    if (!found)
      throw PgError(sqlstate::kInvalidForeignKey,
                    "there is no unique constraint matching given keys for referenced table \"" + parent->name + "\"");
  }
  // Generated referencing columns: the SQL standard's restrictions on the actions.
  for (int col : fk.columns) {
    if (!child.columns[col].generated) continue;
    if (fk.on_update == 'n' || fk.on_update == 'd' || fk.on_update == 'c')
      throw PgError(sqlstate::kSyntaxError, "invalid ON UPDATE action for foreign key constraint containing generated column");
    if (fk.on_delete == 'n' || fk.on_delete == 'd')
      throw PgError(sqlstate::kSyntaxError, "invalid ON DELETE action for foreign key constraint containing generated column");
  }
  if (fk.ref_columns.size() != fk.columns.size())
    throw PgError(sqlstate::kInvalidForeignKey, "number of referencing and referenced columns for foreign key disagree");
  for (size_t i = 0; i < fk.columns.size(); i++)
    check_key_types(child.columns[fk.columns[i]], parent->columns[fk.ref_columns[i]], fk.name, c->location);
  return fk;
}

// PostgreSQL's ChooseConstraintName(table, columns joined by "_", "fkey"): makeObjectName
// shortens the longer of the two names until name1_name2_label (label "fkey", "fkey1", ...)
// fits in 63 bytes.
std::string foreign_key_name(const TableDef& child, const std::vector<int>& cols, const std::vector<std::string>& taken) {
  std::string addition;
  for (int c : cols) {
    if (addition.size() >= 64) break;
    addition += (addition.empty() ? "" : "_") + child.columns[c].name.substr(0, 63);
  }
  auto make = [&](const std::string& label) {
    size_t avail = 63 - (label.size() + 1) - 1, n1 = child.name.size(), n2 = addition.size();
    while (n1 + n2 > avail) {
      if (n1 > n2) n1--;
      else n2--;
    }
    auto clip = [](const std::string& s, size_t n) {  // never split a UTF-8 character
      while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) n--;
      return s.substr(0, n);
    };
    return clip(child.name, n1) + "_" + clip(addition, n2) + "_" + label;
  };
  std::string name = make("fkey");
  for (int i = 1; std::find(taken.begin(), taken.end(), name) != taken.end(); i++) name = make("fkey" + std::to_string(i));
  return name;
}

std::string foreign_key_catalog_row(const ConstraintDef& fk, int64_t table_oid, const std::string& prefix) {
  return "INSERT INTO " + prefix + "_pgmicro_constraint(oid, conrelid, conname, contype, conkey, consrc, confrelid, confkey, "
         "confupdtype, confdeltype, condeferrable, condeferred, confdelsetcols) VALUES(" +
         std::to_string(fk.oid) + ", " + std::to_string(table_oid) + ", " + quote_literal(fk.name) + ", 'f', '" +
         keys_text(fk.columns) + "', " + (fk.check_expr.empty() ? "NULL" : quote_literal(fk.check_expr)) + ", " +
         std::to_string(fk.ref_table_oid) + ", '" + keys_text(fk.ref_columns) + "', '" + std::string(1, fk.on_update) +
         "', '" + std::string(1, fk.on_delete) + "', " +
         (fk.deferrable ? "1" : "0") + ", " + (fk.initdeferred ? "1" : "0") + ", " +
         (fk.del_set_columns.empty() ? "NULL" : "'" + keys_text(fk.del_set_columns) + "'") + ");";
}

namespace {

// The tables that hold a foreign key side's rows: the table itself, or a partitioned table's
// leaf partitions (depth first in bound order).
std::vector<const TableDef*> row_tables(const Catalog& catalog, const TableDef& t) {
  if (!t.partition_strategy) return {&t};
  std::vector<const TableDef*> out;
  for (const TableDef* d : table_descendants(catalog, t))
    if (!d->partition_strategy) out.push_back(d);
  return out;
}

// EXISTS over the rows of `t` (all its partitions) matching `cond` (column names unqualified,
// `alias` given to each table).
std::string exists_in(const Catalog& catalog, const TableDef& t, const std::string& cond, const std::string& alias = "") {
  std::string s;
  for (const TableDef* r : row_tables(catalog, t))
    s += (s.empty() ? "" : " OR ") + ("EXISTS (SELECT 1 FROM " + r->sqlite_ref() + (alias.empty() ? "" : " AS " + alias) +
                                      " WHERE " + cond + ")");
  return s.empty() ? "0" : "(" + s + ")";
}

// PostgreSQL clones a foreign key referencing a partitioned table once per partition of it
// (addFkRecurseReferenced), each named by ChooseConstraintName(referencing table, columns,
// "fkey"): the names PostgreSQL reports for rows removed from those partitions.
std::map<int64_t, std::string> referenced_clone_names(const Catalog& catalog, const TableDef& child,
                                                      const ConstraintDef& fk, const TableDef& parent) {
  std::map<int64_t, std::string> out;
  if (!parent.partition_strategy) return out;
  std::vector<std::string> taken;
  for (auto& t : catalog.tables())
    if (t->schema == child.schema)
      for (auto& c : t->constraints) taken.push_back(c.name);
  for (const TableDef* d : table_descendants(catalog, parent)) {
    std::string name = foreign_key_name(child, fk.columns, taken);
    taken.push_back(name);
    out[d->oid] = name;
  }
  return out;
}

}  // namespace

std::string foreign_key_triggers(const Catalog& catalog, const TableDef& child) {
  std::vector<const ConstraintDef*> fks;
  for (auto& c : child.constraints)
    if (c.type == 'f' && catalog.find_table_by_oid(c.ref_table_oid)) fks.push_back(&c);
  if (fks.empty()) return "";
  // PostgreSQL checks a row's foreign keys in constraint creation order (its RI triggers sort by
  // name, which carries the OID): one trigger per event runs them all in that order.
  std::sort(fks.begin(), fks.end(), [](auto* a, auto* b) { return a->oid < b->oid; });
  const std::string tid = std::to_string(child.oid);
  const bool child_partitioned = child.partition_strategy != 0;
  const std::vector<const TableDef*> child_rows = row_tables(catalog, child);
  // Per table holding referencing rows (the table, or each leaf partition).
  std::map<const TableDef*, std::string> on_insert, on_update;
  std::string sql;
  for (const ConstraintDef* fkp : fks) {
    const ConstraintDef& fk = *fkp;
    const TableDef* parent = catalog.find_table_by_oid(fk.ref_table_oid);
    const std::string id = std::to_string(fk.oid);
    // Referencing side: the new key must exist (MATCH FULL: and not be partly NULL).
    // DEFERRABLE: while the constraint is deferred, a violation is queued for the end of the
    // transaction (session/deferred_constraints.cpp) instead of raised.
    const std::string deferred = fk.deferrable ? "pg_constraint_deferred(" + id + ", " + (fk.initdeferred ? "1" : "0") + ")" : "";
    auto raise_or_queue = [&](const std::string& raise, const std::string& cond, int kind) {
      if (deferred.empty()) return " SELECT " + raise + " WHERE " + cond + ";";
      return " INSERT INTO temp._pgmicro_deferred_checks(conoid, kind) SELECT " + id + ", " + std::to_string(kind) +
             " WHERE " + deferred + " AND " + cond + "; SELECT " + raise + " WHERE NOT " + deferred + " AND " + cond + ";";
    };
    // `violation(kind, acting table, shown name, keys)`: a partition reports itself.
    auto violation = [&](int kind, const TableDef* acting, const std::string& shown, const std::string& keys) {
      if (!acting) return "pg_fk_violation(" + std::to_string(kind) + ", " + id + (keys.empty() ? "" : ", " + keys) + ")";
      return "pg_fk_violation_at(" + std::to_string(kind) + ", " + id + ", " + std::to_string(acting->oid) + ", " +
             quote_literal(shown) + (keys.empty() ? "" : ", " + keys) + ")";
    };
    for (const TableDef* row_table : child_rows) {
      const TableDef* acting = child_partitioned ? row_table : nullptr;
      auto check = [&](const std::string& when) {
        std::string s = raise_or_queue(violation(0, acting, "", key_list(child, fk.columns, "NEW.")),
                                       when + key_present(child, fk.columns, "NEW.") + " AND NOT " +
                                           exists_in(catalog, *parent, key_match(*parent, fk.ref_columns, "NEW.", child, fk.columns)),
                                       0);
        if (fk.check_expr == "MATCH FULL" && fk.columns.size() > 1)
          s += raise_or_queue(violation(2, acting, "", ""),
                              when + "NOT (" + key_present(child, fk.columns, "NEW.") + ") AND NOT (" +
                                  key_absent(child, fk.columns, "NEW.") + ")",
                              0);
        return s;
      };
      on_insert[row_table] += check("");
      on_update[row_table] += check("(" + key_changed(child, fk.columns) + ") AND ");
    }
    // Referenced side: what happens to referencing rows when the key goes away.
    const std::string refs = key_match(child, fk.columns, "OLD.", *parent, fk.ref_columns);
    // ON DELETE SET NULL/SET DEFAULT (cols): only those columns change.
    auto set_column = [&](int col, bool is_delete) {
      return !is_delete || fk.del_set_columns.empty() ||
             std::find(fk.del_set_columns.begin(), fk.del_set_columns.end(), col) != fk.del_set_columns.end();
    };
    // A statement per table holding referencing rows; cascaded updates write new row versions
    // at that table's end, as PostgreSQL's do.
    auto each_child = [&](const std::function<std::string(const TableDef&)>& stmt) {
      std::string s;
      for (const TableDef* r : child_rows) s += stmt(*r);
      return s.empty() ? std::string(" SELECT 1;") : s;  // a partitioned table without partitions
    };
    const std::map<int64_t, std::string> clones = referenced_clone_names(catalog, child, fk, *parent);
    auto action = [&](char act, bool is_delete, const TableDef* acting) -> std::string {
      std::string shown = acting && clones.count(acting->oid) ? clones.at(acting->oid) : "";
      std::string raise = violation(1, acting, shown, key_list(*parent, fk.ref_columns, "OLD."));
      std::string referenced = exists_in(catalog, child, refs);
      switch (act) {
        case 'c':
          if (is_delete) return each_child([&](const TableDef& r) { return " DELETE FROM " + r.sqlite_ref() + " WHERE " + refs + ";"; });
          {
            std::string set;
            for (size_t i = 0; i < fk.columns.size(); i++)
              set += (i ? ", " : "") + quote_ident(child.columns[fk.columns[i]].name) + " = NEW." +
                     quote_ident(parent->columns[fk.ref_columns[i]].name);
            return each_child([&](const TableDef& r) {
              return " UPDATE " + r.sqlite_ref() + " SET " + set + lower_move_row_set(r, "") + " WHERE " + refs + ";";
            });
          }
        case 'n': {
          std::string set;
          for (size_t i = 0; i < fk.columns.size(); i++)
            if (set_column(fk.columns[i], is_delete))
              set += (set.empty() ? "" : ", ") + quote_ident(child.columns[fk.columns[i]].name) + " = NULL";
          return each_child([&](const TableDef& r) {
            return " UPDATE " + r.sqlite_ref() + " SET " + set + lower_move_row_set(r, "") + " WHERE " + refs + ";";
          });
        }
        case 'd': {  // SET DEFAULT: the columns' defaults (NULL without one), checked by the child's trigger
          std::vector<Oid> no_params;
          Analyzer a(const_cast<Catalog&>(catalog), no_params);
          std::string set;
          for (size_t i = 0; i < fk.columns.size(); i++)
            if (set_column(fk.columns[i], is_delete))
              set += (set.empty() ? "" : ", ") + quote_ident(child.columns[fk.columns[i]].name) + " = " +
                     lower_standalone_expr(*a.transform_default(child, fk.columns[i]));
          // A default equal to the removed key leaves the rows referencing it: NO ACTION's error.
          return each_child([&](const TableDef& r) {
                   return " UPDATE " + r.sqlite_ref() + " SET " + set + lower_move_row_set(r, "") + " WHERE " + refs + ";";
                 }) +
                 " SELECT " + raise + " WHERE " + referenced + ";";
        }
        case 'a':  // NO ACTION: deferrable; no error while a referenced row still holds an equal key
          // (ri_Check_Pk_Match: '1 day' updated to '24 hours', 1.5 to 1.50 — changed, yet equal)
          return raise_or_queue(raise, referenced + " AND NOT " +
                                           exists_in(catalog, *parent, key_match(*parent, fk.ref_columns, "OLD.", *parent, fk.ref_columns)),
                                1);
        default:  // RESTRICT: never deferred
          return " SELECT " + raise + " WHERE " + referenced + ";";
      }
    };
    for (const TableDef* pr : row_tables(catalog, *parent)) {
      const TableDef* acting = parent->partition_strategy ? pr : nullptr;
      const std::string suffix = acting ? "_" + std::to_string(pr->oid) : "";
      sql += "CREATE TEMP TRIGGER " + quote_ident("_pgmicro_fk_del_" + id + suffix) + " AFTER DELETE ON " + pr->sqlite_ref() +
             " BEGIN" + action(fk.on_delete, true, acting) + " END;";
      sql += "CREATE TEMP TRIGGER " + quote_ident("_pgmicro_fk_pupd_" + id + suffix) + " AFTER UPDATE OF " +
             key_list(*parent, fk.ref_columns, "") + " ON " + pr->sqlite_ref() + " WHEN " +
             key_changed(*parent, fk.ref_columns) + " BEGIN" + action(fk.on_update, false, acting) + " END;";
    }
  }
  for (const TableDef* r : child_rows) {
    const std::string suffix = child_partitioned ? tid + "_" + std::to_string(r->oid) : tid;
    sql += "CREATE TEMP TRIGGER " + quote_ident("_pgmicro_fk_ins_" + suffix) + " AFTER INSERT ON " + r->sqlite_ref() +
           " BEGIN" + on_insert[r] + " END;";
    sql += "CREATE TEMP TRIGGER " + quote_ident("_pgmicro_fk_upd_" + suffix) + " AFTER UPDATE ON " + r->sqlite_ref() +
           " BEGIN" + on_update[r] + " END;";
  }
  return sql;
}

// The violating rows of every table holding `child`'s rows: SELECT k0, k1, ..., table oid, kind.
static std::string violating_rows(const Catalog& catalog, const TableDef& child, const ConstraintDef& fk, int kind) {
  const TableDef* parent = catalog.find_table_by_oid(fk.ref_table_oid);
  std::string missing = key_present(child, fk.columns, "c.") + " AND NOT " +
                        exists_in(catalog, *parent, key_match(*parent, fk.ref_columns, "c.", child, fk.columns), "p");
  std::string kind_expr = std::to_string(kind), cond = "(" + missing + ")";
  if (fk.check_expr == "MATCH FULL" && fk.columns.size() > 1) {
    std::string mixed = "NOT (" + key_present(child, fk.columns, "c.") + ") AND NOT (" + key_absent(child, fk.columns, "c.") + ")";
    kind_expr = "CASE WHEN " + mixed + " THEN 2 ELSE " + kind_expr + " END";
    cond += " OR (" + mixed + ")";
  }
  std::string keys;
  for (size_t i = 0; i < fk.columns.size(); i++)
    keys += "c." + quote_ident(child.columns[fk.columns[i]].name) + " AS k" + std::to_string(i) + ", ";
  std::string q;
  for (const TableDef* r : row_tables(catalog, child))
    q += (q.empty() ? "" : " UNION ALL ") + ("SELECT * FROM (SELECT " + keys + std::to_string(r->oid) + " AS tbl, " +
                                             kind_expr + " AS kind FROM " + r->sqlite_ref() + " AS c WHERE " + cond + " LIMIT 1)");
  if (q.empty()) {
    q = "SELECT ";
    for (size_t i = 0; i < fk.columns.size(); i++) q += "NULL AS k" + std::to_string(i) + ", ";
    q += "0 AS tbl, 0 AS kind WHERE 0";
  }
  return q;
}

std::string foreign_key_violation_query(const Catalog& catalog, const TableDef& child, const ConstraintDef& fk) {
  std::string keys;
  for (size_t i = 0; i < fk.columns.size(); i++) keys += (i ? ", k" : "k") + std::to_string(i);
  return "SELECT " + keys + ", tbl FROM (" + violating_rows(catalog, child, fk, 0) + ") LIMIT 1";
}

std::string foreign_key_deferred_check(const Catalog& catalog, const TableDef& child, const ConstraintDef& fk, int kind) {
  const TableDef* parent = catalog.find_table_by_oid(fk.ref_table_oid);
  if (!parent) return "";
  std::string keys;
  for (size_t i = 0; i < fk.columns.size(); i++) keys += ", k" + std::to_string(i);
  if (!child.partition_strategy)
    return "SELECT pg_fk_violation(kind, " + std::to_string(fk.oid) + keys + ") FROM (" +
           violating_rows(catalog, child, fk, kind) + ") LIMIT 1";
  return "SELECT pg_fk_violation_at(kind, " + std::to_string(fk.oid) + ", CASE WHEN kind = 1 THEN NULL ELSE tbl END, ''" +
         keys + ") FROM (" + violating_rows(catalog, child, fk, kind) + ") LIMIT 1";
}

std::string foreign_key_partition_removal_check(const Catalog& catalog, const TableDef& partition) {
  std::string sql;
  for (const TableDef* a = &partition; a;) {
    const TableDef* up = a->parents.empty() ? nullptr : catalog.find_table_by_oid(a->parents[0]);
    if (!up || !up->partition_strategy) break;
    a = up;
    // Foreign keys referencing this ancestor reach the partition's rows through their clones.
    for (auto& [child, fk] : referencing_foreign_keys(catalog, a->oid)) {
      auto clones = referenced_clone_names(catalog, *child, *fk, *a);
      std::string shown = clones.count(partition.oid) ? clones.at(partition.oid) : fk->name;
      std::string refs = key_match(*child, fk->columns, "p.", *a, fk->ref_columns);
      for (const TableDef* r : row_tables(catalog, partition))
        sql += "SELECT pg_fk_violation_at(3, " + std::to_string(fk->oid) + ", " + std::to_string(partition.oid) + ", " +
               quote_literal(shown) + ", " + key_list(*a, fk->ref_columns, "p.") + ") FROM " + r->sqlite_ref() +
               " AS p WHERE " + exists_in(catalog, *child, refs) + " LIMIT 1;";
    }
  }
  return sql;
}

std::vector<std::pair<const TableDef*, const ConstraintDef*>> referencing_foreign_keys(const Catalog& catalog,
                                                                                        int64_t table_oid) {
  std::vector<std::pair<const TableDef*, const ConstraintDef*>> out;
  for (auto& t : catalog.tables())
    for (auto& c : t->constraints)
      if (c.type == 'f' && c.ref_table_oid == table_oid) out.emplace_back(t.get(), &c);
  return out;
}

}  // namespace pgmicro
