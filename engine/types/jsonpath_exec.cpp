// jsonpath execution (PostgreSQL 15's jsonpath_exec.c semantics): lax mode unwraps arrays and
// ignores structural errors, strict mode reports them; predicates are three-valued (unknown
// when an operand fails); errors of the path become Error results in silent mode. Values are
// JsonValue trees (types/json.h); numbers are compared and computed as Numeric.
#include <cmath>
#include <climits>
#include <cstdlib>
#include "common/error.h"
#include "regex/regex.h"
#include "types/type_families.h"
#include "types/jsonpath.h"
#include "types/jsonpath_datetime.h"
#include "types/numeric.h"

namespace pgmicro {

unsigned jsonpath_regex_flags(unsigned f);  // jsonpath.cpp

namespace {

using T = JsonPathItem::Type;
using K = JsonValue::Kind;
using Res = JsonPathResult;
using Seq = std::vector<JsonValue>;

enum class Bool3 { False, True, Unknown };

// PostgreSQL's binary jsonb layout, for .keyvalue()'s "id" (the object's byte offset in its
// base document): a container is a 4-byte header, 4-byte JEntries (one per element, two per
// pair), keys' bytes, then values: strings as bytes, numerics (4-byte aligned) as numeric
// varlenas, containers 4-byte aligned; true/false/null take no data bytes.
size_t align4(size_t n) { return (n + 3) & ~size_t(3); }

size_t numeric_varlena_size(const std::string& text) {
  std::string t = text;
  if (!t.empty() && t[0] == '-') t.erase(0, 1);
  size_t dot = t.find('.');
  std::string ip = t.substr(0, dot), fp = dot == std::string::npos ? "" : t.substr(dot + 1);
  int dscale = int(fp.size());
  while (!ip.empty() && ip[0] == '0') ip.erase(0, 1);
  std::vector<int> digits;
  int ngroups = int((ip.size() + 3) / 4);
  std::string ipad = std::string(size_t(ngroups) * 4 - ip.size(), '0') + ip;
  for (int g = 0; g < ngroups; g++) digits.push_back(std::atoi(ipad.substr(size_t(g) * 4, 4).c_str()));
  int weight = ngroups - 1;
  while (fp.size() % 4) fp += '0';
  for (size_t g = 0; g < fp.size(); g += 4) digits.push_back(std::atoi(fp.substr(g, 4).c_str()));
  size_t b = 0;
  while (b < digits.size() && digits[b] == 0) b++, weight--;
  size_t e = digits.size();
  while (e > b && digits[e - 1] == 0) e--;
  size_t n = e - b;
  if (n == 0) weight = 0;
  bool is_short = dscale <= 63 && weight <= 63 && weight >= -64;
  return 4 + (is_short ? 2 : 4) + 2 * n;
}

size_t container_size(const JsonValue& v);

// Bytes a value adds at offset `cur` (relative to an aligned container start); returns the new offset.
size_t advance(const JsonValue& v, size_t cur) {
  switch (v.kind) {
    case JsonValue::Kind::String: return cur + v.text.size();
    case JsonValue::Kind::Number: return align4(cur) + numeric_varlena_size(v.text);
    case JsonValue::Kind::Array: case JsonValue::Kind::Object: return align4(cur) + container_size(v);
    default: return cur;
  }
}

size_t container_size(const JsonValue& v) {
  if (v.kind == JsonValue::Kind::Array) {
    size_t cur = 4 + 4 * v.items.size();
    for (auto& e : v.items) cur = advance(e, cur);
    return cur;
  }
  size_t cur = 4 + 8 * v.members.size();
  for (auto& m : v.members) cur += m.first.size();
  for (auto& m : v.members) cur = advance(m.second, cur);
  return cur;
}

// The offset of `target` inside `v` (which starts at `start`), if it is there.
bool locate(const JsonValue& v, size_t start, const JsonValue* target, size_t& out) {
  if (&v == target) {
    out = start;
    return true;
  }
  if (v.kind != JsonValue::Kind::Array && v.kind != JsonValue::Kind::Object) return false;
  size_t cur = start;
  auto visit = [&](const JsonValue& e) {
    bool container = e.kind == JsonValue::Kind::Array || e.kind == JsonValue::Kind::Object;
    if (container && locate(e, align4(cur), target, out)) return true;
    cur = start + advance(e, cur - start);
    return false;
  };
  if (v.kind == JsonValue::Kind::Array) {
    cur = start + 4 + 4 * v.items.size();
    for (auto& e : v.items)
      if (visit(e)) return true;
    return false;
  }
  cur = start + 4 + 8 * v.members.size();
  for (auto& m : v.members) cur += m.first.size();
  for (auto& m : v.members)
    if (visit(m.second)) return true;
  return false;
}

struct Exec {
  const JsonValue* root = nullptr;
  const JsonValue* vars = nullptr;
  const JsonValue* current = nullptr;
  bool lax = true;
  bool ignore_structural = true;
  bool throw_errors = true;
  bool use_tz = false;
  long innermost_size = -1;
  const JsonValue* base = nullptr;  // the document .keyvalue() ids are offsets in, and its id
  int64_t base_id = 0;
  int64_t last_generated_id = 2;

