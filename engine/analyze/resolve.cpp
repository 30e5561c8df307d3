// Coercion and overload resolution, following PostgreSQL's parse_coerce.c / parse_oper.c /
// parse_func.c: exact match (an unknown literal takes the other argument's type), then
// candidates reachable by implicit casts, narrowed by exact matches, preferred types and
// unknown-argument categories. Unknown literals are converted at analysis time with the
// target type's input function, so bad input fails with the literal's position.
#include <algorithm>
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "common/error.h"
#include "types/record.h"
#include "types/type_io.h"
#include "types/user_types.h"

namespace pgmicro {

static const CastDef* find_cast(Oid from, Oid to) {
  if (const UserTypes* u = current_user_types(); u && !u->casts.empty())
    if (const UserCast* c = u->find_cast(from, to)) return &c->def;  // CREATE CAST
  for (const auto& c : builtin_casts())
    if (c.source == from && c.target == to) return &c;
  return nullptr;
}

static bool is_string_type(Oid t) {
  return t == oid::kText || t == oid::kVarchar || t == oid::kBpchar || t == oid::kName;
}

ExprPtr strip_domain(ExprPtr e) {
  if (!e || !is_domain_type(e->type)) return e;
  auto r = std::make_shared<Expr>(*e);
  int32_t typmod = -1;
  r->type = domain_base_type(e->type, &typmod);
  r->typmod = typmod;
  return r;
}

bool Analyzer::can_coerce(Oid from, Oid to, CastContext ctx) const {
  if (from == to || from == oid::kUnknown) return true;
  // A domain coerces as its base type (getBaseType); coercion to a domain is coercion to its
  // base type followed by the domain's checks.
  if (is_domain_type(from)) return can_coerce(domain_base_type(from), to, ctx);
  if (is_domain_type(to)) return can_coerce(from, domain_base_type(to), ctx);
  if (from == oid::kRecord && is_named_composite(to)) return true;  // a row constructor (analyze_row.cpp)
  if (to == oid::kRecord && is_named_composite(from)) return true;
  if (const CastDef* c = find_cast(from, to))
    return static_cast<char>(c->context) == 'i' || ctx == CastContext::Explicit ||
           (ctx == CastContext::Assignment && c->context == CastContext::Assignment);
  // Array coercion: element by element, in the element cast's context.
  Oid fe = array_element_type(from), te = array_element_type(to);
  if (fe && te) return can_coerce(fe, te, ctx);
  // Automatic I/O conversion casts: to a string type in assignment, from one when explicit.
  if (find_type(from) && find_type(to)) {
    if (is_string_type(to) && ctx != CastContext::Implicit) return true;
    if (is_string_type(from) && ctx == CastContext::Explicit) return true;
  }
  return false;
}

static ExprPtr make_call(const std::string& name, const char* templ, Oid type, int32_t typmod,
                         std::vector<ExprPtr> args, int location) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->name = name;
  e->templ = templ;
  e->type = type;
  e->typmod = typmod;
  e->args = std::move(args);
  e->location = location;
  return e;
}

// Length/precision coercion for a value already of the target type.
static ExprPtr apply_typmod_expr(ExprPtr e, Oid target, int32_t typmod, CastContext ctx) {
  if (typmod < 0 || e->typmod == typmod) {
    return e;
  }
  if (e->kind == ExprKind::Const) {
    if (!e->value.is_null())
      e->value = apply_typmod(target, typmod, e->value, ctx == CastContext::Explicit);
    e->typmod = typmod;
    return e;
  }
  std::string t;
  switch (target) {
    case oid::kNumeric: t = "pg_numeric_typmod($1, " + std::to_string(typmod) + ")"; break;
    case oid::kVarchar:
    case oid::kBpchar:
      t = "pg_char_typmod($1, " + std::to_string(target) + ", " + std::to_string(typmod) + ", " +
          (ctx == CastContext::Explicit ? "1" : "0") + ")";
      break;
    case oid::kTimestamp: t = "pg_timestamp_typmod($1, " + std::to_string(typmod) + ")"; break;
    case oid::kInterval: t = "pg_interval_typmod($1, " + std::to_string(typmod) + ")"; break;
    case oid::kTime:
    case oid::kTimetz:
      t = "pg_time_typmod($1, " + std::to_string(typmod) + ", " + (target == oid::kTimetz ? "1" : "0") + ")";
      break;
    default: {
      Oid elem = array_element_type(target);
      if (elem != oid::kVarchar && elem != oid::kBpchar && elem != oid::kNumeric && elem != oid::kTimestamp &&
          elem != oid::kTimestamptz) {
        e->typmod = typmod;
        return e;
      }
      // varchar(n)[], numeric(p,s)[]: the element typmod on every element.
      t = "pg_char_typmod($1, " + std::to_string(target) + ", " + std::to_string(typmod) + ", " +
          (ctx == CastContext::Explicit ? "1" : "0") + ")";
      break;
    }
  }
  int loc = e->location;
  return make_call("typmod", t.c_str(), target, typmod, {e}, loc);
}

