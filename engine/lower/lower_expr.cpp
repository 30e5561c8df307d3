// Lowering of expressions and whole statements to SQLite SQL.
#include <functional>
#include <cmath>
#include <cstdio>
#include <algorithm>
#include "common/error.h"
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "lower/lower.h"
#include "types/record.h"

namespace pgmicro {

namespace {

struct Capture;
struct LowerCtx {
  // Range tables of the query being lowered and its enclosing queries, innermost last.
  std::vector<const std::vector<RangeTableEntry>*> scopes;
  // Inside a LATERAL subquery lowered as a nested statement (pg_sql_rows): references to
  // scopes outside it, and the statement's own parameters, become its arguments ?1..?n.
  std::shared_ptr<Capture> capture;
  // One grouping set's branch of a GROUPING SETS query: grouping expressions outside the set
  // read as NULL (outside aggregate arguments), GROUPING() as its bit mask.
  const SelectQuery* grouping_query = nullptr;
  const std::vector<int>* grouping_set = nullptr;
  // A base table read by a query whose window functions see rows in input order: scanned in
  // rowid (PostgreSQL's heap) order, never through an index (see window_heap_order).
  bool heap_order = false;
};

struct Capture {
  size_t boundary = 0;             // scopes [0, boundary) are outside the nested statement
  LowerCtx outside;                // lowers the captured expressions in the enclosing query
  std::vector<std::string> args;   // the lowered arguments, bound as ?1..?n
  std::string arg(const std::string& sql) {
    for (size_t i = 0; i < args.size(); i++)
      if (args[i] == sql) return "?" + std::to_string(i + 1);
    args.push_back(sql);
    return "?" + std::to_string(args.size());
  }
};

std::string lower_select_in(const SelectQuery& q, const LowerCtx& outer);
bool numeric_setop(const SelectQuery& q);
std::string lower_with(const SelectQuery& q, const LowerCtx& outer);
std::string lower(const Expr& e, const LowerCtx& c);

// Sort keys of array type compare with PostgreSQL's array order (a collation per element type).
std::string sort_collation(const Expr& e) { return order_collation(e.type); }

// Equal numerics of different display scale (1.5, 1.50) are different stored BLOBs, and
// numeric[] texts differ likewise: where SQLite compares values itself (GROUP BY, DISTINCT,
// PARTITION BY, window ORDER BY peers, ties of a non-last ORDER BY key) the value goes through
// its scale-free key (runtime/numeric_key_functions.cpp); the key keeps numeric order.
// Intervals likewise: '1 mon' and '30 days' are equal spans printed differently; their key is the
// 23-digit span prefix of the stored text (docs/storage-format.md), in span order.
bool needs_numeric_key(Oid type, int32_t typmod, int depth = 0) {
  Oid t = domain_base_type(type);
  if (t == oid::kNumeric || (t == oid::kJsonb && depth == 0)) return true;  // jsonb: 1.0 and 1 (pg_jsonb collation)
  if (t == oid::kInterval) return true;  // in a record too (pg_record_numeric_key)
  Oid el = array_element_type(t);
  if (el) return domain_base_type(el) == oid::kNumeric || domain_base_type(el) == oid::kInterval;
  if (depth < 8 && is_row_type(t))
    if (auto* f = row_type_fields(t, typmod))
      for (auto& field : *f)
        if (needs_numeric_key(field.type, field.typmod, depth + 1)) return true;
  return false;
}
// A column of numeric(p,s) (or numeric(p,s)[]) holds every value at scale s: its stored forms
// are equal exactly when the values are, so it needs no key.
bool needs_numeric_key(const Expr& e) {
  int32_t typmod = e.typmod;
  Oid base = domain_base_type(e.type, &typmod);
  if (e.kind == ExprKind::Var && typmod >= 0 && (base == oid::kNumeric || array_element_type(base) == oid::kNumeric)) return false;
  return needs_numeric_key(e.type, e.typmod);
}
std::string numeric_key(const Expr& e, const std::string& sql) {
  if (!needs_numeric_key(e)) return sql;
  Oid t = domain_base_type(e.type);
  if (t == oid::kNumeric) return "pg_numeric_key(" + sql + ")";
  if (t == oid::kJsonb) return sql + " COLLATE pg_jsonb";
  if (t == oid::kInterval) return "substr(" + sql + ", 1, 23)";
  if (array_element_type(t) && domain_base_type(array_element_type(t)) == oid::kInterval) return "pg_interval_array_key(" + sql + ")";
  if (is_row_type(t)) return "pg_record_numeric_key(" + sql + ", " + std::to_string(row_type_id(t, e.typmod)) + ")";
  return "pg_numeric_array_key(" + sql + ")";
}

std::string lower_datum(const Datum& d) {
  switch (d.kind) {
    case Datum::Kind::Null: return "NULL";
    case Datum::Kind::Int:
      if (d.i == INT64_MIN) return "(-9223372036854775807-1)";
      return d.i < 0 ? "(" + std::to_string(d.i) + ")" : std::to_string(d.i);
    case Datum::Kind::Real: {
      if (std::isinf(d.r)) return d.r > 0 ? "9e999" : "(-9e999)";
      char buf[40];
      snprintf(buf, sizeof buf, "%.17g", d.r);
      std::string s = buf;
      if (s.find_first_of(".en") == std::string::npos) s += ".0";
      return d.r < 0 || std::signbit(d.r) ? "(" + s + ")" : s;
    }
    case Datum::Kind::Text: return quote_literal(d.s);
    case Datum::Kind::Blob: {
      static const char* hex = "0123456789ABCDEF";
      std::string s = "X'";
      for (unsigned char c : d.s) { s += hex[c >> 4]; s += hex[c & 15]; }
      return s + "'";
    }
  }
  return "NULL";
}

std::string substitute(const std::string& templ, const std::vector<std::string>& args) {
  std::string out;
  for (size_t i = 0; i < templ.size(); i++) {
    if (templ[i] == '$' && i + 1 < templ.size() && isdigit((unsigned char)templ[i + 1])) {
      size_t j = i + 1;
      int n = 0;
      while (j < templ.size() && isdigit((unsigned char)templ[j])) n = n * 10 + (templ[j++] - '0');
      out += args.at(n - 1);
      i = j - 1;
    } else {
      out += templ[i];
    }
  }
  return out;
}

std::string lower(const Expr& e, const LowerCtx& c) {
  if (c.grouping_query) {
    const auto& gb = c.grouping_query->group_by;
    auto in_set = [&](size_t i) {
      return std::find(c.grouping_set->begin(), c.grouping_set->end(), (int)i) != c.grouping_set->end();
    };
    if (e.kind == ExprKind::Grouping) {
      int64_t bits = 0;
      for (auto& a : e.args) {
        bool grouped = false;
        for (size_t i = 0; i < gb.size(); i++) grouped |= in_set(i) && expr_equal(*a, *gb[i]);
        bits = bits * 2 + (grouped ? 0 : 1);
      }
      return std::to_string(bits);
    }
    for (size_t i = 0; i < gb.size(); i++)
      if (!in_set(i) && expr_equal(e, *gb[i])) return "NULL";
    if (e.kind == ExprKind::Agg) {
      LowerCtx inner = c;
      inner.grouping_query = nullptr;
      inner.grouping_set = nullptr;
      return lower(e, inner);
    }
  }
  auto args = [&]() {
    std::vector<std::string> v;
    for (auto& a : e.args) v.push_back(lower(*a, c));
    return v;
  };
  switch (e.kind) {
    case ExprKind::Const: return lower_datum(e.value);
    case ExprKind::Param:
      if (c.capture) return c.capture->arg(lower(e, c.capture->outside));
      return "?" + std::to_string(e.param_no);
    case ExprKind::Var: {
      size_t index = c.scopes.size() - 1 - e.levelsup;
      if (c.capture && index < c.capture->boundary) {
        Expr outer_var = e;
        outer_var.levelsup = (int)(c.capture->boundary - 1 - index);
        return c.capture->arg(lower(outer_var, c.capture->outside));
      }
      const auto& rt = *c.scopes.at(index);
      const RangeTableEntry& r = rt[e.rte];
      if (e.attno == RangeTableEntry::kPresenceAttno)
        return r.sql_alias + (r.lateral ? ".c" + std::to_string(r.column_names.size() + 1) : "._pgmicro_present");
      if (r.dml_target && e.levelsup == 0) return r.column_sql(e.attno);
      return r.sql_alias + "." + r.column_sql(e.attno);
    }
    case ExprKind::Raw: return e.templ;
    case ExprKind::Grouping: return "0";  // plain GROUP BY: every argument is grouped
    case ExprKind::Window: {
      const WindowSpec& w = *e.window;
      std::string s;
      if (!w.frame_call.empty()) {
        std::vector<std::string> fa;
        for (auto& a : w.frame_args) fa.push_back(lower(*a, c));
        s = substitute(w.frame_call, fa) + " OVER (";
      } else {
        s = substitute(e.templ, args()) + " OVER (";
      }
      std::string sep;
      if (!w.partition.empty()) {
        s += "PARTITION BY ";
        for (size_t i = 0; i < w.partition.size(); i++)
          s += (i ? ", " : "") + numeric_key(*w.partition[i], lower(*w.partition[i], c));
        sep = " ";
      }
      if (!w.order.empty()) {
        s += sep + "ORDER BY ";
        for (size_t i = 0; i < w.order.size(); i++)
          s += (i ? ", " : "") +
               (w.range_key.empty() ? numeric_key(*w.order[i].expr, lower(*w.order[i].expr, c)) + sort_collation(*w.order[i].expr)
                                    : "pg_range_key('" + w.range_key + "', " + lower(*w.order[i].expr, c) + ")") +
               (w.order[i].desc ? " DESC" : " ASC") +
               (w.order[i].nulls_first ? " NULLS FIRST" : " NULLS LAST");
        sep = " ";
      }
      int f = w.frame_call.empty() ? w.frame_options : 0x1 | 0x4 | 0x10 | 0x20 | 0x100;  // (ROWS UNBOUNDED both ways)
      if (f & 1) {  // FRAMEOPTION_NONDEFAULT
        s += sep + ((f & 0x4) ? "ROWS " : (f & 0x8) ? "GROUPS " : "RANGE ");
        auto bound = [&](bool start) {
          int up = start ? 0x20 : 0x40, uf = start ? 0x80 : 0x100, cr = start ? 0x200 : 0x400;
          int op = start ? 0x800 : 0x1000, of = start ? 0x2000 : 0x4000;
          const ExprPtr& off = start ? w.start_offset : w.end_offset;
          if (f & up) return std::string("UNBOUNDED PRECEDING");
          if (f & uf) return std::string("UNBOUNDED FOLLOWING");
          if (f & cr) return std::string("CURRENT ROW");
          // A constant offset is checked here; SQLite wants a plain integer expression.
          // (a bound parameter stays bare: SQLite takes a constant or a parameter, nothing else)
          if (!w.range_key.empty() && (f & (op | of)))
            return std::to_string(start ? w.start_key_offset : w.end_key_offset) + ((f & op) ? " PRECEDING" : " FOLLOWING");
          std::string o = off->kind == ExprKind::Const || off->kind == ExprKind::Param ? lower(*off, c)
                                                                                      : "pg_check_frame_offset(" + lower(*off, c) + ")";
          if (f & op) return o + " PRECEDING";
          if (f & of) return o + " FOLLOWING";
          return std::string("CURRENT ROW");
        };
        if (f & 0x10) s += "BETWEEN " + bound(true) + " AND " + bound(false);
        else s += bound(true);
        if (f & 0x8000) s += " EXCLUDE CURRENT ROW";
        else if (f & 0x10000) s += " EXCLUDE GROUP";
        else if (f & 0x20000) s += " EXCLUDE TIES";
      }
      return s + ")";
    }
    case ExprKind::SubLink: {
      std::string inner = lower_select_in(*e.subquery, c);
      switch (e.sublink) {
        case SubLinkKind::Exists: return "EXISTS (" + inner + ")";
        case SubLinkKind::Array:
          // SQLite feeds an ordered FROM subquery to an outer aggregate in its order.
          return "(SELECT coalesce(" + e.templ + "(c1), '[]') FROM (" + inner + "))";
        case SubLinkKind::Expr:
          // More than one row is an error in PostgreSQL; SQLite would take the first.
          return "(SELECT pg_scalar_subquery(count(*), max(c1)) FROM (SELECT * FROM (" + inner + ") LIMIT 2))";
        case SubLinkKind::Any:
        case SubLinkKind::All: {
          const Expr& cmp = *e.compare;
          if (e.sublink == SubLinkKind::Any && cmp.templ == "($1 = $2)" && cmp.args[1]->kind == ExprKind::Raw)
            return "(" + lower(*cmp.args[0], c) + " IN (" + inner + "))";
          std::string test = lower(cmp, c);
          std::string from = "(SELECT 1 FROM (" + inner + ") AS " + e.name + " WHERE ";
          if (e.sublink == SubLinkKind::Any)
            return "(CASE WHEN EXISTS " + from + test + ") THEN 1 WHEN EXISTS " + from + "(" + test +
                   ") IS NULL) THEN NULL ELSE 0 END)";
          return "(CASE WHEN EXISTS " + from + "NOT " + test + ") THEN 0 WHEN EXISTS " + from + "(" + test +
                 ") IS NULL) THEN NULL ELSE 1 END)";
        }
      }
      return "NULL";
    }
    case ExprKind::Call:
    case ExprKind::Agg: return substitute(e.templ, args());
    case ExprKind::And:
    case ExprKind::Or: {
      std::string s = "(";
      auto a = args();
      for (size_t i = 0; i < a.size(); i++) {
        if (i) s += e.kind == ExprKind::And ? " AND " : " OR ";
        s += a[i];
      }
      return s + ")";
    }
    case ExprKind::Not: return "(NOT " + lower(*e.args[0], c) + ")";
    case ExprKind::NullTest: return "(" + lower(*e.args[0], c) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
    case ExprKind::Case: {
      auto a = args();
      std::string s = "CASE";
      size_t n = e.has_else ? a.size() - 1 : a.size();
      for (size_t i = 0; i + 1 < n + 1 && i < n; i += 2) s += " WHEN " + a[i] + " THEN " + a[i + 1];
      if (e.has_else) s += " ELSE " + a.back();
      return s + " END";
    }
    case ExprKind::Coalesce: {
      auto a = args();
      if (a.size() == 1) return "(" + a[0] + ")";
      std::string s = "coalesce(";
      for (size_t i = 0; i < a.size(); i++) s += (i ? ", " : "") + a[i];
      return s + ")";
    }
  }
  return "NULL";
}

std::string lower_from(const FromNode& f, const std::vector<RangeTableEntry>& rt, const LowerCtx& c);

// A FROM item read with its presence marker (RangeTableEntry::presence_marker): the column is
// 1 on every row it has and NULL on the rows an outer join pads.
std::string lower_from_item(const FromNode& f, const std::vector<RangeTableEntry>& rt, const LowerCtx& c) {
  auto& r = rt[f.rte];
  std::string plain = lower_from(f, rt, c);
  if (!r.presence_marker || r.lateral) return plain;
  std::string suffix = " AS " + r.sql_alias;
  std::string src = plain.substr(0, plain.size() - suffix.size());
  return "(SELECT *, 1 AS _pgmicro_present FROM " + src + ")" + suffix;
}

// Window functions over a single table without GROUP BY: ROWS frames, ties within a window's
// ORDER BY and windows without ORDER BY see the rows in scan order. PostgreSQL's plans for
// these (sequential and bitmap scans) read the heap in order, which pgmicro keeps as rowid
// order; an index SQLite would pick for WHERE reads in key order instead.
bool has_window_call(const Expr& e) {
  if (e.kind == ExprKind::Window) return true;
  for (auto& a : e.args)
    if (a && has_window_call(*a)) return true;
  return false;
}
bool window_heap_order(const SelectQuery& q) {
  if (q.from.size() != 1 || q.from[0]->kind != JoinKind::Base || !q.group_by.empty() || q.has_aggs) return false;
  for (auto& t : q.targets)
    if (t.expr && has_window_call(*t.expr)) return true;
  return false;
}

std::string lower_from(const FromNode& f, const std::vector<RangeTableEntry>& rt, const LowerCtx& c) {
  if (f.kind == JoinKind::Base) {
    auto& r = rt[f.rte];
    // A data-modifying WITH query's rows are in its temp table (also for the DML of a later one).
    if (r.cte && !r.cte->query && !r.cte->materialized.empty()) return "temp." + r.cte->materialized + " AS " + r.sql_alias;
    if (r.cte) return r.cte->sql_name + " AS " + r.sql_alias;
    if (r.function) return lower(*r.function, c) + " AS " + r.sql_alias;
    if (r.subquery && r.lateral) {
      // LATERAL: SQLite's FROM subqueries cannot see their siblings, so the subquery runs as a
      // nested statement whose arguments are its references to the enclosing query.
      auto cap = std::make_shared<Capture>();
      cap->boundary = c.scopes.size();
      cap->outside = c;
      LowerCtx inner = c;
      inner.capture = cap;
      std::string sql = lower_select_in(*r.subquery, inner);
      if (r.presence_marker)  // the presence marker (analyze_row.cpp: whole_row_value)
        sql = "SELECT *, 1 AS c" + std::to_string(r.column_names.size() + 1) + " FROM (" + sql + ")";
      if (cap->args.empty()) return "(" + sql + ") AS " + r.sql_alias;
      std::string call = "pg_sql_rows(" + quote_literal(sql) + ", 0";
      for (auto& a : cap->args) call += ", " + a;
      return call + ") AS " + r.sql_alias;
    }
    if (r.subquery) {
      // A FROM subquery sees the enclosing queries, not its siblings.
      LowerCtx outer = c;
      outer.scopes.pop_back();
      return "(" + lower_select_in(*r.subquery, outer) + ") AS " + r.sql_alias;
    }
    if (!r.inh_tables.empty()) return "(" + inheritance_union_sql(*r.table, r.inh_tables) + ") AS " + r.sql_alias;
    return "" + r.table->sqlite_ref() + " AS " + r.sql_alias + (c.heap_order ? " NOT INDEXED" : "");
  }
  auto side = [&](const FromNode& n) { return n.kind == JoinKind::Base ? lower_from_item(n, rt, c) : lower_from(n, rt, c); };
  std::string l = side(*f.left), r = side(*f.right);
  if (f.right->kind != JoinKind::Base) r = "(" + r + ")";
  const char* j = f.kind == JoinKind::Inner ? " JOIN " : f.kind == JoinKind::Left ? " LEFT JOIN "
                : f.kind == JoinKind::Right ? " RIGHT JOIN " : f.kind == JoinKind::Full ? " FULL JOIN " : " CROSS JOIN ";
  std::string s = l + j + r;
  if (f.quals) s += " ON " + lower(*f.quals, c);
  else if (f.kind != JoinKind::Cross) s += " ON 1";
  return s;
}

std::string lower_returning(const std::vector<TargetEntry>& ret, const LowerCtx& c) {
  if (ret.empty()) return "";
  std::string s = " RETURNING ";
  for (size_t i = 0; i < ret.size(); i++) s += (i ? ", " : "") + lower(*ret[i].expr, c);
  return s;
}


// A recursive WITH query whose recursive term is itself a UNION, or has WITH queries of its own:
// SQLite wants the recursive reference directly in the FROM of each recursive SELECT of one
// compound (non-recursive SELECTs first), so the term's UNION arms are flattened into the
// compound and its WITH queries hoisted into the enclosing WITH RECURSIVE list (their names are
// unique). Under UNION (distinct) an arm that does not read the query moves to the
// non-recursive part (the same rows). Returns "" when the query needs none of this.
static std::string lower_recursive_body(const CteDef& d, const LowerCtx& outer, std::vector<const CteDef*>& hoist) {
  const SelectQuery& q = *d.query;
  if (q.setop != SetOp::Union || !q.rarg) return "";
  const SelectQuery& r = *q.rarg;
  if (r.setop == SetOp::None && r.ctes.empty()) return "";
  std::vector<const SelectQuery*> arms;
  std::function<void(const SelectQuery&)> collect = [&](const SelectQuery& a) {
    for (auto& c : a.ctes) hoist.push_back(c.get());
    if (a.setop == SetOp::Union && a.order_by.empty() && !a.limit && !a.offset && (!q.setop_all || a.setop_all)) {
      collect(*a.larg);
      collect(*a.rarg);
    } else {
      arms.push_back(&a);
    }
  };
  collect(r);
  std::vector<const SelectQuery*> rec, nonrec;
  for (auto* a : arms) {
    bool reads = false;
    for (auto& e : a->rtable) reads |= e.cte == &d;
    (reads ? rec : nonrec).push_back(a);
  }
  if (!nonrec.empty() && q.setop_all) return "";  // PostgreSQL would add those rows at every step
  // The arms are lowered without their WITH lists (hoisted).
  std::vector<std::pair<SelectQuery*, std::vector<std::shared_ptr<CteDef>>>> saved;
  for (auto* a : arms) saved.push_back({const_cast<SelectQuery*>(a), std::move(const_cast<SelectQuery*>(a)->ctes)});
  const char* op = q.setop_all ? " UNION ALL " : " UNION ";
  auto arm = [&](const SelectQuery& a) {
    bool simple = a.order_by.empty() && !a.limit && !a.offset && a.ctes.empty() && a.setop == SetOp::None;
    std::string sql = lower_select_in(a, outer);
    return simple ? sql : "SELECT * FROM (" + sql + ")";
  };
  std::string s = lower_with(q, outer);
  const SelectQuery& l = *q.larg;
  bool lsimple = l.order_by.empty() && !l.limit && !l.offset && l.ctes.empty();
  s += lsimple ? lower_select_in(l, outer) : "SELECT * FROM (" + lower_select_in(l, outer) + ")";
  for (auto* a : nonrec) s += op + arm(*a);
  for (auto* a : rec) s += op + arm(*a);
  for (auto& [a, c] : saved) a->ctes = std::move(c);
  return s;
}

// A volatile function anywhere in a query (PostgreSQL evaluates a WITH query once, so its
// readers see the same random()/nextval() values; SQLite may inline it per reference).
static bool has_volatile(const SelectQuery& q);
static bool has_volatile(const Expr* e) {
  if (!e) return false;
  if (e->volatile_ || (e->subquery && has_volatile(*e->subquery)) || has_volatile(e->compare.get())) return true;
  for (auto& a : e->args)
    if (has_volatile(a.get())) return true;
  return false;
}
static bool has_volatile(const FromNode* f) {
  return f && (has_volatile(f->quals.get()) || has_volatile(f->left.get()) || has_volatile(f->right.get()));
}
static bool has_volatile(const SelectQuery& q) {
  if ((q.larg && has_volatile(*q.larg)) || (q.rarg && has_volatile(*q.rarg))) return true;
  for (auto& t : q.targets)
    if (has_volatile(t.expr.get())) return true;
  for (auto& row : q.values_rows)
    for (auto& v : row)
      if (has_volatile(v.get())) return true;
  for (auto& r : q.rtable)
    if ((r.subquery && has_volatile(*r.subquery)) || has_volatile(r.function.get())) return true;
  for (auto& f : q.from)
    if (has_volatile(f.get())) return true;
  for (auto& c : q.ctes)
    if (c->query && has_volatile(*c->query)) return true;
  return has_volatile(q.where.get()) || has_volatile(q.having.get());
}

std::string lower_with(const SelectQuery& q, const LowerCtx& outer) {
  if (q.ctes.empty()) return "";
  std::string s = q.recursive_with ? "WITH RECURSIVE " : "WITH ";
  bool any = false;
  std::function<void(const CteDef&)> entry = [&](const CteDef& d) {
    if (!d.query && (d.materialized.empty() || d.column_names.empty())) return;  // DML without RETURNING
    std::string body;
    if (d.query && d.recursive && q.recursive_with) {
      // SQLite's recursive UNION would de-duplicate the stored forms (1.0 and 1.00 differ)
      if (numeric_setop(*d.query)) unsupported("UNION in a recursive WITH query over numeric or interval values");
      std::vector<const CteDef*> hoist;
      body = lower_recursive_body(d, outer, hoist);
      if (!body.empty())
        for (auto* h : hoist) entry(*h);
    }
    s += (any ? ", " : "") + d.sql_name + "(";
    any = true;
    for (size_t k = 0; k < d.column_names.size(); k++) s += (k ? ", c" : "c") + std::to_string(k + 1);
    if (body.empty()) body = d.query ? lower_select_in(*d.query, outer) : "SELECT * FROM temp." + d.materialized;
    bool once = d.query && !d.recursive && d.materialize != 2 && has_volatile(*d.query);
    s += std::string(once ? ") AS MATERIALIZED (" : ") AS (") + body + ")";
  };
  for (size_t i = 0; i < q.ctes.size(); i++) entry(*q.ctes[i]);
  return any ? s + " " : "";
}

// A numeric sort key followed by other keys must tie on equal values (1.5, 1.50): its
// scale-free key. by_column: the output columns are c1..cn of a FROM subquery (set operations,
// VALUES, GROUPING SETS, the DISTINCT wrapper), so a key names the column.
bool order_needs_key(const SelectQuery& q) {
  for (size_t i = 0; i + 1 < q.order_by.size(); i++)
    if (needs_numeric_key(*q.order_by[i].expr)) return true;
  return false;
}
std::string lower_order_limit(const SelectQuery& q, const LowerCtx& c, bool by_column = false) {
  std::string s;
  if (!q.order_by.empty()) {
    s += " ORDER BY ";
    for (size_t i = 0; i < q.order_by.size(); i++) {
      auto& o = q.order_by[i];
      std::string x;
      size_t target = q.targets.size();
      for (size_t t = 0; t < q.targets.size() && target == q.targets.size(); t++)
        if (q.targets[t].expr == o.expr) target = t;
      if (by_column && target == q.targets.size())
        for (size_t t = 0; t < q.targets.size() && target == q.targets.size(); t++)
          if (expr_equal(*q.targets[t].expr, *o.expr)) target = t;
      bool key = i + 1 < q.order_by.size() && needs_numeric_key(*o.expr);
      if (target < q.targets.size()) x = std::to_string(target + 1);
      if (key && by_column && target < q.targets.size()) x = numeric_key(*o.expr, "c" + std::to_string(target + 1));
      else if (key) x = numeric_key(*o.expr, lower(*o.expr, c));
      if (x.empty()) x = lower(*o.expr, c);
      s += (i ? ", " : "") + x + sort_collation(*o.expr) + (o.desc ? " DESC" : " ASC") + (o.nulls_first ? " NULLS FIRST" : " NULLS LAST");
    }
  }
  if (q.limit || q.offset) {
    s += " LIMIT " + (q.limit ? "coalesce(pg_check_limit(" + lower(*q.limit, c) + ", 0), -1)" : std::string("-1"));
    if (q.offset) s += " OFFSET coalesce(pg_check_limit(" + lower(*q.offset, c) + ", 1), 0)";
  }
  return s;
}

// A set operation other than UNION ALL with a numeric result column: SQLite's compound compares
// the stored BLOBs, which differ for equal values of different display scale (2.0 and 2.00).
// Rows are matched instead on trim_scale(value) through window partitions (NULLs match, as in
// a set operation); each kept row is the first arm's copy. Empty when no column is numeric.
bool numeric_setop(const SelectQuery& q) {
  if (q.setop == SetOp::None || (q.setop == SetOp::Union && q.setop_all)) return false;
  for (auto& t : q.targets)  // also numeric[] ({1.0}, {1.00}) and records with numeric fields
    if (needs_numeric_key(*t.expr)) return true;
  return false;
}

std::string lower_numeric_setop(const SelectQuery& q, const LowerCtx& outer, const std::string& with) {
  if (!numeric_setop(q)) return "";
  std::string cols, keys, ords;
  bool numeric = false;
  for (size_t i = 0; i < q.targets.size(); i++) {
    std::string c = "c" + std::to_string(i + 1);
    bool n = needs_numeric_key(*q.targets[i].expr);
    numeric = numeric || n;
    cols += (i ? ", " : "") + c;
    keys += (i ? ", " : "") + numeric_key(*q.targets[i].expr, c);
    ords += (i ? ", " : "") + std::to_string(i + 1);
  }
  if (!numeric) return "";
  auto arm = [&](const SelectQuery& a, int side) {
    std::string n = q.setop_all ? "row_number() OVER (PARTITION BY " + keys + ")" : std::string("1");
    return "SELECT " + cols + ", " + std::to_string(side) + " AS _pgmicro_arm, " + n + " AS _pgmicro_n FROM (" +
           lower_select_in(a, outer) + ")";
  };
  std::string part = " OVER (PARTITION BY " + keys + ", _pgmicro_n)";
  // INTERSECT ALL / EXCEPT ALL repeat the group's first value, as PostgreSQL's SetOp node does.
  std::string inner = cols;
  if (q.setop_all) {
    inner.clear();
    for (size_t i = 0; i < q.targets.size(); i++) {
      std::string c = "c" + std::to_string(i + 1);
      bool n = needs_numeric_key(*q.targets[i].expr);
      inner += (i ? ", " : "") + (n ? "first_value(" + c + ") OVER (PARTITION BY " + keys +
                                          " ORDER BY _pgmicro_arm, _pgmicro_n) AS " + c : c);
    }
  }
  std::string s = with + "SELECT " + cols + " FROM (SELECT " + inner + ", row_number()" + part.substr(0, part.size() - 1) +
                  " ORDER BY _pgmicro_arm) AS _pgmicro_rn, min(_pgmicro_arm)" + part + " AS _pgmicro_lo, max(_pgmicro_arm)" +
                  part + " AS _pgmicro_hi FROM (" + arm(*q.larg, 0) + " UNION ALL " + arm(*q.rarg, 1) +
                  ")) WHERE _pgmicro_rn = 1";
  if (q.setop == SetOp::Intersect) s += " AND _pgmicro_lo = 0 AND _pgmicro_hi = 1";
  if (q.setop == SetOp::Except) s += " AND _pgmicro_hi = 0";
  if (q.order_by.empty()) s += " ORDER BY " + ords;  // the sorted order of SQLite's compound
  LowerCtx c = outer;
  static const std::vector<RangeTableEntry> none;
  c.scopes.push_back(&none);
  return s + lower_order_limit(q, c);
}

// SELECT DISTINCT whose outputs include a numeric (or numeric[]) value: SQLite's DISTINCT would
// compare the stored forms, so the query's rows (columns c1..cn) are grouped by their keys instead.
bool numeric_distinct(const SelectQuery& q) {
  if (!q.distinct) return false;
  for (auto& t : q.targets)
    if (needs_numeric_key(*t.expr)) return true;
  return false;
}
std::string distinct_group_by(const SelectQuery& q) {
  std::string s = " GROUP BY ";
  for (size_t i = 0; i < q.targets.size(); i++)
    s += (i ? ", " : "") + numeric_key(*q.targets[i].expr, "c" + std::to_string(i + 1));
  return s;
}

std::string lower_select_in(const SelectQuery& q, const LowerCtx& outer_ctx) {
  LowerCtx outer = outer_ctx;
  outer.heap_order = false;  // only the FROM items of the query that asked for it
  std::string with = lower_with(q, outer);
  if (q.setop != SetOp::None) {
    std::string numeric = lower_numeric_setop(q, outer, with);
    if (!numeric.empty()) return numeric;
    LowerCtx c = outer;
    auto arm = [&](const SelectQuery& a, bool right) {
      bool simple = a.order_by.empty() && !a.limit && !a.offset && a.ctes.empty() && (a.setop == SetOp::None || !right) &&
                    !numeric_setop(a);
      std::string sql = lower_select_in(a, outer);
      return simple ? sql : "SELECT * FROM (" + sql + ")";
    };
    const char* op = q.setop == SetOp::Union ? (q.setop_all ? " UNION ALL " : " UNION ")
                   : q.setop == SetOp::Intersect ? " INTERSECT " : " EXCEPT ";
    std::string s = with + arm(*q.larg, false) + op + arm(*q.rarg, true);
    if (q.setop_all && q.setop != SetOp::Union) {
      // INTERSECT ALL / EXCEPT ALL: the n-th copy of a row is kept when the other side has an
      // n-th copy too (or not): number the copies and compare with the plain set operation.
      std::string cols;
      for (size_t i = 0; i < q.targets.size(); i++) cols += (i ? ", c" : "c") + std::to_string(i + 1);
      auto numbered = [&](const SelectQuery& a) {
        if (cols.empty())  // zero columns: the copies of the one empty row
          return "SELECT row_number() OVER () AS _pgmicro_n FROM (" + lower_select_in(a, outer) + ")";
        return "SELECT " + cols + ", row_number() OVER (PARTITION BY " + cols + ") AS _pgmicro_n FROM (" +
               lower_select_in(a, outer) + ")";
      };
      s = with + "SELECT " + (cols.empty() ? std::string("NULL") : cols) + " FROM (" + numbered(*q.larg) + op + numbered(*q.rarg) + ")";
    }
    // ORDER BY of a set operation names result columns only: ordinals.
    static const std::vector<RangeTableEntry> none;
    c.scopes.push_back(&none);
    if (order_needs_key(q)) return "SELECT * FROM (" + s + ")" + lower_order_limit(q, c, true);
    return s + lower_order_limit(q, c);
  }
  if (!q.values_rows.empty()) {
    LowerCtx c = outer;
    std::string s = with + "SELECT ";
    for (size_t i = 0; i < q.targets.size(); i++) s += (i ? ", " : "") + q.targets[i].expr->templ + " AS c" + std::to_string(i + 1);
    if (q.values_rows.size() == 1) {
      // SQLite names a one-row VALUES' columns after its expressions, not column1..n.
      s += " FROM (SELECT ";
      for (size_t i = 0; i < q.values_rows[0].size(); i++)
        s += (i ? ", " : "") + lower(*q.values_rows[0][i], c) + " AS column" + std::to_string(i + 1);
      s += ")";
    } else {
      s += " FROM (VALUES ";
      for (size_t r = 0; r < q.values_rows.size(); r++) {
        s += r ? ", (" : "(";
        for (size_t i = 0; i < q.values_rows[r].size(); i++) s += (i ? ", " : "") + lower(*q.values_rows[r][i], c);
        s += ")";
      }
      s += ")";
    }
    static const std::vector<RangeTableEntry> none;
    c.scopes.push_back(&none);
    return s + lower_order_limit(q, c, true);
  }
  LowerCtx c = outer;
  c.grouping_query = nullptr;
  c.grouping_set = nullptr;
  c.scopes.push_back(&q.rtable);
  if (!q.grouping_sets.empty()) {
    // GROUPING SETS: one GROUP BY per set, UNION ALL'd; ORDER BY sorts result columns.
    std::string u;
    for (size_t k = 0; k < q.grouping_sets.size(); k++) {
      LowerCtx b = c;
      b.grouping_query = &q;
      b.grouping_set = &q.grouping_sets[k];
      const auto& set = q.grouping_sets[k];
      std::string s = "SELECT ";
      for (size_t i = 0; i < q.targets.size(); i++)
        s += (i ? ", " : "") + lower(*q.targets[i].expr, b) + " AS c" + std::to_string(i + 1);
      if (q.targets.empty()) s += "NULL";
      // The empty set is one group, even over no rows: an aggregate in the select list makes
      // SQLite see it so.
      if (set.empty()) s += ", count(*) AS gs_count";
      if (!q.from.empty()) {
        s += " FROM ";
        for (size_t i = 0; i < q.from.size(); i++) s += (i ? ", " : "") + lower_from(*q.from[i], q.rtable, c);
      }
      if (q.where) s += " WHERE " + lower(*q.where, c);
      if (!set.empty()) {
        s += " GROUP BY ";
        for (size_t i = 0; i < set.size(); i++)
          s += (i ? ", " : "") + numeric_key(*q.group_by[set[i]], lower(*q.group_by[set[i]], c));
      }
      if (q.having) s += " HAVING " + lower(*q.having, b);
      std::string cols = "*";
      if (set.empty()) {
        cols.clear();
        for (size_t i = 0; i < q.targets.size(); i++) cols += (i ? ", c" : "c") + std::to_string(i + 1);
        if (cols.empty()) cols = "NULL";
      }
      u += (k ? " UNION ALL " : "") + ("SELECT " + cols + " FROM (" + s + ")");
    }
    if (numeric_distinct(q)) return with + "SELECT * FROM (" + u + ")" + distinct_group_by(q) + lower_order_limit(q, c, true);
    std::string s = with + (q.distinct ? "SELECT DISTINCT * FROM (" : "SELECT * FROM (") + u + ")";
    return s + lower_order_limit(q, c, true);
  }
  // SELECT DISTINCT with a numeric output: grouped by the outputs' keys around the query.
  bool nd = q.distinct_on.empty() && numeric_distinct(q);
  if (nd && q.with_ties && (q.limit || q.offset)) unsupported("SELECT DISTINCT of numeric or interval values with FETCH FIRST WITH TIES");
  std::string s = with + (q.distinct && !nd ? "SELECT DISTINCT " : "SELECT ");
  // HAVING without GROUP BY or aggregates: PostgreSQL's single group (even over no rows). An
  // aggregate in the first output column makes SQLite see the query as grouped.
  bool having_only = q.having && q.group_by.empty() && !q.has_aggs;
  for (size_t i = 0; i < q.targets.size(); i++) {
    std::string t = lower(*q.targets[i].expr, c);
    if (i == 0 && having_only) t = "CASE WHEN count(*) >= 0 THEN " + t + " END";
    s += (i ? ", " : "") + t + " AS c" + std::to_string(i + 1);
  }
  if (q.targets.empty()) s += having_only ? "CASE WHEN count(*) >= 0 THEN NULL END" : "NULL";
  // Such a query cannot use the rows: PostgreSQL's plan does not scan FROM (nor run WHERE).
  if (!q.from.empty() && !having_only) {
    s += " FROM ";
    LowerCtx fc = c;
    fc.heap_order = window_heap_order(q);
    for (size_t i = 0; i < q.from.size(); i++) s += (i ? ", " : "") + lower_from(*q.from[i], q.rtable, fc);
  }
  if (q.where && !having_only) s += " WHERE " + lower(*q.where, c);
  if (!q.group_by.empty()) {
    s += " GROUP BY ";
    for (size_t i = 0; i < q.group_by.size(); i++)
      s += (i ? ", " : "") + numeric_key(*q.group_by[i], lower(*q.group_by[i], c));  // jsonb: its collation
  }
  if (q.having) s += " HAVING " + lower(*q.having, c);
  if (!q.distinct_on.empty()) {
    // DISTINCT ON: number the rows of each group in ORDER BY order and keep the first;
    // the sort keys travel as extra columns so the outer query can order by them.
    std::string win = "row_number() OVER (PARTITION BY ";
    for (size_t i = 0; i < q.distinct_on.size(); i++)
      win += (i ? ", " : "") + numeric_key(*q.distinct_on[i], lower(*q.distinct_on[i], c));
    std::string order, outer_order;
    for (size_t i = 0; i < q.order_by.size(); i++) {
      auto& o = q.order_by[i];
      std::string dir = std::string(o.desc ? " DESC" : " ASC") + (o.nulls_first ? " NULLS FIRST" : " NULLS LAST");
      bool key = i + 1 < q.order_by.size();
      std::string on = std::string("o") + std::to_string(i + 1);
      // every key scale-free: of equal values, the first row in scan order is kept (PostgreSQL's)
      order += (i ? ", " : "") + numeric_key(*o.expr, lower(*o.expr, c)) + sort_collation(*o.expr) + dir;
      outer_order += (i ? ", " : "") + (key ? numeric_key(*o.expr, on) : on) + sort_collation(*o.expr) + dir;
    }
    if (!order.empty()) win += " ORDER BY " + order;
    win += ")";
    size_t from_pos = s.find(" FROM ");
    std::string head = s.substr(0, from_pos == std::string::npos ? s.size() : from_pos);
    std::string tail = from_pos == std::string::npos ? "" : s.substr(from_pos);
    std::string extra = ", " + win + " AS rn";
    for (size_t i = 0; i < q.order_by.size(); i++) extra += ", " + lower(*q.order_by[i].expr, c) + " AS o" + std::to_string(i + 1);
    std::string cols;
    for (size_t i = 0; i < q.targets.size(); i++) cols += (i ? ", " : "") + std::string("c") + std::to_string(i + 1);
    std::string out = "SELECT " + cols + " FROM (" + head + extra + tail + ") WHERE rn = 1";
    if (!outer_order.empty()) out += " ORDER BY " + outer_order;
    SelectQuery limits_only;
    if (q.limit || q.offset) {
      out += " LIMIT " + (q.limit ? "coalesce(pg_check_limit(" + lower(*q.limit, c) + ", 0), -1)" : std::string("-1"));
      if (q.offset) out += " OFFSET coalesce(pg_check_limit(" + lower(*q.offset, c) + ", 1), 0)";
    }
    return out;
  }
  if (q.with_ties && (q.limit || q.offset)) {
    // FETCH FIRST n ROWS WITH TIES: rows numbered and ranked in ORDER BY order; a row is kept
    // after OFFSET when its rank (its first peer's position) is within OFFSET + n.
    std::string order;
    for (size_t i = 0; i < q.order_by.size(); i++) {
      auto& o = q.order_by[i];  // rank(): equal numerics of different scales are peers
      order += (i ? ", " : "") + numeric_key(*o.expr, lower(*o.expr, c)) + sort_collation(*o.expr) + (o.desc ? " DESC" : " ASC") +
               (o.nulls_first ? " NULLS FIRST" : " NULLS LAST");
    }
    size_t from_pos = s.find(" FROM ");
    std::string head = s.substr(0, from_pos == std::string::npos ? s.size() : from_pos);
    std::string tail = from_pos == std::string::npos ? "" : s.substr(from_pos);
    std::string extra = ", rank() OVER (ORDER BY " + order + ") AS _pgmicro_rk, row_number() OVER (ORDER BY " + order + ") AS _pgmicro_rn";
    std::string cols;
    for (size_t i = 0; i < q.targets.size(); i++) cols += (i ? ", " : "") + std::string("c") + std::to_string(i + 1);
    if (cols.empty()) cols = "NULL";
    std::string off = q.offset ? "coalesce(pg_check_limit(" + lower(*q.offset, c) + ", 1), 0)" : "0";
    std::string lim = q.limit ? "coalesce(pg_check_limit(" + lower(*q.limit, c) + ", 0), 9223372036854775807)" : "9223372036854775807";
    return "SELECT " + cols + " FROM (" + head + extra + tail + ") WHERE _pgmicro_rn > " + off + " AND _pgmicro_rk - " + off +
           " <= " + lim + " ORDER BY _pgmicro_rn";
  }
  if (nd) {
    std::string cols;
    for (size_t i = 0; i < q.targets.size(); i++) cols += (i ? ", c" : "c") + std::to_string(i + 1);
    return with + "SELECT " + cols + " FROM (" + s.substr(with.size()) + ")" + distinct_group_by(q) + lower_order_limit(q, c, true);
  }
  return s + lower_order_limit(q, c);
}

}  // namespace

// Whether a query calls a volatile function (session/dml_inherit.cpp).
bool query_has_volatile(const SelectQuery& q) { return has_volatile(q); }

std::string lower_select(const SelectQuery& q) { return lower_select_in(q, LowerCtx{}); }

std::string scale_free_key(const Expr& e, const std::string& sql) { return numeric_key(e, sql); }

// The row moves to the table's end (runtime/row_placement_functions.cpp). A column named
// rowid shadows SQLite's name, so the first free alias is used.
std::string lower_move_row_set(const TableDef& t, const std::string& qualifier, bool record) {
  if (t.plain_sqlite) return "";
  for (const char* name : {"rowid", "_rowid_", "oid"})
    if (t.find_column(name) < 0)
      return std::string(", ") + name + " = pg_new_rowid(" + quote_literal(t.sqlite_ref()) + ", " + qualifier + name +
             (record ? ", 1)" : ")");
  return "";
}

std::string lower_with_prefix(const SelectQuery& with) { return lower_with(with, LowerCtx{}); }

std::string lower_insert_conflict(const InsertQuery& q, const std::vector<std::string>& conflict_targets) {
  LowerCtx c;
  c.scopes.push_back(&q.rtable);
  std::vector<std::string> targets = conflict_targets;
  if (targets.empty()) targets.push_back("");
  std::string action;
  if (!q.conflict_do_update) {
    action = " DO NOTHING";
  } else {
    action = " DO UPDATE SET ";
    for (size_t i = 0; i < q.conflict_sets.size(); i++)
      action += (i ? ", " : "") + quote_ident(q.table->columns[q.conflict_sets[i].first].name) + " = " +
                lower(*q.conflict_sets[i].second, c);
    if (!q.table->plain_sqlite && !q.conflict_sets.empty()) action += lower_move_row_set(*q.table, "");
    if (q.conflict_where) action += " WHERE " + lower(*q.conflict_where, c);
  }
  std::string s;
  for (auto& target : targets) s += " ON CONFLICT" + (target.empty() ? "" : " " + target) + action;
  return s;
}

std::string lower_insert_returning(const InsertQuery& q) {
  LowerCtx c;
  c.scopes.push_back(&q.rtable);
  return lower_returning(q.returning, c);
}

// ON CONFLICT over a unique key with a numeric column: SQLite's upsert sees a conflict only
// between identical stored forms, so a proposed numeric equal to an existing row's key value
// (1.50 against 1.5) is replaced by that row's stored form; the row is then arbitrated as
// PostgreSQL does (DO NOTHING skips it, DO UPDATE updates the existing row). excluded.<that
// column> in DO UPDATE would read the replaced form: 0A000.
std::string numeric_conflict_rows(const InsertQuery& q, const std::string& insert) {
  const TableDef& t = *q.table;
  auto numeric_col = [&](int c) {
    int32_t typmod = c >= 0 && c < (int)t.columns.size() ? t.columns[c].typmod : -1;
    return c >= 0 && c < (int)t.columns.size() && domain_base_type(t.columns[c].type, &typmod) == oid::kNumeric && typmod < 0;
  };
  auto interval_col = [&](int c) {  // '30 days' against a stored '1 mon': the same 23-digit span
    return c >= 0 && c < (int)t.columns.size() && domain_base_type(t.columns[c].type) == oid::kInterval;
  };
  std::vector<std::vector<int>> keys;
  for (auto& c : t.constraints)
    if (c.type == 'p' || c.type == 'u') keys.push_back(c.columns);
  for (auto& ix : t.indexes)
    if (ix.unique && ix.plain_keys()) keys.push_back(ix.columns);
  std::vector<const std::vector<int>*> key_of(t.columns.size(), nullptr);
  bool any = false;
  for (auto& k : keys)
    for (int c : k)
      if ((numeric_col(c) || interval_col(c)) && !key_of[c]) key_of[c] = &k, any = true;
  if (!any) return insert;
  if (!q.generated.empty()) unsupported("ON CONFLICT on a numeric or interval key of a table with generated columns");
  std::string src = q.select ? "c" : "column";
  size_t from = insert.find(") SELECT * FROM (");
  if (from == std::string::npos) unsupported("ON CONFLICT on a numeric or interval key here");
  std::string cols;
  for (size_t i = 0; i < t.columns.size(); i++) {
    std::string own = "_pgmicro_r." + src + std::to_string(i + 1);
    if (!key_of[i]) {
      cols += (i ? ", " : "") + own + " AS " + src + std::to_string(i + 1);
      continue;
    }
    std::string match;
    for (int c : *key_of[i]) {
      std::string e = "_pgmicro_e." + quote_ident(t.columns[c].name), r = "_pgmicro_r." + src + std::to_string(c + 1);
      match += (match.empty() ? "" : " AND ") +
               (numeric_col(c)    ? e + " >= pg_numeric_key(" + r + ") AND " + e + " < pg_numeric_key_hi(" + r + ")"
                : interval_col(c) ? e + " >= substr(" + r + ", 1, 23) || char(31) AND " + e + " < substr(" + r + ", 1, 23) || '!'"
                                  : e + " = " + r);
    }
    cols += (i ? ", " : "") + ("coalesce((SELECT _pgmicro_e." + quote_ident(t.columns[i].name) + " FROM " + t.sqlite_ref() +
                               " AS _pgmicro_e WHERE " + match + " LIMIT 1), " + own + ") AS " + src + std::to_string(i + 1));
  }
  if (q.conflict_do_update) {
    std::vector<ExprPtr> reads;
    for (auto& set : q.conflict_sets) reads.push_back(set.second);
    if (q.conflict_where) reads.push_back(q.conflict_where);
    std::function<void(const Expr&)> check = [&](const Expr& e) {
      if (e.kind == ExprKind::Var && e.levelsup == 0 && e.rte < (int)q.rtable.size() && q.rtable[e.rte].sql_alias == "excluded" &&
          e.attno >= 0 && e.attno < (int)t.columns.size() && key_of[e.attno])
        unsupported("ON CONFLICT DO UPDATE reading excluded." + t.columns[e.attno].name + " of a numeric or interval unique key");
      for (auto& a : e.args)
        if (a) check(*a);
    };
    for (auto& r : reads)
      if (r) check(*r);
  }
  return insert.substr(0, from + 2) + "SELECT " + cols + " FROM (" + insert.substr(from + 2) + ") AS _pgmicro_r";
}

std::string lower_insert(const InsertQuery& q) {
  if (q.table->columns.empty()) {
    // A table without columns (ddl.cpp keeps one hidden column): as many empty rows as given.
    if (q.has_on_conflict || !q.returning.empty()) unsupported("this INSERT into a table without columns");
    std::string s = (q.with ? lower_with(*q.with, LowerCtx{}) : "") + "INSERT INTO " + q.table->sqlite_ref() +
                    " (_pgmicro_nocols) SELECT NULL FROM (";
    if (q.select) return s + lower_select_in(*q.select, LowerCtx{}) + ")";
    s += "VALUES ";
    for (size_t r = 0; r < q.rows.size(); r++) s += r ? ", (NULL)" : "(NULL)";
    return s + ")";
  }
  LowerCtx c;
  c.scopes.push_back(&q.rtable);
  // A target named "excluded" gets an alias, so that excluded.x means the proposed row.
  std::string s = (q.with ? lower_with(*q.with, LowerCtx{}) : "") + "INSERT INTO " + q.table->sqlite_ref() +
                  (q.conflict_do_update && q.table->name == "excluded" ? " AS _pgmicro_target" : "") + " (";
  for (size_t i = 0; i < q.table->columns.size(); i++) s += (i ? ", " : "") + quote_ident(q.table->columns[i].name);
  s += ") ";
  if (!q.generated.empty()) {
    // Generated columns are computed over the row's other values, each evaluated once:
    // SELECT g0.c1, ..., <expression over g0.c1...> FROM (<the rows>) AS g0.
    std::vector<RangeTableEntry> rows(1);
    rows[0].sql_alias = "g0";
    LowerCtx gc;
    gc.scopes.push_back(&rows);
    s += "SELECT ";
    for (size_t i = 0; i < q.table->columns.size(); i++)
      s += (i ? ", " : "") + (q.generated[i] ? lower(*q.generated[i], gc) : "g0.c" + std::to_string(i + 1));
    s += " FROM (";
    if (q.select) {
      s += lower_select_in(*q.select, LowerCtx{});
    } else {
      s += "SELECT ";
      for (size_t i = 0; i < q.table->columns.size(); i++)
        s += (i ? ", " : "") + std::string("column") + std::to_string(i + 1) + " AS c" + std::to_string(i + 1);
      s += " FROM (VALUES ";
      for (size_t r = 0; r < q.rows.size(); r++) {
        s += r ? ", (" : "(";
        for (size_t i = 0; i < q.rows[r].size(); i++) s += (i ? ", " : "") + lower(*q.rows[r][i], c);
        s += ")";
      }
      s += ")";
    }
    s += ") AS g0";
  } else if (q.select) {
    std::string sel = lower_select_in(*q.select, LowerCtx{});
    s += q.has_on_conflict ? "SELECT * FROM (" + sel + ")" : sel;
  } else {
    // Rows come through a VALUES subquery: SQLite then evaluates each expression once even
    // when BEFORE triggers exist (a direct VALUES list re-evaluates the rowid expression).
    s += "SELECT * FROM (VALUES ";
    for (size_t r = 0; r < q.rows.size(); r++) {
      s += r ? ", (" : "(";
      for (size_t i = 0; i < q.rows[r].size(); i++) s += (i ? ", " : "") + lower(*q.rows[r][i], c);
      s += ")";
    }
    s += ")";
  }
  if (q.has_on_conflict) s = numeric_conflict_rows(q, s);
  // SQLite needs a WHERE before ON CONFLICT when the rows come from a SELECT. DO UPDATE:
  // a row proposed twice for one arbiter's key is PostgreSQL's 21000 (pg_upsert_check).
  std::string where;
  for (size_t k = 0; k < q.conflict_key_sets.size(); k++) {
    std::string call = "pg_upsert_check(" + std::to_string(k);
    for (int col : q.conflict_key_sets[k])
      call += std::string(", ") + (!q.generated.empty() ? "g0.c" : q.select ? "c" : "column") + std::to_string(col + 1);
    if (!q.generated.empty())
      for (int col : q.conflict_key_sets[k])
        if (q.generated[col]) call.clear();
    if (!call.empty()) where += (where.empty() ? "" : " AND ") + call + ")";
  }
  if (q.has_on_conflict || !where.empty()) s += " WHERE " + (where.empty() ? std::string("true") : where);
  if (q.has_on_conflict) s += lower_insert_conflict(q, q.conflict_targets);
  return s + lower_returning(q.returning, c);
}

// RETURNING of UPDATE ... FROM / DELETE ... USING names target columns bare: SQLite's
// RETURNING sees only the modified table.
static std::string lower_returning_bare(const std::vector<TargetEntry>& ret, const std::vector<RangeTableEntry>& rtable) {
  std::vector<RangeTableEntry> bare = rtable;
  bare[0].dml_target = true;
  LowerCtx c;
  c.scopes.push_back(&bare);
  return lower_returning(ret, c);
}

std::string lower_returning_source(const TableDef& t, const std::vector<std::unique_ptr<FromNode>>& from,
                                   const std::vector<RangeTableEntry>& rtable, const ExprPtr& where,
                                   const std::vector<ExprPtr>& exprs) {
  LowerCtx c;
  c.scopes.push_back(&rtable);
  std::string s = "SELECT u0.rowid";
  for (auto& e : exprs) s += ", " + lower(*e, c);
  s += " FROM " + t.sqlite_ref() + " AS u0";
  for (auto& f : from) s += ", " + lower_from(*f, rtable, c);
  if (where) s += " WHERE " + lower(*where, c);
  return s + " GROUP BY u0.rowid";
}

std::string lower_update(const UpdateQuery& q) {
  LowerCtx c;
  c.scopes.push_back(&q.rtable);
  std::string s = (q.with ? lower_with(*q.with, LowerCtx{}) : "") + "UPDATE " + q.table->sqlite_ref() + (q.from.empty() ? "" : " AS u0") + " SET ";
  for (size_t i = 0; i < q.sets.size(); i++)
    s += (i ? ", " : "") + quote_ident(q.table->columns[q.sets[i].first].name) + " = " + lower(*q.sets[i].second, c);
  if (q.move_rows) s += lower_move_row_set(*q.table, q.from.empty() ? "" : "u0.", q.record_moves);
  if (!q.from.empty()) {
    s += " FROM ";
    for (size_t i = 0; i < q.from.size(); i++) s += (i ? ", " : "") + lower_from(*q.from[i], q.rtable, c);
  }
  if (q.where) s += " WHERE " + lower(*q.where, c);
  return s + (q.from.empty() ? lower_returning(q.returning, c) : lower_returning_bare(q.returning, q.rtable));
}

std::string lower_delete(const DeleteQuery& q) {
  LowerCtx c;
  c.scopes.push_back(&q.rtable);
  std::string s = (q.with ? lower_with(*q.with, LowerCtx{}) : "") + "DELETE FROM " + q.table->sqlite_ref();
  if (!q.using_.empty()) {
    s += " WHERE rowid IN (SELECT u0.rowid FROM " + q.table->sqlite_ref() + " AS u0";
    for (auto& f : q.using_) s += ", " + lower_from(*f, q.rtable, c);
    if (q.where) s += " WHERE " + lower(*q.where, c);
    return s + ")" + lower_returning_bare(q.returning, q.rtable);
  }
  if (q.where) s += " WHERE " + lower(*q.where, c);
  return s + lower_returning(q.returning, c);
}

std::string lower_expr_in(const Expr& e, const std::vector<RangeTableEntry>& rtable) {
  LowerCtx c;
  c.scopes.push_back(&rtable);
  return lower(e, c);
}

std::string lower_standalone_expr(const Expr& e) {
  LowerCtx c;
  return lower(e, c);
}

}  // namespace pgmicro