  Res error(const char* code, const std::string& msg) {
    if (throw_errors) throw PgError(code, msg);
    return Res::Error;
  }

  static bool is_bool(const JsonValue& v) { return v.kind == K::True || v.kind == K::False; }
  static JsonValue numeric_value(const Numeric& n) { return JsonValue::number(n.to_string()); }
  static Numeric num(const JsonValue& v) { return Numeric::parse(v.text); }

  Res next(const JsonPathItem* cur, const JsonValue& v, Seq* found) {
    if (cur->next) return item(cur->next.get(), v, found, lax);
    if (found) found->push_back(v);
    return Res::Ok;
  }

  // Executes `it` on each element of array `jb` (lax unwrapping of the target).
  Res unwrap_target(const JsonPathItem* it, const JsonValue& jb, Seq* found) {
    Res res = Res::NotFound;
    for (auto& e : jb.items) {
      Res r = item(it, e, found, false);
      if (r == Res::Error) return r;
      if (r == Res::Ok) {
        if (!found) return Res::Ok;
        res = Res::Ok;
      }
    }
    return res;
  }

  // Runs `it` and unwraps arrays among the results (lax mode, `unwrap` set).
  Res item_unwrap_result(const JsonPathItem* it, const JsonValue& jb, bool unwrap, Seq* found) {
    if (unwrap && lax) {
      Seq seq;
      Res r = item(it, jb, &seq, lax);
      if (r == Res::Error) return r;
      for (auto& v : seq) {
        if (v.kind == K::Array) found->insert(found->end(), v.items.begin(), v.items.end());
        else found->push_back(v);
      }
      return r;
    }
    return item(it, jb, found, lax);
  }
  Res item_unwrap_result_nothrow(const JsonPathItem* it, const JsonValue& jb, bool unwrap, Seq* found) {
    bool saved = throw_errors;
    throw_errors = false;
    Res r;
    try {
      r = item_unwrap_result(it, jb, unwrap, found);
    } catch (...) {
      throw_errors = saved;
      throw;
    }
    throw_errors = saved;
    return r;
  }

  Res any_item(const JsonPathItem* it, const JsonValue& jb, Seq* found, uint32_t level, uint32_t first, uint32_t last,
               bool ignore, bool unwrap_next) {
    Res res = Res::NotFound;
    if (level > last) return res;
    auto visit = [&](const JsonValue& v) -> bool {  // false: stop
      bool container = v.kind == K::Array || v.kind == K::Object;
      if (level >= first || (first == UINT32_MAX && last == UINT32_MAX && !container)) {
        if (it) {
          bool saved = ignore_structural;
          ignore_structural = ignore;
          Res r = item(it, v, found, unwrap_next);
          ignore_structural = saved;
          if (r == Res::Error) { res = r; return false; }
          if (r == Res::Ok && !found) { res = r; return false; }
          if (r == Res::Ok) res = r;
        } else if (found) {
          found->push_back(v);
        } else {
          res = Res::Ok;
          return false;
        }
      }
      if (level < last && container) {
        Res r = any_item(it, v, found, level + 1, first, last, ignore, unwrap_next);
        if (r == Res::Error) { res = r; return false; }
        if (r == Res::Ok && !found) { res = r; return false; }
        if (r == Res::Ok) res = r;
      }
      return true;
    };
    if (jb.kind == K::Object) {
      for (auto& m : jb.members)
        if (!visit(m.second)) break;
    } else if (jb.kind == K::Array) {
      for (auto& e : jb.items)
        if (!visit(e)) break;
    }
    return res;
  }