// Whether a named composite type has fields of domain types (directly or in nested composites).
static bool composite_has_domain_fields(Oid type, int depth) {
  if (!is_named_composite(type) || depth > 32) return false;
  const std::vector<RowField>* fields = row_type_fields(type, -1);
  if (!fields) return false;
  for (const RowField& f : *fields)
    if (is_domain_type(f.type) || composite_has_domain_fields(f.type, depth + 1)) return true;
  return false;
}

ExprPtr Analyzer::coerce_to(ExprPtr e, Oid target, int32_t typmod, CastContext ctx, int location) {
  // An array of a domain: the array coercion, then the domain's checks on every element.
  if (Oid te = array_element_type(target); te && is_domain_type(te) && e->type != target) {
    ExprPtr r = coerce_to_plain(e, target, typmod, ctx, location);
    if (!r) return r;
    std::string t = "pg_domain_array_check($1, " + std::to_string(te) + ")";
    return make_call(format_type_name(target, -1), t.c_str(), target, r->typmod, {r}, r->location);
  }
  // A composite with domain fields read from text (record_in): the fields' domain checks.
  if (e->type != target && (e->type == oid::kUnknown || type_category(e->type) == 'S') && composite_has_domain_fields(target, 0)) {
    ExprPtr r = coerce_to_plain(e, target, typmod, ctx, location);
    if (!r) return r;
    std::string t = "pg_domain_record_check($1, " + std::to_string(target) + ")";
    return make_call(format_type_name(target, -1), t.c_str(), target, r->typmod, {r}, r->location);
  }
  return coerce_to_plain(e, target, typmod, ctx, location);
}

