// Numeric: arithmetic, display scale, errors and the storage encoding, against values
// checked on a real PostgreSQL 15 server.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "common/error.h"
#include "types/numeric.h"

using pgmicro::Numeric;
using pgmicro::PgError;

namespace {

Numeric N(const char* s) { return Numeric::parse(s); }

// "ERROR: <message>" or the value's text.
template <class F>
std::string eval(F f) {
  try {
    return f();
  } catch (const PgError& e) {
    return "ERROR: " + e.error.message;
  }
}

std::string err_state(std::function<void()> f) {
  try {
    f();
  } catch (const PgError& e) {
    return e.error.sqlstate;
  }
  return "";
}

}  // namespace

TEST(NumericTest, ParseAndPrint) {
  EXPECT_EQ(N("  1.50  ").to_string(), "1.50");
  EXPECT_EQ(N("-0.00").to_string(), "0.00");
  EXPECT_EQ(N(".5").to_string(), "0.5");
  EXPECT_EQ(N("1.").to_string(), "1");
  EXPECT_EQ(N("1e 5").to_string(), "100000");
  EXPECT_EQ(N("1e+5").to_string(), "100000");
  EXPECT_EQ(N("1.5e-3").to_string(), "0.0015");
  EXPECT_EQ(N("-1.5E3").to_string(), "-1500");
  EXPECT_EQ(N("0000123.4500").to_string(), "123.4500");
  EXPECT_EQ(N("0e-5").to_string(), "0.00000");
  EXPECT_EQ(N("NaN").to_string(), "NaN");
  EXPECT_EQ(N("nan").to_string(), "NaN");
  EXPECT_EQ(N("  -Infinity ").to_string(), "-Infinity");
  EXPECT_EQ(N("+inf").to_string(), "Infinity");
  EXPECT_EQ(N("INF").to_string(), "Infinity");
  for (const char* bad : {"abc", "", "  ", "+", ".", "1e", "1..2", "1.2.3", "1ee5", "0x10", "1 2"}) {
    EXPECT_EQ(eval([&] { return N(bad).to_string(); }),
              std::string("ERROR: invalid input syntax for type numeric: \"") + bad + "\"")
        << bad;
    EXPECT_EQ(err_state([&] { N(bad); }), "22P02");
  }
  EXPECT_EQ(eval([] { return N("1e-20000").to_string(); }), "ERROR: value overflows numeric format");
  EXPECT_EQ(eval([] { return N("1e200000").to_string(); }), "ERROR: value overflows numeric format");
  EXPECT_EQ(err_state([] { N("5e-16384"); }), "22003");
  EXPECT_EQ(N("1e-16383").dscale(), 16383);
}

TEST(NumericTest, Arithmetic) {
  EXPECT_EQ(N("1").div(N("3")).to_string(), "0.33333333333333333333");
  EXPECT_EQ(N("10").div(N("4")).to_string(), "2.5000000000000000");
  EXPECT_EQ(N("2").div(N("3")).mul(N("3")).to_string(), "2.00000000000000000001");
  EXPECT_EQ(N("1e20").add(N("1")).to_string(), "100000000000000000001");
  EXPECT_EQ(N("1e-10").div(N("3")).to_string(), "0.0000000000333333333333333333");
  EXPECT_EQ(N("12345678901234567890").div(N("3")).to_string(), "4115226300411522630");
  EXPECT_EQ(N("100").div(N("7.0")).to_string(), "14.2857142857142857");
  EXPECT_EQ(N("0").div(N("5")).to_string(), "0.00000000000000000000");
  EXPECT_EQ(N("1.5").mul(N("2.25")).to_string(), "3.375");
  EXPECT_EQ(N("2.00").add(N("1.5")).to_string(), "3.50");
  EXPECT_EQ(N("1.5").sub(N("1.50")).to_string(), "0.00");
  EXPECT_EQ(N("7.5").mod(N("2")).to_string(), "1.5");
  EXPECT_EQ(N("-7.5").mod(N("2.00")).to_string(), "-1.50");
  EXPECT_EQ(N("7").mod(N("-3")).to_string(), "1");
  EXPECT_EQ(N("123456789012345678").mul(N("987654321098765432")).to_string(),
            "121932631137021794322511812221002896");
  EXPECT_EQ(N("-0.1").mul(N("0.1")).to_string(), "-0.01");
  EXPECT_EQ(N("5").neg().to_string(), "-5");
  EXPECT_EQ(N("0.0").neg().to_string(), "0.0");
  EXPECT_EQ(N("-2.50").abs().to_string(), "2.50");
  // products are rounded to the largest storable scale (16383)
  EXPECT_EQ(N("1e-9000").mul(N("1e-9000")).to_string(), "0." + std::string(16383, '0'));
  EXPECT_EQ(N("1e-9000").mul(N("1.5e-7380")).to_string().size(), 16383u);
  EXPECT_EQ(eval([] { return N("1e100000").mul(N("1e100000")).to_string(); }),
            "ERROR: value overflows numeric format");
}

