// The catalog functions psql 15's describe queries call (catalog/builtins_catalog.cpp lists
// their signatures): pg_get_userbyid, pg_get_expr (stored expression texts analysed over their
// table and printed as ruleutils.c does; partition bounds are stored as their text),
// pg_get_indexdef(oid, column, pretty), pg_get_viewdef(oid[, pretty]), pg_get_partkeydef,
// pg_get_partition_constraintdef, pg_partition_ancestors (as an array unnested by
// pg_unnest), pg_relation_is_publishable, pg_get_function_arguments/result,
// pg_encoding_to_char, pg_size_pretty, pg_table_size/pg_relation_size (SQLite's b-tree pages,
// read from dbstat), and pg_get_ruledef /
// pg_get_triggerdef / pg_get_statisticsobjdef_columns where pgmicro cannot print PostgreSQL's
// text (0A000 rather than a different text).
#include <strings.h>
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "catalog/object_names.h"
#include "catalog/privileges.h"
#include "catalog/system_relations.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "runtime/expression_text.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/reg_types.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
std::string text_arg(sqlite3_value* v) {
  return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), sqlite3_value_bytes(v));
}
void result_text(sqlite3_context* ctx, const std::string& s) { sqlite3_result_text(ctx, s.data(), (int)s.size(), SQLITE_TRANSIENT); }


void get_userbyid(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    int64_t o = sqlite3_value_int64(argv[0]);
    RuntimeContext* rc = runtime_context(ctx);
    std::string name;
    if (o == kBootstrapSuperuserOid) name = "postgres";
    else if (o == kDatabaseOwnerOid) name = "pg_database_owner";
    else if (rc->db && privilege_tables_exist(rc->db)) {
      if (auto r = find_role(rc->db, o)) name = r->name;
    }
    if (name.empty()) name = "unknown (OID=" + std::to_string(o) + ")";
    result_text(ctx, name);
  });
}

// pg_get_expr(pg_node_tree, relation[, pretty]).
void get_expr(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    std::string src = text_arg(argv[0]);
    bool pretty = argc > 2 && !is_null(argv[2]) && sqlite3_value_int(argv[2]) != 0;
    if (src.rfind("FOR VALUES", 0) == 0 || src == "DEFAULT") return result_text(ctx, src);  // relpartbound
    const Catalog& cat = *runtime_context(ctx)->catalog;
    const TableDef* t = cat.find_table_by_oid(sqlite3_value_int64(argv[1]));
    std::string text = src;
    if (t) {
      try {
        text = table_expression_text(cat, *t, src);
      } catch (const PgError&) {
        text = src;
      }
    }
    result_text(ctx, pretty ? strip_outer_parens(text) : text);
  });
}

// pg_get_indexdef(index, column, pretty): column 0 the CREATE INDEX text, else that key.
void get_indexdef3(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0]) || is_null(argv[1])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    int64_t o = sqlite3_value_int64(argv[0]);
    int col = (int)sqlite3_value_int64(argv[1]);
    for (const RelationRef& rel : all_relations(c)) {
      if (rel.oid != o || !rel.table || (!rel.index && !rel.constraint)) continue;
      if (col == 0) {
        std::string def = index_definition(c, rel);
        bool pretty = !is_null(argv[2]) && sqlite3_value_int(argv[2]) != 0;
        const ObjectNameResolver* names = current_object_names();
        if (pretty && names)
          if (auto shown = names->name(oid::kRegclass, (Oid)rel.table->oid)) {
            std::string q = " ON " + std::string(rel.table->partition_strategy ? "ONLY " : "") + pg_quote_identifier(rel.table->schema) +
                            "." + pg_quote_identifier(rel.table->name) + " USING ";
            size_t at = def.find(q);
            if (at != std::string::npos)
              def.replace(at, q.size(), " ON " + std::string(rel.table->partition_strategy ? "ONLY " : "") + *shown + " USING ");
          }
        // pretty: the predicate without its outer parentheses
        if (pretty && rel.index && !rel.index->predicate.empty()) {
          size_t w = def.rfind(" WHERE (");
          if (w != std::string::npos) def = def.substr(0, w) + " WHERE " + strip_outer_parens(def.substr(w + 7));
        }
        return result_text(ctx, def);
      }
      const std::vector<int>& cols = rel.index ? rel.index->columns : rel.constraint->columns;
      if (col < 1 || col > (int)cols.size()) return result_text(ctx, "");
      int ci = cols[(size_t)col - 1];
      if (ci >= 0) return result_text(ctx, pg_quote_identifier(rel.table->columns[ci].name));
      std::string e = rel.index && (size_t)col - 1 < rel.index->exprs.size() ? rel.index->exprs[(size_t)col - 1] : "";
      try {
        e = strip_outer_parens(table_expression_text(c, *rel.table, e));
      } catch (const PgError&) {
      }
      return result_text(ctx, e);
    }
    sqlite3_result_null(ctx);
  });
}