  Res array_index(const JsonPathItem* expr, const JsonValue& jb, int& index) {
    Seq found;
    Res r = item(expr, jb, &found, lax);
    if (r == Res::Error) return r;
    if (found.size() != 1 || found[0].kind != K::Number)
      return error("22033", "jsonpath array subscript is not a single numeric value");
    Numeric n = num(found[0]).trunc(0);
    try {
      int64_t v = n.to_int64(32);
      index = int(v);
    } catch (const PgError&) {
      return error("22033", "jsonpath array subscript is out of integer range");
    }
    return Res::Ok;
  }

  Res item(const JsonPathItem* it, const JsonValue& jb, Seq* found, bool unwrap) {
    switch (it->type) {
      case T::And: case T::Or: case T::Not: case T::IsUnknown: case T::Equal: case T::NotEqual: case T::Less:
      case T::Greater: case T::LessOrEqual: case T::GreaterOrEqual: case T::Exists: case T::StartsWith:
      case T::LikeRegex: {
        Bool3 b = boolean(it, jb, true);
        JsonValue v = b == Bool3::Unknown ? JsonValue::null() : JsonValue::boolean(b == Bool3::True);
        return next(it, v, found);
      }
      case T::Add: case T::Sub: case T::Mul: case T::Div: case T::Mod: return binary_arith(it, jb, found);
      case T::Plus: case T::Minus: return unary_arith(it, jb, found);
      case T::Filter: {
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        Bool3 st = nested_bool(it->left.get(), jb);
        if (st != Bool3::True) return Res::NotFound;
        return next(it, jb, found);
      }
      case T::Key: {
        if (jb.kind == K::Object) {
          if (const JsonValue* v = jb.find(it->str)) return next(it, *v, found);
          if (!ignore_structural) return error("2203A", "JSON object does not contain key \"" + it->str + "\"");
          return Res::NotFound;
        }
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        if (!ignore_structural) return error("2203A", "jsonpath member accessor can only be applied to an object");
        return Res::NotFound;
      }
      case T::Root: return next(it, *root, found);
      case T::Current: return next(it, *current, found);
      case T::AnyArray: {
        if (jb.kind == K::Array) {
          Res res = Res::NotFound;
          for (auto& e : jb.items) {
            Res r = next(it, e, found);
            if (r == Res::Error) return r;
            if (r == Res::Ok) {
              if (!found) return r;
              res = r;
            }
          }
          return res;
        }
        if (lax) return next(it, jb, found);
        return error("22039", "jsonpath wildcard array accessor can only be applied to an array");
      }
      case T::IndexArray: {
        if (jb.kind != K::Array && !lax) return error("22039", "jsonpath array accessor can only be applied to an array");
        long size = jb.kind == K::Array ? long(jb.items.size()) : 1;
        long saved_size = innermost_size;
        innermost_size = size;
        Res res = Res::NotFound;
        struct Restore { Exec* e; long s; ~Restore() { e->innermost_size = s; } } restore{this, saved_size};
        for (auto& sub : it->subscripts) {
          int from, to;
          Res r = array_index(sub.first.get(), jb, from);
          if (r == Res::Error) return r;
          if (sub.second) {
            r = array_index(sub.second.get(), jb, to);
            if (r == Res::Error) return r;
          } else {
            to = from;
          }
          if (!ignore_structural && (from < 0 || from > to || to >= size))
            return error("22033", "jsonpath array subscript is out of bounds");
          if (from < 0) from = 0;
          if (to >= size) to = int(size - 1);
          res = Res::NotFound;
          for (long i = from; i <= to; i++) {
            const JsonValue& v = jb.kind == K::Array ? jb.items[size_t(i)] : jb;
            if (!it->next && !found) return Res::Ok;
            r = next(it, v, found);
            if (r == Res::Error) return r;
            if (r == Res::Ok) {
              if (!found) return r;
              res = r;
            }
          }
        }
        return res;
      }
      case T::Last: {
        if (innermost_size < 0) throw PgError(sqlstate::kInternalError, "evaluating jsonpath LAST outside of array subscript");
        if (!it->next && !found) return Res::Ok;
        return next(it, numeric_value(Numeric::from_int64(innermost_size - 1)), found);
      }
      case T::AnyKey: {
        if (jb.kind == K::Object) {
          Res res = Res::NotFound;
          for (auto& m : jb.members) {
            Res r = next(it, m.second, found);
            if (r == Res::Error) return r;
            if (r == Res::Ok) {
              if (!found) return r;
              res = r;
            }
          }
          return res;
        }
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        if (!ignore_structural) return error("2203C", "jsonpath wildcard member accessor can only be applied to an object");
        return Res::NotFound;
      }
      case T::Any: {
        Res res = Res::NotFound;
        if (it->first == 0) {
          bool saved = ignore_structural;
          ignore_structural = true;
          res = next(it, jb, found);
          ignore_structural = saved;
          if (res == Res::Ok && !found) return res;
        }
        if (jb.kind == K::Array || jb.kind == K::Object) {
          Res r = any_item(it->next.get(), jb, found, 1, it->first, it->last, true, lax);
          if (r == Res::Error || res != Res::Ok) res = r;
        }
        return res;
      }
      case T::Null: return next(it, JsonValue::null(), found);
      case T::Bool: return next(it, JsonValue::boolean(it->boolean), found);
      case T::Numeric: return next(it, JsonValue::number(it->str), found);
      case T::String: return next(it, JsonValue::string(it->str), found);
      case T::Variable: {
        const JsonValue* v = vars && vars->kind == K::Object ? vars->find(it->str) : nullptr;
        if (!v) throw PgError(sqlstate::kUndefinedObject, "could not find jsonpath variable \"" + it->str + "\"");
        const JsonValue* saved_base = base;
        int64_t saved_id = base_id;
        base = vars;  // ids of a variable's objects are offsets in the vars document
        base_id = 1;
        Res r;
        try {
          r = next(it, *v, found);
        } catch (...) {
          base = saved_base, base_id = saved_id;
          throw;
        }
        base = saved_base, base_id = saved_id;
        return r;
      }
      case T::TypeMethod: {
        const char* t = "null";
        switch (jb.kind) {
          case K::Null: t = "null"; break;
          case K::True: case K::False: t = "boolean"; break;
          case K::Number: t = "number"; break;
          case K::String: t = "string"; break;
          case K::Array: t = "array"; break;
          case K::Object: t = "object"; break;
          case K::Datetime: t = jsonpath_datetime_type_name(jsonpath_datetime_of(jb).type); break;
        }
        return next(it, JsonValue::string(t), found);
      }
      case T::Size: {
        long size;
        if (jb.kind == K::Array) {
          size = long(jb.items.size());
        } else if (!lax) {
          return error("22039", "jsonpath item method .size() can only be applied to an array");
        } else {
          size = 1;
        }
        return next(it, numeric_value(Numeric::from_int64(size)), found);
      }
      case T::Abs: case T::Floor: case T::Ceiling: {
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        if (jb.kind != K::Number)
          return error("22036", std::string("jsonpath item method .") + (it->type == T::Abs ? "abs" : it->type == T::Floor ? "floor" : "ceiling") +
                                    "() can only be applied to a numeric value");
        Numeric n = num(jb);
        Numeric r;
        if (it->type == T::Abs) {
          r = n.abs();
        } else {
          Numeric t = n.trunc(0);
          if (t.compare(n) != 0) {
            if (it->type == T::Floor && n.sign() < 0) t = t.sub(Numeric::from_int64(1));
            if (it->type == T::Ceiling && n.sign() > 0) t = t.add(Numeric::from_int64(1));
          }
          r = t;
        }
        return next(it, numeric_value(r), found);
      }
      case T::Double: {
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        if (jb.kind == K::Number) {
          char* end = nullptr;
          double d = std::strtod(jb.text.c_str(), &end);
          if (std::isinf(d) || std::isnan(d))
            return error("22036", "numeric argument of jsonpath item method .double() is out of range for type double precision");
          return next(it, jb, found);
        }
        if (jb.kind == K::String) {
          double d;
          bool ok = true;
          try {
            d = parse_float8(jb.text);
          } catch (const PgError&) {
            ok = false;
          }
          if (!ok)
            return error("22036", "string argument of jsonpath item method .double() is not a valid representation of a double precision number");
          if (std::isinf(d) || std::isnan(d))
            return error("22036", "string argument of jsonpath item method .double() is not a valid representation of a double precision number");
          return next(it, numeric_value(Numeric::from_double(d)), found);
        }
        return error("22036", "jsonpath item method .double() can only be applied to a string or numeric value");
      }
      case T::KeyValue: {
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        if (jb.kind != K::Object) return error("2203C", "jsonpath item method .keyvalue() can only be applied to an object");
        size_t offset = 0;
        if (!jb.members.empty() && !(base && locate(*base, 0, &jb, offset)))
          throw PgError(sqlstate::kFeatureNotSupported, "jsonpath item method .keyvalue() of this value is not supported by pgmicro yet");
        int64_t id = int64_t(offset) + base_id * INT64_C(10000000000);
        Res res = Res::NotFound;
        for (auto& m : jb.members) {
          JsonValue o;
          o.kind = K::Object;
          o.members.emplace_back("id", JsonValue::number(std::to_string(id)));
          o.members.emplace_back("key", JsonValue::string(m.first));
          o.members.emplace_back("value", m.second);
          const JsonValue* saved_base = base;
          int64_t saved_id = base_id;
          base = &o;
          base_id = last_generated_id++;
          Res r;
          try {
            r = next(it, o, found);
          } catch (...) {
            base = saved_base, base_id = saved_id;
            throw;
          }
          base = saved_base, base_id = saved_id;
          if (r == Res::Error) return r;
          if (r == Res::Ok) {
            if (!found) return r;
            res = r;
          }
        }
        return res;
      }
      case T::Datetime:
        if (unwrap && jb.kind == K::Array) return unwrap_target(it, jb, found);
        if (jb.kind != K::String) return error("22031", "jsonpath item method .datetime() can only be applied to a string");
        return datetime_method(it, jb, found);
    }
    return Res::NotFound;
  }

