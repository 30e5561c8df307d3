// Set-returning functions as SQLite eponymous table-valued virtual tables: pg_unnest(array,
// elem), pg_series_int(start, stop, step), pg_series_numeric(start, stop, step) and
// pg_series_ts(start, stop, step, tz). Each has the visible columns (value, ordinality) and
// its arguments as HIDDEN columns; rows are generated lazily. Arguments may reference
// earlier FROM items (LATERAL), which SQLite's planner supports for table-valued functions.
#include <cstring>
#include <string>
#include <vector>
#include <memory>
#include "runtime/sqlite_text.h"
#include "runtime/function_context.h"
#include "runtime/regex_functions.h"
#include "types/array.h"
#include "types/interval.h"
#include "types/json.h"
#include "types/numeric.h"
#include "types/type_families.h"
#include "types/type_io.h"

namespace pgmicro {

Datum json_populate_field(Oid type, int32_t typmod, const JsonValue& v, std::string_view src, bool jsonb,
                          const std::string& key);  // populate_functions.cpp

namespace {

// Produces the rows of one call.
struct Generator {
  virtual ~Generator() = default;
  virtual bool next(Datum& out) = 0;  // false at the end
  // Columns after the first of the current row (multi-column functions).
  std::vector<Datum> more;
};

struct UnnestGen : Generator {
  ArrayValue a;
  size_t i = 0;
  bool next(Datum& out) override {
    if (i >= a.items.size()) return false;
    out = a.items[i++];
    return true;
  }
};

struct IntSeriesGen : Generator {
  int64_t cur, stop, step;
  bool done = false;
  bool next(Datum& out) override {
    if (done || (step > 0 ? cur > stop : cur < stop)) return false;
    out = Datum::integer(cur);
    if (__builtin_add_overflow(cur, step, &cur)) done = true;
    return true;
  }
};

struct NumericSeriesGen : Generator {
  Numeric cur, stop, step;
  int step_sign = 1;
  bool next(Datum& out) override {
    int c = cur.compare(stop);
    if (step_sign > 0 ? c > 0 : c < 0) return false;
    out = Datum::blob(cur.encode());
    cur = cur.add(step);
    return true;
  }
};

struct TsSeriesGen : Generator {
  int64_t cur, stop;
  Interval step;
  int step_sign = 1;
  bool tz = false, done = false;
  bool next(Datum& out) override {
    if (done || (step_sign > 0 ? cur > stop : cur < stop)) return false;
    out = Datum::text(tz ? timestamptz_to_string(cur) : timestamp_to_string(cur));
    try {
      cur = tz ? timestamptz_add_interval(cur, step) : timestamp_add_interval(cur, step);
    } catch (const PgError&) {
      done = true;  // past the end of the timestamp range
    }
    return true;
  }
};

// Rows computed up front: json(b)_each / _array_elements / _object_keys over a parsed
// document, regexp_matches, regexp_split_to_table.
struct JsonRowsGen : Generator {
  std::vector<std::vector<Datum>> rows;
  size_t i = 0;
  bool next(Datum& out) override {
    if (i >= rows.size()) return false;
    out = rows[i][0];
    more.assign(rows[i].begin() + 1, rows[i].end());
    i++;
    return true;
  }
};

Numeric numeric_of(sqlite3_value* v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_BLOB:
      return Numeric::decode(std::string_view(static_cast<const char*>(sqlite3_value_blob(v)), size_t(sqlite3_value_bytes(v))));
    case SQLITE_INTEGER: return Numeric::from_int64(sqlite3_value_int64(v));
    default: return Numeric::parse(reinterpret_cast<const char*>(sqlite3_value_text(v)));
  }
}

[[noreturn]] void invalid_step(const char* what) { throw PgError(sqlstate::kInvalidParameterValue, what); }

std::unique_ptr<Generator> make_unnest(sqlite3_value** argv, RuntimeContext*) {
  auto g = std::make_unique<UnnestGen>();
  g->a = array_from_storage(static_cast<Oid>(sqlite3_value_int64(argv[1])), text_of(argv[0]));
  return g;
}

std::unique_ptr<Generator> make_int_series(sqlite3_value** argv, RuntimeContext*) {
  auto g = std::make_unique<IntSeriesGen>();
  g->cur = sqlite3_value_int64(argv[0]);
  g->stop = sqlite3_value_int64(argv[1]);
  g->step = sqlite3_value_int64(argv[2]);
  if (g->step == 0) invalid_step("step size cannot equal zero");
  return g;
}

std::unique_ptr<Generator> make_numeric_series(sqlite3_value** argv, RuntimeContext*) {
  auto g = std::make_unique<NumericSeriesGen>();
  g->cur = numeric_of(argv[0]);
  g->stop = numeric_of(argv[1]);
  g->step = numeric_of(argv[2]);
  if (g->cur.is_nan()) invalid_step("start value cannot be NaN");
  if (g->cur.is_inf()) invalid_step("start value cannot be infinity");
  if (g->stop.is_nan()) invalid_step("stop value cannot be NaN");
  if (g->stop.is_inf()) invalid_step("stop value cannot be infinity");
  if (g->step.is_nan()) invalid_step("step size cannot be NaN");
  if (g->step.is_inf()) invalid_step("step size cannot be infinity");
  if (g->step.is_zero()) invalid_step("step size cannot equal zero");
  g->step_sign = g->step.sign();
  return g;
}

std::unique_ptr<Generator> make_ts_series(sqlite3_value** argv, RuntimeContext*) {
  auto g = std::make_unique<TsSeriesGen>();
  g->tz = sqlite3_value_int(argv[3]) != 0;
  g->cur = g->tz ? timestamptz_from_storage(text_of(argv[0])) : timestamp_from_storage(text_of(argv[0]));
  g->stop = g->tz ? timestamptz_from_storage(text_of(argv[1])) : timestamp_from_storage(text_of(argv[1]));
  g->step = interval_from_storage(text_of(argv[2]));
  // interval_cmp against zero: the span PostgreSQL compares by
  __int128 span = (__int128(g->step.month) * 30 + g->step.day) * 86400000000LL + g->step.time;
  if (span == 0) invalid_step("step size cannot equal zero");
  g->step_sign = span > 0 ? 1 : -1;
  return g;
}

Datum json_cell(const JsonValue& v, const std::string& src, bool jsonb, bool as_text) {
  if (as_text) {
    std::string out;
    if (!json_value_as_text(v, jsonb ? std::string_view() : std::string_view(src), out)) return Datum::null();
    return Datum::text(out);
  }
  if (jsonb) {
    JsonValue n = v;
    jsonb_normalize(n);
    return Datum::text(jsonb_to_text(n));
  }
  return Datum::text(json_value_text(v, src, false));
}

// pg_json_each(doc, jsonb, as_text): (key, value) of an object.
std::unique_ptr<Generator> make_json_each(sqlite3_value** argv, RuntimeContext*) {
  bool jsonb = sqlite3_value_int(argv[1]), as_text = sqlite3_value_int(argv[2]);
  std::string src = text_of(argv[0]);
  JsonValue d = json_parse(src, jsonb);
  std::string fn = std::string(jsonb ? "jsonb" : "json") + "_each" + (as_text ? "_text" : "");
  if (d.kind != JsonValue::Kind::Object) {
    if (jsonb) throw PgError(sqlstate::kInvalidParameterValue, "cannot call " + fn + " on a non-object");
    throw PgError(sqlstate::kInvalidParameterValue, d.kind == JsonValue::Kind::Array ? "cannot deconstruct an array as an object"
                                                                                    : "cannot deconstruct a scalar");
  }
  auto g = std::make_unique<JsonRowsGen>();
  for (auto& m : d.members) g->rows.push_back({Datum::text(m.first), json_cell(m.second, src, jsonb, as_text)});
  return g;
}

// pg_json_elements(doc, jsonb, as_text): the elements of an array.
std::unique_ptr<Generator> make_json_elements(sqlite3_value** argv, RuntimeContext*) {
  bool jsonb = sqlite3_value_int(argv[1]), as_text = sqlite3_value_int(argv[2]);
  std::string src = text_of(argv[0]);
  JsonValue d = json_parse(src, jsonb);
  if (d.kind != JsonValue::Kind::Array) {
    std::string fn = std::string(jsonb ? "jsonb" : "json") + "_array_elements" + (as_text ? "_text" : "");
    if (jsonb) throw PgError(sqlstate::kInvalidParameterValue, d.kind == JsonValue::Kind::Object ? "cannot extract elements from an object" : "cannot extract elements from a scalar");
    throw PgError(sqlstate::kInvalidParameterValue, "cannot call " + fn + (d.kind == JsonValue::Kind::Object ? " on a non-array" : " on a scalar"));
  }
  auto g = std::make_unique<JsonRowsGen>();
  for (auto& x : d.items) g->rows.push_back({json_cell(x, src, jsonb, as_text)});
  return g;
}

// pg_json_keys(doc, jsonb): the keys of an object.
std::unique_ptr<Generator> make_json_keys(sqlite3_value** argv, RuntimeContext*) {
  bool jsonb = sqlite3_value_int(argv[1]);
  JsonValue d = json_parse(text_of(argv[0]), jsonb);
  std::string fn = jsonb ? "jsonb_object_keys" : "json_object_keys";
  if (d.kind == JsonValue::Kind::Array) throw PgError(sqlstate::kInvalidParameterValue, "cannot call " + fn + " on an array");
  if (d.kind != JsonValue::Kind::Object) throw PgError(sqlstate::kInvalidParameterValue, "cannot call " + fn + " on a scalar");
  if (jsonb) jsonb_normalize(d);
  auto g = std::make_unique<JsonRowsGen>();
  for (auto& m : d.members) g->rows.push_back({Datum::text(m.first)});
  return g;
}

// regexp_matches / regexp_split_to_table (rows made by runtime/regex_functions.cpp).
std::unique_ptr<Generator> make_regexp_matches(sqlite3_value** argv, RuntimeContext* rc) {
  auto g = std::make_unique<JsonRowsGen>();
  g->rows = regexp_matches_rows(argv, rc);
  return g;
}
std::unique_ptr<Generator> make_regexp_split(sqlite3_value** argv, RuntimeContext* rc) {
  auto g = std::make_unique<JsonRowsGen>();
  g->rows = regexp_split_rows(argv, rc, "regexp_split_to_table()");
  return g;
}

// pg_json_to_record(doc, jsonb, spec, set): json(b)_to_record(set) with a column definition
// list. spec = "typeoid typmod name" per column, newline-separated; set = one row per array
// element (each an object). A value becomes its column's type by the type's input function
// from the JSON string's contents or the value's JSON text (json/jsonb columns take the JSON).
std::unique_ptr<Generator> make_json_to_record(sqlite3_value** argv, RuntimeContext*) {
  bool jsonb = sqlite3_value_int(argv[1]), set = sqlite3_value_int(argv[3]);
  std::string src = text_of(argv[0]);
  struct Col { Oid type; int32_t typmod; std::string name; };
  std::vector<Col> cols;
  std::string spec = text_of(argv[2]);
  for (size_t p = 0; p < spec.size();) {
    size_t nl = spec.find('\n', p);
    if (nl == std::string::npos) nl = spec.size();
    std::string line = spec.substr(p, nl - p);
    size_t a = line.find(' '), b = line.find(' ', a + 1);
    cols.push_back({(Oid)std::stoul(line.substr(0, a)), (int32_t)std::stol(line.substr(a + 1, b - a - 1)), line.substr(b + 1)});
    p = nl + 1;
  }
  JsonValue d = json_parse(src, jsonb);
  std::string fn = std::string(jsonb ? "jsonb" : "json") + (set ? "_to_recordset" : "_to_record");
  auto g = std::make_unique<JsonRowsGen>();
  auto row_of = [&](const JsonValue& obj) {
    std::vector<Datum> row;
    for (auto& c : cols) {
      const JsonValue* v = obj.find(c.name);
      if (!v || v->kind == JsonValue::Kind::Null) {
        row.push_back(Datum::null());
        continue;
      }
      std::string text;
      if (c.type == oid::kJson || c.type == oid::kJsonb) {
        JsonValue n = *v;
        text = c.type == oid::kJsonb || jsonb ? (jsonb_normalize(n), jsonb_to_text(n)) : json_value_text(*v, jsonb ? std::string_view() : std::string_view(src), false);
      } else if (v->kind == JsonValue::Kind::String) {
        text = v->text;
      } else if (array_element_type(c.type) || !v->is_scalar()) {
        row.push_back(json_populate_field(c.type, c.typmod, *v, jsonb ? std::string_view() : std::string_view(src), jsonb,
                                          c.name));
        continue;
      } else {
        JsonValue n = *v;
        if (jsonb) jsonb_normalize(n);
        text = jsonb ? jsonb_to_text(n) : json_value_text(*v, src, false);
      }
      row.push_back(type_input(c.type, c.typmod, text));
    }
    g->rows.push_back(std::move(row));
  };
  if (set) {
    if (d.kind != JsonValue::Kind::Array)
      throw PgError(sqlstate::kInvalidParameterValue, "cannot call " + fn + " on a non-array");
    for (auto& x : d.items) {
      if (x.kind != JsonValue::Kind::Object)
        throw PgError(sqlstate::kInvalidParameterValue, "argument of " + fn + " must be an array of objects");
      row_of(x);
    }
  } else {
    if (d.kind != JsonValue::Kind::Object)
      throw PgError(sqlstate::kInvalidParameterValue,
                    std::string("cannot call populate_composite on ") + (d.kind == JsonValue::Kind::Array ? "an array" : "a scalar"));
    row_of(d);
  }
  return g;
}

std::string json_to_record_schema() {
  std::string s = "CREATE TABLE x(";
  for (int i = 1; i <= 100; i++) s += "c" + std::to_string(i) + ", ";
  return s + "ordinality, doc HIDDEN, jsonb HIDDEN, spec HIDDEN, rset HIDDEN)";
}
const std::string kJsonToRecordSchema = json_to_record_schema();

struct TableFunctionDef {
  const char* name;
  const char* schema;
  int nargs;
  std::unique_ptr<Generator> (*make)(sqlite3_value** argv, RuntimeContext* rc);
  int ncols = 1;  // visible result columns before "ordinality"
};

const TableFunctionDef kTableFunctions[] = {
    {"pg_unnest", "CREATE TABLE x(c1, ordinality, arr HIDDEN, elem HIDDEN)", 2, make_unnest},
    {"pg_series_int", "CREATE TABLE x(c1, ordinality, start HIDDEN, stop HIDDEN, step HIDDEN)", 3, make_int_series},
    {"pg_series_numeric", "CREATE TABLE x(c1, ordinality, start HIDDEN, stop HIDDEN, step HIDDEN)", 3,
     make_numeric_series},
    {"pg_series_ts", "CREATE TABLE x(c1, ordinality, start HIDDEN, stop HIDDEN, step HIDDEN, tz HIDDEN)", 4,
     make_ts_series},
    {"pg_json_each", "CREATE TABLE x(c1, c2, ordinality, doc HIDDEN, jsonb HIDDEN, as_text HIDDEN)", 3, make_json_each, 2},
    {"pg_json_elements", "CREATE TABLE x(c1, ordinality, doc HIDDEN, jsonb HIDDEN, as_text HIDDEN)", 3, make_json_elements},
    {"pg_json_keys", "CREATE TABLE x(c1, ordinality, doc HIDDEN, jsonb HIDDEN)", 2, make_json_keys},
    {"pg_regexp_matches", "CREATE TABLE x(c1, ordinality, str HIDDEN, pattern HIDDEN, flags HIDDEN)", 3, make_regexp_matches},
    {"pg_regexp_split", "CREATE TABLE x(c1, ordinality, str HIDDEN, pattern HIDDEN, flags HIDDEN)", 3, make_regexp_split},
    {"pg_json_to_record", kJsonToRecordSchema.c_str(), 4, make_json_to_record, 100},
};

struct ModuleData {
  RuntimeContext* rc;
  const TableFunctionDef* def;
};

struct VTab : sqlite3_vtab {
  ModuleData* md;
};

struct Cursor : sqlite3_vtab_cursor {
  std::unique_ptr<Generator> gen;
  std::vector<Datum> args;
  Datum value;
  int64_t ordinality = 0;
  bool eof = true;
};

int x_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  auto* md = static_cast<ModuleData*>(aux);
  int rc = sqlite3_declare_vtab(db, md->def->schema);
  if (rc != SQLITE_OK) return rc;
  auto* v = new VTab();
  v->md = md;
  *out = v;
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  return SQLITE_OK;
}

