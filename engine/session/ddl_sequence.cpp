// CREATE SEQUENCE and the sequence behind an identity column: the options (AS, INCREMENT,
// MINVALUE, MAXVALUE, START, CACHE, SEQUENCE NAME) checked as PostgreSQL checks them, and the
// _pgmicro_sequence row. Counters are not transactional (docs/architecture.md).
#include <cerrno>
#include <optional>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/sequence_options.h"
#include "session/session_impl.h"

namespace pgmicro {

// The options of CREATE / ALTER SEQUENCE, and of an identity column's sequence (its type is
// the column's; SEQUENCE NAME names it), checked in the order of PostgreSQL's init_params.
SequenceOptions parse_sequence_options(Catalog& catalog, List* options, Oid type, bool for_identity, const SequenceDef* base,
                                       int64_t last_value) {
  SequenceOptions o;
  bool init = base == nullptr;
  if (base) {
    o.type = base->type;
    o.start = base->start;
    o.increment = base->increment;
    o.min_value = base->min_value;
    o.max_value = base->max_value;
    o.cycle = base->cycle;
    o.cache = base->cache;
  } else {
    o.type = type;
  }
  DefElem *as_type = nullptr, *increment = nullptr, *maxv = nullptr, *minv = nullptr, *start = nullptr, *restart = nullptr,
          *cache = nullptr, *cycle = nullptr, *owned = nullptr;
  auto int_arg = [&](DefElem* d) -> int64_t {
    Node* a = d->arg;
    if (a && IsA(a, Integer)) return intVal(a);
    if (a && IsA(a, Float)) {
      const char* f = castNode(Float, a)->fval;
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(f, &end, 10);
      if (errno == ERANGE || (end && *end))
        throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a numeric value");
      return v;
    }
    throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a numeric value");
  };
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string opt = d->defname;
    DefElem** slot = opt == "as" ? &as_type : opt == "increment" ? &increment : opt == "minvalue" ? &minv : opt == "maxvalue" ? &maxv
                   : opt == "start" ? &start : opt == "restart" ? &restart : opt == "cache" ? &cache : opt == "cycle" ? &cycle
                   : opt == "owned_by" ? &owned : nullptr;
    if (opt == "generated" && for_identity) return;  // ALTER COLUMN SET GENERATED: the caller's
    if (slot) {
      if (*slot) throw PgError(sqlstate::kSyntaxError, "conflicting or redundant options").at(d->location);
      *slot = d;
    } else if (opt == "sequence_name" && for_identity) {
      List* names = reinterpret_cast<List*>(d->arg);
      if (list_size(names) > 1) {
        std::string schema = node_string(list_at(names, 0));
        if (schema != "public") throw PgError("3F000", "schema \"" + schema + "\" does not exist");
      }
      o.name = node_string(list_at(names, list_size(names) - 1));
    } else {
      unsupported("sequence option " + opt);
    }
  });
  bool reset_max = false, reset_min = false;
  if (as_type) {
    Oid t; int32_t tm;
    std::vector<Oid> no_params;
    Analyzer a(catalog, no_params);
    a.resolve_type_name(reinterpret_cast<TypeName*>(as_type->arg), t, tm);
    if (t != oid::kInt2 && t != oid::kInt4 && t != oid::kInt8)
      throw PgError(sqlstate::kInvalidParameterValue, "sequence type must be smallint, integer, or bigint");
    if (!init) {
      Oid ot = o.type;
      reset_max = (ot == oid::kInt2 && o.max_value == 32767) || (ot == oid::kInt4 && o.max_value == 2147483647) ||
                  (ot == oid::kInt8 && o.max_value == INT64_MAX);
      reset_min = (ot == oid::kInt2 && o.min_value == -32768) || (ot == oid::kInt4 && o.min_value == INT32_MIN) ||
                  (ot == oid::kInt8 && o.min_value == INT64_MIN);
    }
    o.type = t;
  }
  if (increment) {
    o.increment = int_arg(increment);
    if (o.increment == 0) throw PgError(sqlstate::kInvalidParameterValue, "INCREMENT must not be zero");
  }
  if (cycle) o.cycle = boolVal(cycle->arg);
  Oid t = o.type;
  int64_t type_max = t == oid::kInt2 ? 32767 : t == oid::kInt4 ? 2147483647 : INT64_MAX;
  int64_t type_min = t == oid::kInt2 ? -32768 : t == oid::kInt4 ? INT32_MIN : INT64_MIN;
  std::string tname = t == oid::kInt2 ? "smallint" : t == oid::kInt4 ? "integer" : "bigint";
  if (maxv && maxv->arg) o.max_value = int_arg(maxv);
  else if (init || maxv || reset_max) o.max_value = o.increment > 0 || reset_max ? type_max : -1;
  if (o.max_value < type_min || o.max_value > type_max)
    throw PgError(sqlstate::kInvalidParameterValue, "MAXVALUE (" + std::to_string(o.max_value) + ") is out of range for sequence data type " + tname);
  if (minv && minv->arg) o.min_value = int_arg(minv);
  else if (init || minv || reset_min) o.min_value = o.increment < 0 || reset_min ? type_min : 1;
  if (o.min_value < type_min || o.min_value > type_max)
    throw PgError(sqlstate::kInvalidParameterValue, "MINVALUE (" + std::to_string(o.min_value) + ") is out of range for sequence data type " + tname);
  if (o.min_value >= o.max_value)
    throw PgError(sqlstate::kInvalidParameterValue, "MINVALUE (" + std::to_string(o.min_value) + ") must be less than MAXVALUE (" +
                                                        std::to_string(o.max_value) + ")");
  if (start) o.start = int_arg(start);
  else if (init) o.start = o.increment > 0 ? o.min_value : o.max_value;
  if (o.start < o.min_value)
    throw PgError(sqlstate::kInvalidParameterValue, "START value (" + std::to_string(o.start) + ") cannot be less than MINVALUE (" + std::to_string(o.min_value) + ")");
  if (o.start > o.max_value)
    throw PgError(sqlstate::kInvalidParameterValue, "START value (" + std::to_string(o.start) + ") cannot be greater than MAXVALUE (" + std::to_string(o.max_value) + ")");
  int64_t last = init ? o.start : last_value;
  if (restart) {
    o.restart = true;
    o.restart_value = restart->arg ? int_arg(restart) : o.start;
    last = o.restart_value;
  }
  if (last < o.min_value)
    throw PgError(sqlstate::kInvalidParameterValue, "RESTART value (" + std::to_string(last) + ") cannot be less than MINVALUE (" + std::to_string(o.min_value) + ")");
  if (last > o.max_value)
    throw PgError(sqlstate::kInvalidParameterValue, "RESTART value (" + std::to_string(last) + ") cannot be greater than MAXVALUE (" + std::to_string(o.max_value) + ")");
  if (cache) {
    o.cache = int_arg(cache);
    if (o.cache <= 0) throw PgError(sqlstate::kInvalidParameterValue, "CACHE (" + std::to_string(o.cache) + ") must be greater than zero");
  }
  if (owned) o.owned_by = reinterpret_cast<List*>(owned->arg);
  return o;
}