  // executeDateTimeMethod: errors of the parse (not of the template) are soft in silent mode.
  Res datetime_method(const JsonPathItem* it, const JsonValue& jb, Seq* found) {
    JsonPathDatetime d;
    try {
      d = jsonpath_datetime_parse(jb.text, it->boolean ? &it->str : nullptr);
    } catch (const PgError& e) {
      if (throw_errors || jsonpath_datetime_error_is_hard(e.error.message)) throw;
      return Res::Error;
    }
    if (!it->next && !found) return Res::Ok;
    return next(it, jsonpath_datetime_value(d), found);
  }

  Res binary_arith(const JsonPathItem* it, const JsonValue& jb, Seq* found) {
    Seq l, r;
    Res res = item_unwrap_result(it->left.get(), jb, true, &l);
    if (res == Res::Error) return res;
    res = item_unwrap_result(it->right.get(), jb, true, &r);
    if (res == Res::Error) return res;
    const char* op = it->type == T::Add ? "+" : it->type == T::Sub ? "-" : it->type == T::Mul ? "*" : it->type == T::Div ? "/" : "%";
    if (l.size() != 1 || l[0].kind != K::Number)
      return error("22038", std::string("left operand of jsonpath operator ") + op + " is not a single numeric value");
    if (r.size() != 1 || r[0].kind != K::Number)
      return error("22038", std::string("right operand of jsonpath operator ") + op + " is not a single numeric value");
    Numeric a = num(l[0]), b = num(r[0]), v;
    try {
      switch (it->type) {
        case T::Add: v = a.add(b); break;
        case T::Sub: v = a.sub(b); break;
        case T::Mul: v = a.mul(b); break;
        case T::Div: v = a.div(b); break;
        default: v = a.mod(b); break;
      }
    } catch (const PgError&) {
      if (throw_errors) throw;
      return Res::Error;
    }
    if (!it->next && !found) return Res::Ok;
    return next(it, numeric_value(v), found);
  }

