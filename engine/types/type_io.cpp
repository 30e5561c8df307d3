// Dispatch of text input/output and typmod application by type OID (type_io.h).
#include "types/type_io.h"
#include "types/reg_types.h"

#include <cmath>
#include <cstdio>
#include "common/error.h"
#include "sqlite3.h"
#include "types/array.h"
#include "types/json.h"
#include "types/jsonpath.h"
#include "types/tsearch.h"
#include "types/geo.h"
#include "types/inet.h"
#include "types/interval.h"
#include "types/numeric.h"
#include "types/type_families.h"
#include "types/record.h"
#include "types/base_types.h"
#include "types/user_types.h"
#include "types/money.h"

namespace pgmicro {

namespace {

Numeric datum_to_numeric(const Datum& v) {
  switch (v.kind) {
    case Datum::Kind::Blob: return Numeric::decode(v.s);
    case Datum::Kind::Int: return Numeric::from_int64(v.i);
    case Datum::Kind::Real: return Numeric::from_double(v.r);
    case Datum::Kind::Text: return Numeric::parse(v.s);
    default: return Numeric();
  }
}

std::string datum_as_text(const Datum& v) {
  switch (v.kind) {
    case Datum::Kind::Int: return std::to_string(v.i);
    case Datum::Kind::Real: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.15g", v.r);
      return buf;
    }
    default: return v.s;
  }
}

thread_local bool g_bytea_escape = false;  // bytea_output = escape

void output_bytea(const std::string& s, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  if (g_bytea_escape) {  // byteaout's escape format: \\ for a backslash, \ooo outside printable ASCII
    for (unsigned char c : s) {
      if (c == '\\') out += "\\\\";
      else if (c < 0x20 || c > 0x7e) {
        out += '\\';
        out += char('0' + (c >> 6));
        out += char('0' + ((c >> 3) & 7));
        out += char('0' + (c & 7));
      } else out += char(c);
    }
    return;
  }
  out += "\\x";
  for (unsigned char c : s) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string input_bytea(std::string_view t) {
  std::string out;
  if (t.size() >= 2 && t[0] == '\\' && t[1] == 'x') {
    size_t i = 2;
    while (i < t.size()) {
      if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') {
        i++;
        continue;
      }
      int hi = hex_value(t[i]);
      if (hi < 0)
        throw PgError(sqlstate::kInvalidParameterValue,
                      "invalid hexadecimal digit: \"" + std::string(1, t[i]) + "\"");
      if (i + 1 >= t.size())
        throw PgError(sqlstate::kInvalidParameterValue, "invalid hexadecimal data: odd number of digits");
      int lo = hex_value(t[i + 1]);
      if (lo < 0)
        throw PgError(sqlstate::kInvalidParameterValue,
                      "invalid hexadecimal digit: \"" + std::string(1, t[i + 1]) + "\"");
      out += char(hi << 4 | lo);
      i += 2;
    }
    return out;
  }
  for (size_t i = 0; i < t.size();) {
    if (t[i] != '\\') {
      out += t[i++];
    } else if (i + 1 < t.size() && t[i + 1] == '\\') {
      out += '\\';
      i += 2;
    } else if (i + 3 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '3' && t[i + 2] >= '0' &&
               t[i + 2] <= '7' && t[i + 3] >= '0' && t[i + 3] <= '7') {
      out += char((t[i + 1] - '0') * 64 + (t[i + 2] - '0') * 8 + (t[i + 3] - '0'));
      i += 4;
    } else {
      throw PgError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out;
}

}  // namespace

void set_bytea_output_escape(bool escape) { g_bytea_escape = escape; }

Datum type_input(Oid type, int32_t typmod, std::string_view text) {
  // User-defined types: an enum's label (checked), a domain's base type input (its
  // constraints are checked by the coercion to the domain, see resolve.cpp).
  if (const UserType* u = find_user_type(type)) {
    if (u->kind == 'e') return Datum::text(enum_input(*u, text));
    if (u->kind == 'c') return record_input(type, text);
    if (u->kind == 'b') return reinterpret_datum(type_input(u->io_type, -1, text), u->io_type, u->base);
    if (u->kind == 'p') unsupported("input of the shell type " + u->name);
    return type_input(u->base, typmod >= 0 ? typmod : u->base_typmod, text);
  }
  if (type == oid::kRecord) return record_input(type, text);
  switch (type) {
    case oid::kBool: return Datum::integer(parse_bool(text) ? 1 : 0);
    case oid::kInt2: return Datum::integer(parse_int(text, 16));
    case oid::kInt4: return Datum::integer(parse_int(text, 32));
    case oid::kInt8: return Datum::integer(parse_int(text, 64));
    case oid::kOid:
    case oid::kRegproc:
    case oid::kRegprocedure:
    case oid::kRegoper:
    case oid::kRegoperator:
    case oid::kRegclass:
    case oid::kRegtype:
    case oid::kRegnamespace:
    case oid::kRegrole: return Datum::integer(*oid_type_input(type, text));
    case oid::kFloat4: return float_datum(double(parse_float4(text)));
    case oid::kFloat8: return float_datum(parse_float8(text));
    case oid::kNumeric: return Datum::blob(Numeric::parse(text).apply_typmod(typmod).encode());
    case oid::kVarchar:
    case oid::kBpchar:
    case oid::kName: return Datum::text(apply_char_typmod(type, typmod, text, false));
    case oid::kDate: return Datum::text(date_to_string(parse_date(text)));
    case oid::kTimestamp:
      return Datum::text(timestamp_to_string(adjust_timestamp_typmod(parse_timestamp(text), typmod)));
    case oid::kTimestamptz:
      return Datum::text(
          timestamptz_to_string(adjust_timestamp_typmod(parse_timestamptz(text), typmod)));
    case oid::kTime: return Datum::text(time_to_string(adjust_time_typmod(parse_time(text), typmod)));
    case oid::kTimetz: {
      TimeTz v = parse_timetz(text);
      v.time = adjust_time_typmod(v.time, typmod);
      return Datum::text(timetz_to_storage(v));
    }
    case oid::kBytea: return Datum::blob(input_bytea(text));
    case oid::kChar: {
      // charin: one byte (the first), or \ooo; stored as charout's text (high bytes as \ooo).
      unsigned char b = 0;
      auto oct = [](char c) { return c >= '0' && c <= '7'; };
      if (text.size() == 4 && text[0] == '\\' && oct(text[1]) && oct(text[2]) && oct(text[3]))
        b = (unsigned char)(((text[1] - '0') << 6) | ((text[2] - '0') << 3) | (text[3] - '0'));
      else if (!text.empty())
        b = (unsigned char)text[0];
      if (b == 0) return Datum::text("");
      if (b >= 0x80) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\%03o", b);
        return Datum::text(buf);
      }
      return Datum::text(std::string(1, char(b)));
    }
    case oid::kInterval: return Datum::text(interval_to_storage(parse_interval(text, typmod)));
    case oid::kUuid: return Datum::text(parse_uuid(text));
    case oid::kMoney: return Datum::integer(money_parse(text));
    case oid::kJson:
      json_parse(text, false);  // validates; json keeps its text
      return Datum::text(std::string(text));
    case oid::kJsonb: {
      JsonValue v = json_parse(text, true);
      jsonb_normalize(v);
      return Datum::text(jsonb_to_text(v));
    }
    case oid::kTsvector: return Datum::text(tsvector_to_text(tsvector_parse(text)));
    case oid::kPoint:
    case oid::kLseg:
    case oid::kPath:
    case oid::kBox:
    case oid::kPolygon:
    case oid::kLine:
    case oid::kCircle: return Datum::text(geo_input(type, text));
    case oid::kInet:
    case oid::kCidr: return Datum::text(inet_to_storage(inet_parse(text, type == oid::kCidr)));
    case oid::kJsonpath: {
      JsonPath p = jsonpath_parse(text);
      if (!p.root)
        throw PgError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type jsonpath: \"" + std::string(text) + "\"");
      return Datum::text(jsonpath_to_text(p));
    }
    case oid::kInt2Vector:
    case oid::kOidVector: {  // int2vectorin/oidvectorin: space-separated elements, lower bound 0
      Oid elem = array_element_type(type);
      std::vector<Datum> items;
      size_t i = 0;
      while (i < text.size()) {
        while (i < text.size() && std::isspace((unsigned char)text[i])) i++;
        if (i == text.size()) break;
        size_t start = i;
        while (i < text.size() && !std::isspace((unsigned char)text[i])) i++;
        items.push_back(type_input(elem, -1, text.substr(start, i - start)));
      }
      ArrayValue a = ArrayValue::vector(std::move(items));
      if (!a.empty()) a.lbounds = {0};
      return Datum::text(array_to_storage(elem, a));
    }
    default: {
      if (Oid elem = array_element_type(type))
        return Datum::text(array_to_storage(elem, array_parse_text(elem, typmod, text)));
      const TypeInfo* t = find_type(type);
      if (t && t->storage == Storage::Text) return Datum::text(std::string(text));
      unsupported("input of type " + (t ? std::string(t->sql_name) : std::to_string(type)));
    }
  }
}