ExprPtr Analyzer::coerce_to_plain(ExprPtr e, Oid target, int32_t typmod, CastContext ctx, int location) {
  if (e->type != target) {
    if (const UserType* d = find_user_type(target); d && d->kind == 'd') {
      // CoerceToDomain: to the base type (with the domain's typmod), then the domain's
      // NOT NULL and CHECK constraints at run time (errors without a position, as PostgreSQL).
      // Domains over domains: one check of the whole chain (user_type_functions.cpp).
      int32_t base_typmod = -1;
      Oid base = domain_base_type(target, &base_typmod);
      ExprPtr inner = coerce_to(e, base, base_typmod, ctx, location);
      if (!inner) return nullptr;
      // An untyped parameter takes the domain as its type (ParameterDescription, as PostgreSQL);
      // its value is read by the base type's input, the check stays below.
      if (e->kind == ExprKind::Param && e->type == oid::kUnknown && e->param_no >= 1 &&
          e->param_no <= (int)param_types_.size() && param_types_[e->param_no - 1] == base)
        param_types_[e->param_no - 1] = target;
      std::string t = "pg_domain_check($1, " + std::to_string(target) + ")";
      return make_call(d->name, t.c_str(), target, -1, {inner}, location >= 0 ? location : e->location);
    }
    if (is_domain_type(e->type)) e = strip_domain(e);
    if (is_row_type(target) || is_row_type(e->type))
      if (ExprPtr r = coerce_row(*this, e, target, typmod, ctx, location)) return r;  // analyze_row.cpp
  }
  Oid src = e->type;
  if (src == oid::kUnknown) {
    if (e->kind == ExprKind::Const) {
      // Unknown literal: run the target type's input function now.
      auto c = std::make_shared<Expr>(*e);
      c->type = target;
      c->typmod = -1;
      if (!c->value.is_null()) {
        try {
          // interval_in reads the fields of its typmod ('2' hour is 2 hours); others ignore it here.
          c->value = type_input(target, target == oid::kInterval ? typmod : -1, e->value.s);
        } catch (PgError& err) {
          throw err.at(e->location);
        }
      }
      if (location >= 0 && c->location < 0) c->location = location;
      return apply_typmod_expr(c, target, typmod, ctx);
    }
    if (e->kind == ExprKind::Param) {
      auto p = std::make_shared<Expr>(*e);
      p->type = target;
      if (p->param_no >= 1 && p->param_no <= (int)param_types_.size()) {
        Oid& slot = param_types_[p->param_no - 1];
        if (slot == oid::kUnknown || slot == 0) slot = target;
        else if (slot != target)
          throw PgError(sqlstate::kIndeterminateDatatype,
                        "inconsistent types deduced for parameter $" + std::to_string(p->param_no),
                        format_type_name(slot, -1) + " versus " + format_type_name(target, -1))
              .at(p->location);
      }
      return apply_typmod_expr(p, target, typmod, ctx);
    }
    // Any other unknown-typed expression (e.g. CASE of literals) is text.
    e = coerce_to(finalize_unknown(e), target, typmod, ctx, location);
    return e;
  }
  if (src == target) return apply_typmod_expr(e, target, typmod, ctx);
  if (const CastDef* c = find_cast(src, target)) {
    if (!can_coerce(src, target, ctx)) return nullptr;
    ExprPtr r;
    if (std::string(c->templ) == "$1") {
      r = std::make_shared<Expr>(*e);
      r->type = target;
      r->typmod = -1;
    } else {
      r = make_call(format_type_name(target, -1), c->templ, target, -1, {e}, location >= 0 ? location : e->location);
    }
    return apply_typmod_expr(r, target, typmod, ctx);
  }
  if (!can_coerce(src, target, ctx)) return nullptr;
  if (Oid fe = array_element_type(src), te = array_element_type(target); fe && te) {
    std::string t = "pg_array_cast($1, " + std::to_string(fe) + ", " + std::to_string(te) + ")";
    ExprPtr r = make_call(format_type_name(target, -1), t.c_str(), target, -1, {e}, location);
    return apply_typmod_expr(r, target, typmod, ctx);
  }
  // I/O conversion cast through text.
  ExprPtr r;
  if (is_string_type(target)) {
    std::string t = "pg_out($1, " + std::to_string(src) + ")";
    r = make_call("text", t.c_str(), target, -1, {e}, location);
  } else {
    std::string t = "pg_in($1, " + std::to_string(target) + ", -1)";
    r = make_call(format_type_name(target, -1), t.c_str(), target, -1, {e}, location);
  }
  return apply_typmod_expr(r, target, typmod, ctx);
}

ExprPtr Analyzer::finalize_unknown(ExprPtr e) {
  if (e->type != oid::kUnknown) return e;
  if (e->kind == ExprKind::Const || e->kind == ExprKind::Param) return coerce_to(e, oid::kText, -1, CastContext::Implicit, -1);
  auto r = std::make_shared<Expr>(*e);
  r->type = oid::kText;
  return r;
}

ExprPtr Analyzer::coerce_to_column(ExprPtr e, const TableDef& t, int col, int location) {
  const ColumnDef& c = t.columns[col];
  ExprPtr r = coerce_to(e, c.type, c.typmod, CastContext::Assignment, location);
  if (!r)
    throw PgError("42804",
                  "column \"" + c.name + "\" is of type " + format_type_name(c.type, -1) +
                      " but expression is of type " + format_type_name(e->type, -1),
                  "", "You will need to rewrite or cast the expression.")
        .at(location);
  return r;
}

// exprLocation(): the leftmost known position of an expression and its arguments.
static int leftmost_location(const Expr& e) {
  int loc = e.location;
  if (e.kind == ExprKind::SubLink) return loc;
  for (auto& a : e.args) {
    int l = leftmost_location(*a);
    if (l >= 0 && (loc < 0 || l < loc)) loc = l;
  }
  return loc;
}

ExprPtr Analyzer::coerce_to_bool(ExprPtr e, const char* construct) {
  if (e->type == oid::kBool) return e;
  ExprPtr r = e->type == oid::kUnknown ? coerce_to(e, oid::kBool, -1, CastContext::Implicit, -1) : nullptr;
  if (!r)
    throw PgError(sqlstate::kDatatypeMismatch,
                  std::string("argument of ") + construct + " must be type boolean, not type " +
                      format_type_name(e->type, -1))
        .at(leftmost_location(*e));
  return r;
}

