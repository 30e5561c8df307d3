// Declarative partitioning in DDL: PARTITION BY (column keys; RANGE and LIST), FOR VALUES
// bounds analysed to PostgreSQL output text of the key types, PostgreSQL's checks (overlap,
// empty range, one default, rows of the default partition, unique keys covering the partition
// key) and the partitions' bound order. Comparisons of bound values run as PostgreSQL
// expressions through the engine itself, so every key type compares with its own semantics.
#include "session/ddl_partition.h"
#include <algorithm>
#include <set>
#include <functional>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/ddl_opclass.h"
#include "types/type_io.h"

namespace pgmicro {

bool eval_pg_bool(sqlite3* db, Catalog& cat, const std::string& expr) {
  ParsedScript ps("SELECT " + expr);
  std::vector<Oid> no_params;
  Analyzer a(cat, no_params);
  auto q = a.analyze_select(reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt));
  std::string sql = lower_select(*q);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    throw PgError(sqlstate::kInternalError, std::string("partition check: ") + sqlite3_errmsg(db));
  bool r = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
  sqlite3_finalize(st);
  return r;
}

namespace {

// PostgreSQL's built-in btree/hash operator class names (those of its default classes and
// their siblings), and whether `name` is the default class of `type` (same ordering/hash).
const char* const kBuiltinOpClasses[][2] = {
    {"int2_ops", "21"}, {"int4_ops", "23"}, {"int8_ops", "20"}, {"text_ops", "25"}, {"text_ops", "1043"},
    {"varchar_ops", "1043"}, {"bpchar_ops", "1042"}, {"float4_ops", "700"}, {"float8_ops", "701"},
    {"numeric_ops", "1700"}, {"bool_ops", "16"}, {"date_ops", "1082"}, {"timestamp_ops", "1114"},
    {"timestamptz_ops", "1184"}, {"oid_ops", "26"}, {"name_ops", "19"}, {"uuid_ops", "2950"}, {"time_ops", "1083"},
    {"interval_ops", "1186"}, {"char_ops", "18"}, {"bytea_ops", "17"}, {"text_pattern_ops", ""},
    {"varchar_pattern_ops", ""}, {"bpchar_pattern_ops", ""}, {"jsonb_ops", ""}, {"array_ops", ""},
    {"record_ops", ""}, {"enum_ops", ""}, {"timetz_ops", ""}, {"money_ops", ""}, {"inet_ops", ""}, {"cidr_ops", ""},
};

bool builtin_opclass_name(const std::string& name) {
  for (auto& e : kBuiltinOpClasses)
    if (name == e[0]) return true;
  return false;
}

bool builtin_opclass_typed(const std::string& name) {
  for (auto& e : kBuiltinOpClasses)
    if (name == e[0] && *e[1]) return true;
  return false;
}

bool builtin_default_opclass(Oid type, const std::string& name) {
  for (auto& e : kBuiltinOpClasses)
    if (name == e[0] && *e[1] && std::to_string(type) == e[1]) return true;
  return false;
}

[[noreturn]] void throw_generated_in_key(const std::string& column, int location) {
  throw PgError("42P17", "cannot use generated column in partition key", "Column \"" + column + "\" is a generated column.")
      .at(location);
}

}  // namespace

