// Entry points of the PL/pgSQL interpreter (plpgsql_exec.cpp): a function call with its
// argument values, and a DO block.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "plpgsql/plpgsql_tree.h"
#include "pgmicro/pgmicro.h"

struct DoStmt;

namespace pgmicro::plpgsql {

// A variable's value: its type and its storage-encoded datum.
struct Value {
  Oid type = 0;
  int32_t typmod = -1;
  pgmicro::Datum d;
};

// Runs the function; the result datum (NULL as a null Datum). For set-returning functions
// `rows` receives the rows (one datum per column).
std::optional<pgmicro::Datum> call_function(Function& f, RuntimeContext* rc, const std::vector<Value>& args,
                                            std::vector<std::vector<pgmicro::Datum>>* rows);
void run_do(Function& f, RuntimeContext* rc);
// DO [LANGUAGE plpgsql] '...' (plpgsql_do.cpp).
void execute_do(DoStmt* stmt, RuntimeContext& rc, StatementResult& out);

// SQLSTATE of a condition name (division_by_zero) or a five-character code; throws 42704.
std::string condition_sqlstate(const std::string& name);

}  // namespace pgmicro::plpgsql
