// UNIQUE / PRIMARY KEY constraints and unique indexes whose key has a numeric (or numeric[]) or
// interval column (an interval's stored text is its 23-digit span, a space and its output text, so
// '1 mon' and '30 days' differ for SQLite: matched as the range [span || char(31), span || '!');
// the bounds are not number-like texts, which the column's INTEGER affinity ("interval") would
// turn into REALs). SQLite's own index compares the stored forms, and a numeric's stored form carries its
// display scale (docs/storage-format.md), so it would accept 1.50 after 1.5. The table's BEFORE
// INSERT/UPDATE temp trigger (session.cpp ensure_triggers) looks for another row whose key is
// equal but not byte-identical — a numeric column matched through its index as the range of
// encodings sharing the new value's scale-free key, [pg_numeric_key(v), pg_numeric_key_hi(v)) —
// and raises PostgreSQL's 23505 through pg_unique_violation. Byte-identical keys are left to
// SQLite's index, so its error and ON CONFLICT arbitration work as before.
#include "session/numeric_unique.h"
#include "types/record.h"
#include "types/types.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

enum class KeyKind { Plain, Numeric, NumericArray, Record, Interval, IntervalArray };

bool has_numeric_field(Oid type, int32_t typmod, int depth) {
  Oid t = domain_base_type(type, &typmod);
  if (t == oid::kNumeric) return typmod < 0;
  if (t == oid::kInterval) return depth > 0;  // a record's interval field (pg_record_numeric_key)
  Oid el = array_element_type(t);
  if (el) return (domain_base_type(el) == oid::kNumeric && typmod < 0) || (domain_base_type(el) == oid::kInterval && depth > 0);
  if (depth < 8 && is_row_type(t))
    if (auto* f = row_type_fields(t, typmod))
      for (auto& field : *f)
        if (has_numeric_field(field.type, field.typmod, depth + 1)) return true;
  return false;
}

// numeric(p,s) columns hold every value at scale s: SQLite's own comparison is exact for them.
KeyKind key_kind(const ColumnDef& c) {
  int32_t typmod = c.typmod;
  Oid t = domain_base_type(c.type, &typmod);
  if (t == oid::kInterval) return KeyKind::Interval;  // '1 mon' = '30 days': equal spans, different text
  if (array_element_type(t) && domain_base_type(array_element_type(t)) == oid::kInterval) return KeyKind::IntervalArray;
  if (typmod >= 0) return KeyKind::Plain;
  if (t == oid::kNumeric) return KeyKind::Numeric;
  Oid el = array_element_type(t);
  if (el && domain_base_type(el) == oid::kNumeric) return KeyKind::NumericArray;
  if (is_row_type(t) && has_numeric_field(t, typmod, 0)) return KeyKind::Record;
  return KeyKind::Plain;
}

bool has_numeric(const TableDef& t, const std::vector<int>& cols) {
  for (int c : cols)
    if (c < 0 || c >= (int)t.columns.size()) return false;
  for (int c : cols)
    if (key_kind(t.columns[c]) != KeyKind::Plain) return true;
  return false;
}

// Rows of alias `a` whose key equals row `b`'s (b = "NEW." or an alias with a dot) and is not
// byte-identical to it.
std::string equal_not_identical(const TableDef& t, const std::vector<int>& cols, const std::string& a, const std::string& b) {
  std::string cond, identical;
  for (int ci : cols) {
    std::string c = quote_ident(t.columns[ci].name);
    std::string x = a + "." + c, y = b + c;
    switch (key_kind(t.columns[ci])) {
      case KeyKind::Numeric:
        cond += (cond.empty() ? "" : " AND ") + x + " >= pg_numeric_key(" + y + ") AND " + x + " < pg_numeric_key_hi(" + y + ")";
        identical += (identical.empty() ? "" : " AND ") + x + " = " + y;
        break;
      case KeyKind::Interval:  // the stored texts starting with the same 23-digit span, then a space
        cond += (cond.empty() ? "" : " AND ") + x + " >= substr(" + y + ", 1, 23) || char(31) AND " + x + " < substr(" + y + ", 1, 23) || '!'";
        identical += (identical.empty() ? "" : " AND ") + x + " = " + y;
        break;
      case KeyKind::IntervalArray:
        cond += (cond.empty() ? "" : " AND ") + ("pg_interval_array_key(" + x + ") = pg_interval_array_key(" + y + ")");
        identical += (identical.empty() ? "" : " AND ") + x + " = " + y;
        break;
      case KeyKind::NumericArray:
        cond += (cond.empty() ? "" : " AND ") + ("pg_numeric_array_key(" + x + ") = pg_numeric_array_key(" + y + ")");
        identical += (identical.empty() ? "" : " AND ") + x + " = " + y;
        break;
      case KeyKind::Record: {
        std::string id = std::to_string(row_type_id(domain_base_type(t.columns[ci].type), t.columns[ci].typmod));
        cond += (cond.empty() ? "" : " AND ") + ("pg_record_numeric_key(" + x + ", " + id + ") = pg_record_numeric_key(" + y + ", " + id + ")");
        identical += (identical.empty() ? "" : " AND ") + x + " = " + y;
        break;
      }
      case KeyKind::Plain: cond += (cond.empty() ? "" : " AND ") + x + " = " + y; break;
    }
  }
  return cond + " AND NOT (" + identical + ")";
}

}  // namespace

bool numeric_unique_column(const ColumnDef& c) { return key_kind(c) != KeyKind::Plain; }

namespace {

std::string attnums(const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) s += (i ? "," : "") + std::to_string(cols[i]);
  return s;
}

}  // namespace

std::string numeric_unique_trigger_sql(const Catalog&, const TableDef& t, bool update) {
  std::string sql;
  auto one = [&](const std::string& name, const std::vector<int>& cols) {
    if (!has_numeric(t, cols)) return;
    std::string keys;
    for (int c : cols) keys += ", NEW." + quote_ident(t.columns[c].name);
    sql += " SELECT pg_unique_violation(" + std::to_string(t.oid) + ", " + quote_literal(name) + ", '" + attnums(cols) + "'" + keys +
           ") FROM " + t.sqlite_ref() + " AS _pgmicro_u WHERE " + equal_not_identical(t, cols, "_pgmicro_u", "NEW.") +
           (update ? " AND _pgmicro_u.rowid IS NOT OLD.rowid" : "") + " LIMIT 1;";
  };
  for (auto& c : t.constraints)
    if (c.type == 'p' || c.type == 'u') one(c.name, c.columns);  // DEFERRABLE ones are checked at every row too (SQLite's index)
  for (auto& ix : t.indexes)
    if (ix.unique && ix.plain_keys()) one(ix.name, ix.columns);
  return sql;
}

std::string numeric_unique_validation_sql(const TableDef& t, const std::string& name, const std::vector<int>& cols) {
  if (!has_numeric(t, cols)) return "";
  std::string keys;
  for (int c : cols) keys += ", _pgmicro_a." + quote_ident(t.columns[c].name);  // the earlier row, as PostgreSQL's build shows
  return "SELECT pg_unique_violation(-" + std::to_string(t.oid) + ", " + quote_literal(name) + ", '" + attnums(cols) + "'" + keys +
         ") FROM " + t.sqlite_ref() + " AS _pgmicro_a JOIN " + t.sqlite_ref() + " AS _pgmicro_b ON _pgmicro_a.rowid < _pgmicro_b.rowid AND " +
         equal_not_identical(t, cols, "_pgmicro_a", "_pgmicro_b.") + " LIMIT 1";
}

}  // namespace pgmicro
