// SQLite-dialect parameters meeting the PostgreSQL catalog's real/double precision columns, which
// have no SQLite affinity (storage format 10): canonical numbers are bound as numbers, so they are
// stored and compared as numbers; other parameters (and statements without such columns) stay TEXT.
#include <gtest/gtest.h>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
std::string cell(Session& s, const std::string& sql, const std::vector<TextValue>& p = {}, Dialect d = Dialect::Sqlite) {
  auto r = s.execute(sql, p, d);
  if (r.empty()) return "<none>";
  if (r.back().error) return "ERROR " + r.back().error->message;
  if (r.back().rows.empty() || r.back().rows[0].empty()) return "<no rows>";
  return r.back().rows[0][0] ? *r.back().rows[0][0] : "NULL";
}
}  // namespace

TEST(SqliteDialectFloatParams, NumbersForFloatColumns) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  ASSERT_EQ(cell(*s, "CREATE TABLE f (id int, d double precision, r real, t text)", {}, Dialect::Postgres), "<no rows>");
  ASSERT_EQ(cell(*s, "INSERT INTO f VALUES (?, ?, ?, ?)", {"1", "1.5", "2", "1.50"}), "<no rows>");
  ASSERT_EQ(cell(*s, "INSERT INTO f VALUES (?, ?, ?, ?)", {"2", "10", "0.25", "007"}), "<no rows>");
  EXPECT_EQ(cell(*s, "SELECT group_concat(typeof(d) || typeof(r), ',') FROM f"), "realinteger,integerreal");
  EXPECT_EQ(cell(*s, "SELECT group_concat(t, ',') FROM f"), "1.50,007");  // text columns keep the text
  EXPECT_EQ(cell(*s, "SELECT count(*) FROM f WHERE d > ?", {"2"}), "1");
  // not SQLite's own text of the number: bound as TEXT, which SQLite orders after every number
  EXPECT_EQ(cell(*s, "SELECT count(*) FROM f WHERE d < ?", {"1e1"}), "2");
  EXPECT_EQ(cell(*s, "SELECT string_agg(d::text, ',' ORDER BY d) FROM f", {}, Dialect::Postgres), "1.5,10");
  EXPECT_EQ(cell(*s, "SELECT count(*) FROM f WHERE d BETWEEN 1 AND 11", {}, Dialect::Postgres), "2");
  // no float column: parameters stay TEXT
  EXPECT_EQ(cell(*s, "SELECT typeof(?)", {"5"}), "text");
  EXPECT_EQ(cell(*s, "SELECT typeof(?) FROM f LIMIT 1", {"5"}), "text");
  EXPECT_EQ(cell(*s, "SELECT typeof(?) FROM f WHERE d > 0 LIMIT 1", {"5"}), "integer");
}