TEST(NumericTest, SpecialValues) {
  EXPECT_EQ(N("NaN").add(N("1")).to_string(), "NaN");
  EXPECT_EQ(N("inf").sub(N("inf")).to_string(), "NaN");
  EXPECT_EQ(N("inf").add(N("inf")).to_string(), "Infinity");
  EXPECT_EQ(N("-inf").add(N("5")).to_string(), "-Infinity");
  EXPECT_EQ(N("inf").mul(N("0")).to_string(), "NaN");
  EXPECT_EQ(N("-inf").mul(N("-2")).to_string(), "Infinity");
  EXPECT_EQ(N("1").div(N("inf")).to_string(), "0");
  EXPECT_EQ(N("-inf").div(N("2")).to_string(), "-Infinity");
  EXPECT_EQ(N("inf").div(N("inf")).to_string(), "NaN");
  EXPECT_EQ(N("NaN").div(N("0")).to_string(), "NaN");
  EXPECT_EQ(N("5").mod(N("inf")).to_string(), "5");
  EXPECT_EQ(N("-5.5").mod(N("inf")).to_string(), "-5.5");
  EXPECT_EQ(eval([] { return N("1").div(N("0")).to_string(); }), "ERROR: division by zero");
  EXPECT_EQ(err_state([] { N("1").div(N("0.00")); }), "22012");
  EXPECT_EQ(eval([] { return N("inf").div(N("0")).to_string(); }), "ERROR: division by zero");
  EXPECT_EQ(eval([] { return N("inf").mod(N("0")).to_string(); }), "ERROR: division by zero");
  EXPECT_EQ(eval([] { return N("1").mod(N("0")).to_string(); }), "ERROR: division by zero");
}

TEST(NumericTest, Compare) {
  EXPECT_EQ(N("1.5").compare(N("1.50")), 0);
  EXPECT_EQ(N("NaN").compare(N("inf")), 1);
  EXPECT_EQ(N("NaN").compare(N("NaN")), 0);
  EXPECT_EQ(N("-inf").compare(N("-1e100")), -1);
  EXPECT_EQ(N("0.001").compare(N("0.0009")), 1);
  EXPECT_EQ(N("-0.001").compare(N("-0.0009")), -1);
  EXPECT_EQ(N("1e10").compare(N("9999999999.99")), 1);
  EXPECT_EQ(N("0").compare(N("-0.000")), 0);
}