Oid Analyzer::select_common_type(const std::vector<ExprPtr>& exprs, const char* construct) {
  Oid ptype = oid::kUnknown;
  // Inputs all of one domain keep it; otherwise domains take part as their base types.
  bool mixed_domains = false;
  Oid first = 0;
  for (auto& e : exprs)
    if (e->type != oid::kUnknown) {
      if (!first) first = e->type;
      else if (e->type != first) mixed_domains = true;
    }
  for (auto& e : exprs) {
    Oid t = mixed_domains ? domain_base_type(e->type) : e->type;
    if (t == oid::kUnknown) continue;
    if (ptype == oid::kUnknown) { ptype = t; continue; }
    if (t == ptype) continue;
    if (type_category(t) != type_category(ptype))
      throw PgError(sqlstate::kDatatypeMismatch,
                    std::string(construct) + " types " + format_type_name(ptype, -1) + " and " +
                        format_type_name(t, -1) + " cannot be matched")
          .at(e->location);
    if (!is_preferred_type(ptype) && can_coerce(ptype, t, CastContext::Implicit) &&
        !can_coerce(t, ptype, CastContext::Implicit))
      ptype = t;
  }
  if (ptype == oid::kUnknown) ptype = oid::kText;
  for (auto& e : exprs)
    if (!can_coerce(e->type, ptype, CastContext::Implicit))
      throw PgError(sqlstate::kDatatypeMismatch,
                    std::string(construct) + " could not convert type " +
                        format_type_name(e->type, -1) + " to " + format_type_name(ptype, -1))
          .at(e->location);
  return ptype;
}

// --- overload resolution ----------------------------------------------------

