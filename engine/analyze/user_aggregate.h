// CREATE AGGREGATE definitions (stored as their statement text in _pgmicro_proc with prokind
// 'a'): the options read from the DefineStmt, shared by CREATE AGGREGATE
// (session/ddl_aggregate.cpp) and calls of the aggregate (analyze/analyze_user_aggregate.cpp).
#pragma once
#include <string>
#include <vector>
#include "parse/pg_nodes.h"

namespace pgmicro {

struct UserAggregateOptions {
  std::string sfunc, finalfunc, msfunc, minvfunc, mfinalfunc;
  TypeName* stype = nullptr;
  TypeName* mstype = nullptr;
  TypeName* basetype = nullptr;  // old syntax: the input type
  bool has_initcond = false, has_minitcond = false;
  std::string initcond, minitcond;
  bool finalfunc_extra = false, mfinalfunc_extra = false;
  std::vector<std::string> unrecognized;  // WARNING "aggregate attribute ... not recognized"
};

// The options of CREATE AGGREGATE (new and old syntax; names are case-folded by the parser).
UserAggregateOptions read_aggregate_options(DefineStmt* d);

// Input parameter TypeNames of the new syntax (empty list for agg(*)); old syntax: basetype.
std::vector<TypeName*> aggregate_arg_types(DefineStmt* d, const UserAggregateOptions& o);

}  // namespace pgmicro