TEST(NumericTest, RoundTrunc) {
  EXPECT_EQ(N("2.5").round(0).to_string(), "3");
  EXPECT_EQ(N("-2.5").round(0).to_string(), "-3");
  EXPECT_EQ(N("1234.5678").round(-2).to_string(), "1200");
  EXPECT_EQ(N("1.5").round(3).to_string(), "1.500");
  EXPECT_EQ(N("0.0001").round(2).to_string(), "0.00");
  EXPECT_EQ(N("0.005").round(2).to_string(), "0.01");
  EXPECT_EQ(N("-0.005").round(2).to_string(), "-0.01");
  EXPECT_EQ(N("9.999").round(2).to_string(), "10.00");
  EXPECT_EQ(N("99.5").round(-2).to_string(), "100");
  EXPECT_EQ(N("49.9").round(-2).to_string(), "0");
  EXPECT_EQ(N("555").round(-1).to_string(), "560");
  EXPECT_EQ(N("NaN").round(2).to_string(), "NaN");
  EXPECT_EQ(N("-1.59").trunc(1).to_string(), "-1.5");
  EXPECT_EQ(N("12345.678").trunc(-2).to_string(), "12300");
  EXPECT_EQ(N("1.5").trunc(4).to_string(), "1.5000");
}

TEST(NumericTest, ToInt) {
  EXPECT_EQ(N("2.5").to_int64(32), 3);
  EXPECT_EQ(N("-2.5").to_int64(32), -3);
  EXPECT_EQ(N("2147483647.4").to_int64(32), 2147483647);
  EXPECT_EQ(N("-2147483648.4").to_int64(32), -2147483648LL);
  EXPECT_EQ(N("-9223372036854775808").to_int64(64), INT64_MIN);
  EXPECT_EQ(eval([] { return std::to_string(N("2147483647.5").to_int64(32)); }),
            "ERROR: integer out of range");
  EXPECT_EQ(eval([] { return std::to_string(N("32767.5").to_int64(16)); }),
            "ERROR: smallint out of range");
  EXPECT_EQ(eval([] { return std::to_string(N("1e19").to_int64(64)); }),
            "ERROR: bigint out of range");
  EXPECT_EQ(err_state([] { N("1e19").to_int64(64); }), "22003");
  EXPECT_EQ(eval([] { return std::to_string(N("NaN").to_int64(16)); }),
            "ERROR: cannot convert NaN to smallint");
  EXPECT_EQ(eval([] { return std::to_string(N("inf").to_int64(32)); }),
            "ERROR: cannot convert infinity to integer");
  EXPECT_EQ(eval([] { return std::to_string(N("-inf").to_int64(64)); }),
            "ERROR: cannot convert infinity to bigint");
  EXPECT_EQ(err_state([] { N("NaN").to_int64(64); }), "0A000");
}

TEST(NumericTest, Floats) {
  EXPECT_EQ(Numeric::from_double(0.1).to_string(), "0.1");
  EXPECT_EQ(Numeric::from_double(1e20).to_string(), "100000000000000000000");
  EXPECT_EQ(Numeric::from_double(1e-20).to_string(), "0.00000000000000000001");
  EXPECT_EQ(Numeric::from_double(1.0 / 3).to_string(), "0.333333333333333");
  EXPECT_EQ(Numeric::from_double(123456789012345678.0).to_string(), "123456789012346000");
  EXPECT_EQ(Numeric::from_float(0.1f).to_string(), "0.1");
  EXPECT_EQ(Numeric::from_double(NAN).to_string(), "NaN");
  EXPECT_EQ(Numeric::from_double(-INFINITY).to_string(), "-Infinity");
  EXPECT_DOUBLE_EQ(N("0.1").to_double(), 0.1);
  EXPECT_EQ(N("1e-310").to_double(), 1e-310);
  EXPECT_EQ(eval([] { return std::to_string(N("1e400").to_double()); }).substr(0, 10),
            "ERROR: \"10");
  EXPECT_EQ(err_state([] { N("1e-400").to_double(); }), "22003");
  EXPECT_EQ(N("0.1").to_float(), 0.1f);
}