namespace {
constexpr int kMaxCandidateArgs = 100;  // PostgreSQL's FUNC_MAX_ARGS
struct Candidate {
  Oid args[kMaxCandidateArgs];     // parameter types (polymorphic ones resolved for these inputs)
  int nargs;
  const void* def;
  Oid decl[kMaxCandidateArgs] = {};  // declared parameter types (as PostgreSQL scores candidates)
  Oid result = 0;           // resolved result type of a polymorphic candidate
  Oid elem = 0;             // its element type (the $E of the template)
};

// PostgreSQL's enforce_generic_type_consistency for one candidate: anyelement/anyarray/
// anynonarray must agree on one element type; anycompatible/anycompatiblearray take the
// common type of their inputs. Fills c.args with the concrete parameter types, c.result and
// c.elem. False if the inputs do not fit.
bool resolve_polymorphic(const Analyzer& a, Candidate& c, const Oid* input, Oid declared_result) {
  Oid elem = 0;
  std::vector<Oid> compat;
  bool any_poly = false;
  for (int i = 0; i < c.nargs; i++) {
    Oid d = c.decl[i], t = input[i];
    if (!is_polymorphic_type(d)) continue;
    any_poly = true;
    if (t == oid::kUnknown) continue;
    if (d == oid::kAnyEnum) {
      Oid e = domain_base_type(t);
      if (!is_enum_type(e)) return false;
      if (elem && elem != e) return false;
      elem = e;
    } else if (d == oid::kAnyElement || d == oid::kAnyNonArray || d == oid::kAnyArray) {
      Oid e = domain_base_type(t);
      if (d == oid::kAnyArray) {
        e = array_element_type(t);
        if (!e) return false;
      } else if (d == oid::kAnyNonArray && is_array_type(t)) {
        return false;
      }
      if (elem && elem != e) return false;
      elem = e;
    } else {
      Oid e = t;
      if (d == oid::kAnyCompatibleArray) {
        e = array_element_type(t);
        if (!e) return false;
      }
      compat.push_back(e);
    }
  }
  if (!any_poly) return true;
  // Common type of the anycompatible inputs (select_common_type's rules, without errors).
  Oid common = 0;
  for (Oid t : compat) {
    if (!common) { common = t; continue; }
    if (t == common) continue;
    if (type_category(t) != type_category(common)) return false;
    if (!is_preferred_type(common) && a.can_coerce(common, t, CastContext::Implicit) &&
        !a.can_coerce(t, common, CastContext::Implicit))
      common = t;
  }
  for (Oid t : compat)
    if (!a.can_coerce(t, common, CastContext::Implicit)) return false;
  for (int i = 0; i < c.nargs; i++) {
    switch (c.decl[i]) {
      case oid::kAnyElement:
      case oid::kAnyNonArray:
      case oid::kAnyEnum:
        if (!elem) return false;
        c.args[i] = elem;
        break;
      case oid::kAnyArray:
        if (!elem || !array_type_of(elem)) return false;
        c.args[i] = array_type_of(elem);
        break;
      case oid::kAnyCompatible:
        if (!common) return false;
        c.args[i] = common;
        break;
      case oid::kAnyCompatibleArray:
        if (!common || !array_type_of(common)) return false;
        c.args[i] = array_type_of(common);
        break;
      default: c.args[i] = c.decl[i];
    }
  }
  c.elem = elem ? elem : common;
  switch (declared_result) {
    case oid::kAnyElement:
    case oid::kAnyEnum: c.result = elem; break;
    case oid::kAnyArray: c.result = array_type_of(elem); break;
    case oid::kAnyCompatible: c.result = common; break;
    case oid::kAnyCompatibleArray: c.result = array_type_of(common); break;
    default: c.result = declared_result;
  }
  return c.result != 0 || declared_result == 0;
}

bool has_polymorphic(const Oid* args, int n, Oid result) {
  for (int i = 0; i < n; i++)
    if (args[i] != oid::kAnyElement && is_polymorphic_type(args[i])) return true;
  return result != 0 && is_polymorphic_type(result);
}

// PostgreSQL's func_select_candidate narrowing; returns the surviving candidates.
std::vector<Candidate> select_candidates(const Analyzer& a, std::vector<Candidate> cands,
                                         const Oid* input, int nargs) {
  // Keep those reachable by implicit coercion.
  std::vector<Candidate> ok;
  for (auto& c : cands) {
    bool good = true;
    for (int i = 0; i < nargs && good; i++) good = a.can_coerce(input[i], c.args[i], CastContext::Implicit);
    if (good) ok.push_back(c);
  }
  for (auto& c : ok)
    for (int i = 0; i < nargs; i++)
      if (!c.decl[i]) c.decl[i] = c.args[i];
  if (ok.size() <= 1) return ok;
  auto narrow = [&](auto score) {
    int best = -1;
    std::vector<Candidate> keep;
    for (auto& c : ok) {
      int s = score(c);
      if (s > best) { best = s; keep.clear(); }
      if (s == best) keep.push_back(c);
    }
    ok = keep;
  };
  // Most exact matches.
  narrow([&](const Candidate& c) {
    int n = 0;
    for (int i = 0; i < nargs; i++) n += input[i] != oid::kUnknown && input[i] == c.decl[i];
    return n;
  });
  if (ok.size() <= 1) return ok;
  // Most preferred types where coercion is needed.
  narrow([&](const Candidate& c) {
    int n = 0;
    for (int i = 0; i < nargs; i++)
      n += input[i] != oid::kUnknown && is_preferred_type(c.decl[i]);
    return n;
  });
  if (ok.size() <= 1) return ok;
  // Unknown inputs: prefer string category if any candidate accepts it, then preferred.
  bool any_unknown = false;
  for (int i = 0; i < nargs; i++) any_unknown |= input[i] == oid::kUnknown;
  if (any_unknown) {
    for (int i = 0; i < nargs; i++) {
      if (input[i] != oid::kUnknown) continue;
      char cat = 0;
      bool conflict = false;
      for (auto& c : ok) {
        char cc = type_category(c.decl[i]);
        if (cc == 'S') { cat = 'S'; conflict = false; break; }
        if (cat == 0) cat = cc;
        else if (cat != cc) conflict = true;
      }
      if (conflict) continue;
      std::vector<Candidate> keep;
      bool have_pref = false;
      for (auto& c : ok) have_pref |= type_category(c.decl[i]) == cat && is_preferred_type(c.decl[i]);
      for (auto& c : ok)
        if (type_category(c.decl[i]) == cat && (!have_pref || is_preferred_type(c.decl[i])))
          keep.push_back(c);
      if (!keep.empty()) ok = keep;
    }
    if (ok.size() <= 1) return ok;
    // Unknowns take the type of the known arguments if they all agree.
    Oid known = 0;
    bool same = true;
    for (int i = 0; i < nargs; i++)
      if (input[i] != oid::kUnknown) {
        if (known == 0) known = input[i];
        else if (known != input[i]) same = false;
      }
    if (known && same) {
      std::vector<Candidate> keep;
      for (auto& c : ok) {
        bool good = true;
        for (int i = 0; i < nargs; i++) good &= c.args[i] == known;
        if (good) keep.push_back(c);
      }
      if (!keep.empty()) ok = keep;
    }
  }
  return ok;
}

std::string type_list(const std::vector<ExprPtr>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); i++) {
    if (i) s += ", ";
    s += format_type_name(args[i]->type, -1);
  }
  return s;
}
}  // namespace

