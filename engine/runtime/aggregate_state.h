// Shared pieces of the aggregate implementations (aggregate_functions.cpp,
// statistics_aggregates.cpp): the per-group state object on the heap behind SQLite's
// aggregate context, float8 reading of an argument and the float overflow error.
#pragma once
#include <new>
#include "common/error.h"
#include "runtime/function_context.h"
#include "runtime/numeric_value.h"
#include "types/type_families.h"

namespace pgmicro::agg {

[[noreturn]] inline void float_overflow() {
  throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}

inline double arg_double(sqlite3_value* v) {
  double d = 0;
  datum_to_double(Datum::from_sqlite(v), d);
  return d;
}

// State lives on the heap; the aggregate context holds a pointer to it.
template <class S>
S* state(sqlite3_context* ctx, bool create) {
  auto** pp = static_cast<S**>(sqlite3_aggregate_context(ctx, create ? int(sizeof(S*)) : 0));
  if (!pp) {
    if (create) throw std::bad_alloc();
    return nullptr;
  }
  if (!*pp && create) *pp = new S();
  return *pp;
}

template <class S>
void free_state(sqlite3_context* ctx) {
  auto** pp = static_cast<S**>(sqlite3_aggregate_context(ctx, 0));
  if (pp && *pp) {
    delete *pp;
    *pp = nullptr;
  }
}

}  // namespace pgmicro::agg