std::string analyze_partition_spec(Catalog& cat, const TableDef& t, PartitionSpec* spec, char& strategy, sqlite3* db) {
  strategy = (char)spec->strategy;
  if (strategy == 'l' && list_size(spec->partParams) > 1)
    throw PgError("42P17", "cannot use \"list\" partition strategy with more than one column");
  std::string key;
  int key_number = 0;
  for_each_node(spec->partParams, [&](Node* n) {
    auto* pe = reinterpret_cast<PartitionElem*>(n);
    if (list_size(pe->collation)) unsupported("COLLATE in partition keys", pe->location);
    PartitionKey k;
    if (pe->name) {
      int c = t.find_column(pe->name);
      static const char* const kSystemColumns[] = {"ctid", "xmin", "cmin", "xmax", "cmax", "tableoid"};
      for (const char* sc : kSystemColumns)
        if (c < 0 && std::string(pe->name) == sc)
          throw PgError("42P17", "cannot use system column \"" + std::string(sc) + "\" in partition key").at(pe->location);
      if (c < 0)
        throw PgError(sqlstate::kUndefinedColumn, "column \"" + std::string(pe->name) + "\" named in partition key does not exist")
            .at(pe->location);
      if (t.columns[c].generated) throw_generated_in_key(t.columns[c].name, pe->location);
      k = {t.columns[c].type, t.columns[c].typmod, pe->name, quote_ident(pe->name)};
    } else {
      // An expression key: analysed over the table's columns, stored deparsed.
      std::vector<Oid> no_params;
      Analyzer a(cat, no_params);
      auto scope = a.dml_scope(&t, "");
      a.scope_ = scope.get();
      ExprPtr e;
      try {
        e = a.transform_expr(pe->expr, ExprContext::Check);
      } catch (PgError& err) {
        // The Check context's wording, as PostgreSQL words it for partition keys.
        std::string& m = err.error.message;
        size_t at = m.find("in check constraints");
        if (at != std::string::npos) m.replace(at, std::string("in check constraints").size(), "in partition key expressions");
        if (m.rfind("cannot use subquery in check constraint", 0) == 0) m = "cannot use subquery in partition key expression";
        if (m.find("partition key expression") != std::string::npos) err.error.position = 0;
        throw;
      }
      a.scope_ = nullptr;
      // Stored generated columns are computed after partition routing (PostgreSQL's reason).
      std::function<void(const Expr&)> check_generated = [&](const Expr& x) {
        if (x.kind == ExprKind::Var && x.attno >= 0 && x.attno < (int)t.columns.size() && t.columns[x.attno].generated)
          throw_generated_in_key(t.columns[x.attno].name, pe->location);
        for (auto& arg : x.args) check_generated(*arg);
      };
      check_generated(*e);
      std::function<bool(const Expr&)> has_var = [&](const Expr& x) {
        if (x.kind == ExprKind::Var) return true;
        for (auto& arg : x.args)
          if (has_var(*arg)) return true;
        return false;
      };
      if (e->type == oid::kUnknown || e->type == oid::kRecord)
        throw PgError("42P16", "partition key column " + std::to_string(key_number + 1) + " has pseudo-type " + format_type_name(e->type, -1));
      if (!has_var(*e)) throw PgError("42P17", "cannot use constant expression as partition key");
      if (e->kind == ExprKind::Var) {
        const ColumnDef& col = t.columns[e->attno];
        k = {col.type, col.typmod, col.name, quote_ident(col.name)};
      } else {
        if (e->volatile_) throw PgError("42P17", "functions in partition key expression must be marked IMMUTABLE");
        std::string text = deparse_expr(*e);
        bool call = e->kind == ExprKind::Call && !text.empty() && text[0] != '(';
        k = {e->type, e->typmod, call || text[0] == '(' ? text : "(" + text + ")", "(" + text + ")"};
      }
    }
    key_number++;
    if (k.type == oid::kUnknown || k.type == oid::kRecord)
      throw PgError("42P16", "partition key column " + std::to_string(key_number) + " has pseudo-type " + format_type_name(k.type, -1));
    if (list_size(pe->opclass)) {
      // A user operator class: a hash one brings its hash function; a btree one orders as the
      // type's default (its operators are the type's own).
      std::string am = strategy == 'h' ? "hash" : "btree";
      std::optional<OpClassInfo> oc = db ? find_opclass(db, name_list(pe->opclass), am) : std::nullopt;
      std::string opc = name_list(pe->opclass).back();
      if (!oc && builtin_default_opclass(k.type, opc)) {
        if (strategy == 'h') check_hash_key_type(k.type, pe->location);
      } else if (!oc) {
        bool binary_coercible = (opc == "oid_ops" && k.type == oid::kInt4) || (opc == "int4_ops" && k.type == oid::kOid) ||
                                (opc == "text_ops" && (k.type == oid::kBpchar || k.type == oid::kName));
        if (binary_coercible) unsupported("operator class " + opc + " on type " + format_type_name(k.type, -1) + " in partition keys", pe->location);
        if (builtin_opclass_typed(opc))
          throw PgError(sqlstate::kDatatypeMismatch, "operator class \"" + opc + "\" does not accept data type " + format_type_name(k.type, -1));
        if (builtin_opclass_name(opc)) unsupported("operator class " + opc + " in partition keys", pe->location);
        throw PgError(sqlstate::kUndefinedObject, "operator class \"" + opc + "\" does not exist for access method \"" + am + "\"");
      } else {
        if (oc->type != k.type)
          throw PgError(sqlstate::kDatatypeMismatch, "operator class \"" + oc->name + "\" does not accept data type " + format_type_name(k.type, -1));
        if (strategy == 'h' && oc->hash_function.empty())
          unsupported("hash operator classes without FUNCTION 2 in partition keys", pe->location);
        k.hash_function = oc->hash_function;
      }
    } else if (strategy == 'h') {
      check_hash_key_type(k.type, pe->location);
    }
    key += (key.empty() ? "" : "\n") + encode_partition_key(k);
  });
  return key;
}