void type_output(Oid type, const Datum& v, std::string& out) {
  if (const UserType* u = find_user_type(type); u && u->kind == 'd') return type_output(domain_base_type(type), v, out);
  if (const UserType* u = find_user_type(type); u && u->kind == 'b')
    return type_output(u->io_type, reinterpret_datum(v, u->base, u->io_type), out);
  if (type == oid::kRecord || is_named_composite(type)) return record_output(type, v.s, out);
  switch (type) {
    case oid::kBool: {
      bool b;
      if (v.kind == Datum::Kind::Int) b = v.i != 0;
      else if (v.kind == Datum::Kind::Real) b = v.r != 0;
      else b = parse_bool(v.s);
      out += b ? 't' : 'f';
      return;
    }
    case oid::kInt2:
    case oid::kInt4:
    case oid::kInt8:
    case oid::kOid:
      if (v.kind == Datum::Kind::Int) out += std::to_string(v.i);
      else if (v.kind == Datum::Kind::Real) out += std::to_string(int64_t(std::llround(v.r)));
      else out += v.s;
      return;
    case oid::kRegproc:
    case oid::kRegprocedure:
    case oid::kRegoper:
    case oid::kRegoperator:
    case oid::kRegclass:
    case oid::kRegtype:
    case oid::kRegnamespace:
    case oid::kRegrole:
      if (v.kind == Datum::Kind::Int) oid_type_output(type, v.i, out);
      else out += datum_as_text(v);
      return;
    case oid::kFloat4:
    case oid::kFloat8: {
      double d;
      if (v.kind == Datum::Kind::Text && v.s != "NaN") {
        // a plain SQLite file may hold other text; print it as is if it is not a number
        try {
          d = parse_float8(v.s);
        } catch (const PgError&) {
          out += v.s;
          return;
        }
      } else {
        datum_to_double(v, d);
      }
      if (type == oid::kFloat4) format_float4(float(d), out);
      else format_float8(d, out);
      return;
    }
    case oid::kNumeric: datum_to_numeric(v).append_to(out); return;
    case oid::kMoney:
      if (v.kind == Datum::Kind::Int) out += money_text(v.i);
      else out += datum_as_text(v);
      return;
    case oid::kInterval: out += interval_storage_output(datum_as_text(v)); return;
    case oid::kTimestamptz: out += timestamptz_storage_output(datum_as_text(v)); return;
    case oid::kDate:
    case oid::kTimestamp: out += datetime_storage_text(datum_as_text(v)); return;
    case oid::kTimetz: out += timetz_storage_output(datum_as_text(v)); return;
    case oid::kBytea:
      if (v.kind == Datum::Kind::Blob || v.kind == Datum::Kind::Text) output_bytea(v.s, out);
      else output_bytea(datum_as_text(v), out);
      return;
    case oid::kInt2Vector:
    case oid::kOidVector: {  // int2vectorout/oidvectorout
      Oid elem = array_element_type(type);
      ArrayValue a = array_from_storage(elem, datum_as_text(v));
      if (a.ndims() > 1)
        throw PgError(sqlstate::kDatatypeMismatch,
                      std::string("array is not a valid ") + (type == oid::kOidVector ? "oidvector" : "int2vector"));
      for (size_t i = 0; i < a.items.size(); i++) {
        if (i) out += ' ';
        type_output(elem, a.items[i], out);
      }
      return;
    }
    default:
      if (Oid elem = array_element_type(type)) {
        out += array_format_text(elem, array_from_storage(elem, datum_as_text(v)));
        return;
      }
      if (is_geo_type(type)) return geo_output(type, datum_as_text(v), out);
      if (type == oid::kInet || type == oid::kCidr) {
        out += inet_storage_output(datum_as_text(v), type == oid::kCidr);
        return;
      }
      out += datum_as_text(v);
      return;
  }
}

