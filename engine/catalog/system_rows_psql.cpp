// Rows of the system relations psql's describe queries (\d, \d+, \dx, …) read besides the
// relation-shaped ones of system_rows_class.cpp: pg_policy, pg_statistic_ext and the
// pg_publication* catalogs (empty: pgmicro has no row security, extended statistics or
// logical replication), pg_rewrite (each view's _RETURN rule and the rules of CREATE RULE),
// pg_depend (the dependencies pgmicro's catalog knows: sequences owned by columns,
// indexes on their tables' columns, constraint indexes on their constraints) and
// pg_extension (plpgsql, which PostgreSQL installs in every database), pg_language (internal,
// c, sql, plpgsql) and pg_tablespace (pg_default, pg_global). Also the text
// pg_get_expr gives a partition bound (FOR VALUES … / DEFAULT).
#include "catalog/inheritance.h"
#include "catalog/system_relations.h"
#include "common/error.h"
#include "runtime/function_context.h"
#include "types/reg_types.h"
#include "types/user_types.h"

namespace pgmicro {

void pg_policy_rows(SystemRows&) {}
void pg_statistic_ext_rows(SystemRows&) {}
void pg_publication_rows(SystemRows&) {}
void pg_publication_namespace_rows(SystemRows&) {}
void pg_publication_rel_rows(SystemRows&) {}

namespace {
// A view's _RETURN rule has no OID in pgmicro's catalog: this base plus the view's OID.
constexpr int64_t kViewRuleOidBase = 0x40000000;

bool has_rule_table(sqlite3* db, const char* dbname) {
  sqlite3_stmt* st = nullptr;
  std::string q = std::string("SELECT 1 FROM ") + dbname + ".sqlite_schema WHERE name = '_pgmicro_rule'";
  bool found = false;
  if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK) found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}
}  // namespace

void pg_rewrite_rows(SystemRows& r) {
  for (auto& v : r.catalog.views())
    r.add().set_int("oid", kViewRuleOidBase + v->oid).set("rulename", "_RETURN").set_int("ev_class", v->oid)
        .set_char("ev_type", '1').set_char("ev_enabled", 'O').set_bool("is_instead", true);
  if (!r.rc || !r.rc->db) return;
  for (const char* dbname : {"main", "pgtemp"}) {
    if (!has_rule_table(r.rc->db, dbname)) continue;
    std::string q = std::string("SELECT oid, rulename, ev_class, ev_type, is_instead FROM ") + dbname + "._pgmicro_rule ORDER BY oid";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(r.rc->db, q.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
    while (sqlite3_step(st) == SQLITE_ROW) {
      // ev_type: CmdType 2 UPDATE, 3 INSERT, 4 DELETE = pg_rewrite's '2', '3', '4'
      r.add().set_int("oid", sqlite3_column_int64(st, 0))
          .set("rulename", reinterpret_cast<const char*>(sqlite3_column_text(st, 1)))
          .set_int("ev_class", sqlite3_column_int64(st, 2))
          .set_char("ev_type", (char)('0' + sqlite3_column_int(st, 3)))
          .set_char("ev_enabled", 'O')
          .set_bool("is_instead", sqlite3_column_int(st, 4) != 0);
    }
    sqlite3_finalize(st);
  }
}

void pg_depend_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  auto dep = [&](int64_t classid, int64_t objid, int objsubid, int64_t refclassid, int64_t refobjid, int refobjsubid, char type) {
    r.add().set_int("classid", classid).set_int("objid", objid).set_int("objsubid", objsubid).set_int("refclassid", refclassid)
        .set_int("refobjid", refobjid).set_int("refobjsubid", refobjsubid).set_char("deptype", type);
  };
  for (auto& s : c.sequences()) {
    if (!s->owned_by_table || s->owned_by_column < 0) continue;
    const TableDef* t = c.find_table_by_oid(s->owned_by_table);
    bool identity = t && s->owned_by_column < (int)t->columns.size() && t->columns[s->owned_by_column].identity;
    dep(1259, s->oid, 0, 1259, s->owned_by_table, s->owned_by_column + 1, identity ? 'i' : 'a');
  }
  for (auto& t : c.tables()) {
    for (auto& k : t->constraints)
      if (k.type == 'p' || k.type == 'u') dep(1259, kConstraintIndexOidBase + k.oid, 0, 2606, k.oid, 0, 'i');
    for (auto& ix : t->indexes) {
      bool whole = false;
      for (int col : ix.columns) {
        if (col >= 0) dep(1259, ix.oid, 0, 1259, t->oid, col + 1, 'a');
        else whole = true;
      }
      if (whole || !ix.predicate.empty()) dep(1259, ix.oid, 0, 1259, t->oid, 0, 'a');
    }
  }
}

