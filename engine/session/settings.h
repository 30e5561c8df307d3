// Session settings (GUCs) that clients touch: SET / SET LOCAL / RESET / SHOW with
// PostgreSQL's names, defaults, value normalisation, errors and transactional behaviour
// (a SET inside a rolled-back transaction is undone; SET LOCAL ends with the transaction).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

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
  // SHOW ALL: (name, setting, description) of every parameter, by name.
  std::vector<std::vector<std::string>> show_all() const;
  // current_setting(name [, missing_ok]): nullopt when missing_ok and the parameter is unknown.
  std::optional<std::string> current_setting(const std::string& name, bool missing_ok) const;
  // set_config(name, value, is_local): SET by name (a NULL value resets); returns the new value.
  std::string set_config(const std::string& name, const std::optional<std::string>& value, bool is_local);
  // RESET ALL.
  void reset_all();
  // End of an implicit (single statement) transaction: set_config(..., true) values end there.
  void end_implicit();
  // Transaction boundaries.
  void begin();
  void commit();
  void rollback();

 private:
  std::map<std::string, std::string> values_;                 // by lower-case name
  std::optional<std::map<std::string, std::string>> at_begin_;  // values when the block began
  std::map<std::string, std::string> before_local_;            // values before SET LOCAL
  // Customised options ("myapp.user_id"): lower-case name -> name as first set. A placeholder
  // outlives the transaction that created it (its value then reads as '').
  std::map<std::string, std::string> placeholders_;
  // SET/RESET of one parameter by name (value nullopt = RESET); shared by apply and set_config.
  void set(const std::string& name, std::optional<std::string> value, bool is_local, bool in_transaction);
  // The parameters of the generated table (guc_table.h) and placeholders (settings_generic.cpp).
  void set_generic(const std::string& name, const std::optional<std::string>& value, bool is_local, bool in_transaction);
  std::optional<std::pair<std::string, std::string>> generic_value(const std::string& name) const;  // (SHOW name, value)
  static bool has_own_rules(const std::string& key);  // validated by settings.cpp itself
  // A list parameter's SET arguments as PostgreSQL flattens them (GUC_LIST_QUOTE): each
  // identifier or string quoted as an identifier when it needs it, joined by ", ".
  static std::string quoted_list_text(VariableSetStmt* stmt);
};

}  // namespace pgmicro
