// pg_get_viewdef: an analysed view query printed as PostgreSQL 15's ruleutils.c prints a view's
// rule (get_query_def with PRETTYFLAG_INDENT, plus PRETTYFLAG_PAREN for the pretty variants,
// wrap column 0): " SELECT t.a,\n    t.b\n   FROM t\n  WHERE …;". Column references are always
// qualified (a view's range table holds OLD and NEW, so ruleutils' varprefix is on), constants
// carry their ::type labels, and expressions get ruleutils' parentheses. Covers the shapes the
// analyser keeps (tables, views, functions and subqueries in FROM, joins, WHERE, GROUP BY,
// HAVING, window functions, ORDER BY, LIMIT/OFFSET); anything else is refused with 0A000.
#include <functional>
#include "analyze/sequence_relation.h"
#include "analyze/analyzer.h"
#include "analyze/collation.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"
#include "types/type_io.h"
#include "types/types.h"

namespace pgmicro {

namespace {

constexpr int kIndentStd = 8, kIndentJoin = 4, kIndentVar = 4;

struct Deparser {
  bool paren;          // PRETTYFLAG_PAREN
  int indent = 0;      // context->indentLevel
  std::string buf;
  std::vector<const SelectQuery*> scopes;  // innermost last
  const std::vector<TargetEntry>* result_names = nullptr;  // a set operation's result columns (every arm is named by them)

  void remove_trailing_spaces() { while (!buf.empty() && buf.back() == ' ') buf.pop_back(); }
  void keyword(const std::string& s, int before, int after, int plus) {
    indent += before;
    remove_trailing_spaces();
    buf += '\n';
    buf.append(std::max(indent, 0) + plus, ' ');
    buf += s;
    indent += after;
    if (indent < 0) indent = 0;
  }

  static std::string ident(const std::string& s) { return pg_quote_identifier(s); }

  // The name a range-table entry is printed with, and its column names.
  const RangeTableEntry* rte_of(const Expr& v) const {
    if (v.levelsup >= (int)scopes.size()) return nullptr;
    const SelectQuery* q = scopes[scopes.size() - 1 - v.levelsup];
    if (v.rte < 0 || v.rte >= (int)q->rtable.size()) return nullptr;
    return &q->rtable[v.rte];
  }

  std::string var(const Expr& v, std::string* attname = nullptr) {
    const RangeTableEntry* r = rte_of(v);
    if (!r) unsupported("pg_get_viewdef of this column reference");
    std::string col = v.attno >= 0 && v.attno < (int)r->column_names.size() ? r->column_names[v.attno] : v.name;
    std::string alias = r->alias;
    if (!alias.empty() && alias[0] == '\x01') {
      // A table inside an aliased JOIN: referred to through the join's alias.
      const SelectQuery* q = scopes[scopes.size() - 1 - v.levelsup];
      for (auto& j : q->rtable) {
        if (!j.is_join || j.alias.empty() || j.alias[0] == '\x01') continue;
        for (size_t a = 0; a < j.column_exprs.size(); a++) {
          const Expr& c = *j.column_exprs[a];
          if (c.kind == ExprKind::Var && c.rte == v.rte && c.attno == v.attno) {
            if (attname) *attname = j.column_names[a];
            return ident(j.alias) + "." + ident(j.column_names[a]);
          }
        }
      }
      alias = alias.substr(1);
    }
    if (attname) *attname = col;
    return ident(alias) + "." + ident(col);
  }

  // A FULL JOIN's merged USING column prints as its bare name.
  bool merged_column(const Expr& e, std::string& name) {
    if (scopes.empty()) return false;
    const SelectQuery* q = scopes.back();
    for (auto& r : q->rtable) {
      if (!r.is_join) continue;
      for (size_t a = 0; a < r.column_exprs.size(); a++)
        if (r.column_exprs[a].get() == &e || expr_equal(*r.column_exprs[a], e)) {
          name = r.column_names[a];
          return true;
        }
    }
    return false;
  }

