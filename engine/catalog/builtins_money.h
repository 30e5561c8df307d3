// The money type's pg_operator / pg_proc / pg_cast rows (builtins_money.cpp).
#pragma once
#include "catalog/builtins.h"

namespace pgmicro {
BuiltinSpan::S<OperatorDef> money_operators();
BuiltinSpan::S<FunctionDef> money_functions();
BuiltinSpan::S<CastDef> money_casts();
}  // namespace pgmicro