int x_disconnect(sqlite3_vtab* v) {
  delete static_cast<VTab*>(v);
  return SQLITE_OK;
}

// Every argument must be given (the templates always pass all of them).
int x_best_index(sqlite3_vtab* v, sqlite3_index_info* info) {
  int nargs = static_cast<VTab*>(v)->md->def->nargs;
  std::vector<int> slot(nargs, -1);
  for (int i = 0; i < info->nConstraint; i++) {
    const auto& c = info->aConstraint[i];
    int arg = c.iColumn - 1 - static_cast<VTab*>(v)->md->def->ncols;
    if (arg < 0 || arg >= nargs || c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c.usable) return SQLITE_CONSTRAINT;
    slot[arg] = i;
  }
  for (int a = 0; a < nargs; a++) {
    if (slot[a] < 0) return SQLITE_CONSTRAINT;
    info->aConstraintUsage[slot[a]].argvIndex = a + 1;
    info->aConstraintUsage[slot[a]].omit = 1;
  }
  info->estimatedCost = 1000;
  info->estimatedRows = 1000;
  return SQLITE_OK;
}

int x_open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
  *out = new Cursor();
  return SQLITE_OK;
}

int x_close(sqlite3_vtab_cursor* c) {
  delete static_cast<Cursor*>(c);
  return SQLITE_OK;
}