  std::string constant(const Expr& e, int showtype) {
    if (e.value.is_null()) return showtype < 0 ? "NULL" : "NULL::" + format_type_name(e.type, e.typmod);
    std::string v = type_output(e.type, e.value);
    std::string out;
    bool needlabel = false, isfloat = false;
    if (e.type == oid::kInt4) {
      if (v[0] != '-') out = v;
      else { out = "'" + v + "'"; needlabel = true; }
    } else if (e.type == oid::kNumeric) {
      if (isdigit((unsigned char)v[0]) && v.find_first_not_of("0123456789+-eE.") == std::string::npos) {
        out = v;
        isfloat = v.find_first_of("eE.") != std::string::npos;
      } else {
        out = "'" + v + "'";
      }
    } else if (e.type == oid::kBool) {
      out = v == "t" ? "true" : "false";
    } else {
      out = quote_literal(v);
    }
    if (showtype < 0) return out;
    if (e.type == oid::kBool || e.type == oid::kUnknown) needlabel = false;
    else if (e.type == oid::kNumeric) needlabel = !isfloat || e.typmod >= 0;
    else if (e.type != oid::kInt4) needlabel = true;
    if (needlabel || showtype > 0) out += "::" + format_type_name(e.type, e.typmod);
    return out;
  }

  enum class Node_ { Var, Const, Op, Bool, Func, Cast, Other };
  static bool is_cast(const Expr& e) {
    return e.kind == ExprKind::Call && e.args.size() == 1 && (e.name == "typmod" || find_type_by_name(e.name));
  }
  static bool is_op(const Expr& e) {
    return e.kind == ExprKind::Call && (e.args.size() == 1 || e.args.size() == 2) && !e.name.empty() &&
           !isalpha((unsigned char)e.name[0]) && e.name[0] != '_';
  }

  // ruleutils' isSimpleNode.
  bool simple(const Expr& n, const Expr& parent) {
    switch (n.kind) {
      case ExprKind::Var: case ExprKind::Const: case ExprKind::Param: case ExprKind::Agg: case ExprKind::Window:
      case ExprKind::Case: case ExprKind::Coalesce: case ExprKind::Grouping:
        return true;
      case ExprKind::Call:
        if (n.name == "COLLATE") return false;
        if (!is_op(n)) return true;
        if (paren && is_op(parent) && n.args.size() == 2 && parent.args.size() == 2) {
          auto lo = [](const std::string& o) { return o == "+" || o == "-"; };
          auto hi = [](const std::string& o) { return o == "*" || o == "/" || o == "%"; };
          if (!(lo(n.name) || hi(n.name)) || !(lo(parent.name) || hi(parent.name))) return false;
          if (hi(n.name) && lo(parent.name)) return true;
          if (lo(n.name) && hi(parent.name)) return false;
          return parent.args[0].get() == &n;
        }
        [[fallthrough]];
      case ExprKind::SubLink: case ExprKind::NullTest:
        if (parent.kind == ExprKind::Call && !is_op(parent)) return !is_cast(parent);
        return parent.kind == ExprKind::And || parent.kind == ExprKind::Or || parent.kind == ExprKind::Not ||
               parent.kind == ExprKind::Coalesce || parent.kind == ExprKind::Agg || parent.kind == ExprKind::Window ||
               parent.kind == ExprKind::Case;
      case ExprKind::And: case ExprKind::Or: case ExprKind::Not:
        if (parent.kind == ExprKind::And || parent.kind == ExprKind::Or || parent.kind == ExprKind::Not) {
          if (!paren) return false;
          if (n.kind != ExprKind::Or) return parent.kind == ExprKind::And || parent.kind == ExprKind::Or;
          return parent.kind == ExprKind::Or;
        }
        if (parent.kind == ExprKind::Call && !is_op(parent)) return !is_cast(parent);
        return parent.kind == ExprKind::Coalesce || parent.kind == ExprKind::Agg || parent.kind == ExprKind::Window ||
               parent.kind == ExprKind::Case;
      default:
        return false;
    }
  }

