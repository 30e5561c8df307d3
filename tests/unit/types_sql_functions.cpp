// pg_numeric_* scalar functions and pg_* aggregates through SQLite, against results
// checked on a real PostgreSQL 15 server.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/function_context.h"
#include "sqlite3.h"
#include "types/numeric.h"
#include "types/type_families.h"

using namespace pgmicro;

namespace {

class SqlFunctions : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    register_numeric_functions(db_, &rc_);
    register_aggregate_functions(db_, &rc_);
    sqlite3_create_function(db_, "n", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                            [](sqlite3_context* ctx, int, sqlite3_value** argv) {
                              std::string b = Numeric::parse(reinterpret_cast<const char*>(
                                                                 sqlite3_value_text(argv[0])))
                                                  .encode();
                              sqlite3_result_blob(ctx, b.data(), int(b.size()), SQLITE_TRANSIENT);
                            },
                            nullptr, nullptr);
  }
  void TearDown() override { sqlite3_close(db_); }

  // First column of the first row as text: numeric blobs decoded, REAL via float8out,
  // "NULL", or "ERROR <sqlstate>: message".
  std::string q(const std::string& sql) {
    rc_.pending_error.reset();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      return std::string("PREPARE: ") + sqlite3_errmsg(db_);
    std::string out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      if (!out.empty()) out += ",";
      sqlite3_value* v = sqlite3_column_value(st, 0);
      switch (sqlite3_value_type(v)) {
        case SQLITE_NULL: out += "NULL"; break;
        case SQLITE_BLOB:
          out += Numeric::decode(std::string_view(static_cast<const char*>(sqlite3_value_blob(v)),
                                                  size_t(sqlite3_value_bytes(v))))
                     .to_string();
          break;
        case SQLITE_FLOAT: out += float8_to_string(sqlite3_value_double(v)); break;
        default: out += reinterpret_cast<const char*>(sqlite3_value_text(v)); break;
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
      if (rc_.pending_error)
        return "ERROR " + rc_.pending_error->sqlstate + ": " + rc_.pending_error->message;
      return std::string("SQLITE: ") + sqlite3_errmsg(db_);
    }
    return out;
  }

  sqlite3* db_ = nullptr;
  RuntimeContext rc_;
};

}  // namespace

TEST_F(SqlFunctions, NumericScalars) {
  EXPECT_EQ(q("select pg_numeric_div(n('1'), n('3'))"), "0.33333333333333333333");
  EXPECT_EQ(q("select pg_numeric_add(n('1e20'), n('1'))"), "100000000000000000001");
  EXPECT_EQ(q("select pg_numeric_sub(n('1.5'), n('1.50'))"), "0.00");
  EXPECT_EQ(q("select pg_numeric_mul(n('1.5'), n('2.25'))"), "3.375");
  EXPECT_EQ(q("select pg_numeric_mod(n('-7.5'), n('2.00'))"), "-1.50");
  EXPECT_EQ(q("select pg_numeric_neg(n('2'))"), "-2");
  EXPECT_EQ(q("select pg_numeric_abs(n('-2.0'))"), "2.0");
  EXPECT_EQ(q("select pg_numeric_cmp(n('1.5'), n('1.50'))"), "0");
  EXPECT_EQ(q("select pg_numeric_cmp(n('NaN'), n('inf'))"), "1");
  EXPECT_EQ(q("select pg_numeric_from_int(42)"), "42");
  EXPECT_EQ(q("select pg_numeric_from_float(0.1)"), "0.1");
  EXPECT_EQ(q("select pg_numeric_from_float('NaN')"), "NaN");
  EXPECT_EQ(q("select pg_numeric_to_int(n('2.5'), 32)"), "3");
  EXPECT_EQ(q("select pg_numeric_to_int(n('40000'), 16)"), "ERROR 22003: smallint out of range");
  EXPECT_EQ(q("select pg_numeric_to_int(n('NaN'), 32)"), "ERROR 0A000: cannot convert NaN to integer");
  EXPECT_EQ(q("select pg_numeric_to_float(n('0.1'), 64)"), "0.1");
  EXPECT_EQ(q("select pg_numeric_to_float(n('0.1'), 32)"), float8_to_string(double(0.1f)));
  EXPECT_EQ(q("select pg_numeric_to_float(n('NaN'), 64)"), "NaN");
  EXPECT_EQ(q("select pg_numeric_round(n('2.5'), 0)"), "3");
  EXPECT_EQ(q("select pg_numeric_round(n('1234.5678'), -2)"), "1200");
  EXPECT_EQ(q("select pg_numeric_typmod(n('12345.678'), " + std::to_string(((5 << 16) | 2) + 4) + ")"),
            "ERROR 22003: numeric field overflow");
  EXPECT_EQ(q("select pg_numeric_typmod(n('1.005'), " + std::to_string(((5 << 16) | 2) + 4) + ")"), "1.01");
  EXPECT_EQ(q("select pg_numeric_typmod(n('1.005'), -1)"), "1.005");
  EXPECT_EQ(q("select pg_numeric_div(n('1'), n('0'))"), "ERROR 22012: division by zero");
  EXPECT_EQ(q("select pg_numeric_add(NULL, n('1'))"), "NULL");
  // the encoding sorts like numeric in plain SQLite
  EXPECT_EQ(q("select group_concat(pg_numeric_text(x), ' ') from (select x from (select n('10') x "
              "union all select n('-1.5') union all select n('NaN') union all select n('2') "
              "union all select n('-inf') union all select n('0.001')) order by x)"),
            "-Infinity -1.5 0.001 2 10 NaN");
}

