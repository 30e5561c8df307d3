// Numeric: PostgreSQL's arbitrary-precision exact decimal (numeric/decimal), with
// PostgreSQL 15's semantics: input syntax, display scale (dscale) rules of every operator,
// division scale selection (select_div_scale), rounding half away from zero, NaN and
// +/-Infinity, typmod (precision, scale) checks and PostgreSQL's error texts.
//
// Representation: value = (-1)^neg * mag * 10^-dscale, where mag is an unsigned big integer
// in base 10^9 limbs (little-endian uint32). Why base 10^9: nine decimal digits per 32-bit
// limb, 64-bit products never overflow, so multiplication and (Knuth D) division are fast,
// and conversion to/from decimal text is a per-limb printf. Keeping the value as an integer
// scaled by dscale makes PostgreSQL's display-scale rules explicit (1.50 is mag 150,
// dscale 2). PostgreSQL's rules that depend on its base-10^4 digits (select_div_scale) are
// computed from the decimal digits.
//
// Storage encoding (encode/decode, see docs/storage-format.md): an order-preserving byte
// string, so memcmp order (SQLite's BLOB order) is numeric order:
//   0x01                     -Infinity
//   0x02 ~E[3] ~digits dscale  negative finite (exponent and digit bytes bit-inverted)
//   0x03 dscale              zero
//   0x04 E[3] digits dscale  positive finite
//   0x05                     +Infinity
//   0x06                     NaN (PostgreSQL sorts NaN above everything)
// E is the decimal exponent (value = 0.d1d2d3... * 10^E, d1 != 0) biased by 2^23, three
// bytes big-endian. digits are the significant decimal digits (trailing zeros dropped), one
// per nibble as d+1, followed by a 0 nibble terminator (padded to a byte with 0). dscale
// follows as 1 byte (< 0x80) or 2 bytes (0x80|hi, lo). Values equal in PostgreSQL but
// with different display scales (1.5 and 1.50) encode differently (adjacent; 1.5 first):
// SQLite's = on the blobs is then stricter than numeric equality, so the analyzer compares
// numerics with different scales through pg_numeric_cmp.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro {

class Numeric {
 public:
  enum class Kind : uint8_t { Finite, NaN, PosInf, NegInf };

  // PostgreSQL limits (numeric.c).
  static constexpr int kMaxDisplayScale = 1000;   // NUMERIC_MAX_DISPLAY_SCALE
  static constexpr int kMaxResultScale = 2000;    // NUMERIC_MAX_RESULT_SCALE
  static constexpr int kMaxDscale = 0x3FFF;       // NUMERIC_DSCALE_MAX
  static constexpr int kMaxIntegerDigits = 131072;  // (NUMERIC_WEIGHT_MAX + 1) * DEC_DIGITS
  static constexpr int kMinSigDigits = 16;        // NUMERIC_MIN_SIG_DIGITS

  Numeric() = default;  // 0 (dscale 0)

  // numeric_in without typmod. Throws PgError 22P02 / 22003.
  static Numeric parse(std::string_view text);
  static Numeric nan();
  static Numeric infinity(bool negative = false);
  static Numeric from_int64(int64_t v);
  static Numeric from_int128(__int128 v);
  static Numeric from_double(double v);  // float8_numeric (DBL_DIG significant digits)
  static Numeric from_float(float v);    // float4_numeric (FLT_DIG significant digits)

  Kind kind() const { return kind_; }
  bool is_nan() const { return kind_ == Kind::NaN; }
  bool is_inf() const { return kind_ == Kind::PosInf || kind_ == Kind::NegInf; }
  bool is_finite() const { return kind_ == Kind::Finite; }
  bool is_zero() const { return kind_ == Kind::Finite && mag_.empty(); }
  int sign() const;  // -1, 0, 1 (NaN: 0)
  int dscale() const { return dscale_; }
  // E with value = 0.d1d2... * 10^E (finite, nonzero); numeric_math.cpp's scale estimates.
  int exponent10() const { return decimal_exponent(); }
  // PostgreSQL's base-10000 weight and first NBASE digit (0, 0 for zero).
  void nbase_weight(int& weight, int& first) const { nbase_weight_first(weight, first); }

  std::string to_string() const;  // numeric_out
  void append_to(std::string& out) const;

  Numeric add(const Numeric& b) const;
  Numeric sub(const Numeric& b) const;
  Numeric mul(const Numeric& b) const;
  Numeric div(const Numeric& b) const;  // select_div_scale; 22012 division by zero
  // Division with an explicit result scale (rounded half away from zero).
  Numeric div_scale(const Numeric& b, int rscale) const;
  Numeric mod(const Numeric& b) const;
  Numeric neg() const;
  Numeric abs() const;
  // -1/0/1 with PostgreSQL's total order: -Infinity < finite < +Infinity < NaN, NaN == NaN.
  int compare(const Numeric& b) const;
  bool operator==(const Numeric& b) const { return compare(b) == 0; }
  bool operator<(const Numeric& b) const { return compare(b) < 0; }

  Numeric round(int scale) const;  // round(numeric, int)
  Numeric trunc(int scale) const;  // trunc(numeric, int)
  // Rounds (half away from zero) or pads to exactly `scale` fraction digits (>= 0), without
  // round()'s +-2000 limit (PostgreSQL's round_var).
  Numeric rescale(int scale) const { return round_impl(scale, true); }

  // numeric -> int2/int4/int8 (bits 16/32/64): rounds half away from zero; 22003
  // "smallint/integer/bigint out of range"; 0A000 "cannot convert NaN/infinity to ...".
  int64_t to_int64(int bits = 64) const;
  double to_double() const;  // numeric_float8 (22003 if out of double's range)
  float to_float() const;    // numeric_float4

  // apply_typmod with a packed numeric typmod ((p << 16 | s) + 4); typmod < 4: unchanged.
  Numeric apply_typmod(int32_t typmod) const;
  Numeric apply_precision_scale(int precision, int scale) const;

  std::string encode() const;
  static Numeric decode(std::string_view bytes);  // throws PgError XX000 if malformed
  // Fast path for aggregates: a finite stored value as value * 10^-dscale with |value| < 10^36.
  // False for NaN/Infinity, larger values or malformed bytes (decode() then reports those).
  static bool decode_small(std::string_view bytes, __int128& value, int& dscale);
  // value * 10^-dscale (|value| < 10^38, 0 <= dscale <= kMaxDscale).
  static Numeric from_scaled(__int128 value, int dscale);

 private:
  using Limbs = std::vector<uint32_t>;
  Kind kind_ = Kind::Finite;
  bool neg_ = false;
  int32_t dscale_ = 0;
  Limbs mag_;  // base 1e9, little-endian, no high zero limbs; empty = 0

  static Numeric make(bool neg, Limbs mag, int dscale);  // normalizes and checks overflow
  int decimal_exponent() const;  // E with value = 0.d1... * 10^E (finite, nonzero)
  void nbase_weight_first(int& weight, int& first) const;
  int select_div_scale(const Numeric& b) const;
  Numeric round_impl(int scale, bool round_up) const;
};

}  // namespace pgmicro