// pg_get_viewdef(view oid[, pretty]).
void get_viewdef_oid(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    bool pretty = argc > 1 && !is_null(argv[1]) && sqlite3_value_int(argv[1]) != 0;
    const Catalog& c = *runtime_context(ctx)->catalog;
    int64_t o = sqlite3_value_int64(argv[0]);
    for (auto& v : c.views()) {
      if (v->oid != o) continue;
      std::vector<Oid> params;
      Analyzer a(const_cast<Catalog&>(c), params);
      auto q = a.analyze_view(*v);
      for (size_t i = 0; i < q->targets.size() && i < v->column_names.size(); i++) q->targets[i].name = v->column_names[i];
      return result_text(ctx, deparse_view_query(*q, pretty));
    }
    sqlite3_result_null(ctx);
  });
}

// pg_get_partkeydef(table): STRATEGY (keys).
void get_partkeydef(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    const TableDef* t = c.find_table_by_oid(sqlite3_value_int64(argv[0]));
    if (!t || !t->partition_strategy) return sqlite3_result_null(ctx);
    char s = t->partition_strategy;
    std::string out = s == 'r' ? "RANGE (" : s == 'l' ? "LIST (" : "HASH (";
    bool first = true;
    for (auto& k : partition_keys(*t)) {
      if (!first) out += ", ";
      first = false;
      int ci = t->find_column(k.display);
      if (ci >= 0 && partition_key_is_column(k.display, k.expr, pg_quote_identifier(k.display))) {
        out += pg_quote_identifier(k.display);
      } else {
        std::string e = k.expr;
        try {
          e = table_expression_text(c, *t, k.expr);
        } catch (const PgError&) {
        }
        std::string bare = strip_outer_parens(e);
        size_t i = 0;
        while (i < bare.size() && (std::isalnum((unsigned char)bare[i]) || bare[i] == '_' || bare[i] == '.')) i++;
        bool call = i > 0 && i < bare.size() && bare[i] == '(' && strip_outer_parens(bare.substr(i)) != bare.substr(i) &&
                    bare.back() == ')';
        out += call ? bare : "(" + bare + ")";
      }
    }
    result_text(ctx, out + ")");
  });
}

// A constant as ruleutils' get_const_expr prints it inside an expression.
std::string const_text(const std::string& v, Oid type, int32_t typmod) {
  switch (type) {
    case oid::kInt4:
      if (!v.empty() && v[0] != '-') return v;
      break;
    case oid::kNumeric:
      if (!v.empty() && std::isdigit((unsigned char)v[0])) return v.find_first_of(".eE") != std::string::npos ? v : v + "::numeric";
      break;
    case oid::kBool: return v == "t" || v == "true" ? "true" : "false";
    default: break;
  }
  return quote_literal(v) + "::" + format_type_name(type, typmod);
}

