// pg_user_agg(spec, init, args...): a CREATE AGGREGATE aggregate, also as a window function.
// spec (analyze/analyze_user_aggregate.cpp) is "mode \x1f transition SQL \x1f strict \x1f
// inverse SQL \x1f strict \x1f final SQL \x1f strict"; each SQL is one SELECT whose ?1 is the
// state and ?2.. the inputs (the final function: ?1 the state). PostgreSQL's rules:
//  - a strict transition function skips rows with a NULL input; with a NULL initial state the
//    first non-NULL input becomes the state; a NULL state then stays NULL;
//  - the final function (strict: not called for a NULL state) runs for every result;
//  - moving mode (M): rows leaving the frame go through the inverse function; removing the
//    last counted input re-initialises the state; an inverse result of NULL means "cannot",
//    and the aggregate restarts over the rows still in the frame; a NULL from the moving
//    transition function is 22004;
//  - plain mode with a moving frame head restarts over the frame's rows for each result, as
//    PostgreSQL does for aggregates without an inverse.
#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

struct Value {  // an owned copy of an SQLite value (NULL when v is null)
  sqlite3_value* v = nullptr;
  Value() = default;
  explicit Value(sqlite3_value* x) : v(x && sqlite3_value_type(x) != SQLITE_NULL ? sqlite3_value_dup(x) : nullptr) {}
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;
  Value(Value&& o) noexcept : v(o.v) { o.v = nullptr; }
  Value& operator=(Value&& o) noexcept {
    if (this != &o) {
      sqlite3_value_free(v);
      v = o.v;
      o.v = nullptr;
    }
    return *this;
  }
  ~Value() { sqlite3_value_free(v); }
  bool null() const { return v == nullptr; }
};

constexpr unsigned kEmptySubtype = 'E';  // pg_user_agg's NULL for a group without rows

struct Spec {
  bool moving = false;
  bool filter = false;  // argument 3 is the row's FILTER condition (window calls)
  bool distinct = false;  // DISTINCT (one integer argument): inputs sorted and de-duplicated first
  std::string trans, inv, fin;
  bool trans_strict = false, inv_strict = false, fin_strict = false;
};

Spec parse_spec(sqlite3_value* v) {
  std::string s(reinterpret_cast<const char*>(sqlite3_value_text(v)), size_t(sqlite3_value_bytes(v)));
  std::vector<std::string> f;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); i++)
    if (i == s.size() || s[i] == '\x1f') {
      f.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  if (f.size() != 7) throw PgError(sqlstate::kInternalError, "malformed aggregate specification");
  Spec sp;
  sp.moving = !f[0].empty() && f[0][0] == 'M';
  sp.filter = f[0].size() > 1 && f[0][1] == 'F';
  sp.distinct = f[0].find('D', 1) != std::string::npos;
  sp.trans = f[1], sp.trans_strict = f[2] == "1";
  sp.inv = f[3], sp.inv_strict = f[4] == "1";
  sp.fin = f[5], sp.fin_strict = f[6] == "1";
  return sp;
}

// Runs one SELECT with the values bound; its first column.
Value run(sqlite3* db, RuntimeContext* rc, sqlite3_stmt*& st, const std::string& sql, const std::vector<sqlite3_value*>& vals) {
  if (!st && sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &st, nullptr) != SQLITE_OK) {
    st = nullptr;
    if (rc && rc->pending_error) throw PgError(*rc->pending_error);
    throw PgError(sqlstate::kInternalError, std::string("aggregate support function: ") + sqlite3_errmsg(db));
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  for (size_t i = 0; i < vals.size(); i++) {
    if (vals[i]) sqlite3_bind_value(st, int(i + 1), vals[i]);
    else sqlite3_bind_null(st, int(i + 1));
  }
  int code = sqlite3_step(st);
  Value out;
  if (code == SQLITE_ROW) {
    out = Value(sqlite3_column_value(st, 0));
    code = sqlite3_step(st);
  }
  if (code != SQLITE_DONE && code != SQLITE_ROW) {
    sqlite3_reset(st);
    if (rc && rc->pending_error) throw PgError(*rc->pending_error);
    throw PgError(sqlstate::kInternalError, std::string("aggregate support function: ") + sqlite3_errmsg(db));
  }
  sqlite3_reset(st);
  return out;
}