ExprPtr Analyzer::make_operator(const std::string& op, ExprPtr left, ExprPtr right, int location) {
  left = strip_domain(left);
  right = strip_domain(right);
  if (ExprPtr r = make_row_operator(*this, op, left, right, location)) return r;  // analyze_row.cpp
  Oid lt = left ? left->type : 0, rt = right->type;
  // Concatenation with a non-string operand: PostgreSQL's text || anynonarray.
  bool exact_concat = false;  // e.g. jsonb || jsonb, with an unknown side taken as the other's type
  if (op == "||" && left) {
    Oid xl = lt == oid::kUnknown ? rt : lt, xr = rt == oid::kUnknown ? lt : rt;
    for (const auto& o : builtin_operators())
      exact_concat |= o.left == xl && o.right == xr && std::string(o.name) == "||" && !is_string_type(xl);
  }
  if (op == "||" && left && !exact_concat && !is_array_type(lt) && !is_array_type(rt) &&
      (is_string_type(lt) || is_string_type(rt) || (lt == oid::kUnknown) != (rt == oid::kUnknown))) {
    auto to_text = [&](ExprPtr e) {
      if (e->type == oid::kUnknown) return coerce_to(e, oid::kText, -1, CastContext::Implicit, -1);
      if (is_string_type(e->type))
        if (ExprPtr c = coerce_to(e, oid::kText, -1, CastContext::Implicit, -1)) return c;
      return coerce_to(e, oid::kText, -1, CastContext::Explicit, -1);
    };
    if (lt != oid::kUnknown || rt != oid::kUnknown) {
      left = to_text(left);
      right = to_text(right);
      return make_call("||", "($1 || $2)", oid::kText, -1, {left, right}, location);
    }
  }
  const OperatorDef* chosen = nullptr;
  Candidate poly{};
  // Exact match, with an unknown side assumed to be the other side's type.
  Oid el = lt == oid::kUnknown ? rt : lt, er = rt == oid::kUnknown ? lt : rt;
  // Built-in operators, then CREATE OPERATOR ones.
  std::vector<const OperatorDef*> defs;
  for (const auto& o : builtin_operators())
    if (op == o.name) defs.push_back(&o);
  const UserTypes* user_ops = current_user_types();
  if (user_ops && !user_ops->operators.empty())
    for (const auto& o : user_ops->operators)
      if (op == o.name) defs.push_back(&o.def);
  for (const OperatorDef* o : defs)
    if (o->left == (left ? el : 0) && o->right == er) { chosen = o; break; }
  if (!chosen) {
    std::vector<Candidate> cands;
    Oid input[2] = {left ? lt : rt, rt};
    for (const OperatorDef* od : defs) {
      const OperatorDef& o = *od;
      if ((left != nullptr) != (o.left != 0)) continue;
      Candidate c{{left ? o.left : o.right, o.right, 0}, left ? 2 : 1, &o};
      c.decl[0] = c.args[0];
      c.decl[1] = c.args[1];
      c.result = o.result;
      if (has_polymorphic(c.decl, c.nargs, o.result) && !resolve_polymorphic(*this, c, input, o.result)) continue;
      cands.push_back(c);
    }
    auto ok = select_candidates(*this, cands, input, left ? 2 : 1);
    std::string sig = left ? format_type_name(lt, -1) + " " + op + " " + format_type_name(rt, -1)
                           : op + " " + format_type_name(rt, -1);
    if (ok.empty())
      throw PgError(sqlstate::kUndefinedFunction, "operator does not exist: " + sig, "",
                    left ? "No operator matches the given name and argument types. You might need to add "
                           "explicit type casts."
                         : "No operator matches the given name and argument type. You might need to add "
                           "an explicit type cast.")
          .at(location);
    if (ok.size() > 1)
      throw PgError(sqlstate::kAmbiguousFunction, "operator is not unique: " + sig, "",
                    "Could not choose a best candidate operator. You might need to add explicit "
                    "type casts.")
          .at(location);
    chosen = static_cast<const OperatorDef*>(ok[0].def);
    poly = ok[0];
  }
  if (const UserOperator* uo = user_ops ? user_ops->find_operator(chosen) : nullptr)
    return user_operator_call(*uo, left, right, location);
  std::vector<ExprPtr> args;
  if (poly.def) {
    if (left) args.push_back(coerce_to(left, poly.args[0], -1, CastContext::Implicit, -1));
    args.push_back(coerce_to(right, poly.args[left ? 1 : 0], -1, CastContext::Implicit, -1));
    return make_call(op, instantiate_template(chosen->templ, poly.elem).c_str(), poly.result, -1, std::move(args), location);
  }
  if (left) args.push_back(coerce_to(left, chosen->left, -1, CastContext::Implicit, -1));
  args.push_back(coerce_to(right, chosen->right, -1, CastContext::Implicit, -1));
  return make_call(op, chosen->templ, chosen->result, -1, std::move(args), location);
}