// pg_get_partition_constraintdef(partition): get_qual_for_range/get_qual_for_list's form for
// a single key; other shapes are 0A000.
void get_partition_constraintdef(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    const TableDef* t = c.find_table_by_oid(sqlite3_value_int64(argv[0]));
    if (!t || t->partition_bound.empty() || t->parents.empty()) return sqlite3_result_null(ctx);
    const TableDef* parent = c.find_table_by_oid(t->parents[0]);
    if (!parent) return sqlite3_result_null(ctx);
    if (!parent->partition_bound.empty()) unsupported("pg_get_partition_constraintdef of a sub-partition");
    auto keys = partition_keys(*parent);
    PartitionBound b = decode_bound(t->partition_bound);
    if (keys.size() != 1 || (b.kind != 'r' && b.kind != 'l')) unsupported("pg_get_partition_constraintdef of this partition");
    const PartitionKey& k = keys[0];
    int ci = parent->find_column(k.display);
    if (ci < 0 || !partition_key_is_column(k.display, k.expr, pg_quote_identifier(k.display)))
      unsupported("pg_get_partition_constraintdef of an expression key");
    std::string key = pg_quote_identifier(k.display), out;
    if (b.kind == 'r') {
      std::vector<std::string> parts = {"(" + key + " IS NOT NULL)"};
      if (b.lower.size() == 1 && b.lower[0].kind == 'v') parts.push_back("(" + key + " >= " + const_text(b.lower[0].text, k.type, k.typmod) + ")");
      if (b.upper.size() == 1 && b.upper[0].kind == 'v') parts.push_back("(" + key + " < " + const_text(b.upper[0].text, k.type, k.typmod) + ")");
      for (size_t i = 0; i < parts.size(); i++) out += (i ? " AND " : "") + parts[i];
      return result_text(ctx, "(" + out + ")");
    }
    std::string items;
    bool has_null = false;
    size_t n = 0;
    for (auto& d : b.values) {
      if (d.kind == 'N') { has_null = true; continue; }
      items += (n++ ? ", " : "") + const_text(d.text, k.type, k.typmod);
    }
    if (has_null) unsupported("pg_get_partition_constraintdef of a list partition with NULL");
    out = "((" + key + " IS NOT NULL) AND (" + key + " = ANY (ARRAY[" + items + "])))";
    result_text(ctx, out);
  });
}

// The relation itself, then its partition ancestors nearest first (an int array for pg_unnest);
// nothing for relations that cannot be partitions.
void partition_ancestors_array(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    int64_t o = sqlite3_value_int64(argv[0]);
    std::vector<Datum> items;
    const TableDef* t = c.find_table_by_oid(o);
    if (t && !t->plain_sqlite) {
      items.push_back(Datum::integer(o));
      while (t && !t->partition_bound.empty() && !t->parents.empty()) {
        items.push_back(Datum::integer(t->parents[0]));
        t = c.find_table_by_oid(t->parents[0]);
      }
    }
    result_text(ctx, array_to_storage(oid::kRegclass, ArrayValue::vector(std::move(items))));
  });
}

// is_publishable_class: an ordinary or partitioned table, permanent, not a system relation.
void relation_is_publishable(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    int64_t o = sqlite3_value_int64(argv[0]);
    for (const RelationRef& rel : all_relations(c)) {
      if (rel.oid != o) continue;
      bool ok = (rel.relkind == 'r' || rel.relkind == 'p') && rel.table && rel.schema != kTempSchema && o >= 16384;
      return sqlite3_result_int(ctx, ok ? 1 : 0);
    }
    sqlite3_result_null(ctx);
  });
}

const ProcDef* proc_by_oid(const Catalog& c, int64_t o) {
  for (auto& p : c.procs())
    if (p->oid == o) return p.get();
  return nullptr;
}

// The DEFAULT of each parameter (empty: none) from the function's CREATE statement, analysed,
// coerced to the parameter's type and printed as pg_get_expr does.
std::vector<std::string> parameter_defaults(const Catalog& cat, const ProcDef& p) {
  std::vector<std::string> out(p.args.size());
  ParsedScript ps(p.definition);
  if (ps.statements().empty() || !IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt)) return out;
  auto* cf = reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt);
  size_t i = 0;
  for_each_node(cf->parameters, [&](Node* n) {
    auto* fp = reinterpret_cast<FunctionParameter*>(n);
    if (i < out.size() && fp->defexpr) {
      std::vector<Oid> no_params;
      Analyzer a(const_cast<Catalog&>(cat), no_params);
      ExprPtr e = a.transform_expr(fp->defexpr, ExprContext::Default);
      ExprPtr c = a.coerce_to(e, p.args[i].type, -1, CastContext::Assignment, -1);
      out[i] = deparse_expr(c ? *c : *e);
    }
    i++;
  });
  return out;
}

