// Where pgmicro's rule rewrite (session/rules.cpp) does not reach — LANGUAGE sql bodies, DML
// through automatically updatable views — a statement on a relation with rules is refused
// (0A000) when it is analysed to run. Validation (CREATE FUNCTION's body check, CREATE RULE's
// action check) analyses without running: it suspends the refusal with RuleChecksOff.
#pragma once
#include <cstdint>
#include <string>
#include "sqlite3.h"

struct Node;

namespace pgmicro {

class Catalog;

// Whether relation `relid` has rules for `event` (CmdType; 0 any); false while suspended.
bool relation_has_rules(sqlite3* db, int64_t relid, int event);
// 0A000 for DML (or a data-modifying WITH) of a LANGUAGE sql body on a relation with rules.
void refuse_rules_in_sql_function(Catalog& cat, sqlite3* db, Node* stmt);
// 0A000 for EXPLAIN of such a statement (its plan would be the unrewritten statement's).
void refuse_rules_in_explain(Catalog& cat, sqlite3* db, Node* stmt);

// ALTER TABLE … ENABLE [REPLICA | ALWAYS] / DISABLE RULE: state 'O', 'R', 'A' or 'D'
// (42704 when the relation has no such rule).
void set_rule_enabled(sqlite3* db, int64_t relid, const std::string& schema, const std::string& relname, const std::string& rule,
                      char state);

class RuleChecksOff {
 public:
  RuleChecksOff();
  ~RuleChecksOff();
  RuleChecksOff(const RuleChecksOff&) = delete;
  RuleChecksOff& operator=(const RuleChecksOff&) = delete;
};

}  // namespace pgmicro