struct UserAgg {
  Spec spec;
  bool configured = false;
  Value init;
  Value state;
  int64_t count = 0;                       // inputs in the state (PostgreSQL's transValueCount)
  std::deque<std::vector<Value>> frame;    // the inputs of the rows in the frame
  std::deque<bool> filtered;               // per frame row: rejected by FILTER
  bool dirty = false;                      // restart before the next result
  sqlite3_stmt *trans_st = nullptr, *inv_st = nullptr, *fin_st = nullptr;
  ~UserAgg() {
    sqlite3_finalize(trans_st);
    sqlite3_finalize(inv_st);
    sqlite3_finalize(fin_st);
  }
  void reset() {
    state = Value(init.v);
    count = 0;
  }
  void forward(sqlite3* db, RuntimeContext* rc, const std::vector<Value>& row) {
    if (spec.trans_strict) {
      for (auto& a : row)
        if (a.null()) return;
      if (count == 0 && state.null()) {
        if (!row.empty()) state = Value(row[0].v);
        count = 1;
        return;
      }
      if (state.null()) return;
    }
    std::vector<sqlite3_value*> vals{state.v};
    for (auto& a : row) vals.push_back(a.v);
    Value r = run(db, rc, trans_st, spec.trans, vals);
    if (r.null() && spec.moving) throw PgError("22004", "moving-aggregate transition function must not return null");
    state = std::move(r);
    count++;
  }
  // false: the inverse function could not remove the row (restart needed).
  bool inverse(sqlite3* db, RuntimeContext* rc, const std::vector<Value>& row) {
    if (spec.inv_strict)
      for (auto& a : row)
        if (a.null()) return true;
    if (count == 1) {
      reset();
      return true;
    }
    std::vector<sqlite3_value*> vals{state.v};
    for (auto& a : row) vals.push_back(a.v);
    Value r = run(db, rc, inv_st, spec.inv, vals);
    if (r.null()) return false;
    state = std::move(r);
    count--;
    return true;
  }
  // DISTINCT: the distinct inputs in ascending order (NULL last), as PostgreSQL sorts them.
  void distinct_restart(sqlite3* db, RuntimeContext* rc) {
    std::vector<const std::vector<Value>*> rows;
    for (size_t i = 0; i < frame.size(); i++)
      if (!filtered[i] && !frame[i].empty()) rows.push_back(&frame[i]);
    auto key = [](const std::vector<Value>* r) { return std::make_pair(r->front().null(), r->front().null() ? 0 : sqlite3_value_int64(r->front().v)); };
    std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) { return key(a) < key(b); });
    reset();
    for (size_t i = 0; i < rows.size(); i++)
      if (i == 0 || key(rows[i]) != key(rows[i - 1])) forward(db, rc, *rows[i]);
    dirty = false;
  }
  void restart(sqlite3* db, RuntimeContext* rc) {
    reset();
    for (size_t i = 0; i < frame.size(); i++)
      if (!filtered[i]) forward(db, rc, frame[i]);
    dirty = false;
  }
};

UserAgg* agg_state(sqlite3_context* ctx, bool create) {
  auto** pp = static_cast<UserAgg**>(sqlite3_aggregate_context(ctx, create ? int(sizeof(UserAgg*)) : 0));
  if (!pp) {
    if (create) throw std::bad_alloc();
    return nullptr;
  }
  if (!*pp && create) *pp = new UserAgg();
  return *pp;
}

// The row's inputs; false when its FILTER condition rejects it.
bool row_of(const Spec& spec, int argc, sqlite3_value** argv, std::vector<Value>& row) {
  int first = spec.filter ? 3 : 2;
  if (spec.filter && (sqlite3_value_type(argv[2]) == SQLITE_NULL || sqlite3_value_int64(argv[2]) == 0)) return false;
  for (int i = first; i < argc; i++) row.emplace_back(argv[i]);
  return true;
}