std::string instantiate_template(const char* templ, Oid elem) {
  std::string t = templ;
  for (size_t p = t.find("$E"); p != std::string::npos; p = t.find("$E", p))
    t.replace(p, 2, std::to_string(elem));
  return t;
}

// Functions with a VARIADIC "any" or an anyelement parameter (concat, concat_ws, format,
// quote_literal, quote_nullable), tried when no ordinary candidate fits. The first
// definition whose declared parameters accept the arguments by implicit coercion wins.
// "any" arguments reach the runtime as their type's text output (pg_out; unknown literals
// as text; string types as they are); anyelement arguments as a cast to text would give.
static const FunctionDef* resolve_any_function(Analyzer& an, const std::vector<const FunctionDef*>& defs,
                                               std::vector<ExprPtr>& args) {
  auto declared = [](const FunctionDef* f, size_t i) {
    return f->variadic_any && i + 1 >= (size_t)f->nargs ? oid::kAny : f->args[i];
  };
  for (const FunctionDef* f : defs) {
    bool good = true;
    for (size_t i = 0; i < args.size() && good; i++) {
      Oid d = declared(f, i);
      good = d == oid::kAny || d == oid::kAnyElement || an.can_coerce(args[i]->type, d, CastContext::Implicit);
    }
    if (!good) continue;
    for (size_t i = 0; i < args.size(); i++) {
      Oid d = declared(f, i);
      ExprPtr a = args[i];
      if (d == oid::kAny || d == oid::kAnyElement) {
        if (a->type == oid::kUnknown || is_string_type(a->type)) {
          a = an.finalize_unknown(a);
        } else {
          ExprPtr r = d == oid::kAnyElement ? an.coerce_to(a, oid::kText, -1, CastContext::Explicit, -1) : nullptr;
          if (!r) {
            std::string t = "pg_out($1, " + std::to_string(a->type) + ")";
            r = make_call("text", t.c_str(), oid::kText, -1, {a}, a->location);
          }
          a = r;
        }
      } else {
        a = an.coerce_to(a, d, -1, CastContext::Implicit, -1);
      }
      args[i] = a;
    }
    return f;
  }
  return nullptr;
}

