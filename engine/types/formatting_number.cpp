// Number formatting (PostgreSQL 15's NUM_* part of formatting.c): to_char of int4, int8,
// float4, float8 and numeric, and to_number. The template is summarised into a NumDesc
// (digits before/after the point, sign style, fill mode, V multiplier, EEEE, RN); the value
// is printed as a plain digit string (rounded as PostgreSQL does per type, or '#' when it
// does not fit), then the processor walks the template placing digits, signs and literal
// text. Locale is C: '.', ',', currency symbol ' '.
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include "common/error.h"
#include "types/formatting.h"
#include "types/formatting_template.h"

namespace pgmicro {

using fmt::FormatNode;
using fmt::KeyWord;
using fmt::NodeType;

namespace {

enum NumId {
  NUM_COMMA, NUM_DEC, NUM_0, NUM_9, NUM_B, NUM_C, NUM_D, NUM_E, NUM_FM, NUM_G, NUM_L, NUM_MI,
  NUM_PL, NUM_PR, NUM_RN, NUM_SG, NUM_SP, NUM_S, NUM_TH, NUM_V, NUM_rn, NUM_th,
};

constexpr fmt::DateMode N = fmt::DateMode::None;
const KeyWord kKeywords[] = {
    {",", 1, NUM_COMMA, false, N}, {".", 1, NUM_DEC, false, N}, {"0", 1, NUM_0, false, N},
    {"9", 1, NUM_9, false, N}, {"B", 1, NUM_B, false, N}, {"C", 1, NUM_C, false, N},
    {"D", 1, NUM_D, false, N}, {"EEEE", 4, NUM_E, false, N}, {"FM", 2, NUM_FM, false, N},
    {"G", 1, NUM_G, false, N}, {"L", 1, NUM_L, false, N}, {"MI", 2, NUM_MI, false, N},
    {"PL", 2, NUM_PL, false, N}, {"PR", 2, NUM_PR, false, N}, {"RN", 2, NUM_RN, false, N},
    {"SG", 2, NUM_SG, false, N}, {"SP", 2, NUM_SP, false, N}, {"S", 1, NUM_S, false, N},
    {"TH", 2, NUM_TH, false, N}, {"V", 1, NUM_V, false, N}, {"b", 1, NUM_B, false, N},
    {"c", 1, NUM_C, false, N}, {"d", 1, NUM_D, false, N}, {"eeee", 4, NUM_E, false, N},
    {"fm", 2, NUM_FM, false, N}, {"g", 1, NUM_G, false, N}, {"l", 1, NUM_L, false, N},
    {"mi", 2, NUM_MI, false, N}, {"pl", 2, NUM_PL, false, N}, {"pr", 2, NUM_PR, false, N},
    {"rn", 2, NUM_rn, false, N}, {"sg", 2, NUM_SG, false, N}, {"sp", 2, NUM_SP, false, N},
    {"s", 1, NUM_S, false, N}, {"th", 2, NUM_th, false, N}, {"v", 1, NUM_V, false, N},
    {nullptr, 0, 0, false, N},
};

enum Flag {
  F_DECIMAL = 1 << 1, F_LDECIMAL = 1 << 2, F_ZERO = 1 << 3, F_BLANK = 1 << 4, F_FILLMODE = 1 << 5,
  F_LSIGN = 1 << 6, F_BRACKET = 1 << 7, F_MINUS = 1 << 8, F_PLUS = 1 << 9, F_ROMAN = 1 << 10,
  F_MULTI = 1 << 11, F_PLUS_POST = 1 << 12, F_MINUS_POST = 1 << 13, F_EEEE = 1 << 14,
};
enum LSign { LSIGN_PRE = -1, LSIGN_NONE = 0, LSIGN_POST = 1 };

// What the template asks for (PostgreSQL's NUMDesc).
struct NumDesc {
  int pre = 0, post = 0, lsign = LSIGN_NONE, flag = 0, pre_lsign_num = 0, multi = 0, zero_start = 0,
      zero_end = 0;
  bool is(int f) const { return flag & f; }
};

[[noreturn]] void syntax(const std::string& msg, const std::string& detail = {}) {
  throw PgError(sqlstate::kSyntaxError, msg, detail);
}

// NUMDesc_prepare: one keyword of the template.
void prepare(NumDesc& num, const FormatNode& n) {
  if (num.is(F_EEEE) && n.key->id != NUM_E) syntax("\"EEEE\" must be the last pattern used");
  switch (n.key->id) {
    case NUM_9:
      if (num.is(F_BRACKET)) syntax("\"9\" must be ahead of \"PR\"");
      if (num.is(F_MULTI)) {
        ++num.multi;
        break;
      }
      if (num.is(F_DECIMAL)) ++num.post;
      else ++num.pre;
      break;
    case NUM_0:
      if (num.is(F_BRACKET)) syntax("\"0\" must be ahead of \"PR\"");
      if (!num.is(F_ZERO) && !num.is(F_DECIMAL)) {
        num.flag |= F_ZERO;
        num.zero_start = num.pre + 1;
      }
      if (!num.is(F_DECIMAL)) ++num.pre;
      else ++num.post;
      num.zero_end = num.pre + num.post;
      break;
    case NUM_B:
      if (num.pre == 0 && num.post == 0 && !num.is(F_ZERO)) num.flag |= F_BLANK;
      break;
    case NUM_D:
      num.flag |= F_LDECIMAL;
      [[fallthrough]];
    case NUM_DEC:
      if (num.is(F_DECIMAL)) syntax("multiple decimal points");
      if (num.is(F_MULTI)) syntax("cannot use \"V\" and decimal point together");
      num.flag |= F_DECIMAL;
      break;
    case NUM_FM: num.flag |= F_FILLMODE; break;
    case NUM_S:
      if (num.is(F_LSIGN)) syntax("cannot use \"S\" twice");
      if (num.is(F_PLUS) || num.is(F_MINUS) || num.is(F_BRACKET))
        syntax("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
      if (!num.is(F_DECIMAL)) {
        num.lsign = LSIGN_PRE;
        num.pre_lsign_num = num.pre;
        num.flag |= F_LSIGN;
      } else if (num.lsign == LSIGN_NONE) {
        num.lsign = LSIGN_POST;
        num.flag |= F_LSIGN;
      }
      break;
    case NUM_MI:
      if (num.is(F_LSIGN)) syntax("cannot use \"S\" and \"MI\" together");
      num.flag |= F_MINUS;
      if (num.is(F_DECIMAL)) num.flag |= F_MINUS_POST;
      break;
    case NUM_PL:
      if (num.is(F_LSIGN)) syntax("cannot use \"S\" and \"PL\" together");
      num.flag |= F_PLUS;
      if (num.is(F_DECIMAL)) num.flag |= F_PLUS_POST;
      break;
    case NUM_SG:
      if (num.is(F_LSIGN)) syntax("cannot use \"S\" and \"SG\" together");
      num.flag |= F_MINUS | F_PLUS;
      break;
    case NUM_PR:
      if (num.is(F_LSIGN) || num.is(F_PLUS) || num.is(F_MINUS))
        syntax("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
      num.flag |= F_BRACKET;
      break;
    case NUM_rn: case NUM_RN: num.flag |= F_ROMAN; break;
    case NUM_V:
      if (num.is(F_DECIMAL)) syntax("cannot use \"V\" and decimal point together");
      num.flag |= F_MULTI;
      break;
    case NUM_E:
      if (num.is(F_EEEE)) syntax("cannot use \"EEEE\" twice");
      if (num.is(F_BLANK) || num.is(F_FILLMODE) || num.is(F_LSIGN) || num.is(F_BRACKET) || num.is(F_MINUS) ||
          num.is(F_PLUS) || num.is(F_ROMAN) || num.is(F_MULTI))
        syntax("\"EEEE\" is incompatible with other formats",
               "\"EEEE\" may only be used together with digit and decimal point patterns.");
      num.flag |= F_EEEE;
      break;
    default: break;
  }
}

std::vector<FormatNode> parse(std::string_view fmt_text, NumDesc& num) {
  return fmt::parse_template(fmt_text, kKeywords, false, [&](const FormatNode& n) { prepare(num, n); });
}

const char* ordinal(const std::string& num, bool upper) {
  char last = num.empty() ? '\0' : num.back();
  if (!(last >= '0' && last <= '9'))
    throw PgError(sqlstate::kInvalidTextRepresentation, "\"" + num + "\" is not a number");
  if (num.size() > 1 && num[num.size() - 2] == '1') last = 0;
  switch (last) {
    case '1': return upper ? "ST" : "st";
    case '2': return upper ? "ND" : "nd";
    case '3': return upper ? "RD" : "rd";
    default: return upper ? "TH" : "th";
  }
}

std::string int_to_roman(int number) {
  static const char* const rm1[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  static const char* const rm10[] = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
  static const char* const rm100[] = {"C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
  if (number > 3999 || number < 1) return std::string(15, '#');
  std::string digits = std::to_string(number), out;
  int len = int(digits.size());
  for (char c : digits) {
    int num = c - ('0' + 1);
    if (num >= 0) {
      if (len == 4) out.append(size_t(num + 1), 'M');
      else if (len == 3) out += rm100[num];
      else if (len == 2) out += rm10[num];
      else out += rm1[num];
    }
    len--;
  }
  return out;
}

// The digit string PostgreSQL gives the processor, with its sign and padding.
struct Digits {
  std::string number;
  int sign = 0;  // '+', '-', or 0 (Roman numerals)
  int out_pre_spaces = 0;
};

// '#' filler when the value has more integer digits than the template.
void fit_or_overflow(Digits& d, const NumDesc& num) {
  size_t dot = d.number.find('.');
  int pre_len = int(dot == std::string::npos ? d.number.size() : dot);
  if (pre_len < num.pre) {
    d.out_pre_spaces = num.pre - pre_len;
  } else if (pre_len > num.pre) {
    d.number.assign(size_t(num.pre + num.post + 1), '#');
    d.number[size_t(num.pre)] = '.';
  }
}

// '#' filler for EEEE of NaN and infinities.
std::string eeee_overflow(const NumDesc& num) {
  std::string s(size_t(num.pre + num.post + 6), '#');
  s[0] = ' ';
  s[size_t(num.pre + 1)] = '.';
  return s;
}

// PostgreSQL's own snprintf prints NaN and infinities by name.
std::string printf_f(int prec, double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  int n = std::snprintf(nullptr, 0, "%.*f", prec, v);
  std::string s(size_t(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), "%.*f", prec, v);
  s.resize(size_t(n));
  return s;
}
std::string printf_e(int prec, double v) {
  int n = std::snprintf(nullptr, 0, "%+.*e", prec, v);
  std::string s(size_t(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), "%+.*e", prec, v);
  s.resize(size_t(n));
  if (s[0] == '+') s[0] = ' ';
  return s;
}

class Processor {
 public:
  Processor(NumDesc& num, std::string number) : num_(num), number_(std::move(number)) {}

  // NUM_processor for to_char.
  std::string to_char(const std::vector<FormatNode>& nodes, int out_pre_spaces, int sign) {
    if (num_.zero_start) --num_.zero_start;
    if (num_.is(F_EEEE)) return number_;
    if (num_.is(F_ROMAN)) {
      num_.lsign = num_.pre_lsign_num = num_.post = num_.pre = 0;
      num_.flag = (num_.is(F_FILLMODE) ? F_FILLMODE : 0) | F_ROMAN;
    }
    sign_ = sign;
    if (num_.is(F_PLUS) || num_.is(F_MINUS)) {
      sign_wrote_ = !(num_.is(F_PLUS) && !num_.is(F_MINUS));
    } else {
      if (sign_ != '-' && num_.is(F_FILLMODE)) num_.flag &= ~F_BRACKET;
      sign_wrote_ = sign_ == '+' && num_.is(F_FILLMODE) && !num_.is(F_LSIGN);
      if (num_.lsign == LSIGN_PRE && num_.pre == num_.pre_lsign_num) num_.lsign = LSIGN_POST;
    }
    num_count_ = num_.post + num_.pre - 1;
    out_pre_spaces_ = out_pre_spaces;
    if (num_.is(F_FILLMODE) && num_.is(F_DECIMAL)) {
      size_t dot = number_.find('.');
      if (dot != std::string::npos) {
        last_relevant_ = long(dot);
        for (size_t k = dot + 1; k < number_.size(); k++)
          if (number_[k] != '0') last_relevant_ = long(k);
        if (num_.zero_end > out_pre_spaces_) {
          long last_zero = std::min(long(number_.size()) - 1, long(num_.zero_end - out_pre_spaces_));
          if (last_relevant_ < last_zero) last_relevant_ = last_zero;
        }
      }
    }
    if (!sign_wrote_ && out_pre_spaces_ == 0) ++num_count_;

    for (const FormatNode& n : nodes) {
      if (n.type != NodeType::Action) {
        out_ += n.text();
        continue;
      }
      switch (n.key->id) {
        case NUM_9: case NUM_0: case NUM_DEC: case NUM_D: numpart(n.key->id); break;
        case NUM_COMMA: case NUM_G:
          if (!num_in_) {
            if (!num_.is(F_FILLMODE)) out_ += ' ';
          } else {
            out_ += ',';
          }
          break;
        case NUM_L: out_ += ' '; break;
        case NUM_RN: case NUM_rn: {
          std::string r = number_.substr(std::min(number_p_, number_.size()));
          if (n.key->id == NUM_rn)
            for (char& c : r)
              if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
          if (!num_.is(F_FILLMODE) && r.size() < 15) r = std::string(15 - r.size(), ' ') + r;
          out_ += r;
          break;
        }
        case NUM_th: case NUM_TH:
          if (num_.is(F_ROMAN) || (!number_.empty() && number_[0] == '#') || sign_ == '-' || num_.is(F_DECIMAL)) break;
          out_ += ordinal(number_.substr(0, number_.find('\0')), n.key->id == NUM_TH);
          break;
        case NUM_MI:
          if (sign_ == '-') out_ += '-';
          else if (!num_.is(F_FILLMODE)) out_ += ' ';
          break;
        case NUM_PL:
          if (sign_ == '+') out_ += '+';
          else if (!num_.is(F_FILLMODE)) out_ += ' ';
          break;
        case NUM_SG: out_ += char(sign_); break;
        default: break;
      }
    }
    // A NUL written into PostgreSQL's C string (SG with no sign) ends the text there.
    return out_.substr(0, out_.find('\0'));
  }

 private:
  NumDesc& num_;
  std::string number_;
  size_t number_p_ = 0;
  long last_relevant_ = -1;
  std::string out_;
  int sign_ = 0;
  bool sign_wrote_ = false, num_in_ = false;
  int num_count_ = 0, num_curr_ = 0, out_pre_spaces_ = 0;

  char at(size_t i) const { return i < number_.size() ? number_[i] : '\0'; }
  bool last_relevant_is_dot() const { return last_relevant_ >= 0 && at(size_t(last_relevant_)) == '.'; }
  bool predec_space() const {
    return !num_.is(F_ZERO) && number_p_ == 0 && at(0) == '0' && num_.post != 0;
  }

  // NUM_numpart_to_char.
  void numpart(int id) {
    if (num_.is(F_ROMAN)) return;
    num_in_ = false;
    if (!sign_wrote_ && (num_curr_ >= out_pre_spaces_ || (num_.is(F_ZERO) && num_.zero_start == num_curr_)) &&
        (!predec_space() || last_relevant_is_dot())) {
      if (num_.is(F_LSIGN)) {
        if (num_.lsign == LSIGN_PRE) {
          out_ += sign_ == '-' ? '-' : '+';
          sign_wrote_ = true;
        }
      } else if (num_.is(F_BRACKET)) {
        out_ += sign_ == '+' ? ' ' : '<';
        sign_wrote_ = true;
      } else if (sign_ == '+') {
        if (!num_.is(F_FILLMODE)) out_ += ' ';
        sign_wrote_ = true;
      } else if (sign_ == '-') {
        out_ += '-';
        sign_wrote_ = true;
      }
    }
    if (id == NUM_9 || id == NUM_0 || id == NUM_D || id == NUM_DEC) {
      if (num_curr_ < out_pre_spaces_ && (num_.zero_start > num_curr_ || !num_.is(F_ZERO))) {
        if (!num_.is(F_FILLMODE)) out_ += ' ';
      } else if (num_.is(F_ZERO) && num_curr_ < out_pre_spaces_ && num_.zero_start <= num_curr_) {
        out_ += '0';
        num_in_ = true;
      } else {
        if (at(number_p_) == '.') {
          if (!last_relevant_is_dot() || num_.is(F_FILLMODE)) out_ += '.';
        } else {
          if (last_relevant_ >= 0 && long(number_p_) > last_relevant_ && id != NUM_0) {
          } else if (predec_space()) {
            if (!num_.is(F_FILLMODE)) out_ += ' ';
            else if (last_relevant_is_dot()) out_ += '0';
          } else {
            out_ += at(number_p_);
            num_in_ = true;
          }
        }
        if (at(number_p_)) ++number_p_;
      }
      int end = num_count_ + (out_pre_spaces_ ? 1 : 0) + (num_.is(F_DECIMAL) ? 1 : 0);
      if (last_relevant_ >= 0 && long(number_p_) == last_relevant_) end = num_curr_;
      if (num_curr_ + 1 == end) {
        if (sign_wrote_ && num_.is(F_BRACKET)) out_ += sign_ == '+' ? ' ' : '>';
        else if (num_.is(F_LSIGN) && num_.lsign == LSIGN_POST) out_ += sign_ == '-' ? '-' : '+';
      }
    }
    ++num_curr_;
  }
};

// The shared to_char driver: `digits` fills Digits for the value given the template.
template <class F>
std::string number_to_char(std::string_view fmt_text, F digits) {
  if (fmt_text.empty() || fmt_text.size() >= size_t(INT_MAX - 4) / 8) return "";
  fmt::check_palloc(fmt_text.size() * 8 + 1 + 4);  // the result buffer: NUM_MAX_ITEM_SIZ per byte
  fmt::check_palloc(fmt::node_array_bytes(fmt_text.size()));
  NumDesc num;
  std::vector<FormatNode> nodes = parse(fmt_text, num);
  Digits d = digits(num);
  Processor p(num, d.number);
  return p.to_char(nodes, d.out_pre_spaces, d.sign);
}

// Integer digits with the template's zero-padded fraction.
Digits integer_digits(std::string orgnum, const NumDesc& num) {
  Digits d;
  if (!orgnum.empty() && orgnum[0] == '-') {
    d.sign = '-';
    orgnum.erase(0, 1);
  } else {
    d.sign = '+';
  }
  int pre_len = int(orgnum.size());
  d.number = orgnum;
  if (num.post) d.number += "." + std::string(size_t(num.post), '0');
  if (pre_len < num.pre) d.out_pre_spaces = num.pre - pre_len;
  else if (pre_len > num.pre) {
    d.number.assign(size_t(num.pre + num.post + 1), '#');
    d.number[size_t(num.pre)] = '.';
  }
  return d;
}

Digits float_digits(double val, NumDesc& num, int max_digits) {
  std::string orgnum = printf_f(0, std::fabs(val));
  int pre_len = int(orgnum.size());
  if (pre_len >= max_digits) num.post = 0;
  else if (pre_len + num.post > max_digits) num.post = max_digits - pre_len;
  orgnum = printf_f(num.post, val);
  Digits d;
  if (orgnum[0] == '-') {
    d.sign = '-';
    d.number = orgnum.substr(1);
  } else {
    d.sign = '+';
    d.number = orgnum;
  }
  fit_or_overflow(d, num);
  return d;
}

// 10^k as a Numeric (exact; k may be negative).
Numeric power_of_ten(int k) {
  if (k >= 0) return Numeric::parse("1" + std::string(size_t(k), '0'));
  return Numeric::parse("0." + std::string(size_t(-k - 1), '0') + "1");
}

// PostgreSQL 15's power(10::numeric, k) for an integer k: rounded to 16 fraction digits.
Numeric pg_power_of_ten(int k) { return k < -16 ? Numeric().rescale(16) : power_of_ten(k).rescale(16); }

// numeric_out_sci: d.ddd…e±XX with `scale` fraction digits (the exponent is taken before
// rounding, so 9.99 with one digit prints 10.0e+00).
std::string numeric_out_sci(const Numeric& v, int scale) {
  if (v.is_nan()) return "NaN";
  if (v.is_inf()) return v.sign() < 0 ? "-Infinity" : "Infinity";
  int exponent = 0;
  if (!v.is_zero()) {
    std::string s = v.abs().to_string();
    size_t dot = s.find('.');
    size_t first = s.find_first_not_of("0.");
    if (dot == std::string::npos) dot = s.size();
    exponent = first < dot ? int(dot - first - 1) : -int(first - dot);
  }
  if (scale < 0) scale = 0;
  Numeric sig = v.mul(power_of_ten(-exponent)).rescale(scale);
  char e[16];
  std::snprintf(e, sizeof e, "e%+03d", exponent);
  return sig.to_string() + e;
}

}  // namespace

std::string int4_to_char(int32_t value, std::string_view fmt_text) {
  return number_to_char(fmt_text, [&](NumDesc& num) {
    Digits d;
    if (num.is(F_ROMAN)) {
      d.number = int_to_roman(value);
    } else if (num.is(F_EEEE)) {
      d.number = printf_e(num.post, double(value));
    } else {
      int32_t v = value;
      if (num.is(F_MULTI)) {
        // (int32) pow(10, multi), then int32 multiplication wrapping as PostgreSQL's -fwrapv.
        double p = std::pow(10.0, num.multi);
        int32_t m = p <= double(INT32_MAX) ? int32_t(p) : INT32_MIN;
        v = int32_t(uint32_t(value) * uint32_t(m));
        num.pre += num.multi;
      }
      d = integer_digits(std::to_string(v), num);
    }
    return d;
  });
}

std::string int8_to_char(int64_t value, std::string_view fmt_text) {
  return number_to_char(fmt_text, [&](NumDesc& num) {
    Digits d;
    if (num.is(F_ROMAN)) {
      // PostgreSQL 15 converts with int84: 22003 "integer out of range".
      if (value > INT32_MAX || value < INT32_MIN)
        throw PgError(sqlstate::kNumericValueOutOfRange, "integer out of range");
      d.number = int_to_roman(int(value));
    } else if (num.is(F_EEEE)) {
      std::string s = numeric_out_sci(Numeric::from_int64(value), num.post);
      d.number = s[0] != '-' ? " " + s : s;
    } else {
      int64_t v = value;
      if (num.is(F_MULTI)) {
        double p = std::pow(10.0, num.multi);
        if (!(p < 9223372036854775808.0)) throw PgError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
        if (__builtin_mul_overflow(value, int64_t(p), &v))
          throw PgError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
        num.pre += num.multi;
      }
      d = integer_digits(std::to_string(v), num);
    }
    return d;
  });
}

std::string float4_to_char(float value, std::string_view fmt_text) {
  return number_to_char(fmt_text, [&](NumDesc& num) {
    Digits d;
    if (num.is(F_ROMAN)) {
      float r = std::rint(value);
      bool fits = !std::isnan(r) && r >= float(INT32_MIN) && r < -float(INT32_MIN);
      d.number = int_to_roman(fits ? int32_t(r) : INT32_MAX);
    } else if (num.is(F_EEEE)) {
      d.number = (std::isnan(value) || std::isinf(value)) ? eeee_overflow(num) : printf_e(num.post, double(value));
    } else {
      float val = value;
      if (num.is(F_MULTI)) {
        float multi = float(std::pow(10.0, num.multi));
        val = value * multi;
        num.pre += num.multi;
      }
      d = float_digits(double(val), num, FLT_DIG);
    }
    return d;
  });
}

std::string float8_to_char(double value, std::string_view fmt_text) {
  return number_to_char(fmt_text, [&](NumDesc& num) {
    Digits d;
    if (num.is(F_ROMAN)) {
      double r = std::rint(value);
      bool fits = !std::isnan(r) && r >= double(INT32_MIN) && r < -double(INT32_MIN);
      d.number = int_to_roman(fits ? int32_t(r) : INT32_MAX);
    } else if (num.is(F_EEEE)) {
      d.number = (std::isnan(value) || std::isinf(value)) ? eeee_overflow(num) : printf_e(num.post, value);
    } else {
      double val = value;
      if (num.is(F_MULTI)) {
        val = value * std::pow(10.0, num.multi);
        num.pre += num.multi;
      }
      d = float_digits(val, num, DBL_DIG);
    }
    return d;
  });
}

std::string numeric_to_char(const Numeric& value, std::string_view fmt_text) {
  return number_to_char(fmt_text, [&](NumDesc& num) {
    Digits d;
    if (num.is(F_ROMAN)) {
      // PostgreSQL 15 converts with numeric_int4: its errors for NaN, infinity, overflow.
      d.number = int_to_roman(int32_t(value.round(0).to_int64(32)));
    } else if (num.is(F_EEEE)) {
      std::string s = numeric_out_sci(value, num.post);
      if (s == "NaN" || s == "Infinity" || s == "-Infinity") d.number = eeee_overflow(num);
      else d.number = s[0] != '-' ? " " + s : s;
    } else {
      Numeric val = value;
      if (num.is(F_MULTI)) {
        val = value.mul(pg_power_of_ten(num.multi));
        num.pre += num.multi;
      }
      std::string orgnum = val.round(num.post).to_string();
      if (orgnum[0] == '-') {
        d.sign = '-';
        d.number = orgnum.substr(1);
      } else {
        d.sign = '+';
        d.number = orgnum;
      }
      fit_or_overflow(d, num);
    }
    return d;
  });
}

// ---------------------------------------------------------------------------------------
// to_number
// ---------------------------------------------------------------------------------------

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// NUM_processor for to_number: reads the input along the template into a numeric string
// "<sign><digits>[.<digits>]", counting the fraction digits read.
class Reader {
 public:
  Reader(NumDesc& num, std::string_view in) : num_(num), in_(in) {}

  std::string read(const std::vector<FormatNode>& nodes) {
    if (num_.zero_start) --num_.zero_start;
    if (num_.is(F_EEEE)) throw PgError(sqlstate::kFeatureNotSupported, "\"EEEE\" not supported for input");
    if (num_.is(F_ROMAN)) throw PgError(sqlstate::kFeatureNotSupported, "\"RN\" not supported for input");
    number_ = " ";
    for (const FormatNode& n : nodes) {
      if (overload()) break;
      if (n.type != NodeType::Action) {
        advance(fmt::utf8_char_len(in_.data() + p_, in_.size() - p_));
        continue;
      }
      switch (n.key->id) {
        case NUM_9: case NUM_0: case NUM_DEC: case NUM_D: numpart(n.key->id); break;
        case NUM_COMMA:
          if (num_.is(F_FILLMODE)) continue;
          if (cur() != ',') continue;
          break;
        case NUM_G:
          if (num_.is(F_FILLMODE)) continue;
          if (!(amount(1) && cur() == ',')) continue;
          break;
        case NUM_L: eat_non_data(1); continue;
        case NUM_th: case NUM_TH:
          if (num_.is(F_DECIMAL)) continue;
          eat_non_data(2);
          continue;
        case NUM_MI:
          if (cur() == '-') number_[0] = '-';
          else {
            eat_non_data(1);
            continue;
          }
          break;
        case NUM_PL:
          if (cur() == '+') number_[0] = '+';
          else {
            eat_non_data(1);
            continue;
          }
          break;
        case NUM_SG:
          if (cur() == '-') number_[0] = '-';
          else if (cur() == '+') number_[0] = '+';
          else {
            eat_non_data(1);
            continue;
          }
          break;
        default: continue;
      }
      advance(1);
    }
    if (number_.size() > 1 && number_.back() == '.') number_.pop_back();
    num_.post = read_post_;
    return number_;
  }

 private:
  NumDesc& num_;
  std::string_view in_;
  size_t p_ = 0;
  std::string number_;
  int read_pre_ = 0, read_post_ = 0;
  bool read_dec_ = false;

  bool overload() const { return p_ >= in_.size(); }
  bool amount(size_t s) const { return p_ + s <= in_.size(); }
  char cur() const { return p_ < in_.size() ? in_[p_] : '\0'; }
  void advance(size_t n) { p_ = std::min(in_.size(), p_ + n); }
  void eat_non_data(int n) {
    while (n-- > 0) {
      if (overload()) break;
      if (std::strchr("0123456789.,+-", cur()) != nullptr) break;
      advance(fmt::utf8_char_len(in_.data() + p_, in_.size() - p_));
    }
  }

  // NUM_numpart_from_char.
  void numpart(int id) {
    bool isread = false;
    if (overload()) return;
    if (cur() == ' ') p_++;
    if (overload()) return;
    if (number_[0] == ' ' && (id == NUM_0 || id == NUM_9) && read_pre_ + read_post_ == 0) {
      if (num_.is(F_LSIGN) && num_.lsign == LSIGN_PRE) {
        if (amount(1) && cur() == '-') {
          p_++;
          number_[0] = '-';
        } else if (amount(1) && cur() == '+') {
          p_++;
          number_[0] = '+';
        }
      } else {
        if (cur() == '-' || (num_.is(F_BRACKET) && cur() == '<')) {
          number_[0] = '-';
          p_++;
        } else if (cur() == '+') {
          number_[0] = '+';
          p_++;
        }
      }
    }
    if (overload()) return;
    if (is_digit(cur())) {
      if (read_dec_ && read_post_ == num_.post) return;
      number_ += cur();
      if (read_dec_) read_post_++;
      else read_pre_++;
      isread = true;
    } else if (num_.is(F_DECIMAL) && !read_dec_) {
      if (amount(1) && cur() == '.') {
        number_ += '.';
        read_dec_ = true;
        isread = true;
      }
    }
    if (overload()) return;
    if (number_[0] == ' ' && read_pre_ + read_post_ > 0) {
      if (num_.is(F_LSIGN) && isread && p_ + 1 < in_.size() && !is_digit(in_[p_ + 1])) {
        size_t tmp = p_++;
        if (amount(1) && cur() == '-') number_[0] = '-';
        else if (amount(1) && cur() == '+') number_[0] = '+';
        if (number_[0] == ' ') p_ = tmp;
      } else if (!isread && !num_.is(F_LSIGN) && (num_.is(F_PLUS) || num_.is(F_MINUS))) {
        if (cur() == '-' || cur() == '+') number_[0] = cur();
      }
    }
  }
};

}  // namespace

Numeric numeric_to_number(std::string_view text, std::string_view fmt_text, bool& is_null) {
  is_null = false;
  if (fmt_text.empty() || fmt_text.size() >= size_t(INT_MAX) / 8) {
    is_null = true;
    return Numeric();
  }
  fmt::check_palloc(fmt::node_array_bytes(fmt_text.size()));
  NumDesc num;
  std::vector<FormatNode> nodes = parse(fmt_text, num);
  Reader reader(num, text);
  std::string numstr = reader.read(nodes);
  int scale = num.post;
  int precision = num.pre + num.multi + scale;
  Numeric result = Numeric::parse(numstr).apply_typmod(((precision << 16) | scale) + 4);
  if (num.is(F_MULTI)) result = result.mul(pg_power_of_ten(-num.multi));
  return result;
}

}  // namespace pgmicro