std::pair<int64_t, int> resolve_owned_by(const Catalog& catalog, List* names, const std::string& schema) {
  int n = list_size(names);
  if (n == 1) {
    if (node_string(list_at(names, 0)) == "none") return {0, 0};
    throw PgError(sqlstate::kSyntaxError, "invalid OWNED BY option", "", "Specify OWNED BY table.column or OWNED BY NONE.");
  }
  if (n < 2) throw PgError(sqlstate::kSyntaxError, "invalid OWNED BY option", "", "Specify OWNED BY table.column or OWNED BY NONE.");
  std::string col = node_string(list_at(names, n - 1));
  std::string rel = node_string(list_at(names, n - 2));
  std::string rschema = n > 2 ? node_string(list_at(names, n - 3)) : "";
  if (!rschema.empty() && !catalog.find_schema(rschema)) throw PgError("3F000", "schema \"" + rschema + "\" does not exist");
  const TableDef* t = catalog.find_table(rschema, rel);
  if (!t) {
    if (catalog.find_view(rschema, rel))
      throw PgError(sqlstate::kWrongObjectType, "sequence cannot be owned by relation \"" + rel + "\"", "This operation is not supported for views.");
    if (catalog.find_sequence(rschema, rel))
      throw PgError(sqlstate::kWrongObjectType, "sequence cannot be owned by relation \"" + rel + "\"", "This operation is not supported for sequences.");
    if (catalog.find_index(rschema, rel).second)
      throw PgError(sqlstate::kWrongObjectType, "sequence cannot be owned by relation \"" + rel + "\"", "This operation is not supported for indexes.");
    throw PgError(sqlstate::kUndefinedTable, "relation \"" + (rschema.empty() ? "" : rschema + ".") + rel + "\" does not exist");
  }
  if (t->schema != schema) throw PgError("55000", "sequence must be in same schema as table it is linked to");
  int idx = t->find_column(col);
  if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + t->name + "\" does not exist");
  return {t->oid, idx + 1};
}