void get_function_arguments(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    const ProcDef* p = proc_by_oid(c, sqlite3_value_int64(argv[0]));
    if (!p) return sqlite3_result_null(ctx);
    std::string out;
    bool first = true;
    std::vector<std::string> defaults;
    for (auto& a : p->args)
      if (a.has_default) defaults = parameter_defaults(c, *p);
    for (size_t i = 0; i < p->args.size(); i++) {
      const ProcArg& a = p->args[i];
      if (a.mode == 't') continue;
      if (!first) out += ", ";
      first = false;
      if (a.mode == 'o') out += "OUT ";
      else if (a.mode == 'b') out += "INOUT ";
      else if (a.mode == 'v') out += "VARIADIC ";
      if (!a.name.empty()) out += pg_quote_identifier(a.name) + " ";
      out += format_type_name(a.type, -1);
      if (a.has_default && i < defaults.size() && !defaults[i].empty()) out += " DEFAULT " + defaults[i];
    }
    result_text(ctx, out);
  });
}

void get_function_result(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const Catalog& c = *runtime_context(ctx)->catalog;
    const ProcDef* p = proc_by_oid(c, sqlite3_value_int64(argv[0]));
    if (!p) return sqlite3_result_null(ctx);
    if (p->kind == 'p') return sqlite3_result_null(ctx);
    std::string table;
    for (auto& a : p->args)
      if (a.mode == 't') table += (table.empty() ? "" : ", ") + pg_quote_identifier(a.name) + " " + format_type_name(a.type, -1);
    if (!table.empty()) return result_text(ctx, "TABLE(" + table + ")");
    // pseudo-types pgmicro's type table does not hold
    std::string type = p->result == 2279 ? "trigger" : p->result == 3838 ? "event_trigger"
                     : find_type(p->result) ? format_type_name(p->result, -1) : "???";
    result_text(ctx, (p->retset ? "SETOF " : "") + type);
  });
}

// pg_get_function_sqlbody(function): NULL for a body given as a string; a SQL-standard body
// (RETURN …, BEGIN ATOMIC … END) is 0A000 (pgmicro does not print it as ruleutils.c does).
void get_function_sqlbody(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    const ProcDef* p = proc_by_oid(*runtime_context(ctx)->catalog, sqlite3_value_int64(argv[0]));
    if (!p) return sqlite3_result_null(ctx);
    ParsedScript ps(p->definition);
    if (!ps.statements().empty() && IsA(ps.statements()[0].raw->stmt, CreateFunctionStmt) &&
        reinterpret_cast<CreateFunctionStmt*>(ps.statements()[0].raw->stmt)->sql_body)
      unsupported("pg_get_function_sqlbody of a SQL-standard function body");
    sqlite3_result_null(ctx);
  });
}

void encoding_to_char(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    int64_t e = sqlite3_value_int64(argv[0]);
    result_text(ctx, e == 6 ? "UTF8" : e == 0 ? "SQL_ASCII" : "");
  });
}

// pg_size_pretty(bigint): dbsize.c's units with half-up rounding.
void size_pretty(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    int64_t size = sqlite3_value_int64(argv[0]);
    const int64_t limit = 10 * 1024, limit2 = limit * 2 - 1;
    auto half_rounded = [](int64_t x) { return (x + (x < 0 ? -1 : 1)) / 2; };
    auto abs64 = [](int64_t x) { return x < 0 ? -x : x; };
    if (abs64(size) < limit) return result_text(ctx, std::to_string(size) + " bytes");
    size /= (1 << 9);
    for (const char* unit : {"kB", "MB", "GB", "TB"}) {
      if (abs64(size) < limit2 || std::string(unit) == "TB") return result_text(ctx, std::to_string(half_rounded(size)) + " " + unit);
      size /= (1 << 10);
    }
  });
}