void check_unique_covers_partition_key(const TableDef& t, const std::string& key, char contype, const std::vector<int>& cols) {
  TableDef k = t;
  k.partition_key = key;
  const char* what = contype == 'p' ? "PRIMARY KEY" : "UNIQUE";
  for (auto& pk : partition_keys(k))
    if (!pk.expr.empty() && pk.expr[0] == '(')
      throw PgError(sqlstate::kFeatureNotSupported, std::string("unsupported ") + what + " constraint with partition key definition",
                    std::string(what) + " constraints cannot be used when partition keys include expressions.");
  for (auto& name : partition_key_columns(k)) {
    bool found = false;
    for (int c : cols) found |= t.columns[c].name == name;
    if (!found)
      throw PgError(sqlstate::kFeatureNotSupported, "unique constraint on partitioned table must include all partitioning columns",
                    std::string(contype == 'p' ? "PRIMARY KEY" : "UNIQUE") + " constraint on table \"" + t.name + "\" lacks column \"" +
                        name + "\" which is part of the partition key.");
  }
}

namespace {

struct KeyCol {
  std::string name;
  Oid type;
  int32_t typmod;
};

std::vector<KeyCol> key_cols(const TableDef& parent) {
  std::vector<KeyCol> out;
  for (auto& k : partition_keys(parent)) out.push_back({k.display, k.type, k.typmod});
  return out;
}

// One FOR VALUES datum: NULL, MINVALUE/MAXVALUE (range), or a value coerced to the key type.
BoundDatum analyze_datum(Catalog& cat, sqlite3* db, Node* n, const KeyCol& k, bool range) {
  BoundDatum d;
  if (IsA(n, ColumnRef) && range) {
    auto* cr = reinterpret_cast<ColumnRef*>(n);
    if (list_size(cr->fields) == 1 && IsA(list_at(cr->fields, 0), String)) {
      std::string s = node_string(list_at(cr->fields, 0));
      if (s == "minvalue") { d.kind = 'm'; return d; }
      if (s == "maxvalue") { d.kind = 'M'; return d; }
    }
  }
  if (IsA(n, ColumnRef))
    throw PgError(sqlstate::kFeatureNotSupported, "cannot use column reference in partition bound expression").at(expr_location(n));
  std::vector<Oid> no_params;
  Analyzer a(cat, no_params);
  ExprPtr e = a.transform_expr(n, ExprContext::PartitionBound);
  ExprPtr c = a.coerce_to(e, k.type, k.typmod, CastContext::Assignment, -1);
  if (!c)
    throw PgError(sqlstate::kDatatypeMismatch,
                  "specified value cannot be cast to type " + format_type_name(k.type, k.typmod) + " for column \"" + k.name + "\"")
        .at(expr_location(n));
  if (c->kind == ExprKind::Const) {
    if (c->value.kind == Datum::Kind::Null) { d.kind = 'N'; return d; }
    d.text = type_output(c->type, c->value);
    return d;
  }
  std::string sql = "SELECT " + lower_standalone_expr(*c);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    throw PgError(sqlstate::kInternalError, std::string("partition bound: ") + sqlite3_errmsg(db));
  if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL) {
    d.kind = 'N';
  } else {
    type_output(k.type, sqlite3_column_value(st, 0), d.text);
  }
  sqlite3_finalize(st);
  return d;
}