  std::string expr_paren(const Expr& e, const Expr& parent, bool showimplicit) {
    bool need = paren && !simple(e, parent);
    std::string s = expr(e, showimplicit);
    return need ? "(" + s + ")" : s;
  }

  std::string args_list(const Expr& e, size_t from = 0) {
    std::string s;
    for (size_t i = from; i < e.args.size(); i++) s += (i > from ? ", " : "") + expr(*e.args[i], true);
    return s;
  }

  std::string window_spec(const WindowSpec& w) {
    std::string s = "(";
    bool space = false;
    if (!w.partition.empty()) {
      s += "PARTITION BY ";
      for (size_t i = 0; i < w.partition.size(); i++) s += (i ? ", " : "") + expr(*w.partition[i], false);
      space = true;
    }
    if (!w.order.empty()) {
      s += std::string(space ? " " : "") + "ORDER BY " + order_list(w.order);
      space = true;
    }
    int f = w.frame_options;
    if (f & FRAMEOPTION_NONDEFAULT) {
      if (space) s += " ";
      s += f & FRAMEOPTION_RANGE ? "RANGE " : f & FRAMEOPTION_ROWS ? "ROWS " : "GROUPS ";
      if (f & FRAMEOPTION_BETWEEN) s += "BETWEEN ";
      auto offset = [&](const ExprPtr& o) {
        const Expr* x = o.get();
        while (x && is_cast(*x) && x->args[0]->kind == ExprKind::Const) x = x->args[0].get();  // implicit cast hidden
        // An integer offset was coerced to bigint by an implicit cast ruleutils does not show.
        if (x && x->kind == ExprKind::Const && x->type == oid::kInt8 && !x->value.is_null() && x->value.i >= 0)
          return std::to_string(x->value.i);
        return x ? expr(*x, false) : std::string("NULL");
      };
      if (f & FRAMEOPTION_START_UNBOUNDED_PRECEDING) s += "UNBOUNDED PRECEDING ";
      else if (f & FRAMEOPTION_START_CURRENT_ROW) s += "CURRENT ROW ";
      else if (f & FRAMEOPTION_START_OFFSET) s += offset(w.start_offset) + (f & FRAMEOPTION_START_OFFSET_PRECEDING ? " PRECEDING " : " FOLLOWING ");
      if (f & FRAMEOPTION_BETWEEN) {
        s += "AND ";
        if (f & FRAMEOPTION_END_UNBOUNDED_FOLLOWING) s += "UNBOUNDED FOLLOWING ";
        else if (f & FRAMEOPTION_END_CURRENT_ROW) s += "CURRENT ROW ";
        else if (f & FRAMEOPTION_END_OFFSET) s += offset(w.end_offset) + (f & FRAMEOPTION_END_OFFSET_PRECEDING ? " PRECEDING " : " FOLLOWING ");
      }
      if (f & FRAMEOPTION_EXCLUDE_CURRENT_ROW) s += "EXCLUDE CURRENT ROW ";
      else if (f & FRAMEOPTION_EXCLUDE_GROUP) s += "EXCLUDE GROUP ";
      else if (f & FRAMEOPTION_EXCLUDE_TIES) s += "EXCLUDE TIES ";
      s.pop_back();
    }
    return s + ")";
  }

  std::string order_list(const std::vector<SortClause>& order) {
    std::string s;
    for (size_t i = 0; i < order.size(); i++) {
      auto& o = order[i];
      s += (i ? ", " : "") + (o.expr->kind == ExprKind::Const ? constant(*o.expr, 1) : expr(*o.expr, false));
      if (o.desc) s += " DESC";
      if (!o.desc && o.nulls_first) s += " NULLS FIRST";
      if (o.desc && !o.nulls_first) s += " NULLS LAST";
    }
    return s;
  }