// The bytes of the SQLite b-tree `name` in database `dbname` (dbstat's aggregated row).
int64_t btree_bytes(sqlite3* db, const std::string& dbname, const std::string& name) {
  sqlite3_stmt* st = nullptr;
  int64_t n = 0;
  if (sqlite3_prepare_v2(db, "SELECT pgsize FROM dbstat(?1, 1) WHERE name = ?2", -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    unsupported("pg_table_size without SQLite's dbstat table");
  }
  sqlite3_bind_text(st, 1, dbname.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, name.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

// pg_table_size / pg_relation_size(regclass): the pages of the relation's SQLite b-tree (a
// table's rows, an index's entries; a table's indexes not counted, as PostgreSQL's), 0 for
// relations without storage of their own (views, partitioned tables, composite types,
// sequences, whose state is a row of a shared table); NULL for an unknown OID.
void table_size(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    RuntimeContext* rc = runtime_context(ctx);
    const Catalog& c = *rc->catalog;
    int64_t o = sqlite3_value_int64(argv[0]);
    for (const RelationRef& rel : all_relations(c)) {
      if (rel.oid != o) continue;
      int64_t n = 0;
      if (rel.relkind == 'r' && rel.table)
        n = btree_bytes(rc->db, sqlite_database(rel.schema), sqlite_relation_name(rel.schema, rel.name));
      else if (rel.relkind == 'i' && rel.index)
        n = btree_bytes(rc->db, sqlite_database(rel.schema), sqlite_relation_name(rel.schema, rel.name));
      return sqlite3_result_int64(ctx, n);
    }
    sqlite3_result_null(ctx);
  });
}

// pg_database_size(name or oid) of the one database: the bytes of the SQLite file's pages.
void database_size(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
      if (sqlite3_value_int64(argv[0]) != kDatabaseOid) return sqlite3_result_null(ctx);
    } else if (text_arg(argv[0]) != "postgres") {
      throw PgError("3D000", "database \"" + text_arg(argv[0]) + "\" does not exist");
    }
    sqlite3* db = runtime_context(ctx)->db;
    auto pragma = [&](const char* q) {
      sqlite3_stmt* st = nullptr;
      int64_t v = 0;
      if (sqlite3_prepare_v2(db, q, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
      return v;
    };
    sqlite3_result_int64(ctx, pragma("PRAGMA main.page_count") * pragma("PRAGMA main.page_size"));
  });
}