int fail(Cursor* cur, const PgError& e) {
  auto* v = static_cast<VTab*>(cur->pVtab);
  if (v->md->rc && !v->md->rc->pending_error) v->md->rc->pending_error = e.error;
  sqlite3_free(v->zErrMsg);
  v->zErrMsg = sqlite3_mprintf("%s", e.error.message.c_str());
  return SQLITE_ERROR;
}

int x_next(sqlite3_vtab_cursor* c) {
  auto* cur = static_cast<Cursor*>(c);
  try {
    cur->eof = !cur->gen || !cur->gen->next(cur->value);
    cur->ordinality++;
  } catch (const PgError& e) {
    return fail(cur, e);
  }
  return SQLITE_OK;
}

int x_filter(sqlite3_vtab_cursor* c, int, const char*, int argc, sqlite3_value** argv) {
  auto* cur = static_cast<Cursor*>(c);
  auto* v = static_cast<VTab*>(c->pVtab);
  cur->gen.reset();
  cur->ordinality = 0;
  cur->args.clear();
  for (int i = 0; i < argc; i++) cur->args.push_back(Datum::from_sqlite(argv[i]));
  bool any_null = argc < v->md->def->nargs;
  for (int i = 0; i < argc; i++) any_null |= sqlite3_value_type(argv[i]) == SQLITE_NULL;
  try {
    if (!any_null) cur->gen = v->md->def->make(argv, v->md->rc);  // a NULL argument: no rows (strict)
  } catch (const PgError& e) {
    cur->eof = true;
    return fail(cur, e);
  }
  return x_next(c);
}