std::string sequence_catalog_row(int64_t soid, const SequenceOptions& o, int64_t owner, int attnum, const std::string& prefix) {
  return "INSERT INTO " + prefix + "_pgmicro_sequence(seqrelid, seqtypid, seqstart, seqincrement, seqmin, seqmax, last_value, is_called, owned_by_rel, owned_by_att) VALUES(" + std::to_string(soid) + ", " + std::to_string(o.type) + ", " +
         std::to_string(o.start) + ", " + std::to_string(o.increment) + ", " + std::to_string(o.min_value) + ", " +
         std::to_string(o.max_value) + ", " + std::to_string(o.start) + ", 0, " + std::to_string(owner) + ", " +
         std::to_string(attnum) + ");" + (o.cycle || o.cache != 1 ? "UPDATE " + prefix + "_pgmicro_sequence SET seqcycle = " +
         std::to_string(o.cycle ? 1 : 0) + ", seqcache = " + std::to_string(o.cache) + " WHERE seqrelid = " + std::to_string(soid) + ";" : "");
}

// CREATE SEQUENCE [IF NOT EXISTS] with AS type, INCREMENT, MINVALUE, MAXVALUE, START, CACHE
// (accepted). Sequences are rows in _pgmicro_sequence; their counters are not transactional.
void SessionImpl::execute_create_sequence(CreateSeqStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE SEQUENCE";
  RangeVar* rv = stmt->sequence;
  const std::string schema = catalog_.target_schema(rv->schemaname ? rv->schemaname : "", rv->relpersistence == 't', rv->location, rv->relname);
  const std::string cp = catalog_prefix(schema);
  std::string name = rv->relname;
  if (catalog_.relation_exists(schema, name)) {
    if (stmt->if_not_exists) {
      out.notices.push_back({"NOTICE", "42P07", "relation \"" + name + "\" already exists, skipping"});
      return;
    }
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  SequenceOptions o = parse_sequence_options(catalog_, stmt->options, oid::kInt8, false);
  std::pair<int64_t, int> owner{0, 0};
  if (o.owned_by) owner = resolve_owned_by(catalog_, o.owned_by, schema);
  Catalog::ensure_catalog_tables(conn_);
  if (schema == kTempSchema) Catalog::ensure_temp_catalog_tables(conn_);
  int64_t soid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(schema) + ", " + quote_literal(name) + ", 'S');" +
                      sequence_catalog_row(soid, o, owner.first, owner.second, cp));
  bump_schema();
}

}  // namespace pgmicro