  Res unary_arith(const JsonPathItem* it, const JsonValue& jb, Seq* found) {
    Seq seq;
    Res res = item_unwrap_result(it->left.get(), jb, true, &seq);
    if (res == Res::Error) return res;
    res = Res::NotFound;
    for (auto& v : seq) {
      if (v.kind == K::Number) {
        if (!found && !it->next) return Res::Ok;
      } else {
        if (!found && !it->next) continue;
        return error("2203B", std::string("operand of unary jsonpath operator ") + (it->type == T::Plus ? "+" : "-") +
                                  " is not a numeric value");
      }
      JsonValue x = it->type == T::Minus ? numeric_value(num(v).neg()) : v;
      Res r = next(it, x, found);
      if (r == Res::Error) return r;
      if (r == Res::Ok) {
        if (!found) return Res::Ok;
        res = Res::Ok;
      }
    }
    return res;
  }

  Bool3 nested_bool(const JsonPathItem* it, const JsonValue& jb) {
    const JsonValue* saved = current;
    current = &jb;
    Bool3 r;
    try {
      r = boolean(it, jb, false);
    } catch (...) {
      current = saved;
      throw;
    }
    current = saved;
    return r;
  }

  Bool3 compare_items(T op, const JsonValue& a, const JsonValue& b) {
    bool ab = is_bool(a), bb = is_bool(b);
    bool same = a.kind == b.kind || (ab && bb);
    if (!same) {
      if (a.kind == K::Null || b.kind == K::Null) return op == T::NotEqual ? Bool3::True : Bool3::False;
      return Bool3::Unknown;
    }
    int cmp = 0;
    switch (a.kind) {
      case K::Null: cmp = 0; break;
      case K::True: case K::False: {
        bool x = a.kind == K::True, y = b.kind == K::True;
        cmp = x == y ? 0 : x ? 1 : -1;
        break;
      }
      case K::Number: cmp = num(a).compare(num(b)); break;
      case K::Datetime: {
        bool incomparable = false;
        cmp = jsonpath_datetime_compare(jsonpath_datetime_of(a), jsonpath_datetime_of(b), use_tz, incomparable);
        if (incomparable) return Bool3::Unknown;
        break;
      }
      case K::String:
        if (op == T::Equal) return a.text == b.text ? Bool3::True : Bool3::False;
        cmp = a.text.compare(b.text);
        cmp = cmp < 0 ? -1 : cmp > 0;
        break;
      default: return Bool3::Unknown;
    }
    bool r;
    switch (op) {
      case T::Equal: r = cmp == 0; break;
      case T::NotEqual: r = cmp != 0; break;
      case T::Less: r = cmp < 0; break;
      case T::Greater: r = cmp > 0; break;
      case T::LessOrEqual: r = cmp <= 0; break;
      default: r = cmp >= 0; break;
    }
    return r ? Bool3::True : Bool3::False;
  }

