// Functional notation on rows (PostgreSQL's ParseFuncOrColumn): rel.fname is fname(rel) when
// rel has no column fname and a function of that name takes rel's row, and fname(rowvalue) is
// the field fname when no function matches (projection).
#include "analyze/analyze_row.h"
#include "analyze/analyzer.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "types/record.h"

namespace pgmicro {

ExprPtr Analyzer::row_function_notation(const std::string& rel, const std::string& fname, int location) {
  if (catalog_.find_procs(fname).empty()) return nullptr;
  // A FuncCall fname(rel.*) built on the stack (resolve_user_call reads the raw call).
  String relname{};
  relname.type = T_String;
  relname.sval = const_cast<char*>(rel.c_str());
  A_Star star{};
  star.type = T_A_Star;
  String fn{};
  fn.type = T_String;
  fn.sval = const_cast<char*>(fname.c_str());
  ColumnRef ref{};
  ref.type = T_ColumnRef;
  ref.location = location;
  // Lists whose cells live beside them (elements need not be initial_elements).
  List name_list{}, arg_list{}, field_list{};
  ListCell name_cell[1], arg_cell[1], field_cells[2];
  auto init = [](List& l, ListCell* cells, int n) {
    l.type = T_List;
    l.length = n;
    l.max_length = n;
    l.elements = cells;
  };
  field_cells[0].ptr_value = &relname;  // rel.*
  field_cells[1].ptr_value = &star;
  init(field_list, field_cells, 2);
  ref.fields = &field_list;
  name_cell[0].ptr_value = &fn;
  init(name_list, name_cell, 1);
  arg_cell[0].ptr_value = &ref;
  init(arg_list, arg_cell, 1);
  FuncCall fc{};
  fc.type = T_FuncCall;
  fc.funcname = &name_list;
  fc.args = &arg_list;
  fc.location = location;
  UserCall uc;
  try {
    if (!resolve_user_call(fname, reinterpret_cast<Node*>(&fc), ExprContext::SelectTarget, uc)) return nullptr;
  } catch (const PgError& e) {
    if (e.error.sqlstate == sqlstate::kUndefinedFunction) return nullptr;
    throw;
  }
  if (uc.proc->retset || !uc.column_types.empty() || uc.result == oid::kRecord) return nullptr;
  return user_call_expr(uc, false, false);
}

ExprPtr row_projection_call(Analyzer& a, const std::string& fname, const std::vector<ExprPtr>& args, int location) {
  if (args.size() != 1 || !is_row_type(args[0]->type)) return nullptr;
  const std::vector<RowField>* fields = row_type_fields(args[0]->type, args[0]->typmod);
  if (!fields) return nullptr;
  for (auto& f : *fields)
    if (f.name == fname) return row_field_select(a, args[0], fname, location);
  return nullptr;
}

}  // namespace pgmicro
