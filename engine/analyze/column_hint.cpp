// PostgreSQL's errorMissingColumn hints: see column_hint.h.
#include "analyze/column_hint.h"
#include <algorithm>

namespace pgmicro {

namespace {

constexpr int kMaxFuzzyDistance = 3;  // PostgreSQL's MAX_FUZZY_DISTANCE

int levenshtein(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) prev[j] = (int)j;
  for (size_t i = 1; i <= a.size(); i++) {
    cur[0] = (int)i;
    for (size_t j = 1; j <= b.size(); j++)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

struct Match {
  int distance = kMaxFuzzyDistance + 1;
  const RangeTableEntry* rfirst = nullptr;
  int first = -1;  // -1: an exact match that is not visible (with rfirst set)
  const RangeTableEntry* rsecond = nullptr;
  int second = -1;
};

// PostgreSQL's updateFuzzyAttrMatchState.
void update(Match& m, int penalty, const RangeTableEntry& rte, const std::string& actual, const std::string& typed, int att) {
  if (penalty > m.distance || actual.empty()) return;
  int d = levenshtein(actual, typed);
  if (d > (int)typed.size() / 2) return;
  d += penalty;
  if (d < m.distance) {
    m.distance = d;
    m.rfirst = &rte;
    m.first = att;
    m.rsecond = nullptr;
    m.second = -1;
  } else if (d == m.distance) {
    if (m.second >= 0) {
      m.rfirst = m.rsecond = nullptr;
      m.first = m.second = -1;
    } else if (m.first >= 0) {
      m.rsecond = &rte;
      m.second = att;
    } else if (m.distance <= kMaxFuzzyDistance) {
      m.rfirst = &rte;
      m.first = att;
    }
  }
}

std::string entry_name(const RangeTableEntry& r) { return !r.alias.empty() && r.alias[0] == '\x01' ? r.alias.substr(1) : r.alias; }

}  // namespace

std::string missing_column_hint(const std::vector<const SelectQuery*>& scopes, const std::string& rel, const std::string& col) {
  Match m;
  bool exact_found = false;
  for (const SelectQuery* q : scopes) {
    for (const RangeTableEntry& r : q->rtable) {
      if (r.is_join || r.alias.empty()) continue;  // join entries duplicate their tables' columns
      std::string name = entry_name(r);
      int penalty = rel.empty() ? 0 : levenshtein(rel, name);
      bool exact = false;
      for (size_t a = 0; a < r.column_names.size(); a++) {
        if (r.column_names[a] == col) exact = true;
        update(m, penalty, r, r.column_names[a], col, (int)a);
      }
      if (exact && penalty == 0) {
        m.rfirst = &r;
        m.first = -1;
        m.rsecond = nullptr;
        exact_found = true;
        break;
      }
    }
    if (exact_found) break;
  }
  if (!m.rfirst) return "";
  if (!m.rsecond) {
    if (m.first < 0)
      return "There is a column named \"" + col + "\" in table \"" + entry_name(*m.rfirst) +
             "\", but it cannot be referenced from this part of the query.";
    return "Perhaps you meant to reference the column \"" + entry_name(*m.rfirst) + "." + m.rfirst->column_names[m.first] + "\".";
  }
  return "Perhaps you meant to reference the column \"" + entry_name(*m.rfirst) + "." + m.rfirst->column_names[m.first] +
         "\" or the column \"" + entry_name(*m.rsecond) + "." + m.rsecond->column_names[m.second] + "\".";
}

}  // namespace pgmicro
