// RANGE frame offsets on ORDER BY columns of type date, timestamp[tz], time[tz] and interval
// (PostgreSQL's in_range_*_interval). SQLite's RANGE frames need a number, so the window orders
// by pg_range_key(kind, value) (runtime/window_range_key.cpp), a key that is linear in the
// value, and the interval offset becomes a constant distance in that key. Only offsets for which
// "value +/- offset" is exactly "key +/- distance" take that path. Month offsets on
// date/timestamp, month and day offsets on timestamptz (calendar arithmetic), offsets on numeric
// columns and infinite float offsets instead rewrite the call into pg_range_frame
// (runtime/window_range_frame.cpp) over the whole partition, which finds each row's frame with
// PostgreSQL's in_range rules (computed_range_frame).
#include <string>
#include "analyze/query.h"
#include "common/error.h"
#include "types/interval.h"
#include "types/types.h"

namespace pgmicro {

const char* datetime_range_kind(Oid column) {
  switch (column) {
    case oid::kDate: return "date";
    case oid::kTimestamp: return "timestamp";
    case oid::kTimestamptz: return "timestamptz";
    case oid::kTime: return "time";
    case oid::kTimetz: return "timetz";
    case oid::kInterval: return "interval";
    default: return nullptr;
  }
}

// The offset's distance in pg_range_key units (microseconds; timetz keys carry the zone in
// their low 21 bits). Negative offsets are in_range's 22013.
int64_t datetime_range_key_offset(Oid column, const Interval& iv, int location) {
  constexpr int64_t kDay = 86400000000LL;
  const std::string kind = format_type_name(column, -1);
  __int128 span = (__int128)iv.time + ((__int128)iv.month * 30 + iv.day) * kDay;
  bool time_only = column == oid::kTime || column == oid::kTimetz;  // month and day are ignored
  if (time_only ? iv.time < 0 : span < 0) throw PgError("22013", "invalid preceding or following size in window function");
  // (a timetz distance beyond every key's range is capped: it covers all rows either way)
  if (time_only) return column == oid::kTimetz ? (iv.time > (1LL << 41) ? 1LL << 62 : iv.time << 21) : iv.time;
  if (column != oid::kInterval && iv.month != 0)
    unsupported("RANGE offsets with months for ORDER BY columns of type " + kind, location);
  if (column == oid::kTimestamptz && iv.day != 0)
    unsupported("RANGE offsets with days for ORDER BY columns of type timestamp with time zone", location);
  if (span > (__int128)INT64_MAX) unsupported("RANGE offsets this large", location);
  return (int64_t)span;
}

bool datetime_range_needs_calendar(Oid column, const Interval& iv) {
  if (column == oid::kDate || column == oid::kTimestamp) return iv.month != 0;
  if (column == oid::kTimestamptz) return iv.month != 0 || iv.day != 0;
  return false;
}

// The window call lowered as pg_range_frame('<spec>', key, value [, n]) over ROWS BETWEEN
// UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING (the call itself stays for pg_get_viewdef) (the spec's fields: window_range_frame.cpp).
void computed_range_frame(Expr& call, WindowSpec& spec, const std::string offset_text[2], bool filtered, bool star, int location) {
  const std::string& name = call.name;
  const Expr& key = *spec.order.at(0).expr;
  Oid kt = key.type;
  const char* kind = kt == oid::kNumeric ? "numeric" : kt == oid::kFloat4 || kt == oid::kFloat8 ? "float"
                   : kt == oid::kDate ? "date" : kt == oid::kTimestamp ? "timestamp" : kt == oid::kTimestamptz ? "timestamptz" : nullptr;
  Oid at = call.args.empty() ? 0 : call.args[0]->type;
  char fn = 0;
  if (star) fn = 'A';
  else if (name == "first_value") fn = 'F';
  else if (name == "last_value") fn = 'L';
  else if (name == "nth_value") fn = 'N';
  else if (name == "count") fn = 'C';
  else if (name == "sum" && (at == oid::kInt2 || at == oid::kInt4)) fn = 'S';
  else if ((name == "min" || name == "max") &&
           (at == oid::kInt2 || at == oid::kInt4 || at == oid::kInt8 || at == oid::kFloat4 || at == oid::kFloat8 ||
            at == oid::kNumeric || at == oid::kDate || at == oid::kTimestamp || at == oid::kTimestamptz))
    fn = name == "min" ? 'm' : 'M';
  if (!kind || !fn || filtered)
    unsupported("RANGE frames with these offsets for " + name + "()", location);
  int f = spec.frame_options;
  char start = (f & 0x20) ? 'U' : (f & 0x200) ? 'C' : (f & 0x800) ? 'P' : 'F';
  char end = (f & 0x100) ? 'U' : (f & 0x1000) ? 'P' : (f & 0x4000) ? 'F' : 'C';
  char exclude = (f & 0x8000) ? 'C' : (f & 0x10000) ? 'G' : (f & 0x20000) ? 'T' : 'N';
  std::string text = std::string(1, fn) + "|" + (spec.order[0].desc ? "0" : "1") + "|" + (spec.order[0].nulls_first ? "1" : "0") + "|" +
                     kind + "|" + start + "|" + (start == 'P' || start == 'F' ? offset_text[0] : "") + "|" + end + "|" +
                     (end == 'P' || end == 'F' ? offset_text[1] : "") + "|" + exclude;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  quoted += "'";
  std::vector<ExprPtr> args;
  if (fn != 'A') args.push_back(call.args.at(0));
  if (fn == 'N') args.push_back(call.args.at(1));
  args.push_back(spec.order[0].expr);
  std::string k = "$" + std::to_string(args.size());
  spec.frame_call = "pg_range_frame(" + quoted + ", " + k + (fn == 'A' ? ", NULL" : ", $1") + (fn == 'N' ? ", $2" : "") + ")";
  spec.frame_args = std::move(args);
  spec.range_key.clear();
}

}  // namespace pgmicro
