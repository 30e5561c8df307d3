// Lowering: typed query tree -> the SQLite SQL that executes it, calling the registered
// pg_* functions where SQLite's own operators would differ from PostgreSQL. The result is
// an internal form built from the analyzed tree, never from the user's text.
#pragma once
#include <string>
#include "analyze/query.h"

namespace pgmicro {

std::string lower_select(const SelectQuery& q);
// `sql` (the lowered e) as a key SQLite may compare: equal numerics of different display scale
// (also inside numeric[] and records) and equal jsonb values made equal; else `sql` itself.
std::string scale_free_key(const Expr& e, const std::string& sql);
std::string lower_insert(const InsertQuery& q);
// The ON CONFLICT clauses of q's action for these conflict targets (a partition's own), and
// q's RETURNING clause (target columns by name).
std::string lower_insert_conflict(const InsertQuery& q, const std::vector<std::string>& conflict_targets);
std::string lower_insert_returning(const InsertQuery& q);
// The statement's WITH list as a prefix ("WITH … "), for the further statements of one plan.
std::string lower_with_prefix(const SelectQuery& with);
std::string lower_update(const UpdateQuery& q);
// UPDATE … FROM / DELETE … USING whose RETURNING reads the other tables: the SELECT pairing
// each target row's rowid with the values of `exprs` (analyze/analyze_dml_returning.cpp).
std::string lower_returning_source(const TableDef& t, const std::vector<std::unique_ptr<FromNode>>& from,
                                   const std::vector<RangeTableEntry>& rtable, const ExprPtr& where,
                                   const std::vector<ExprPtr>& exprs);
std::string lower_delete(const DeleteQuery& q);
// `, rowid = pg_new_rowid(…)` for an UPDATE's SET list: the row moves to the table's end as a
// new row version does in PostgreSQL's heap. `qualifier` prefixes the old rowid ("u0.");
// `record`: pg_moved_from(table, new rowid) gives the old one during the statement.
std::string lower_move_row_set(const TableDef& t, const std::string& qualifier, bool record = false);
// A standalone expression with no range table (tests, constant evaluation).
std::string lower_standalone_expr(const Expr& e);
// An expression whose Vars refer to `rtable` (level 0), e.g. a CHECK over NEW.
std::string lower_expr_in(const Expr& e, const std::vector<RangeTableEntry>& rtable);

// PostgreSQL's text for an analyzed expression, as pg_get_expr() prints it (stored column
// defaults, \d output).
std::string deparse_expr(const Expr& e);

}  // namespace pgmicro
