// deparse_expr: an analyzed expression back to PostgreSQL text the way pg_get_expr()
// prints it (used for stored column defaults and \d).
#include "analyze/collation.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "lower/lower.h"
#include "runtime/function_context.h"
#include "types/type_io.h"

namespace pgmicro {

std::string deparse_expr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Const: {
      if (e.value.is_null()) return "NULL::" + format_type_name(e.type, e.typmod);
      std::string v = type_output(e.type, e.value);
      bool negative = !v.empty() && v[0] == '-';
      if (e.type == oid::kInt4 && !negative) return v;
      if (e.type == oid::kNumeric && !negative && v.find_first_not_of("0123456789.") == std::string::npos) return v;
      if (e.type == oid::kBool) return v == "t" ? "true" : "false";
      return quote_literal(v) + "::" + format_type_name(e.type, e.typmod);
    }
    case ExprKind::Call:
      if (e.name == "COLLATE" && e.args.size() == 1)
        return "(" + deparse_expr(*e.args[0]) + " COLLATE " + pg_quote_identifier(collation_name(e.collation)) + ")";
      if (e.name == "array") {  // ARRAY[...] (nested sub-arrays print as ARRAY[...] too)
        std::string s = "ARRAY[";
        for (size_t i = 0; i < e.args.size(); i++) s += (i ? ", " : "") + deparse_expr(*e.args[i]);
        s += "]";
        return e.args.empty() ? s + "::" + format_type_name(e.type, e.typmod) : s;
      }
      if (e.name == "subscript" && !e.args.empty()) {
        std::string s = "(" + deparse_expr(*e.args[0]) + ")";
        for (size_t i = 1; i < e.args.size(); i++) s += "[" + deparse_expr(*e.args[i]) + "]";
        return s;
      }
      if ((e.name == "any" || e.name == "all") && e.args.size() == 2 && e.args[0]->args.size() == 2)
        return deparse_expr(*e.args[0]->args[0]) + " " + e.args[0]->name + (e.name == "any" ? " ANY (" : " ALL (") +
               deparse_expr(*e.args[1]) + ")";
      if ((e.name == "in" || e.name == "not in") && !e.args.empty()) {  // as PostgreSQL stores IN lists
        std::string s = deparse_expr(*e.args[0]) + (e.name == "in" ? " = ANY (ARRAY[" : " <> ALL (ARRAY[");
        for (size_t i = 1; i < e.args.size(); i++) s += (i > 1 ? ", " : "") + deparse_expr(*e.args[i]);
        return s + "])";
      }
      if (e.args.empty() && (e.name == "current_date" || e.name == "current_time" || e.name == "current_timestamp" ||
                             e.name == "localtime" || e.name == "localtimestamp" || e.name == "current_user" ||
                             e.name == "current_role" || e.name == "session_user" || e.name == "user" ||
                             e.name == "current_catalog")) {
        // SQL value functions print as keywords (pg_get_expr), with their precision if given.
        std::string k;
        for (char c : e.name) k += char(toupper((unsigned char)c));
        return e.name != "current_date" && e.typmod >= 0 ? k + "(" + std::to_string(e.typmod) + ")" : k;
      }
      if (e.name == "nullif" && e.args.size() == 2 && e.args[1]->args.size() == 2)  // args: a, (a = b)
        return "NULLIF(" + deparse_expr(*e.args[0]) + ", " + deparse_expr(*e.args[1]->args[1]) + ")";
      if ((e.name == "greatest" || e.name == "least") && !e.args.empty()) {
        std::string s = e.name == "greatest" ? "GREATEST(" : "LEAST(";
        for (size_t i = 0; i < e.args.size(); i++) s += (i ? ", " : "") + deparse_expr(*e.args[i]);
        return s + ")";
      }
      if ((e.name == "nextval" || e.name == "currval") && !e.args.empty())
        return e.name + "(" + quote_literal(e.args[0]->value.s) + "::regclass)";
      if (e.args.size() == 2 && !e.name.empty() && !isalpha((unsigned char)e.name[0]))
        return "(" + deparse_expr(*e.args[0]) + " " + e.name + " " + deparse_expr(*e.args[1]) + ")";
      if (e.args.size() == 1 && !e.name.empty() && !isalpha((unsigned char)e.name[0]))
        return "(" + e.name + deparse_expr(*e.args[0]) + ")";
      if (e.name == "typmod" || e.args.size() == 1) {
        if (e.name == "typmod" || find_type_by_name(e.name)) {
          std::string arg = deparse_expr(*e.args[0]);
          return (e.args[0]->kind == ExprKind::Var ? arg : "(" + arg + ")") + "::" + format_type_name(e.type, e.typmod);
        }
      }
      {
        std::string s = e.name + "(";
        for (size_t i = 0; i < e.args.size(); i++) s += (i ? ", " : "") + deparse_expr(*e.args[i]);
        return s + ")";
      }
    case ExprKind::Var: {
      // A column of the expression's own table (generation expressions), quoted as
      // PostgreSQL's quote_identifier does.
      bool plain = !e.name.empty() && (islower((unsigned char)e.name[0]) || e.name[0] == '_');
      for (char ch : e.name) plain &= islower((unsigned char)ch) || isdigit((unsigned char)ch) || ch == '_';
      return plain ? e.name : quote_ident(e.name);
    }
    case ExprKind::And:
    case ExprKind::Or: {
      std::string s = "(";
      for (size_t i = 0; i < e.args.size(); i++)
        s += (i ? (e.kind == ExprKind::And ? " AND " : " OR ") : "") + deparse_expr(*e.args[i]);
      return s + ")";
    }
    case ExprKind::Not:
      return "(NOT " + deparse_expr(*e.args[0]) + ")";
    case ExprKind::NullTest:
      return "(" + deparse_expr(*e.args[0]) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
    case ExprKind::Coalesce: {
      std::string s = "COALESCE(";
      for (size_t i = 0; i < e.args.size(); i++) s += (i ? ", " : "") + deparse_expr(*e.args[i]);
      return s + ")";
    }
    case ExprKind::Case: {  // args: when1, then1, …, [else] (a simple CASE's arg is in each WHEN)
      std::string s = "CASE";
      size_t n = e.args.size() - (e.has_else ? 1 : 0);
      for (size_t i = 0; i + 1 < n; i += 2)
        s += " WHEN " + deparse_expr(*e.args[i]) + " THEN " + deparse_expr(*e.args[i + 1]);
      if (e.has_else) s += " ELSE " + deparse_expr(*e.args.back());
      return s + " END";
    }
    case ExprKind::Raw:
      if (e.templ == "_pgmicro_value") return "VALUE";  // a domain CHECK's value
      unsupported("this kind of expression in a stored default, generated column, index or partition key");
    default:
      // Never a silently different stored expression (a default, generation, index or
      // partition key expression is re-read from this text).
      unsupported("this kind of expression in a stored default, generated column, index or partition key");
  }
}

}  // namespace pgmicro
