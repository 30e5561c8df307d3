// SEARCH/CYCLE: while analyze_with.cpp analyses a recursive term, `*` of the query itself stops
// before the columns SEARCH/CYCLE add; analyze_select.cpp's star expansion reads the limit.
#pragma once
#include <cstddef>

namespace pgmicro {

struct CteDef;

// The query whose `*` is limited to its first `columns` columns.
struct SearchCycleStar {
  const CteDef* cte = nullptr;
  size_t columns = 0;
};

SearchCycleStar& search_cycle_star();  // this thread's limit (analyze_select.cpp)

}  // namespace pgmicro