TEST(NumericTest, Typmod) {
  auto tm = [](const char* v, int p, int s) {
    try {
      return N(v).apply_precision_scale(p, s).to_string();
    } catch (const PgError& e) {
      return "ERROR: " + e.error.message + " / " + e.error.detail;
    }
  };
  EXPECT_EQ(tm("12345.678", 5, 2),
            "ERROR: numeric field overflow / A field with precision 5, scale 2 must round to an "
            "absolute value less than 10^3.");
  EXPECT_EQ(tm("999.995", 5, 2),
            "ERROR: numeric field overflow / A field with precision 5, scale 2 must round to an "
            "absolute value less than 10^3.");
  EXPECT_EQ(tm("999.994", 5, 2), "999.99");
  EXPECT_EQ(tm("0.5", 1, 1), "0.5");
  EXPECT_EQ(tm("1", 1, 1),
            "ERROR: numeric field overflow / A field with precision 1, scale 1 must round to an "
            "absolute value less than 1.");
  EXPECT_EQ(tm("12345", 2, -3), "12000");
  EXPECT_EQ(tm("0.5", 2, -3), "0");
  EXPECT_EQ(tm("NaN", 5, 2), "NaN");
  EXPECT_EQ(tm("Infinity", 5, 2),
            "ERROR: numeric field overflow / A field with precision 5, scale 2 cannot hold an "
            "infinite value.");
  EXPECT_EQ(tm("0.00001", 3, 2), "0.00");
  EXPECT_EQ(tm("1.5", 1, 0), "2");
  EXPECT_EQ(tm("0", 1, 1), "0.0");
  // packed typmod as PostgreSQL stores it
  EXPECT_EQ(N("3.14159").apply_typmod(((10 << 16) | 2) + 4).to_string(), "3.14");
  EXPECT_EQ(N("3.14159").apply_typmod(-1).to_string(), "3.14159");
}

TEST(NumericTest, EncodingRoundTripAndOrder) {
  std::mt19937_64 rng(42);
  std::vector<Numeric> vals;
  for (const char* s : {"0", "0.00", "NaN", "inf", "-inf", "1", "-1", "1.5", "1.50", "0.15",
                        "0.152", "-0.15", "-0.152", "1e100", "-1e100", "1e-100", "9.99", "10",
                        "-10", "100", "0.001", "-0.001", "123456789.987654321"})
    vals.push_back(N(s));
  for (int i = 0; i < 3000; i++) {
    std::string s;
    if (rng() % 2) s += '-';
    int ip = int(rng() % 25), fp = int(rng() % 25);
    for (int k = 0; k < ip; k++) s += char('0' + rng() % 10);
    if (ip == 0) s += '0';
    if (fp) {
      s += '.';
      for (int k = 0; k < fp; k++) s += char('0' + rng() % 10);
    }
    if (rng() % 5 == 0) s += "e" + std::to_string(int(rng() % 400) - 200);
    vals.push_back(N(s.c_str()));
  }
  for (const Numeric& v : vals) {
    Numeric d = Numeric::decode(v.encode());
    ASSERT_EQ(d.to_string(), v.to_string());
    ASSERT_EQ(d.dscale(), v.dscale());
  }
  for (size_t i = 0; i + 1 < vals.size(); i++) {
    for (size_t j : {i + 1, (i * 7919) % vals.size()}) {
      const Numeric &a = vals[i], &b = vals[j];
      int c = a.compare(b);
      int e = a.encode().compare(b.encode());
      e = e < 0 ? -1 : e > 0 ? 1 : 0;
      if (c != 0) ASSERT_EQ(c, e) << a.to_string() << " vs " << b.to_string();
      else if (a.dscale() == b.dscale()) ASSERT_EQ(e, 0);
    }
  }
  // equal values with different scales encode differently (1.5 before 1.50), adjacent
  EXPECT_LT(N("1.5").encode(), N("1.50").encode());
  EXPECT_LT(N("1.50").encode(), N("1.51").encode());
  EXPECT_LT(N("inf").encode(), N("NaN").encode());
  EXPECT_LT(N("-inf").encode(), N("-1e100").encode());
  EXPECT_LE(N("1.5").encode().size(), 8u);
  EXPECT_THROW(Numeric::decode(std::string("\x04", 1)), PgError);
}