  std::string expr(const Expr& e, bool showimplicit) {
    (void)showimplicit;
    std::string merged;
    switch (e.kind) {
      case ExprKind::Var: return var(e);
      case ExprKind::Const: return constant(e, 0);
      case ExprKind::Param: return "$" + std::to_string(e.param_no);
      case ExprKind::And: case ExprKind::Or: {
        std::string s = paren ? "" : "(";
        for (size_t i = 0; i < e.args.size(); i++)
          s += (i ? (e.kind == ExprKind::And ? " AND " : " OR ") : "") + expr_paren(*e.args[i], e, false);
        return s + (paren ? "" : ")");
      }
      case ExprKind::Not:
        return std::string(paren ? "" : "(") + "NOT " + expr_paren(*e.args[0], e, false) + (paren ? "" : ")");
      case ExprKind::NullTest:
        return std::string(paren ? "" : "(") + expr_paren(*e.args[0], e, true) + (e.negated ? " IS NOT NULL" : " IS NULL") + (paren ? "" : ")");
      case ExprKind::Coalesce:
        if (merged_column(e, merged)) return ident(merged);
        return "COALESCE(" + args_list(e) + ")";
      case ExprKind::Case: {
        // a whole row of an outer join's nullable side (analyze_row.cpp: whole_row_value)
        if (e.args.size() == 3 && e.args[0]->kind == ExprKind::NullTest && e.args[0]->args[0]->kind == ExprKind::Var &&
            e.args[0]->args[0]->attno == RangeTableEntry::kPresenceAttno)
          return expr(*e.args.back(), showimplicit);
        std::string s = "CASE";
        size_t n = e.args.size() - (e.has_else ? 1 : 0);
        for (size_t i = 0; i + 2 <= n; i += 2)
          s += " WHEN " + expr(*e.args[i], false) + " THEN " + expr(*e.args[i + 1], true);
        if (e.has_else) s += " ELSE " + expr(*e.args.back(), true);
        return s + " END";
      }
      case ExprKind::Agg: {
        std::string s = e.name + "(";
        if (e.star) return s + "*)";
        if (e.distinct) s += "DISTINCT ";
        return s + args_list(e) + ")";
      }
      case ExprKind::Window: {
        std::string s = e.name + "(" + (e.star ? std::string("*") : args_list(e)) + ") OVER ";
        return s + (e.window ? window_spec(*e.window) : std::string("()"));
      }
      case ExprKind::Call: {
        if (e.name == "wholerow" && !e.args.empty() && e.args[0]->kind == ExprKind::Var) {
          // a FROM item's whole row: alias.*
          const RangeTableEntry* r = rte_of(*e.args[0]);
          bool whole = r && e.args.size() == r->column_names.size();  // not a join alias's columns
          for (size_t i = 0; whole && i < e.args.size(); i++)
            whole = e.args[i]->kind == ExprKind::Var && e.args[i]->rte == e.args[0]->rte &&
                    e.args[i]->levelsup == e.args[0]->levelsup && e.args[i]->attno == (int)i;
          std::string col = whole ? ident(r->column_names[0]) : "";
          std::string v = var(*e.args[0]);
          if (!col.empty() && v.size() > col.size()) return v.substr(0, v.size() - col.size()) + "*";
        }
        if (e.name == "COLLATE" && e.args.size() == 1)
          return std::string(paren ? "" : "(") + expr_paren(*e.args[0], e, showimplicit) + " COLLATE " +
                 pg_quote_identifier(collation_name(e.collation)) + (paren ? "" : ")");
        if (is_cast(e)) {
          const Expr& a = *e.args[0];
          std::string s;
          if (a.kind == ExprKind::Const && a.type == e.type && a.typmod == -1) s = constant(a, -1);
          else s = paren ? expr_paren(a, e, false) : "(" + expr_paren(a, e, false) + ")";
          return s + "::" + format_type_name(e.type, e.typmod);
        }
        if ((e.name == "in" || e.name == "not in") && !e.args.empty()) {
          std::string s = std::string(paren ? "" : "(") + expr_paren(*e.args[0], e, true) + (e.name == "in" ? " = ANY (ARRAY[" : " <> ALL (ARRAY[");
          for (size_t i = 1; i < e.args.size(); i++) s += (i > 1 ? ", " : "") + expr(*e.args[i], true);
          return s + "])" + (paren ? "" : ")");
        }
        if (is_op(e)) {
          if (e.args.size() == 2)
            return std::string(paren ? "" : "(") + expr_paren(*e.args[0], e, true) + " " + e.name + " " + expr_paren(*e.args[1], e, true) +
                   (paren ? "" : ")");
          return std::string(paren ? "" : "(") + e.name + " " + expr_paren(*e.args[0], e, true) + (paren ? "" : ")");
        }
        if (e.name == "array" || e.name == "subscript" || e.name == "any" || e.name == "all")
          unsupported("pg_get_viewdef of " + e.name + " expressions");
        for (char c : e.name)
          if (!(isalnum((unsigned char)c) || c == '_')) unsupported("pg_get_viewdef of this expression");
        return e.name + "(" + args_list(e) + ")";
      }
      default:
        unsupported("pg_get_viewdef of this expression");
    }
  }

