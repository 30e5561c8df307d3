// CREATE SEQUENCE and the sequence behind an identity column: the options (AS, INCREMENT,
// MINVALUE, MAXVALUE, START, CACHE, SEQUENCE NAME) checked as PostgreSQL checks them, and the
// _pgmicro_sequence row. Counters are not transactional (docs/architecture.md).
#include <optional>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/sequence_options.h"
#include "session/session_impl.h"

namespace pgmicro {

// The options of CREATE SEQUENCE, and of an identity column's sequence (its type is the
// column's; SEQUENCE NAME names it), checked as PostgreSQL's init_params does.
SequenceOptions parse_sequence_options(Catalog& catalog, List* options, Oid type, bool for_identity) {
  SequenceOptions o;
  o.type = type;
  int64_t increment = 1;
  std::optional<int64_t> minv, maxv, start;
  auto int_arg = [&](DefElem* d) -> int64_t {
    Node* a = d->arg;
    if (a && IsA(a, Integer)) return intVal(a);
    if (a && IsA(a, Float)) return std::strtoll(castNode(Float, a)->fval, nullptr, 10);
    throw PgError(sqlstate::kSyntaxError, std::string(d->defname) + " requires a numeric value");
  };
  for_each_node(options, [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    std::string opt = d->defname;
    if (opt == "as") {
      Oid t; int32_t tm;
      std::vector<Oid> no_params;
      Analyzer a(catalog, no_params);
      a.resolve_type_name(reinterpret_cast<TypeName*>(d->arg), t, tm);
      if (t != oid::kInt2 && t != oid::kInt4 && t != oid::kInt8)
        throw PgError(sqlstate::kInvalidParameterValue, "sequence type must be smallint, integer, or bigint");
      o.type = t;
    } else if (opt == "increment") {
      increment = int_arg(d);
      if (increment == 0) throw PgError(sqlstate::kInvalidParameterValue, "INCREMENT must not be zero");
    } else if (opt == "minvalue") {
      if (d->arg) minv = int_arg(d);
    } else if (opt == "maxvalue") {
      if (d->arg) maxv = int_arg(d);
    } else if (opt == "start") {
      start = int_arg(d);
    } else if (opt == "cache") {
    } else if (opt == "cycle") {
      if (d->arg && IsA(d->arg, Boolean) && boolVal(d->arg)) unsupported("CYCLE sequences");
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
  Oid t = o.type;
  int64_t type_max = t == oid::kInt2 ? 32767 : t == oid::kInt4 ? 2147483647 : INT64_MAX;
  int64_t type_min = t == oid::kInt2 ? -32768 : t == oid::kInt4 ? INT32_MIN : INT64_MIN;
  int64_t lo = minv ? *minv : increment > 0 ? 1 : type_min;
  int64_t hi = maxv ? *maxv : increment > 0 ? type_max : -1;
  if (lo >= hi)
    throw PgError(sqlstate::kInvalidParameterValue, "MINVALUE (" + std::to_string(lo) + ") must be less than MAXVALUE (" + std::to_string(hi) + ")");
  int64_t st = start ? *start : increment > 0 ? lo : hi;
  if (st < lo) throw PgError(sqlstate::kInvalidParameterValue, "START value (" + std::to_string(st) + ") cannot be less than MINVALUE (" + std::to_string(lo) + ")");
  if (st > hi) throw PgError(sqlstate::kInvalidParameterValue, "START value (" + std::to_string(st) + ") cannot be greater than MAXVALUE (" + std::to_string(hi) + ")");
  o.start = st;
  o.increment = increment;
  o.min_value = lo;
  o.max_value = hi;
  return o;
}

std::string sequence_catalog_row(int64_t soid, const SequenceOptions& o, int64_t owner, int attnum, const std::string& prefix) {
  return "INSERT INTO " + prefix + "_pgmicro_sequence VALUES(" + std::to_string(soid) + ", " + std::to_string(o.type) + ", " +
         std::to_string(o.start) + ", " + std::to_string(o.increment) + ", " + std::to_string(o.min_value) + ", " +
         std::to_string(o.max_value) + ", " + std::to_string(o.start) + ", 0, " + std::to_string(owner) + ", " +
         std::to_string(attnum) + ");";
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
  Catalog::ensure_catalog_tables(conn_);
  if (schema == kTempSchema) Catalog::ensure_temp_catalog_tables(conn_);
  int64_t soid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(schema) + ", " + quote_literal(name) + ", 'S');" +
                      sequence_catalog_row(soid, o, 0, 0, cp));
  bump_schema();
}

}  // namespace pgmicro