// PostgreSQL text comparing two range bounds (a < b), MINVALUE/MAXVALUE ending a bound.
std::string bound_less(const std::vector<BoundDatum>& a, const std::vector<BoundDatum>& b, const std::vector<KeyCol>& keys, size_t i = 0) {
  if (i >= a.size() || i >= b.size() || i >= keys.size()) return "false";
  auto rank = [](char k) { return k == 'm' ? 0 : k == 'M' ? 2 : 1; };
  if (rank(a[i].kind) != rank(b[i].kind)) return rank(a[i].kind) < rank(b[i].kind) ? "true" : "false";
  if (a[i].kind != 'v') return "false";
  std::string x = bound_literal(a[i], keys[i].type, keys[i].typmod), y = bound_literal(b[i], keys[i].type, keys[i].typmod);
  std::string rest = bound_less(a, b, keys, i + 1);
  return "(" + x + " < " + y + (rest == "false" ? "" : " OR (" + x + " = " + y + " AND " + rest + ")") + ")";
}

std::string bound_text(const std::vector<BoundDatum>& v, const std::vector<KeyCol>& keys) {
  std::string s;
  for (size_t i = 0; i < v.size(); i++) {
    s += i ? ", " : "";
    if (v[i].kind == 'm') s += "MINVALUE";
    else if (v[i].kind == 'M') s += "MAXVALUE";
    else if (v[i].kind == 'N') s += "NULL";
    else s += i < keys.size() && type_category(keys[i].type) == 'N' ? v[i].text : quote_literal(v[i].text);
  }
  return s;
}

std::string qualified(const TableDef& t) { return quote_ident(t.schema) + "." + quote_ident(t.name); }

}  // namespace

