// pg_exclusion_violation(±constraint_oid, new keys..., existing keys...): raised by an EXCLUDE
// constraint's trigger scan (session/exclusion_constraints.cpp) with PostgreSQL's 23P01 and
// its DETAIL naming both keys. A negative oid words the error as ALTER TABLE ADD's check of
// the existing rows does.
#include "catalog/catalog.h"
#include "runtime/function_context.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

std::vector<std::string> split_lines(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

void exclusion_violation(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    bool existing = oid < 0;
    if (existing) oid = -oid;
    const ConstraintDef* con = nullptr;
    for (auto& t : rc->catalog->tables())
      for (auto& c : t->constraints)
        if (c.oid == oid) con = &c;
    if (!con) throw PgError(sqlstate::kInternalError, "exclusion constraint " + std::to_string(oid) + " is missing");
    auto lines = split_lines(con->check_expr, '\n');
    std::vector<std::string> labels;
    std::vector<Oid> types;
    for (size_t i = 2; i < lines.size(); i++) {
      auto f = split_lines(lines[i], '\t');
      if (f.size() < 4) continue;
      labels.push_back(f[1]);
      types.push_back((Oid)std::stoll(f[2]));
    }
    size_t n = labels.size();
    if ((size_t)argc != 1 + 2 * n) throw PgError(sqlstate::kInternalError, "pg_exclusion_violation: wrong argument count");
    std::string names, a, b;
    for (size_t i = 0; i < n; i++) {
      names += (i ? ", " : "") + labels[i];
      auto out = [&](sqlite3_value* v, std::string& s) {
        if (i) s += ", ";
        if (sqlite3_value_type(v) == SQLITE_NULL) s += "null";
        else type_output(types[i], v, s);
      };
      out(argv[1 + i], a);
      out(argv[1 + n + i], b);
    }
    if (existing)
      throw PgError("23P01", "could not create exclusion constraint \"" + con->name + "\"",
                    "Key (" + names + ")=(" + a + ") conflicts with key (" + names + ")=(" + b + ").");
    throw PgError("23P01", "conflicting key value violates exclusion constraint \"" + con->name + "\"",
                  "Key (" + names + ")=(" + a + ") conflicts with existing key (" + names + ")=(" + b + ").");
  });
}

}  // namespace

void register_exclusion_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_exclusion_violation", -1, SQLITE_UTF8, rc, exclusion_violation, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