int x_eof(sqlite3_vtab_cursor* c) { return static_cast<Cursor*>(c)->eof; }

int x_column(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int col) {
  auto* cur = static_cast<Cursor*>(c);
  int ncols = static_cast<VTab*>(c->pVtab)->md->def->ncols;
  if (col == 0) cur->value.to_sqlite_result(ctx);
  else if (col < ncols) (cur->gen && size_t(col - 1) < cur->gen->more.size() ? cur->gen->more[col - 1] : Datum()).to_sqlite_result(ctx);
  else if (col == ncols) sqlite3_result_int64(ctx, cur->ordinality);
  else if (size_t(col - ncols - 1) < cur->args.size()) cur->args[col - ncols - 1].to_sqlite_result(ctx);
  else sqlite3_result_null(ctx);
  return SQLITE_OK;
}

int x_rowid(sqlite3_vtab_cursor* c, sqlite3_int64* rowid) {
  *rowid = static_cast<Cursor*>(c)->ordinality;
  return SQLITE_OK;
}

const sqlite3_module kModule = {
    /* iVersion */ 0, /* xCreate */ nullptr, x_connect, x_best_index, x_disconnect, /* xDestroy */ nullptr,
    x_open, x_close, x_filter, x_next, x_eof, x_column, x_rowid,
};

}  // namespace

void register_table_functions(sqlite3* db, RuntimeContext* rc) {
  for (const auto& def : kTableFunctions)
    sqlite3_create_module_v2(db, def.name, &kModule, new ModuleData{rc, &def},
                             [](void* p) { delete static_cast<ModuleData*>(p); });
}

}  // namespace pgmicro