void not_printable(sqlite3_context* ctx, const char* what) {
  guarded(ctx, [&] { unsupported(what); });
}
void get_ruledef(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (is_null(argv[0])) return sqlite3_result_null(ctx);
  not_printable(ctx, "pg_get_ruledef");
}
// pg_get_triggerdef(trigger[, pretty]) from the _pgmicro_trigger row (the columns
// plpgsql/plpgsql_trigger_alter.cpp's pg_trigger reads): CREATE TRIGGER name BEFORE|AFTER|INSTEAD
// OF events ON table FOR EACH ROW|STATEMENT [WHEN (condition)] EXECUTE FUNCTION f(args).
void get_triggerdef(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (is_null(argv[0])) return sqlite3_result_null(ctx);
    bool pretty = argc > 1 && !is_null(argv[1]) && sqlite3_value_int(argv[1]) != 0;
    RuntimeContext* rc = runtime_context(ctx);
    const Catalog& c = *rc->catalog;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(rc->db, "SELECT * FROM _pgmicro_trigger WHERE oid = ?1", -1, &st, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      return sqlite3_result_null(ctx);
    }
    struct Finalize { sqlite3_stmt* s; ~Finalize() { sqlite3_finalize(s); } } fin{st};
    sqlite3_bind_int64(st, 1, sqlite3_value_int64(argv[0]));
    if (sqlite3_step(st) != SQLITE_ROW) return sqlite3_result_null(ctx);
    auto col = [&](int i) { const unsigned char* t = sqlite3_column_text(st, i); return t ? std::string(reinterpret_cast<const char*>(t)) : std::string(); };
    std::string name = col(1), fname = col(3), args = col(5), when = col(6);
    std::string attrs = sqlite3_column_count(st) > 8 ? col(8) : "";
    int type = sqlite3_column_int(st, 4);
    const TableDef* t = c.find_table_by_oid(sqlite3_column_int64(st, 2));
    std::string table;
    if (const ObjectNameResolver* r = current_object_names())
      if (auto n = r->name(oid::kRegclass, (Oid)sqlite3_column_int64(st, 2))) table = *n;
    if (t && (!pretty || table.empty())) {
      std::string qual = pg_quote_identifier(t->schema) + "." + pg_quote_identifier(t->name);
      if (!pretty || table.empty()) table = qual;
    }
    std::string events;
    auto add = [&](const std::string& e) { events += (events.empty() ? "" : " OR ") + e; };
    if (type & 4) add("INSERT");
    if (type & 8) add("DELETE");
    if (type & 16) {
      std::string of;
      size_t p = 0;
      while (!attrs.empty() && p <= attrs.size()) {
        size_t q = attrs.find('\x1f', p);
        if (q == std::string::npos) q = attrs.size();
        of += (of.empty() ? "" : ", ") + pg_quote_identifier(attrs.substr(p, q - p));
        p = q + 1;
      }
      add(of.empty() ? "UPDATE" : "UPDATE OF " + of);
    }
    if (type & 32) add("TRUNCATE");
    std::string def = "CREATE TRIGGER " + pg_quote_identifier(name) + ((type & 2) ? " BEFORE " : (type & 64) ? " INSTEAD OF " : " AFTER ") +
                      events + " ON " + table + ((type & 1) ? " FOR EACH ROW" : " FOR EACH STATEMENT");
    if (!when.empty()) {
      // the stored condition is the pretty form; the plain one parenthesizes an operator expression
      // NEW./OLD. print in lower case (ruleutils prints the range table's names new/old)
      std::string w;
      bool quoted = false;
      for (size_t k = 0; k < when.size(); k++) {
        char ch = when[k];
        if (ch == '\'') quoted = !quoted;
        bool start = k == 0 || !(std::isalnum((unsigned char)when[k - 1]) || when[k - 1] == '_' || when[k - 1] == '"');
        if (!quoted && start && (strncasecmp(when.c_str() + k, "new.", 4) == 0 || strncasecmp(when.c_str() + k, "old.", 4) == 0)) {
          for (int j = 0; j < 3; j++) w += (char)std::tolower((unsigned char)when[k + j]);
          k += 2;
          continue;
        }
        w += ch;
      }
      size_t i = 0;
      while (i < w.size() && (std::isalnum((unsigned char)w[i]) || w[i] == '_' || w[i] == '.')) i++;
      bool call = i > 0 && i < w.size() && w[i] == '(' && strip_outer_parens(w.substr(i)) != w.substr(i);
      if (!pretty && !call && strip_outer_parens(w) == w) w = "(" + w + ")";
      def += " WHEN (" + w + ")";
    }
    std::string arglist, cur;
    bool any = false;
    for (char ch : args) {
      if (ch == '\x1f') {
        arglist += (any ? ", " : "") + quote_literal(cur);
        any = true;
        cur.clear();
      } else {
        cur += ch;
      }
    }
    def += " EXECUTE FUNCTION " + pg_quote_identifier(fname) + "(" + arglist + ")";
    result_text(ctx, def);
  });
}
void get_statisticsobjdef_columns(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_null(ctx); }

}  // namespace

void register_psql_catalog_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int nargs; void (*fn)(sqlite3_context*, int, sqlite3_value**); };
  static const F kFunctions[] = {
      {"pg_get_userbyid", 1, get_userbyid},
      {"pg_get_expr", -1, get_expr},
      {"pg_get_indexdef3", 3, get_indexdef3},
      {"pg_get_viewdef_oid", -1, get_viewdef_oid},
      {"pg_get_partkeydef", 1, get_partkeydef},
      {"pg_get_partition_constraintdef", 1, get_partition_constraintdef},
      {"pg_partition_ancestors_array", 1, partition_ancestors_array},
      {"pg_relation_is_publishable", 1, relation_is_publishable},
      {"pg_get_function_arguments", 1, get_function_arguments},
      {"pg_get_function_result", 1, get_function_result},
      {"pg_get_function_sqlbody", 1, get_function_sqlbody},
      {"pg_encoding_to_char", 1, encoding_to_char},
      {"pg_size_pretty", 1, size_pretty},
      {"pg_table_size", 1, table_size},
      {"pg_database_size", 1, database_size},
      {"pg_get_ruledef", -1, get_ruledef},
      {"pg_get_triggerdef", -1, get_triggerdef},
      {"pg_get_statisticsobjdef_columns", 1, get_statisticsobjdef_columns},
  };
  for (const F& f : kFunctions) sqlite3_create_function_v2(db, f.name, f.nargs, SQLITE_UTF8, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