  void from_item(const FromNode& n, const SelectQuery& q) {
    if (n.kind == JoinKind::Base) {
      const RangeTableEntry& r = q.rtable[n.rte];
      std::string alias = r.alias;
      if (!alias.empty() && alias[0] == '\x01') alias = alias.substr(1);
      bool printalias = false;
      if (r.table) {
        buf += (r.inh_tables.empty() && !r.table->children.empty() ? "ONLY " : "") + ident(r.table->name);
        printalias = alias != r.table->name;
      } else if (r.view) {
        buf += ident(r.view->name);
        printalias = alias != r.view->name;
      } else if (const std::string* seq = r.subquery ? sequence_relation_name(*r.subquery) : nullptr) {
        buf += ident(*seq);  // a sequence (analyze/sequence_relation.cpp)
        printalias = alias != *seq;
      } else if (r.function) {
        buf += expr(*r.function, true);
        printalias = true;
      } else if (r.subquery) {
        buf += "(";
        Deparser sub{paren};
        sub.indent = indent;
        sub.scopes = scopes;
        sub.query(*r.subquery);
        buf += sub.buf + ")";
        printalias = true;
      } else if (r.cte) {
        buf += ident(r.cte->name);
        printalias = alias != r.cte->name;
      } else {
        unsupported("pg_get_viewdef of this FROM item");
      }
      if (printalias) buf += " " + ident(alias);
      if (r.function) {
        buf += "(";
        for (size_t i = 0; i < r.column_names.size(); i++) buf += (i ? ", " : "") + ident(r.column_names[i]);
        buf += ")";
      }
      return;
    }
    if (!paren || n.alias_rte >= 0) buf += "(";
    from_item(*n.left, q);
    const char* kw = n.kind == JoinKind::Left ? " LEFT JOIN " : n.kind == JoinKind::Right ? " RIGHT JOIN " : n.kind == JoinKind::Full ? " FULL JOIN "
                     : n.kind == JoinKind::Cross || (!n.quals && n.using_rte < 0) ? " CROSS JOIN " : " JOIN ";
    keyword(kw, -kIndentStd, kIndentStd, kIndentJoin);
    bool paren_right = paren && n.right->kind != JoinKind::Base && n.right->alias_rte < 0;
    if (paren_right) buf += "(";
    from_item(*n.right, q);
    if (paren_right) buf += ")";
    if (n.using_rte >= 0) {
      const RangeTableEntry& u = q.rtable[n.using_rte];
      buf += " USING (";
      for (size_t i = 0; i < u.column_names.size(); i++) buf += (i ? ", " : "") + ident(u.column_names[i]);
      buf += ")";
      if (n.using_alias_rte >= 0) {
        std::string ua = q.rtable[n.using_alias_rte].alias;  // hidden by an enclosing join's alias: \x01 marker
        buf += " AS " + ident(!ua.empty() && ua[0] == '\x01' ? ua.substr(1) : ua);
      }
    } else if (n.quals) {
      buf += " ON ";
      buf += paren ? expr(*n.quals, false) : "(" + expr(*n.quals, false) + ")";
    }
    if (!paren || n.alias_rte >= 0) buf += ")";
    if (n.alias_rte >= 0) {
      const RangeTableEntry& a = q.rtable[n.alias_rte];
      buf += " " + ident(a.alias);
      bool renamed = false;
      for (size_t i = 0; i < a.column_exprs.size(); i++) {
        const Expr& c = *a.column_exprs[i];
        std::string inner = c.kind == ExprKind::Var && c.rte >= 0 && c.rte < (int)q.rtable.size() && c.attno < (int)q.rtable[c.rte].column_names.size()
                                ? q.rtable[c.rte].column_names[c.attno] : a.column_names[i];
        renamed |= inner != a.column_names[i];
      }
      if (renamed) {
        buf += "(";
        for (size_t i = 0; i < a.column_names.size(); i++) buf += (i ? ", " : "") + ident(a.column_names[i]);
        buf += ")";
      }
    }
  }

