// pg_ordered_set(kind, types, flags, ndirect, direct..., sorted...): the ordered-set and
// hypothetical-set aggregates of analyze/analyze_ordered_set.cpp. SQLite sorts the rows by the
// aggregate's ORDER BY (PostgreSQL's order, collations included), so the state only keeps the
// rows as they arrive; the direct arguments are taken from the first row.
//   percentile_cont / percentile_cont_multi  float8 interpolation (one fraction / an array)
//   percentile_disc / percentile_disc_multi  the first value whose position reaches the fraction
//   mode                                     the most frequent value (the first of ties)
//   rank, dense_rank, percent_rank, cume_dist  of the hypothetical row (direct arguments)
// `types` lists the sorted columns' type OIDs, `flags` one A/D + F/L (nulls first/last) each.
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

struct OrderedSetState {
  std::string kind;
  std::vector<Oid> types;
  std::string flags;
  std::vector<Datum> direct;
  std::vector<std::vector<Datum>> rows;  // sorted values per row (single-column kinds: non-NULL only)
};

std::string text_arg(sqlite3_value* v) {
  const unsigned char* p = sqlite3_value_text(v);
  return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_value_bytes(v))) : std::string();
}

void os_step(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto** slot = static_cast<OrderedSetState**>(sqlite3_aggregate_context(ctx, sizeof(OrderedSetState*)));
  if (!slot) return sqlite3_result_error_nomem(ctx);
  guarded(ctx, [&] {
    if (!*slot) {
      auto* st = new OrderedSetState();
      *slot = st;
      st->kind = text_arg(argv[0]);
      std::stringstream ts(text_arg(argv[1]));
      for (std::string item; std::getline(ts, item, ',');) st->types.push_back(Oid(std::stoul(item)));
      st->flags = text_arg(argv[2]);
      int nd = sqlite3_value_int(argv[3]);
      for (int i = 0; i < nd; i++) st->direct.push_back(Datum::from_sqlite(argv[4 + i]));
    }
    OrderedSetState& st = **slot;
    size_t first = 4 + st.direct.size();
    std::vector<Datum> row;
    for (int i = int(first); i < argc; i++) row.push_back(Datum::from_sqlite(argv[i]));
    bool hypothetical = st.kind == "rank" || st.kind == "dense_rank" || st.kind == "percent_rank" || st.kind == "cume_dist";
    if (!hypothetical && (row.empty() || row[0].is_null())) return;  // NULL inputs are ignored
    st.rows.push_back(std::move(row));
  });
}

double fraction_of(const Datum& d) {
  double p = 0;
  datum_to_double(d, p);
  if (!(p >= 0 && p <= 1)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", p);
    throw PgError(sqlstate::kNumericValueOutOfRange, std::string("percentile value ") + buf + " is not between 0 and 1");
  }
  return p;
}

Datum percentile_cont(const std::vector<std::vector<Datum>>& rows, double p) {
  size_t n = rows.size();
  double pos = p * double(n - 1);
  size_t lo = size_t(std::floor(pos)), hi = size_t(std::ceil(pos));
  double a = 0, b = 0;
  datum_to_double(rows[lo][0], a);
  datum_to_double(rows[hi][0], b);
  if (lo == hi) return rows[lo][0];
  return float_datum(a + (b - a) * (pos - double(lo)));
}

Datum percentile_disc(const std::vector<std::vector<Datum>>& rows, double p) {
  double want = std::ceil(p * double(rows.size()));
  size_t idx = want <= 1 ? 0 : size_t(want) - 1;
  if (idx >= rows.size()) idx = rows.size() - 1;
  return rows[idx][0];
}

