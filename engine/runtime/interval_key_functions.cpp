// Span keys of interval values for the places where SQLite compares stored values itself. An
// interval is stored as a 23-digit span, a space and its output text (docs/storage-format.md), so
// '1 mon' and '30 days' (equal in PostgreSQL) differ for SQLite. Scalars are keyed in SQL by
// substr(x, 1, 23) (lower/lower_expr.cpp); these functions cover what SQL cannot:
//   pg_interval_array_key(a)   interval[] JSON text -> the same JSON with every element's output
//                              text replaced by its 23-digit span (["1 mon"] -> ["1000…"]);
//                              interval_array_text_key does the same for a record's interval[]
//                              field (array literal text)
//   pg_interval_min(x), pg_interval_max(x)  min/max(interval): of equal spans the last value
//                              seen, as interval_smaller/interval_larger keep the newer on a tie
//   pg_interval_window_min(x), pg_interval_window_max(x)  the same as window functions (the
//                              frame's values by span, each span's values in frame order)
#include <deque>
#include <map>
#include <string>
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/array.h"
#include "types/interval.h"
#include "types/types.h"

namespace pgmicro {

// The span key of an interval's stored or output text.
std::string interval_span_key(const std::string& text) {
  if (text.size() > size_t(kIntervalSpanDigits) && text[kIntervalSpanDigits] == ' ') return text.substr(0, kIntervalSpanDigits);
  return interval_to_storage(interval_from_storage(text)).substr(0, kIntervalSpanDigits);
}

namespace {
std::string array_key(const std::string& s);
}  // namespace

// The key of an interval[] in array literal form ({"1 mon","30 days"}), as a record's field
// prints it: the storage JSON of the array with every element replaced by its span.
std::string interval_array_text_key(const std::string& text) {
  return array_key(array_to_storage(oid::kInterval, array_parse_text(oid::kInterval, -1, text)));
}

namespace {

// Every JSON string value (not an object key) replaced by the span of the interval it spells.
std::string array_key(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] != '"') {
      out += s[i];
      continue;
    }
    size_t j = i + 1;
    std::string str;
    for (; j < s.size() && s[j] != '"'; j++) {
      if (s[j] == '\\' && j + 1 < s.size()) j++;
      str += s[j];
    }
    size_t k = j + 1;
    while (k < s.size() && s[k] == ' ') k++;
    bool object_key = k < s.size() && s[k] == ':';
    out += '"' + (object_key ? str : interval_span_key(str)) + '"';
    i = j;
  }
  return out;
}

void interval_array_key(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) return sqlite3_result_value(ctx, argv[0]);
  guarded(ctx, [&] { result_text(ctx, array_key(text_of(argv[0]))); });
}

struct MinMax {
  std::string* best;
};

template <bool kMax>
void minmax_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* st = static_cast<MinMax*>(sqlite3_aggregate_context(ctx, sizeof(MinMax)));
  if (!st) return sqlite3_result_error_nomem(ctx);
  std::string v = text_of(argv[0]);
  if (!st->best) {
    st->best = new std::string(std::move(v));
    return;
  }
  int c = st->best->compare(0, kIntervalSpanDigits, v, 0, kIntervalSpanDigits);
  if (kMax ? c <= 0 : c >= 0) *st->best = std::move(v);  // ties: the newer value
}

void minmax_final(sqlite3_context* ctx) {
  auto* st = static_cast<MinMax*>(sqlite3_aggregate_context(ctx, 0));
  if (!st || !st->best) return sqlite3_result_null(ctx);
  result_text(ctx, *st->best);
  delete st->best;
  st->best = nullptr;
}

struct WindowMinMax {
  std::map<std::string, std::deque<std::string>>* frame;
};

void window_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, sizeof(WindowMinMax)));
  if (!st) return sqlite3_result_error_nomem(ctx);
  if (!st->frame) st->frame = new std::map<std::string, std::deque<std::string>>();
  std::string v = text_of(argv[0]);
  (*st->frame)[v.substr(0, kIntervalSpanDigits)].push_back(std::move(v));
}

void window_inverse(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, sizeof(WindowMinMax)));
  if (!st || !st->frame) return;
  auto it = st->frame->find(text_of(argv[0]).substr(0, kIntervalSpanDigits));
  if (it == st->frame->end()) return;
  it->second.pop_front();  // rows leave a frame in order
  if (it->second.empty()) st->frame->erase(it);
}

template <bool kMax>
void window_value(sqlite3_context* ctx) {
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, 0));
  if (!st || !st->frame || st->frame->empty()) return sqlite3_result_null(ctx);
  result_text(ctx, kMax ? st->frame->rbegin()->second.back() : st->frame->begin()->second.back());
}

template <bool kMax>
void window_final(sqlite3_context* ctx) {
  window_value<kMax>(ctx);
  auto* st = static_cast<WindowMinMax*>(sqlite3_aggregate_context(ctx, 0));
  if (st) {
    delete st->frame;
    st->frame = nullptr;
  }
}

}  // namespace

void register_interval_key_functions(sqlite3* db, RuntimeContext* rc) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  sqlite3_create_function_v2(db, "pg_interval_array_key", 1, flags, rc, interval_array_key, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_interval_min", 1, flags, rc, nullptr, minmax_step<false>, minmax_final, nullptr);
  sqlite3_create_function_v2(db, "pg_interval_max", 1, flags, rc, nullptr, minmax_step<true>, minmax_final, nullptr);
  sqlite3_create_window_function(db, "pg_interval_window_min", 1, flags, rc, window_step, window_final<false>, window_value<false>,
                                 window_inverse, nullptr);
  sqlite3_create_window_function(db, "pg_interval_window_max", 1, flags, rc, window_step, window_final<true>, window_value<true>,
                                 window_inverse, nullptr);
}

}  // namespace pgmicro