  void setop_arm(const SelectQuery& q, const SelectQuery* parent) {
    if (q.setop == SetOp::None) {
      bool need = !q.order_by.empty() || q.limit || q.offset || !q.ctes.empty();
      if (need) buf += "(";
      Deparser arm{paren};
      arm.indent = indent;
      arm.scopes = scopes;
      arm.result_names = result_names;
      arm.buf.swap(buf);
      arm.query(q);
      buf.swap(arm.buf);
      if (need) buf += ")";
      return;
    }
    (void)parent;
    bool lparen = q.larg->setop != SetOp::None && !(q.larg->setop == q.setop && q.larg->setop_all == q.setop_all);
    int sub = 0;
    if (lparen) { buf += "("; sub = kIndentStd; keyword("", sub, 0, 0); }
    setop_arm(*q.larg, &q);
    if (lparen) keyword(") ", -sub, 0, 0);
    else keyword("", 0, 0, 0);
    buf += q.setop == SetOp::Union ? "UNION " : q.setop == SetOp::Intersect ? "INTERSECT " : "EXCEPT ";
    if (q.setop_all) buf += "ALL ";
    bool rparen = q.rarg->setop != SetOp::None;
    sub = 0;
    if (rparen) { buf += "("; sub = kIndentStd; }
    keyword("", sub, 0, 0);
    setop_arm(*q.rarg, &q);
    indent -= sub;
    if (rparen) keyword(")", 0, 0, 0);
  }

  // ruleutils' get_with_clause.
  void with_clause(const SelectQuery& q) {
    indent += kIndentStd;
    buf += ' ';
    std::string sep = q.recursive_with ? "WITH RECURSIVE " : "WITH ";
    for (auto& c : q.ctes) {
      if (!c->query) unsupported("pg_get_viewdef of data-modifying statements in WITH");
      if (c->search_cycle) unsupported("pg_get_viewdef of SEARCH/CYCLE in WITH");
      buf += sep + ident(c->name);
      if (c->alias_columns) {
        buf += "(";
        for (size_t i = 0; i < c->column_names.size(); i++) buf += (i ? ", " : "") + ident(c->column_names[i]);
        buf += ")";
      }
      buf += " AS ";
      if (c->materialize == 1) buf += "MATERIALIZED ";
      else if (c->materialize == 2) buf += "NOT MATERIALIZED ";
      buf += "(";
      keyword("", 0, 0, 0);
      Deparser sub{paren};
      sub.indent = indent;
      sub.scopes = scopes;
      sub.buf.swap(buf);
      sub.query(*c->query);
      buf.swap(sub.buf);
      keyword("", 0, 0, 0);
      buf += ")";
      sep = ", ";
    }
    indent -= kIndentStd;
    keyword("", 0, 0, 0);
  }