const FunctionDef* Analyzer::resolve_function(const std::string& name, std::vector<ExprPtr>& args,
                                              bool want_agg, int location, PolyInfo* poly_out,
                                              bool want_srf) {
  for (auto& a : args) a = strip_domain(a);
  std::vector<Candidate> cands;
  std::vector<const FunctionDef*> any_defs;  // "any"/anyelement parameters: matched last
  bool name_exists = false;
  bool poly_unknown = false;  // a polymorphic candidate saw only unknown-typed inputs
  for (const auto& f : builtin_functions()) {
    if (name != f.name || f.returns_set != want_srf) continue;
    name_exists = true;
    bool is_poly = has_polymorphic(f.args, f.nargs, f.result);
    bool takes_any = f.variadic_any;
    for (int i = 0; i < f.nargs; i++) takes_any |= f.args[i] == oid::kAnyElement && !is_poly;
    if (takes_any) {
      if (f.variadic_any ? (int)args.size() >= f.nargs : (int)args.size() == f.nargs) any_defs.push_back(&f);
      continue;
    }
    if (f.nargs != (int)args.size()) continue;
    Candidate c{{0, 0, 0, 0}, f.nargs, &f};
    for (int i = 0; i < f.nargs; i++) c.args[i] = c.decl[i] = f.args[i];
    c.result = f.result;
    if (is_poly) {
      Oid in[kMaxFuncArgs] = {};
      for (size_t i = 0; i < args.size() && i < kMaxFuncArgs; i++) in[i] = args[i]->type;
      if (!resolve_polymorphic(*this, c, in, f.result)) {
        bool all_unknown = true;
        for (int i = 0; i < f.nargs && i < (int)args.size(); i++)
          if (is_polymorphic_type(f.args[i]) && args[i]->type != oid::kUnknown) all_unknown = false;
        poly_unknown |= all_unknown;
        continue;
      }
    }
    cands.push_back(c);
  }
  Oid input[kMaxFuncArgs] = {};
  for (size_t i = 0; i < args.size() && i < kMaxFuncArgs; i++) input[i] = args[i]->type;
  const FunctionDef* chosen = nullptr;
  Candidate chosen_c{};
  for (auto& c : cands) {
    bool exact = true;
    for (int i = 0; i < c.nargs; i++) exact &= input[i] == c.args[i];
    if (exact) { chosen = static_cast<const FunctionDef*>(c.def); chosen_c = c; break; }
  }
  if (!chosen) {
    auto ok = select_candidates(*this, cands, input, (int)args.size());
    std::string sig = name + "(" + type_list(args) + ")";
    if (ok.empty()) {
      if (const FunctionDef* f = resolve_any_function(*this, any_defs, args)) return f;
      (void)name_exists;
      if (poly_unknown)
        throw PgError(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown");
      throw PgError(sqlstate::kUndefinedFunction, "function " + sig + " does not exist", "",
                    "No function matches the given name and argument types. You might need to add "
                    "explicit type casts.")
          .at(location);
    }
    if (ok.size() > 1)
      throw PgError(sqlstate::kAmbiguousFunction, "function " + sig + " is not unique", "",
                    "Could not choose a best candidate function. You might need to add explicit "
                    "type casts.")
          .at(location);
    chosen = static_cast<const FunctionDef*>(ok[0].def);
    chosen_c = ok[0];
  }
  for (size_t i = 0; i < args.size(); i++)
    args[i] = coerce_to(args[i], chosen_c.args[i], -1, CastContext::Implicit, -1);
  if (poly_out) {
    poly_out->polymorphic = has_polymorphic(chosen->args, chosen->nargs, chosen->result);
    poly_out->result = chosen_c.result;
    poly_out->elem = chosen_c.elem;
  }
  (void)want_agg;
  return chosen;
}

}  // namespace pgmicro

namespace pgmicro {

int Analyzer::select_signature(const std::vector<std::vector<Oid>>& decl, const std::vector<Oid>& results,
                               const std::vector<Oid>& input, std::vector<Oid>& args_out, Oid& result_out) {
  if (input.size() > (size_t)kMaxCandidateArgs) return -1;
  std::vector<Candidate> cands;
  std::vector<size_t> index;
  Oid in[kMaxCandidateArgs] = {};
  for (size_t i = 0; i < input.size(); i++) in[i] = input[i];
  for (size_t k = 0; k < decl.size(); k++) {
    if (decl[k].size() != input.size()) continue;
    Candidate c{{}, (int)input.size(), reinterpret_cast<const void*>(k + 1)};
    for (size_t i = 0; i < input.size(); i++) c.args[i] = c.decl[i] = decl[k][i];
    c.result = results[k];
    bool poly = false;
    for (Oid t : decl[k]) poly |= is_polymorphic_type(t);
    poly |= results[k] && is_polymorphic_type(results[k]);
    if (poly && !resolve_polymorphic(*this, c, in, results[k])) continue;
    cands.push_back(c);
  }
  const Candidate* chosen = nullptr;
  for (auto& c : cands) {
    bool exact = true;
    for (int i = 0; i < c.nargs; i++) exact &= in[i] == c.args[i];
    if (exact) { chosen = &c; break; }
  }
  std::vector<Candidate> ok;
  if (!chosen) {
    ok = select_candidates(*this, cands, in, (int)input.size());
    if (ok.empty()) return -1;
    if (ok.size() > 1) return -2;
    chosen = &ok[0];
  }
  args_out.assign(chosen->args, chosen->args + chosen->nargs);
  result_out = chosen->result;
  return (int)(reinterpret_cast<size_t>(chosen->def) - 1);
}

}  // namespace pgmicro