  Bool3 like_regex(const JsonPathItem* it, const JsonValue& str) {
    if (str.kind != K::String) return Bool3::Unknown;
    auto re = regex::Regex::compile(regex::decode_utf8(it->str), jsonpath_regex_flags(it->regex_flags));
    regex::Match m;
    return regex::search(*re, regex::decode_utf8(str.text), 0, false, m, [] {}) ? Bool3::True : Bool3::False;
  }

  Bool3 predicate(const JsonPathItem* it, const JsonValue& jb, bool unwrap_right) {
    Seq l, r;
    Res res = item_unwrap_result_nothrow(it->left.get(), jb, true, &l);
    if (res == Res::Error) return Bool3::Unknown;
    const JsonPathItem* rarg = it->type == T::LikeRegex ? nullptr : it->right.get();
    if (rarg) {
      res = item_unwrap_result_nothrow(rarg, jb, unwrap_right, &r);
      if (res == Res::Error) return Bool3::Unknown;
    }
    bool error = false, got = false;
    auto eval = [&](const JsonValue& a, const JsonValue* b) -> Bool3 {
      if (it->type == T::LikeRegex) return like_regex(it, a);
      if (it->type == T::StartsWith) {
        if (a.kind != K::String || b->kind != K::String) return Bool3::Unknown;
        return a.text.compare(0, b->text.size(), b->text) == 0 && a.text.size() >= b->text.size() ? Bool3::True : Bool3::False;
      }
      return compare_items(it->type, a, *b);
    };
    for (auto& a : l) {
      size_t n = rarg ? r.size() : 1;
      for (size_t i = 0; i < n; i++) {
        Bool3 x = eval(a, rarg ? &r[i] : nullptr);
        if (x == Bool3::Unknown) {
          if (!lax) return Bool3::Unknown;
          error = true;
        } else if (x == Bool3::True) {
          if (lax) return Bool3::True;
          got = true;
        }
      }
    }
    if (got) return Bool3::True;
    if (error) return Bool3::Unknown;
    return Bool3::False;
  }