  void query(const SelectQuery& q) {
    if (!q.ctes.empty()) with_clause(q);
    if (q.setop != SetOp::None) {
      if (!result_names) result_names = &q.targets;
      setop_arm(q, nullptr);
      if (!q.order_by.empty()) {
        indent += kIndentStd;
        keyword(" ORDER BY ", -kIndentStd, kIndentStd, 1);
        std::string s;
        for (size_t i = 0; i < q.order_by.size(); i++) {
          auto& o = q.order_by[i];
          // A set operation's ORDER BY names result columns.
          const Expr& e = *o.expr;
          std::string item = e.kind == ExprKind::Raw ? e.name : "";
          if (item.empty()) unsupported("pg_get_viewdef of this ORDER BY");
          s += (i ? ", " : "") + ident(item) + (o.desc ? " DESC" : "") + (!o.desc && o.nulls_first ? " NULLS FIRST" : "") +
               (o.desc && !o.nulls_first ? " NULLS LAST" : "");
        }
        buf += s;
        indent -= kIndentStd;
      }
      if (q.limit || q.offset) unsupported("pg_get_viewdef of LIMIT on set operations");
      return;
    }
    if (!q.values_rows.empty() || !q.grouping_sets.empty() || !q.distinct_on.empty() || q.with_ties)
      unsupported("pg_get_viewdef of views with VALUES, grouping sets, DISTINCT ON or WITH TIES");
    scopes.push_back(&q);
    indent += kIndentStd;
    buf += " SELECT";
    if (q.distinct) buf += " DISTINCT";
    std::string sep = " ";
    bool last_multiline = false;
    for (size_t i = 0; i < q.targets.size(); i++) {
      buf += sep;
      sep = ", ";
      auto& t = q.targets[i];
      std::string attname, item;
      std::string merged;
      bool is_var = t.expr->kind == ExprKind::Var || (t.expr->kind == ExprKind::Coalesce && merged_column(*t.expr, merged));
      if (t.expr->kind == ExprKind::Var) item = var(*t.expr, &attname);
      else if (!merged.empty()) { item = ident(merged); attname = merged; }
      else item = expr(*t.expr, true);
      const std::string& colname = result_names && i < result_names->size() ? (*result_names)[i].name : t.name;
      if (!is_var || attname != colname) item += " AS " + ident(colname);
      // Wrap column 0: every field after the first starts a new line.
      if (!item.empty() && item[0] == '\n') {
        remove_trailing_spaces();
      } else if (i > 0) {
        keyword("", -kIndentStd, kIndentStd, kIndentVar);
      }
      (void)last_multiline;
      buf += item;
    }
    bool first = true;
    for (auto& f : q.from) {
      if (first) {
        keyword(" FROM ", -kIndentStd, kIndentStd, 2);
        first = false;
        from_item(*f, q);
      } else {
        buf += ", ";
        keyword("", -kIndentStd, kIndentStd, kIndentVar);
        from_item(*f, q);
      }
    }
    if (q.where) {
      keyword(" WHERE ", -kIndentStd, kIndentStd, 1);
      buf += expr(*q.where, false);
    }
    if (!q.group_by.empty()) {
      keyword(" GROUP BY ", -kIndentStd, kIndentStd, 1);
      for (size_t i = 0; i < q.group_by.size(); i++)
        buf += (i ? ", " : "") + (q.group_by[i]->kind == ExprKind::Const ? constant(*q.group_by[i], 1) : expr(*q.group_by[i], false));
    }
    if (q.having) {
      keyword(" HAVING ", -kIndentStd, kIndentStd, 0);
      buf += expr(*q.having, false);
    }
    if (!q.order_by.empty()) {
      keyword(" ORDER BY ", -kIndentStd, kIndentStd, 1);
      buf += order_list(q.order_by);
    }
    if (q.offset) {
      keyword(" OFFSET ", -kIndentStd, kIndentStd, 0);
      buf += expr(*q.offset, false);
    }
    if (q.limit) {
      keyword(" LIMIT ", -kIndentStd, kIndentStd, 0);
      buf += expr(*q.limit, false);
    }
    indent -= kIndentStd;
    scopes.pop_back();
  }
};

}  // namespace

std::string deparse_view_query(const SelectQuery& q, bool pretty) {
  Deparser d{pretty};
  d.query(q);
  return d.buf + ";";
}

}  // namespace pgmicro