// -1 / 0 / 1: where `row` sorts relative to `hypo` under the aggregate's ORDER BY.
int compare_rows(const OrderedSetState& st, const std::vector<Datum>& row, const std::vector<Datum>& hypo) {
  for (size_t i = 0; i < row.size() && i < hypo.size(); i++) {
    bool desc = st.flags.size() > 2 * i && st.flags[2 * i] == 'D';
    bool nulls_first = st.flags.size() > 2 * i + 1 && st.flags[2 * i + 1] == 'F';
    const Datum &a = row[i], &b = hypo[i];
    int c;
    if (a.is_null() || b.is_null()) {
      if (a.is_null() && b.is_null()) continue;
      c = a.is_null() ? (nulls_first ? -1 : 1) : (nulls_first ? 1 : -1);
      return c;
    }
    c = datum_compare(st.types[i], a, b);
    if (c != 0) return desc ? -c : c;
  }
  return 0;
}

void os_final(sqlite3_context* ctx) {
  auto** slot = static_cast<OrderedSetState**>(sqlite3_aggregate_context(ctx, 0));
  std::unique_ptr<OrderedSetState> owned(slot ? *slot : nullptr);
  if (slot) *slot = nullptr;
  guarded(ctx, [&] {
    OrderedSetState* st = owned.get();
    if (!st) return sqlite3_result_null(ctx);  // no rows (the kind is unknown: NULL for all)
    const std::string& k = st->kind;
    if (k == "rank" || k == "dense_rank" || k == "percent_rank" || k == "cume_dist") {
      int64_t before = 0, peers = 0, groups_before = 0;
      const std::vector<Datum>* prev = nullptr;
      for (auto& r : st->rows) {
        int c = compare_rows(*st, r, st->direct);
        if (c < 0) {
          before++;
          if (!prev || compare_rows(*st, r, *prev) != 0) groups_before++;
          prev = &r;
        } else if (c == 0) {
          peers++;
        }
      }
      int64_t n = int64_t(st->rows.size());
      if (k == "rank") return sqlite3_result_int64(ctx, before + 1);
      if (k == "dense_rank") return sqlite3_result_int64(ctx, groups_before + 1);
      if (k == "percent_rank") return float_datum(n == 0 ? 0.0 : double(before) / double(n)).to_sqlite_result(ctx);
      return float_datum(double(before + peers + 1) / double(n + 1)).to_sqlite_result(ctx);
    }
    if (k == "mode") {
      if (st->rows.empty()) return sqlite3_result_null(ctx);
      size_t best = 0, best_n = 0, run_start = 0;
      for (size_t i = 1; i <= st->rows.size(); i++) {
        if (i < st->rows.size() && datum_compare(st->types[0], st->rows[i][0], st->rows[run_start][0]) == 0) continue;
        if (i - run_start > best_n) {
          best_n = i - run_start;
          best = run_start;
        }
        run_start = i;
      }
      return st->rows[best][0].to_sqlite_result(ctx);
    }
    bool cont = k.rfind("percentile_cont", 0) == 0;
    bool multi = k.size() > 6 && k.compare(k.size() - 6, 6, "_multi") == 0;
    if (st->direct.empty() || st->direct[0].is_null()) return sqlite3_result_null(ctx);
    if (!multi) {
      double p = fraction_of(st->direct[0]);
      if (st->rows.empty()) return sqlite3_result_null(ctx);
      return (cont ? percentile_cont(st->rows, p) : percentile_disc(st->rows, p)).to_sqlite_result(ctx);
    }
    ArrayValue fr = array_from_storage(oid::kFloat8, st->direct[0].s);
    for (auto& d : fr.items)
      if (!d.is_null()) fraction_of(d);
    if (st->rows.empty()) return sqlite3_result_null(ctx);
    for (auto& d : fr.items)
      if (!d.is_null()) d = cont ? percentile_cont(st->rows, fraction_of(d)) : percentile_disc(st->rows, fraction_of(d));
    std::string out = array_to_storage(cont ? oid::kFloat8 : st->types[0], fr);
    sqlite3_result_text(ctx, out.data(), int(out.size()), SQLITE_TRANSIENT);
  });
}

}  // namespace

void register_ordered_set_aggregates(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_ordered_set", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, nullptr, os_step, os_final,
                             nullptr);
}

}  // namespace pgmicro