  Bool3 boolean(const JsonPathItem* it, const JsonValue& jb, bool can_have_next) {
    (void)can_have_next;
    switch (it->type) {
      case T::And: {
        Bool3 a = boolean(it->left.get(), jb, false);
        if (a == Bool3::False) return a;
        Bool3 b = boolean(it->right.get(), jb, false);
        return b == Bool3::True ? a : b;
      }
      case T::Or: {
        Bool3 a = boolean(it->left.get(), jb, false);
        if (a == Bool3::True) return a;
        Bool3 b = boolean(it->right.get(), jb, false);
        return b == Bool3::False ? a : b;
      }
      case T::Not: {
        Bool3 a = boolean(it->left.get(), jb, false);
        return a == Bool3::Unknown ? a : a == Bool3::True ? Bool3::False : Bool3::True;
      }
      case T::IsUnknown: {
        Bool3 a = boolean(it->left.get(), jb, false);
        return a == Bool3::Unknown ? Bool3::True : Bool3::False;
      }
      case T::Equal: case T::NotEqual: case T::Less: case T::Greater: case T::LessOrEqual: case T::GreaterOrEqual:
        return predicate(it, jb, true);
      case T::StartsWith: case T::LikeRegex: return predicate(it, jb, false);
      case T::Exists: {
        if (!lax) {
          Seq vals;
          Res r = item_unwrap_result_nothrow(it->left.get(), jb, false, &vals);
          if (r == Res::Error) return Bool3::Unknown;
          return vals.empty() ? Bool3::False : Bool3::True;
        }
        bool saved = throw_errors;
        throw_errors = false;
        Res r;
        try {
          r = item(it->left.get(), jb, nullptr, lax);
        } catch (...) {
          throw_errors = saved;
          throw;
        }
        throw_errors = saved;
        if (r == Res::Error) return Bool3::Unknown;
        return r == Res::Ok ? Bool3::True : Bool3::False;
      }
      default:
        throw PgError(sqlstate::kInternalError, "invalid boolean jsonpath item type");
    }
  }
};

}  // namespace

size_t jsonb_binary_size(const JsonValue& v) {
  if (v.kind == JsonValue::Kind::Array || v.kind == JsonValue::Kind::Object) return 4 + container_size(v);
  return 4 + advance(v, 8);  // a raw scalar: a one-element array
}

namespace {
JsonPathResult execute(const JsonPath& p, const JsonValue& doc, const JsonValue* vars, bool silent,
                       std::vector<JsonValue>* found, bool use_tz);
}

JsonPathResult jsonpath_execute(const JsonPath& p, const JsonValue& doc, const JsonValue* vars, bool silent,
                                std::vector<JsonValue>* found, bool use_tz) {
  JsonPathResult r = execute(p, doc, vars, silent, found, use_tz);
  if (found)
    for (JsonValue& v : *found)
      if (v.kind == K::Datetime) v = JsonValue::string(jsonpath_datetime_text(jsonpath_datetime_of(v)));
  return r;
}

namespace {
JsonPathResult execute(const JsonPath& p, const JsonValue& doc, const JsonValue* vars, bool silent,
                       std::vector<JsonValue>* found, bool use_tz) {
  if (vars && vars->kind != K::Object)
    throw PgError(sqlstate::kInvalidParameterValue, "\"vars\" argument is not an object",
                  "Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
  Exec e;
  e.root = &doc;
  e.current = &doc;
  e.vars = vars;
  e.base = &doc;
  e.last_generated_id = vars ? 2 : 1;
  e.lax = p.lax;
  e.ignore_structural = p.lax;
  e.throw_errors = !silent;
  e.use_tz = use_tz;
  if (!p.root) return Res::NotFound;
  if (!p.lax && !found) {
    Seq vals;
    Res r = e.item(p.root.get(), doc, &vals, e.lax);
    if (r == Res::Error) return r;
    return vals.empty() ? Res::NotFound : Res::Ok;
  }
  return e.item(p.root.get(), doc, found, e.lax);
}

}  // namespace

}  // namespace pgmicro
