// Session settings (GUCs) that clients touch: SET / SET LOCAL / RESET / SHOW with
// PostgreSQL's names, defaults, value normalisation, errors and transactional behaviour
// (a SET inside a rolled-back transaction is undone; SET LOCAL ends with the transaction).
#pragma once
#include <map>
#include <optional>
#include <string>

struct VariableSetStmt;
struct VariableShowStmt;

namespace pgmicro {

class Settings {
 public:
  Settings();
  // Applies SET/RESET; throws PgError (42704 unknown parameter, 22023 bad value,
  // 0A000 values pgmicro cannot honour).
  void apply(VariableSetStmt* stmt, bool in_transaction);
  // SHOW: canonical name (the result column) and value; throws 42704.
  std::pair<std::string, std::string> show(const std::string& name) const;
  std::string get(const std::string& name) const;
  // Transaction boundaries.
  void begin();
  void commit();
  void rollback();

 private:
  std::map<std::string, std::string> values_;                 // by lower-case name
  std::optional<std::map<std::string, std::string>> at_begin_;  // values when the block began
  std::map<std::string, std::string> before_local_;            // values before SET LOCAL
};

}  // namespace pgmicro