void x_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    UserAgg* s = agg_state(ctx, true);
    if (!s->configured) {
      s->spec = parse_spec(argv[0]);
      s->init = Value(argv[1]);
      s->reset();
      s->configured = true;
    }
    sqlite3* db = sqlite3_context_db_handle(ctx);
    RuntimeContext* rc = runtime_context(ctx);
    std::vector<Value> row;
    if (!row_of(s->spec, argc, argv, row)) {
      s->frame.emplace_back();  // a filtered row: kept so the frame's rows stay in step
      s->filtered.push_back(true);
      return;
    }
    s->frame.push_back(std::move(row));
    s->filtered.push_back(false);
    if (s->spec.distinct) s->dirty = true;
    else if (!s->dirty) s->forward(db, rc, s->frame.back());
  });
}

void x_inverse(sqlite3_context* ctx, int, sqlite3_value**) {
  guarded(ctx, [&] {
    UserAgg* s = agg_state(ctx, true);
    if (s->frame.empty()) return;
    std::vector<Value> row = std::move(s->frame.front());
    bool filtered = s->filtered.front();
    s->frame.pop_front();
    s->filtered.pop_front();
    if (s->dirty || filtered) return;
    if (!s->spec.moving || !s->inverse(sqlite3_context_db_handle(ctx), runtime_context(ctx), row)) s->dirty = true;
  });
}

void x_value(sqlite3_context* ctx) {
  guarded(ctx, [&] {
    UserAgg* s = agg_state(ctx, false);
    if (!s) {  // no rows: pg_user_agg_final computes the result from the initial state
      sqlite3_result_null(ctx);
      sqlite3_result_subtype(ctx, kEmptySubtype);
      return;
    }
    sqlite3* db = sqlite3_context_db_handle(ctx);
    RuntimeContext* rc = runtime_context(ctx);
    if (s->dirty) s->spec.distinct ? s->distinct_restart(db, rc) : s->restart(db, rc);
    if (s->spec.fin.empty()) {
      if (s->state.null()) return sqlite3_result_null(ctx);
      return sqlite3_result_value(ctx, s->state.v);
    }
    if (s->spec.fin_strict && s->state.null()) return sqlite3_result_null(ctx);
    Value r = run(db, rc, s->fin_st, s->spec.fin, {s->state.v});
    if (r.null()) sqlite3_result_null(ctx);
    else sqlite3_result_value(ctx, r.v);
  });
}

void x_final(sqlite3_context* ctx) {
  x_value(ctx);
  auto** pp = static_cast<UserAgg**>(sqlite3_aggregate_context(ctx, 0));
  if (pp && *pp) {
    delete *pp;
    *pp = nullptr;
  }
}

// pg_user_agg_final(result, spec, init): the aggregate's result, or for no input rows the
// initial state through the final function (strict: NULL for a NULL state).
void x_empty_final(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_subtype(argv[0]) != kEmptySubtype) return sqlite3_result_value(ctx, argv[0]);
    Spec spec = parse_spec(argv[1]);
    Value init(argv[2]);
    if (spec.fin.empty() || (spec.fin_strict && init.null())) {
      if (init.null()) return sqlite3_result_null(ctx);
      return sqlite3_result_value(ctx, init.v);
    }
    sqlite3_stmt* st = nullptr;
    struct Fin { sqlite3_stmt*& s; ~Fin() { sqlite3_finalize(s); } } fin{st};
    Value r = run(sqlite3_context_db_handle(ctx), runtime_context(ctx), st, spec.fin, {init.v});
    if (r.null()) sqlite3_result_null(ctx);
    else sqlite3_result_value(ctx, r.v);
  });
}

}  // namespace

void register_user_aggregates(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_window_function(db, "pg_user_agg", -1, SQLITE_UTF8 | SQLITE_RESULT_SUBTYPE, rc, x_step, x_final, x_value,
                                 x_inverse, nullptr);
  sqlite3_create_function(db, "pg_user_agg_final", 3, SQLITE_UTF8 | SQLITE_SUBTYPE, rc, x_empty_final, nullptr, nullptr);
}

}  // namespace pgmicro
