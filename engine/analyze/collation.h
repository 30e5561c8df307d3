// Collations: the five libc collations of a PostgreSQL 15 UTF8 database whose default locale is
// C.UTF-8 — default (100), "C" (950), "POSIX" (951), ucs_basic (12340), "C.utf8" (12341) — all
// compare by code point, which is SQLite's BINARY order on UTF-8, so a collation changes no
// result; it is tracked (pg_attribute.attcollation, \d, view columns, derivation conflicts) as
// PostgreSQL tracks it. ICU collations are refused with 0A000, other names with 42704.
#pragma once
#include <string>
#include "analyze/analyzer.h"
#include "types/types.h"

struct List;
struct CollateClause;

namespace pgmicro {

struct Expr;
struct SelectQuery;

inline constexpr Oid kDefaultCollation = 100, kCCollation = 950, kPosixCollation = 951;

// pg_collation OID of a COLLATE clause's (possibly qualified) name; errors as LookupCollation's.
Oid lookup_collation(const List* names, int location);
// The collation's name as PostgreSQL prints it in messages (unquoted) and in \d.
std::string collation_name(Oid coll);
// The type's typcollation (0 = not collatable): text-like types 100, name 950, arrays and
// domains through their element/base type.
Oid type_default_collation(Oid type);
// 42804 "collations are not supported by type X" at location unless the type is collatable.
void check_collatable(Oid type, int32_t typmod, int location);

// A column definition's COLLATE clause (transformColumnType: the name looked up, then the type
// checked): the OID to keep in ColumnDef::collation, 0 for none or the type's own.
Oid column_collation(const CollateClause* cc, Oid type, int32_t typmod);

// x COLLATE name: a Call "COLLATE" (template "$1") carrying the collation (transformCollateClause).
ExprPtr transform_collate_clause(Analyzer& a, CollateClause* cc, ExprContext ctx);
// After an expression node is built: its arguments' explicit collations must agree (42P21 at the
// second COLLATE clause); a collatable result carries the explicit collation up in Expr::collation.
void propagate_explicit_collation(Expr& e);

// Collation derivation (PostgreSQL's assign_collations): the collation of an analysed expression
// and its strength. `q` is the query whose range table the expression's Vars use.
enum class CollStrength { None, Implicit, Conflict, Explicit };
struct ExprCollation {
  Oid coll = 0;
  CollStrength strength = CollStrength::None;
  Oid conflict_with = 0;  // Conflict: the other implicit collation
};
ExprCollation expr_collation(const Expr& e, const SelectQuery* q);
// The collation of a query's result column i (0 when not collatable).
Oid result_column_collation(const SelectQuery& q, size_t i);

}  // namespace pgmicro