PartitionBound analyze_partition_bound(sqlite3* db, Catalog& cat, const TableDef& parent, PartitionBoundSpec* spec,
                                       const std::string& child_name, bool attaching) {
  PartitionBound b;
  std::vector<KeyCol> keys = key_cols(parent);
  std::vector<const TableDef*> siblings = partitions_of(cat, parent);
  if (spec->is_default) {
    if (parent.partition_strategy == 'h') throw PgError("42P16", "a hash-partitioned table may not have a default partition");
    b.kind = 'd';
    for (auto* s : siblings)
      if (decode_bound(s->partition_bound).kind == 'd')
        throw PgError("42P17", "partition \"" + child_name + "\" conflicts with existing default partition \"" + s->name + "\"")
            .at(spec->location);
    return b;
  }
  if (parent.partition_strategy == 'h' || spec->strategy == 'h') {
    if (parent.partition_strategy != 'h')
      throw PgError("42P16", std::string("invalid bound specification for a ") + (parent.partition_strategy == 'l' ? "list" : "range") +
                                 " partition")
          .at(spec->location);
    return analyze_hash_bound(parent, spec, child_name, siblings);
  }
  if (parent.partition_strategy == 'l' && spec->strategy != 'l')
    throw PgError("42P16", "invalid bound specification for a list partition").at(spec->location);
  if (parent.partition_strategy == 'r' && spec->strategy != 'r')
    throw PgError("42P16", "invalid bound specification for a range partition").at(spec->location);
  std::vector<int> locations;
  if (spec->strategy == 'l') {
    b.kind = 'l';
    for_each_node(spec->listdatums, [&](Node* n) {
      BoundDatum d = analyze_datum(cat, db, n, keys[0], false);
      bool dup = false;
      for (auto& x : b.values) dup |= x.kind == d.kind && x.text == d.text;
      if (!dup) {
        b.values.push_back(d);
        locations.push_back(expr_location(n));
      }
    });
  } else {
    b.kind = 'r';
    if (list_size(spec->lowerdatums) != (int)keys.size())
      throw PgError("42P16", "FROM must specify exactly one value per partitioning column");
    if (list_size(spec->upperdatums) != (int)keys.size())
      throw PgError("42P16", "TO must specify exactly one value per partitioning column");
    // After MINVALUE (MAXVALUE) every later datum must be MINVALUE (MAXVALUE) too.
    auto datums = [&](List* l, std::vector<BoundDatum>& v) {
      size_t i = 0;
      for_each_node(l, [&](Node* n) {
        v.push_back(analyze_datum(cat, db, n, keys[i++], true));
        if (v.back().kind == 'N') throw PgError("42P16", "cannot specify NULL in range bound");
        if (v.size() > 1) {
          char prev = v[v.size() - 2].kind;
          if (prev == 'm' && v.back().kind != 'm')
            throw PgError(sqlstate::kDatatypeMismatch, "every bound following MINVALUE must also be MINVALUE").at(expr_location(n));
          if (prev == 'M' && v.back().kind != 'M')
            throw PgError(sqlstate::kDatatypeMismatch, "every bound following MAXVALUE must also be MAXVALUE").at(expr_location(n));
        }
      });
    };
    datums(spec->lowerdatums, b.lower);
    datums(spec->upperdatums, b.upper);
    int loc = expr_location(list_at(spec->lowerdatums, 0));
    if (!eval_pg_bool(db, cat, bound_less(b.lower, b.upper, keys)))
      throw PgError("42P17", "empty range bound specified for partition \"" + child_name + "\"",
                    "Specified lower bound (" + bound_text(b.lower, keys) + ") is greater than or equal to upper bound (" +
                        bound_text(b.upper, keys) + ").")
          .at(loc);
    locations.push_back(loc);
  }
  // Overlap with the other partitions.
  const TableDef* dflt = nullptr;
  for (auto* s : siblings) {
    PartitionBound sb = decode_bound(s->partition_bound);
    if (sb.kind == 'd') { dflt = s; continue; }
    if (b.kind == 'l') {
      for (size_t i = 0; i < b.values.size(); i++) {
        bool hit = false;
        if (b.values[i].kind == 'N') {
          for (auto& x : sb.values) hit |= x.kind == 'N';
        } else {
          std::string in;
          for (auto& x : sb.values)
            if (x.kind != 'N') in += (in.empty() ? "" : ", ") + bound_literal(x, keys[0].type, keys[0].typmod);
          hit = !in.empty() && eval_pg_bool(db, cat, bound_literal(b.values[i], keys[0].type, keys[0].typmod) + " IN (" + in + ")");
        }
        if (hit)
          throw PgError("42P17", "partition \"" + child_name + "\" would overlap partition \"" + s->name + "\"").at(locations[i]);
      }
    } else if (sb.kind == 'r') {
      if (eval_pg_bool(db, cat, bound_less(b.lower, sb.upper, keys) + " AND " + bound_less(sb.lower, b.upper, keys)))
        throw PgError("42P17", "partition \"" + child_name + "\" would overlap partition \"" + s->name + "\"").at(locations[0]);
    }
  }
  if (dflt) {
    std::vector<const TableDef*> none;
    std::string cond = partition_condition(parent, b, none);
    std::vector<const TableDef*> leaves;
    if (dflt->partition_strategy) {
      for (const TableDef* d : table_descendants(cat, *dflt))
        if (!d->partition_strategy) leaves.push_back(d);
    } else {
      leaves.push_back(dflt);
    }
    for (const TableDef* leaf : leaves)
      if (eval_pg_bool(db, cat, "EXISTS (SELECT 1 FROM " + qualified(*leaf) + " WHERE " + cond + ")"))
        throw PgError(sqlstate::kCheckViolation, "updated partition constraint for default partition \"" +
                                                     (attaching ? leaf->name : dflt->name) + "\" would be violated by some row");
  }
  return b;
}