void pg_extension_rows(SystemRows& r) {
  r.add().set_int("oid", kPlpgsqlExtensionOid).set("extname", "plpgsql").set_int("extowner", kBootstrapSuperuserOid)
      .set_int("extnamespace", kCatalogSchemaOid).set_bool("extrelocatable", false).set("extversion", "1.0");
}

void pg_language_rows(SystemRows& r) {
  struct L { int64_t oid; const char* name; bool pl, trusted; int64_t call, inl, validator; };
  static const L kLanguages[] = {{12, "internal", false, false, 0, 0, 2246}, {13, "c", false, false, 0, 0, 2247},
                                 {14, "sql", false, true, 0, 0, 2248},
                                 {kPlpgsqlLanguageOid, "plpgsql", true, true, 13560, 13561, 13562}};
  for (const L& l : kLanguages)
    r.add().set_int("oid", l.oid).set("lanname", l.name).set_int("lanowner", kBootstrapSuperuserOid).set_bool("lanispl", l.pl)
        .set_bool("lanpltrusted", l.trusted).set_int("lanplcallfoid", l.call).set_int("laninline", l.inl)
        .set_int("lanvalidator", l.validator);
}

void pg_tablespace_rows(SystemRows& r) {
  r.add().set_int("oid", 1663).set("spcname", "pg_default").set_int("spcowner", kBootstrapSuperuserOid);
  r.add().set_int("oid", 1664).set("spcname", "pg_global").set_int("spcowner", kBootstrapSuperuserOid);
}

namespace {
// A bound datum as ruleutils' get_const_expr prints it with showtype -1 (no cast).
std::string bound_value(const BoundDatum& d, Oid type) {
  if (d.kind == 'N') return "NULL";
  if (d.kind == 'm') return "MINVALUE";
  if (d.kind == 'M') return "MAXVALUE";
  const std::string& v = d.text;
  switch (type) {
    case oid::kInt2: case oid::kInt4: case oid::kInt8: case oid::kOid:
      if (!v.empty() && v[0] != '-') return v;
      return quote_literal(v);
    case oid::kNumeric:
      if (!v.empty() && std::isdigit((unsigned char)v[0])) return v;
      return quote_literal(v);
    case oid::kFloat4: case oid::kFloat8:
      if (!v.empty() && std::isdigit((unsigned char)v[0]) && v.find_first_not_of("0123456789.eE+-") == std::string::npos) return v;
      return quote_literal(v);
    case oid::kBool: return v == "t" || v == "true" ? "true" : "false";
    default: return quote_literal(v);
  }
}
}  // namespace

std::string partition_bound_text(const Catalog& c, const TableDef& t) {
  if (t.partition_bound.empty() || t.parents.empty()) return {};
  PartitionBound b = decode_bound(t.partition_bound);
  if (b.kind == 'd') return "DEFAULT";
  const TableDef* parent = c.find_table_by_oid(t.parents[0]);
  std::vector<Oid> types;
  if (parent)
    for (auto& k : partition_keys(*parent)) types.push_back(k.type);
  auto type_at = [&](size_t i) { return i < types.size() ? types[i] : oid::kText; };
  auto list = [&](const std::vector<BoundDatum>& v, bool same_type) {
    std::string s;
    for (size_t i = 0; i < v.size(); i++) s += (i ? ", " : "") + bound_value(v[i], type_at(same_type ? 0 : i));
    return s;
  };
  if (b.kind == 'h' && b.values.size() == 2)
    return "FOR VALUES WITH (modulus " + b.values[0].text + ", remainder " + b.values[1].text + ")";
  if (b.kind == 'l') return "FOR VALUES IN (" + list(b.values, true) + ")";
  if (b.kind == 'r') return "FOR VALUES FROM (" + list(b.lower, false) + ") TO (" + list(b.upper, false) + ")";
  return {};
}

}  // namespace pgmicro
