// Named arguments and defaults of built-in functions whose catalog rows take positional
// arguments only (analyze_named_args.cpp).
#pragma once
#include <string>
#include <vector>
#include "analyze/analyzer.h"

struct FuncCall;

namespace pgmicro {

// make_interval(years => …, …, secs => …) and make_interval(): the arguments in parameter
// order with PostgreSQL's defaults; false when `name` is not such a call (args untouched).
bool builtin_named_args(Analyzer& a, const std::string& name, FuncCall* fc, ExprContext ctx, std::vector<ExprPtr>& args);

}  // namespace pgmicro