std::string partition_rank_sql(sqlite3* db, Catalog& cat, const TableDef& parent, int64_t child_oid, const PartitionBound& bound,
                               int& own_rank) {
  std::vector<KeyCol> keys = key_cols(parent);
  std::vector<const TableDef*> siblings = partitions_of(cat, parent);
  std::vector<int64_t> order;
  auto min_value = [&](const PartitionBound& b) -> const BoundDatum* {
    const BoundDatum* best = nullptr;
    for (auto& v : b.values) {
      if (v.kind == 'N') continue;
      if (!best || eval_pg_bool(db, cat, bound_literal(v, keys[0].type, keys[0].typmod) + " < " +
                                              bound_literal(*best, keys[0].type, keys[0].typmod)))
        best = &v;
    }
    return best;
  };
  // Is `a` before `b` in PostgreSQL's bound order? (the default partition goes last; a list
  // partition of NULL alone after the others)
  auto before = [&](const PartitionBound& a, const PartitionBound& b) {
    if (a.kind == 'd') return false;
    if (b.kind == 'd') return true;
    if (a.kind == 'h') return hash_bound_less(a, b);
    if (a.kind == 'r') return eval_pg_bool(db, cat, bound_less(a.lower, b.lower, keys));
    const BoundDatum* x = min_value(a);
    const BoundDatum* y = min_value(b);
    if (!x) return false;
    if (!y) return true;
    return eval_pg_bool(db, cat, bound_literal(*x, keys[0].type, keys[0].typmod) + " < " + bound_literal(*y, keys[0].type, keys[0].typmod));
  };
  bool placed = false;
  for (auto* s : siblings) {
    if (s->oid == child_oid) continue;
    if (!placed && before(bound, decode_bound(s->partition_bound))) {
      order.push_back(child_oid);
      placed = true;
    }
    order.push_back(s->oid);
  }
  if (!placed) order.push_back(child_oid);
  std::string sql;
  for (size_t i = 0; i < order.size(); i++) {
    const TableDef* t = order[i] == child_oid ? nullptr : cat.find_table_by_oid(order[i]);
    std::string cp = t ? catalog_prefix(t->schema) : std::string("");
    if (!t) continue;
    sql += "UPDATE " + cp + "_pgmicro_inherits SET inhseqno = " + std::to_string(i + 1) + " WHERE inhrelid = " + std::to_string(order[i]) +
           " AND inhparent = " + std::to_string(parent.oid) + ";";
  }
  for (size_t i = 0; i < order.size(); i++)
    if (order[i] == child_oid) own_rank = (int)i + 1;
  return sql;
}

void validate_attached_rows(sqlite3* db, Catalog& cat, const TableDef& parent, const TableDef& table, const PartitionBound& bound) {
  std::vector<const TableDef*> siblings = partitions_of(cat, parent);
  std::string cond = partition_condition(parent, bound, siblings);
  // A partitioned table's rows are in its leaf partitions: the first leaf holding a row
  // outside the bound is named, as PostgreSQL scans each leaf.
  std::vector<const TableDef*> leaves;
  if (table.partition_strategy) {
    for (const TableDef* d : table_descendants(cat, table))
      if (!d->partition_strategy) leaves.push_back(d);
  } else {
    leaves.push_back(&table);
  }
  for (const TableDef* leaf : leaves)
    if (eval_pg_bool(db, cat, "EXISTS (SELECT 1 FROM " + qualified(*leaf) + " WHERE NOT (" + cond + "))"))
      throw PgError(sqlstate::kCheckViolation, "partition constraint of relation \"" + leaf->name + "\" is violated by some row");
}

std::vector<int> partition_key_to_add(const TableDef& parent, const std::vector<int>& cols, const TableDef& partition) {
  auto names_of = [](const TableDef& x, const std::vector<int>& c) {
    std::set<std::string> out;
    for (int i : c)
      if (i >= 0 && i < (int)x.columns.size()) out.insert(x.columns[i].name);
    return out;
  };
  auto want = names_of(parent, cols);
  for (auto& m : partition.constraints)
    if ((m.type == 'u' || m.type == 'p') && names_of(partition, m.columns) == want) return {};
  for (auto& ix : partition.indexes)
    if (ix.unique && ix.plain_keys() && names_of(partition, ix.columns) == want) return {};
  std::vector<int> out;
  for (int c : cols) out.push_back(partition.find_column(parent.columns[c].name));
  return out;
}

}  // namespace pgmicro