TEST_F(SqlFunctions, IntAggregates) {
  EXPECT_EQ(q("select pg_sum_int(x) from (select 2147483647 x union all select 2147483647)"), "4294967294");
  EXPECT_EQ(q("select pg_sum_int(x) from (select 9223372036854775807 x union all select 1)"),
            "ERROR 22003: bigint out of range");
  EXPECT_EQ(q("select pg_sum_int(x) from (select 1 x where 0)"), "NULL");
  EXPECT_EQ(q("select pg_sum_int(x) from (select NULL x)"), "NULL");
  EXPECT_EQ(q("select pg_avg_int(x) from (select 1 x union all select 2)"), "1.5000000000000000");
  EXPECT_EQ(q("select pg_avg_int(x) from (select 1 x union all select 2 union all select 4 union all select null)"),
            "2.3333333333333333");
  EXPECT_EQ(q("select pg_avg_int(x) from (select 100000000000 x union all select 1)"), "50000000000.50000000");
  EXPECT_EQ(q("select pg_sum_int8(x) from (select 9223372036854775807 x union all select 9223372036854775807)"),
            "18446744073709551614");
  EXPECT_EQ(q("select pg_avg_int(x) from (select 9223372036854775807 x union all select 9223372036854775807)"),
            "9223372036854775807");
  EXPECT_EQ(q("select pg_sum_int(x) over (order by i rows between 1 preceding and current row) from "
              "(select 1 i, 1 x union all select 2, 2 union all select 3, 4)"),
            "1,3,6");
}

TEST_F(SqlFunctions, NumericAggregates) {
  EXPECT_EQ(q("select pg_avg_numeric(x) from (select n('1.5') x union all select n('2.25') union all select null)"),
            "1.8750000000000000");
  EXPECT_EQ(q("select pg_sum_numeric(x) from (select n('1.5') x union all select n('2.25'))"), "3.75");
  EXPECT_EQ(q("select pg_sum_numeric(x) from (select n('inf') x union all select n('1'))"), "Infinity");
  EXPECT_EQ(q("select pg_avg_numeric(x) from (select n('inf') x union all select n('-inf'))"), "NaN");
  EXPECT_EQ(q("select pg_avg_numeric(x) from (select n('1.0') x union all select n('2.00') union all select n('2'))"),
            "1.6666666666666667");
  EXPECT_EQ(q("select pg_sum_numeric(x) from (select n('1') x where 0)"), "NULL");
  EXPECT_EQ(q("select pg_sum_numeric(x) over (order by i rows between 1 preceding and current row) from "
              "(select 1 i, n('1.5') x union all select 2, n('2.25') union all select 3, n('3'))"),
            "1.5,3.75,5.25");
}

TEST_F(SqlFunctions, FloatAggregates) {
  EXPECT_EQ(q("select pg_sum_float(x, 64) from (select 0.1 x union all select 0.2)"), "0.30000000000000004");
  EXPECT_EQ(q("select pg_avg_float(x) from (select 0.1 x union all select 0.2)"), "0.15000000000000002");
  // float4: sum in float4 arithmetic, avg in float8
  EXPECT_EQ(float4_to_string(float(std::stod(
                q("select pg_sum_float(x, 32) from (select " + std::to_string(double(0.1f)) +
                  " x union all select " + std::to_string(double(0.2f)) + ")")))),
            "0.3");
  EXPECT_EQ(q("select pg_sum_float(x, 64) from (select 1e308 x union all select 1e308)"),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(q("select pg_avg_float(x) from (select 1e200 x union all select -1e200)"),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(q("select pg_sum_float(x, 32) from (select 3e38 x union all select 3e38)"),
            "ERROR 22003: value out of range: overflow");
  EXPECT_EQ(q("select pg_sum_float(x, 64) from (select 'NaN' x union all select 1)"), "NaN");
  EXPECT_EQ(q("select typeof(pg_avg_float(x)) from (select 'NaN' x union all select 1)"), "text");
  EXPECT_EQ(q("select pg_avg_float(x) from (select 1 x where 0)"), "NULL");
  EXPECT_EQ(q("select pg_sum_float(x, 64) over (order by i rows between 1 preceding and current row) from "
              "(select 1 i, 0.1 x union all select 2, 0.2 union all select 3, 0.3)"),
            "0.1,0.30000000000000004,0.5");
}