void type_output(Oid type, sqlite3_value* value, std::string& out) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
      if (type == oid::kInt2 || type == oid::kInt4 || type == oid::kInt8 || type == oid::kOid) {
        out += std::to_string(sqlite3_value_int64(value));
        return;
      }
      break;
    case SQLITE_TEXT:
      if (type == oid::kText || type == oid::kVarchar || type == oid::kBpchar ||
          type == oid::kName || type == oid::kUnknown) {
        out.append(reinterpret_cast<const char*>(sqlite3_value_text(value)),
                   size_t(sqlite3_value_bytes(value)));
        return;
      }
      if (type == oid::kDate || type == oid::kTimestamp ||
          (type == oid::kTimestamptz && session_timezone_is_utc())) {
        out += datetime_storage_text(std::string_view(reinterpret_cast<const char*>(sqlite3_value_text(value)),
                                                      size_t(sqlite3_value_bytes(value))));
        return;
      }
      break;
    default: break;
  }
  type_output(type, Datum::from_sqlite(value), out);
}

std::string type_output(Oid type, const Datum& value) {
  std::string s;
  type_output(type, value, s);
  return s;
}

Datum apply_typmod(Oid type, int32_t typmod, const Datum& value, bool explicit_cast) {
  if (value.is_null() || typmod < 0) return value;
  if (is_domain_type(type)) return apply_typmod(domain_base_type(type), typmod, value, explicit_cast);
  switch (type) {
    case oid::kVarchar:
    case oid::kBpchar:
      return Datum::text(apply_char_typmod(type, typmod, datum_as_text(value), explicit_cast));
    case oid::kNumeric:
      return Datum::blob(datum_to_numeric(value).apply_typmod(typmod).encode());
    case oid::kTimestamp:
      if (value.kind != Datum::Kind::Text) return value;
      return Datum::text(
          timestamp_to_string(adjust_timestamp_typmod(timestamp_from_storage(value.s), typmod)));
    case oid::kTimestamptz:
      if (value.kind != Datum::Kind::Text) return value;
      return Datum::text(timestamptz_to_string(
          adjust_timestamp_typmod(timestamptz_from_storage(value.s), typmod)));
    case oid::kTime:
      if (value.kind != Datum::Kind::Text) return value;
      return Datum::text(time_to_string(adjust_time_typmod(parse_time(value.s), typmod)));
    case oid::kTimetz: {
      if (value.kind != Datum::Kind::Text) return value;
      TimeTz v = timetz_from_storage(value.s);
      v.time = adjust_time_typmod(v.time, typmod);
      return Datum::text(timetz_to_storage(v));
    }
    case oid::kInterval:
      if (value.kind != Datum::Kind::Text) return value;
      return Datum::text(interval_to_storage(adjust_interval_typmod(interval_from_storage(value.s), typmod)));
    default:
      if (Oid elem = array_element_type(type)) {
        if (value.kind != Datum::Kind::Text) return value;
        return Datum::text(array_to_storage(elem, array_apply_typmod(elem, typmod, array_from_storage(elem, value.s), explicit_cast)));
      }
      return value;
  }
}

}  // namespace pgmicro