namespace pgmicro {

// A qualified name in text as textToQualifiedNameList reads it: dots separate parts, double
// quotes keep case, other letters are downcased.
static std::vector<std::string> qualified_name_parts(const std::string& s) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') { parts.back() += '"'; i++; }
      else if (c == '"') quoted = false;
      else parts.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '.') {
      parts.emplace_back();
    } else {
      parts.back() += char(tolower((unsigned char)c));
    }
  }
  return parts;
}

// pg_get_viewdef(view [, pretty | wrap]) with a constant view name ('v', 'v'::regclass): the
// definition is printed at analysis time (the view's query is analysed like any use of it).
// Other arguments (oids from catalog rows) are refused with 0A000.
ExprPtr Analyzer::transform_pg_get_viewdef(FuncCall* fc) {
  int n = list_size(fc->args);
  if (n < 1 || n > 2 || fc->agg_star || list_size(fc->agg_order) || fc->agg_filter) return nullptr;
  Node* a0 = list_at(fc->args, 0);
  bool regclass = false;  // 'v'::regclass is looked up at analysis (the error has a position)
  // An OID (a number, x::oid, x::regclass::oid, a column): pg_get_viewdef(oid) at run time
  // (runtime/psql_catalog_functions.cpp).
  if (IsA(a0, TypeCast)) {
    auto* tc = reinterpret_cast<TypeCast*>(a0);
    std::string tname = node_string(list_at(tc->typeName->names, list_size(tc->typeName->names) - 1));
    if (tname == "oid" || (tname == "regclass" && !IsA(tc->arg, A_Const))) return nullptr;
  } else if (!IsA(a0, A_Const) || !IsA(&reinterpret_cast<A_Const*>(a0)->val, String)) {
    return nullptr;
  }
  if (IsA(a0, TypeCast)) {
    auto* tc = reinterpret_cast<TypeCast*>(a0);
    std::string tname = node_string(list_at(tc->typeName->names, list_size(tc->typeName->names) - 1));
    if (tname == "regclass" || tname == "text") a0 = tc->arg;
    regclass = tname == "regclass";
  }
  if (!IsA(a0, A_Const) || reinterpret_cast<A_Const*>(a0)->isnull || !IsA(&reinterpret_cast<A_Const*>(a0)->val, String))
    unsupported("pg_get_viewdef of a non-constant view name", fc->location);
  std::string text = strVal(&reinterpret_cast<A_Const*>(a0)->val);
  bool pretty = false;
  if (n == 2) {
    ExprPtr p = transform_expr(list_at(fc->args, 1), ExprContext::SelectTarget);
    if (p->kind != ExprKind::Const) unsupported("pg_get_viewdef with a non-constant pretty flag", fc->location);
    if (p->type == oid::kUnknown) p = coerce_to(p, oid::kBool, -1, CastContext::Implicit, -1);
    if (p->type == oid::kBool) pretty = !p->value.is_null() && p->value.i != 0;
    else unsupported("pg_get_viewdef with a wrap column", fc->location);
  }
  auto parts = qualified_name_parts(text);
  std::string schema = parts.size() > 1 ? parts[parts.size() - 2] : "", name = parts.back();
  auto result = std::make_shared<Expr>();
  result->kind = ExprKind::Const;
  result->type = oid::kText;
  result->location = fc->location;
  const ViewDef* v = catalog_.find_view(schema, name);
  if (!v) {
    if (!catalog_.find_table(schema, name))
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + text + "\" does not exist")
          .at(regclass ? reinterpret_cast<A_Const*>(a0)->location : -1);
    result->value = Datum::null();
    return result;
  }
  auto q = analyze_view(*v);
  // Result columns are named as the view's columns (CREATE VIEW v (x, y) AS …).
  for (size_t i = 0; i < q->targets.size() && i < v->column_names.size(); i++) q->targets[i].name = v->column_names[i];
  result->value = Datum::text(deparse_view_query(*q, pretty));
  return result;
}

}  // namespace pgmicro
