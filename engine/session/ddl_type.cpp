// User-defined types: CREATE TYPE … AS ENUM, ALTER TYPE (ADD VALUE, RENAME VALUE, RENAME
// TO), CREATE DOMAIN, ALTER DOMAIN (defaults, NOT NULL, constraints), DROP TYPE/DOMAIN.
// Catalog rows live in _pgmicro_type/_pgmicro_enum/_pgmicro_domain_constraint
// (catalog_types.cpp); existing rows are validated or rewritten in the same transaction.
#include <algorithm>
#include <cmath>
#include <functional>
#include "analyze/analyzer.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "types/array.h"
#include "types/enum_uncommitted.h"
#include "types/record.h"
#include "types/user_types.h"

namespace pgmicro {

std::string check_source(std::string_view sql, int location);  // ddl.cpp

namespace {

std::string last_name(List* names) { return node_string(list_at(names, list_size(names) - 1)); }

void check_label(const std::string& label) {
  if (label.empty() || label.size() > 63)
    throw PgError("42602", "invalid enum label \"" + label + "\"", "Labels must be 63 bytes or less.");
}

std::string sort_order_text(float f) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", double(f));
  return buf;
}

// Columns (table, column index) whose type is `type`, its array type, or a domain over it.
struct ColumnUse {
  const TableDef* table;
  int column;
};
std::vector<ColumnUse> columns_using(const Catalog& cat, Oid type, bool with_arrays) {
  std::vector<ColumnUse> r;
  const UserType* u = cat.user_types().find(type);
  for (auto& t : cat.tables())
    for (size_t i = 0; i < t->columns.size(); i++) {
      Oid c = t->columns[i].type;
      if (c == type || (with_arrays && u && c == u->array_oid)) r.push_back({t.get(), int(i)});
    }
  return r;
}

}  // namespace

// PostgreSQL's dependency listing for DROP TYPE/DOMAIN: per dependent in creation order
// (tables' columns last to first), a domain followed by its own dependents.
void SessionImpl::type_dependents(const UserType& t, const std::vector<const UserType*>& skip,
                                  std::vector<TypeDependent>& out) {
  struct Item { int64_t order; std::vector<TypeDependent> deps; };
  std::vector<Item> items;
  for (auto& tbl : catalog_.tables()) {
    Item it{tbl->oid, {}};
    for (size_t i = tbl->columns.size(); i-- > 0;) {
      Oid ct = tbl->columns[i].type;
      if (ct == t.oid || ct == t.array_oid)
        it.deps.push_back({"column " + tbl->columns[i].name + " of table " + tbl->name, "type " + format_type_name(ct, -1),
                           tbl->name, tbl->columns[i].name, nullptr});
    }
    if (!it.deps.empty()) items.push_back(std::move(it));
  }
  for (auto& [oid, u] : catalog_.user_types().all()) {
    if (u->kind != 'c' || u->relid) continue;
    Item it{int64_t(oid), {}};
    for (size_t i = u->fields.size(); i-- > 0;)
      if (u->fields[i].type == t.oid || u->fields[i].type == t.array_oid)
        it.deps.push_back({"column " + u->fields[i].name + " of composite type " + u->name,
                           "type " + format_type_name(u->fields[i].type, -1), "\x01" + std::to_string(oid), u->fields[i].name, nullptr});
    if (!it.deps.empty()) items.push_back(std::move(it));
  }
  for (auto& [oid, u] : catalog_.user_types().all()) {
    if (u->kind != 'd' || (u->base != t.oid && u->base != t.array_oid)) continue;
    if (std::find(skip.begin(), skip.end(), u.get()) != skip.end()) continue;
    Item it{int64_t(oid), {}};
    it.deps.push_back({"type " + u->name, "type " + format_type_name(u->base, -1), "", "", u.get()});
    type_dependents(*u, skip, it.deps);
    items.push_back(std::move(it));
  }
  // Functions taking or returning it, casts from or to it, operators on it (ddl_base_type.cpp).
  auto uses = [&](Oid x) { return x == t.oid || (t.array_oid && x == t.array_oid); };
  for (auto& pp : catalog_.procs()) {
    const ProcDef* p = pp.get();
    bool dep = uses(p->result);
    for (auto& a : p->args) dep |= uses(a.type);
    if (!dep) continue;
    std::string sig = p->name + "(";
    std::vector<Oid> in = p->input_types();
    for (size_t i = 0; i < in.size(); i++) sig += (i ? "," : "") + format_type_name(in[i], -1);
    const char* what = p->kind == 'p' ? "procedure " : p->kind == 'a' ? "function " : "function ";
    items.push_back({p->oid, {{what + sig + ")", "type " + t.name, "", "", nullptr,
                               "DELETE FROM _pgmicro_proc WHERE oid = " + std::to_string(p->oid)}}});
  }
  for (auto& c : catalog_.user_types().casts)
    if (uses(c.def.source) || uses(c.def.target))
      items.push_back({c.oid, {{"cast from " + format_type_name(c.def.source, -1) + " to " + format_type_name(c.def.target, -1),
                                "type " + t.name, "", "", nullptr, "DELETE FROM _pgmicro_cast WHERE oid = " + std::to_string(c.oid)}}});
  for (auto& o : catalog_.user_types().operators)
    if (uses(o.def.left) || uses(o.def.right) || uses(o.def.result))
      items.push_back({o.oid, {{"operator " + o.name + "(" + (o.def.left ? format_type_name(o.def.left, -1) : "NONE") + "," +
                                    format_type_name(o.def.right, -1) + ")",
                                "type " + t.name, "", "", nullptr, "DELETE FROM _pgmicro_operator WHERE oid = " + std::to_string(o.oid)}}});
  for (auto& o : catalog_.user_types().opclasses)
    if (uses(o.type))
      // An operator class follows the operators and functions it names (its table has no OIDs).
      items.push_back({INT64_MAX, {{"operator class " + o.name + " for access method " + o.method, "type " + t.name, "", "",
                                nullptr, "DELETE FROM main._pgmicro_opclass WHERE rowid = " + std::to_string(o.oid)}}});
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.order < b.order; });
  for (auto& it : items)
    for (auto& d : it.deps) out.push_back(std::move(d));
}

const UserType& SessionImpl::lookup_user_type(List* names, int location) {
  std::string name = last_name(names);
  const UserType* t = catalog_.user_types().find_by_name(name);
  if (!t) throw PgError(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist").at(location);
  return *t;
}

void SessionImpl::check_new_type_name(const std::string& name) {
  if (catalog_.user_types().find_by_name(name))
    throw PgError("42710", "type \"" + name + "\" already exists");
  if (const TypeInfo* b = find_type_by_name(name); b && b->oid < 16384)
    unsupported("a user-defined type named like the built-in type " + name);
  if (name.rfind("_", 0) == 0) unsupported("type names beginning with an underscore");
}

void SessionImpl::execute_create_enum(CreateEnumStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE TYPE";
  std::string name = last_name(stmt->typeName);
  check_new_type_name(name);
  Catalog::ensure_type_tables(conn_);
  int64_t oid = Catalog::allocate_oid(conn_), arr = Catalog::allocate_oid(conn_);
  std::string sql = "INSERT INTO _pgmicro_type(oid, typname, typtype, typarray) VALUES (" + std::to_string(oid) + ", " +
                    quote_literal(name) + ", 'e', " + std::to_string(arr) + ");";
  std::vector<std::string> seen;
  int n = 0;
  for_each_node(stmt->vals, [&](Node* v) {
    std::string label = node_string(v);
    check_label(label);
    if (std::find(seen.begin(), seen.end(), label) != seen.end())
      throw PgError(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"",
                    "Key (enumtypid, enumlabel)=(" + std::to_string(oid) + ", " + label + ") already exists.");
    seen.push_back(label);
    sql += "INSERT INTO _pgmicro_enum VALUES (" + std::to_string(oid) + ", " + std::to_string(++n) + ", " +
           quote_literal(label) + ");";
  });
  exec_sql(conn_, sql);
  bump_schema();
}

void SessionImpl::execute_alter_enum(AlterEnumStmt* stmt, StatementResult& out) {
  out.command_tag = "ALTER TYPE";
  const UserType& t = lookup_user_type(stmt->typeName, -1);
  if (t.kind != 'e') throw PgError(sqlstate::kWrongObjectType, "\"" + t.name + "\" is not an enum");
  std::string oid = std::to_string(t.oid);
  if (stmt->oldVal) {
    // RENAME VALUE: the catalog row and every stored value (columns of the type and of its
    // array type) change together.
    std::string from = stmt->oldVal, to = stmt->newVal;
    if (t.enum_position(from) < 0)
      throw PgError(sqlstate::kInvalidParameterValue, "\"" + from + "\" is not an existing enum label");
    if (t.enum_position(to) >= 0) throw PgError("42710", "enum label \"" + to + "\" already exists");
    check_label(to);
    // The stored labels change in place: foreign keys between enum columns stay satisfied, so
    // the enforcement triggers are dropped here (recreated before the next statement).
    drop_triggers("");
    std::string sql = "UPDATE _pgmicro_enum SET enumlabel = " + quote_literal(to) + " WHERE enumtypid = " + oid +
                      " AND enumlabel = " + quote_literal(from) + ";";
    for (auto& use : columns_using(catalog_, t.oid, true)) {
      const ColumnDef& c = use.table->columns[use.column];
      std::string tbl = "main." + quote_ident(use.table->name), col = quote_ident(c.name);
      if (c.type == t.oid) {
        sql += "UPDATE " + tbl + " SET " + col + " = " + quote_literal(to) + " WHERE " + col + " = " + quote_literal(from) + ";";
        continue;
      }
      sqlite3_stmt* st = nullptr;
      std::string q = "SELECT rowid, " + col + " FROM " + tbl + " WHERE " + col + " IS NOT NULL";
      if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::string text(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), size_t(sqlite3_column_bytes(st, 1)));
        ArrayValue a;
        try {
          a = array_from_storage(t.oid, text);
        } catch (const PgError&) {
          continue;
        }
        bool changed = false;
        for (auto& d : a.items)
          if (!d.is_null() && d.s == from) d.s = to, changed = true;
        if (changed)
          sql += "UPDATE " + tbl + " SET " + col + " = " + quote_literal(array_to_storage(t.oid, a)) +
                 " WHERE rowid = " + std::to_string(sqlite3_column_int64(st, 0)) + ";";
      }
      sqlite3_finalize(st);
    }
    exec_checked(sql);
    bump_schema();
    return;
  }
  std::string label = stmt->newVal;
  if (t.enum_position(label) >= 0) {
    if (stmt->skipIfNewValExists) {
      out.notices.push_back({"NOTICE", "42710", "enum label \"" + label + "\" already exists, skipping"});
      return;
    }
    throw PgError("42710", "enum label \"" + label + "\" already exists");
  }
  check_label(label);
  std::vector<EnumLabel> labels = t.labels;
  int pos = int(labels.size());  // insert before this index
  if (stmt->newValNeighbor) {
    int n = t.enum_position(stmt->newValNeighbor);
    if (n < 0)
      throw PgError(sqlstate::kInvalidParameterValue,
                    "\"" + std::string(stmt->newValNeighbor) + "\" is not an existing enum label");
    pos = stmt->newValIsAfter ? n + 1 : n;
  }
  std::string sql;
  // PostgreSQL's float4 sort orders: after the last = last + 1, before the first = first - 1,
  // else the midpoint; when float4 cannot split the gap, every label is renumbered 1..n.
  auto choose = [&]() -> std::pair<bool, float> {
    if (labels.empty()) return {true, 1.0f};
    if (pos == int(labels.size())) return {true, labels.back().sort_order + 1.0f};
    if (pos == 0) return {true, labels.front().sort_order - 1.0f};
    float lo = labels[pos - 1].sort_order, hi = labels[pos].sort_order;
    float mid = (lo + hi) / 2.0f;
    return {mid != lo && mid != hi, mid};
  };
  auto [ok, order] = choose();
  if (!ok) {
    for (size_t i = 0; i < labels.size(); i++) {
      labels[i].sort_order = float(i + 1);
      sql += "UPDATE _pgmicro_enum SET enumsortorder = " + std::to_string(i + 1) + " WHERE enumtypid = " + oid +
             " AND enumlabel = " + quote_literal(labels[i].label) + ";";
    }
    order = choose().second;
  }
  sql += "INSERT INTO _pgmicro_enum VALUES (" + oid + ", " + sort_order_text(order) + ", " + quote_literal(label) + ");";
  exec_sql(conn_, sql);
  // inside a transaction block the label cannot be used before COMMIT (55P04)
  if (status_ == TransactionStatus::InBlock) note_uncommitted_enum_label(&catalog_.user_types(), t.oid, label);
  bump_schema();
}

// Renames a type (ALTER TYPE/DOMAIN … RENAME TO) or a domain constraint.
void SessionImpl::execute_rename_type(RenameStmt* stmt, StatementResult& out) {
  List* names = reinterpret_cast<List*>(stmt->object);
  if (stmt->renameType == OBJECT_DOMCONSTRAINT) {
    out.command_tag = "ALTER DOMAIN";
    const UserType& d = lookup_user_type(names, -1);
    std::string from = stmt->subname, to = stmt->newname;
    auto has = [&](const std::string& n) {
      for (auto& c : d.constraints)
        if (c.name == n) return true;
      return false;
    };
    if (!has(from))
      throw PgError(sqlstate::kUndefinedObject, "constraint \"" + from + "\" of domain \"" + d.name + "\" does not exist");
    if (has(to)) throw PgError("42710", "constraint \"" + to + "\" for domain \"" + d.name + "\" already exists");
    exec_sql(conn_, "UPDATE _pgmicro_domain_constraint SET conname = " + quote_literal(to) + " WHERE contypid = " +
                        std::to_string(d.oid) + " AND conname = " + quote_literal(from));
    bump_schema();
    return;
  }
  out.command_tag = stmt->renameType == OBJECT_DOMAIN ? "ALTER DOMAIN" : "ALTER TYPE";
  const UserType& t = lookup_user_type(names, -1);
  if (stmt->renameType == OBJECT_DOMAIN && t.kind != 'd')
    throw PgError(sqlstate::kWrongObjectType, "\"" + t.name + "\" is not a domain");
  std::string to = stmt->newname;
  check_new_type_name(to);
  exec_sql(conn_, "UPDATE _pgmicro_type SET typname = " + quote_literal(to) + " WHERE oid = " + std::to_string(t.oid));
  bump_schema();
}

void SessionImpl::execute_drop_types(DropStmt* stmt, StatementResult& out) {
  bool domain = stmt->removeType == OBJECT_DOMAIN;
  out.command_tag = domain ? "DROP DOMAIN" : "DROP TYPE";
  std::vector<const UserType*> victims;
  for_each_node(stmt->objects, [&](Node* n) {
    auto* tn = reinterpret_cast<TypeName*>(n);
    std::string name = last_name(tn->names);
    const UserType* t = catalog_.user_types().find_by_name(name);
    if (!t) {
      if (const TypeInfo* b = find_type_by_name(name); b && !list_size(tn->arrayBounds))
        throw PgError("2BP01", "cannot drop type " + std::string(b->sql_name) + " because it is required by the database system");
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "type \"" + name + "\" does not exist, skipping"});
        return;
      }
      throw PgError(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist");
    }
    if (domain && t->kind != 'd') throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a domain").at(tn->location);
    if (t->relid)
      throw PgError("2BP01", "cannot drop type " + name + " because table " + name + " requires it", "",
                    "You can drop table " + name + " instead.");
    victims.push_back(t);
  });
  // Dependent objects (columns, domains over it, recursively) outside the dropped set:
  // 2BP01, or with CASCADE dropped too (columns by ALTER TABLE … DROP COLUMN).
  std::vector<TypeDependent> deps;
  for (const UserType* t : victims) type_dependents(*t, victims, deps);
  if (!deps.empty()) {
    std::string what = std::string(domain ? "type " : "type ") + victims[0]->name;
    if (stmt->behavior != DROP_CASCADE) {
      std::string detail;
      for (auto& d : deps) detail += (detail.empty() ? "" : "\n") + d.object + " depends on " + d.on;
      throw PgError("2BP01", "cannot drop " + what + " because other objects depend on it", detail,
                    "Use DROP ... CASCADE to drop the dependent objects too.");
    }
    if (deps.size() == 1) {
      out.notices.push_back({"NOTICE", "00000", "drop cascades to " + deps[0].object});
    } else {
      Notice n{"NOTICE", "00000", "drop cascades to " + std::to_string(deps.size()) + " other objects"};
      for (auto& d : deps) n.detail += (n.detail.empty() ? "" : "\n") + std::string("drop cascades to ") + d.object;
      out.notices.push_back(n);
    }
    for (auto& d : deps)
      if (d.type) victims.push_back(d.type);
  }
  // Column drops reload the catalog: keep the oids, not the types.
  std::vector<Oid> victim_oids;
  for (const UserType* t : victims) victim_oids.push_back(t->oid);
  for (auto& d : deps) {
    if (!d.sql.empty()) {  // a function, cast or operator
      exec_sql(conn_, d.sql);
      continue;
    }
    if (!d.type) {
      if (!d.table.empty() && d.table[0] == '\x01') {  // an attribute of a composite type
        exec_sql(conn_, "DELETE FROM _pgmicro_type_attribute WHERE typrelid = " + d.table.substr(1) +
                            " AND attname = " + quote_literal(d.column));
        continue;
      }
      ParsedScript ps("ALTER TABLE " + quote_ident(d.table) + " DROP COLUMN " + quote_ident(d.column));
      StatementResult ignored;
      execute_alter_table(reinterpret_cast<AlterTableStmt*>(ps.statements()[0].raw->stmt), ignored);
    }
  }
  if (victim_oids.empty()) return;
  std::string sql;
  for (Oid victim : victim_oids) {
    std::string oid = std::to_string(victim);
    sql += "DELETE FROM _pgmicro_type WHERE oid = " + oid + ";DELETE FROM _pgmicro_enum WHERE enumtypid = " + oid +
           ";DELETE FROM _pgmicro_domain_constraint WHERE contypid = " + oid + ";";
    if (const UserType* u = catalog_.user_types().find(victim); u && u->kind == 'c')
      sql += "DELETE FROM _pgmicro_type_attribute WHERE typrelid = " + oid + ";";
    if (const UserType* u = catalog_.user_types().find(victim); u && u->kind == 'b')
      sql += "DELETE FROM _pgmicro_base_type WHERE typid = " + oid + ";";
  }
  exec_sql(conn_, sql);
  bump_schema();
}

// --- domains ----------------------------------------------------------------

// Analyzes a domain CHECK expression (VALUE of the domain's base type) and returns it as a
// boolean expression; errors are PostgreSQL's (unknown columns, non-boolean results).
static ExprPtr analyze_domain_check(Analyzer& a, Oid base, int32_t base_typmod, Node* expr) {
  a.domain_value_type_ = base;
  a.domain_value_typmod_ = base_typmod;
  struct Restore { Analyzer* a; ~Restore() { a->domain_value_type_ = 0; } } restore{&a};
  try {
    ExprPtr e = a.transform_expr(expr, ExprContext::Check);
    return a.coerce_to_bool(e, "CHECK");
  } catch (PgError& err) {
    err.error.position = 0;  // PostgreSQL reports these without a position
    throw;
  }
}

static std::string analyze_domain_default(Analyzer& a, Oid base, int32_t base_typmod, Node* expr) {
  ExprPtr e;
  try {
    e = a.transform_expr(expr, ExprContext::Default);
  } catch (PgError& err) {
    err.error.position = 0;
    throw;
  }
  ExprPtr c = a.coerce_to(e, base, base_typmod, CastContext::Assignment, -1);
  if (!c)
    throw PgError(sqlstate::kDatatypeMismatch, "column \"\" is of type " + format_type_name(base, -1) +
                                                   " but default expression is of type " + format_type_name(e->type, -1),
                  "", "You will need to rewrite or cast the expression.");
  return deparse_expr(*c);
}

// The name PostgreSQL chooses for an unnamed domain CHECK: <domain>_check, then _check1, …
static std::string choose_check_name(const UserType* existing, const std::string& domain,
                                     const std::vector<std::string>& taken_now) {
  for (int i = 0;; i++) {
    std::string n = domain + "_check" + (i ? std::to_string(i) : "");
    bool taken = std::find(taken_now.begin(), taken_now.end(), n) != taken_now.end();
    if (existing)
      for (auto& c : existing->constraints) taken |= c.name == n;
    if (!taken) return n;
  }
}

void SessionImpl::execute_create_domain(CreateDomainStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE DOMAIN";
  std::string name = last_name(stmt->domainname);
  if (stmt->collClause) unsupported("COLLATE in CREATE DOMAIN");
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  Oid base;
  int32_t typmod;
  try {
    a.resolve_type_name(stmt->typeName, base, typmod);
  } catch (PgError& e) {
    e.error.position = 0;
    throw;
  }
  check_new_type_name(name);
  const TypeInfo* bi = find_type(base);
  if (!bi || bi->category == 'P') unsupported("domains over " + format_type_name(base, -1));
  bool not_null = false, saw_null = false;
  std::string default_text;
  struct Check { std::string name, src; };
  std::vector<Check> checks;
  std::vector<std::string> names;
  for_each_node(stmt->constraints, [&](Node* n) {
    auto* c = reinterpret_cast<Constraint*>(n);
    switch (c->contype) {
      case CONSTR_NOTNULL:
        if (saw_null) throw PgError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL constraints").at(c->location);
        not_null = true;
        break;
      case CONSTR_NULL:
        if (not_null) throw PgError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL constraints").at(c->location);
        saw_null = true;
        break;
      case CONSTR_DEFAULT:
        if (!default_text.empty()) throw PgError(sqlstate::kSyntaxError, "multiple default expressions").at(c->location);
        default_text = analyze_domain_default(a, base, typmod, c->raw_expr);
        break;
      case CONSTR_CHECK: {
        analyze_domain_check(a, base, typmod, c->raw_expr);
        std::string cname = c->conname ? c->conname : choose_check_name(nullptr, name, names);
        if (std::find(names.begin(), names.end(), cname) != names.end())
          throw PgError("42710", "constraint \"" + cname + "\" for domain \"" + name + "\" already exists");
        names.push_back(cname);
        std::string src = check_source(current_sql_, c->location);
        if (src.empty()) unsupported("this CHECK constraint text", c->location);
        checks.push_back({cname, src});
        break;
      }
      case CONSTR_UNIQUE: throw PgError(sqlstate::kSyntaxError, "unique constraints not possible for domains").at(c->location);
      case CONSTR_PRIMARY: throw PgError(sqlstate::kSyntaxError, "primary key constraints not possible for domains").at(c->location);
      case CONSTR_FOREIGN: throw PgError(sqlstate::kSyntaxError, "foreign key constraints not possible for domains").at(c->location);
      case CONSTR_EXCLUSION: throw PgError(sqlstate::kSyntaxError, "exclusion constraints not possible for domains").at(c->location);
      default: unsupported("this constraint on a domain", c->location);
    }
  });
  Catalog::ensure_type_tables(conn_);
  int64_t oid = Catalog::allocate_oid(conn_), arr = Catalog::allocate_oid(conn_);
  std::string sql = "INSERT INTO _pgmicro_type VALUES (" + std::to_string(oid) + ", " + quote_literal(name) + ", 'd', " +
                    std::to_string(arr) + ", " + std::to_string(base) + ", " + std::to_string(typmod) + ", " +
                    (not_null ? "1" : "0") + ", " + (default_text.empty() ? "NULL" : quote_literal(default_text)) + ");";
  for (auto& c : checks)
    sql += "INSERT INTO _pgmicro_domain_constraint VALUES (" + std::to_string(Catalog::allocate_oid(conn_)) + ", " +
           std::to_string(oid) + ", " + quote_literal(c.name) + ", " + quote_literal(c.src) + ", 1);";
  exec_sql(conn_, sql);
  bump_schema();
}

// Existing values of a domain's columns against a new CHECK (check_sql over _pgmicro_value)
// or NOT NULL (check_sql empty): PostgreSQL's 23514/23502 naming the first bad column.
void SessionImpl::validate_domain_columns(const UserType& d, const std::string& check_expr_sql, bool not_null) {
  // Columns of the domain and of domains over it (their values are checked by it too).
  std::vector<Oid> domains = {d.oid};
  for (size_t i = 0; i < domains.size(); i++)
    for (auto& [oid, u] : catalog_.user_types().all())
      if (u->kind == 'd' && u->base == domains[i]) domains.push_back(oid);
  // Columns of container types holding the domain (its arrays, composites with such fields,
  // domains over those) are refused as PostgreSQL's get_rels_with_domain does (the new constraint
  // would not check their values): dependents visited depth first in creation (OID) order.
  std::vector<Oid> visited;
  std::function<void(Oid, bool)> visit = [&](Oid type, bool top) {
    if (std::find(visited.begin(), visited.end(), type) != visited.end() || visited.size() > 1000) return;
    visited.push_back(type);
    struct Dep { int64_t order; Oid type; const TableDef* table; const ColumnDef* column; };
    std::vector<Dep> deps;
    const UserType* self = catalog_.user_types().find(type);
    if (self && self->array_oid) deps.push_back({self->array_oid, self->array_oid, nullptr, nullptr});
    for (auto& [oid, u] : catalog_.user_types().all()) {
      if (u->relid) continue;  // a table's row type: its columns are met as columns
      bool holds = !top && u->kind == 'd' && u->base == type;
      if (u->kind == 'c')
        if (const std::vector<RowField>* fields = row_type_fields(oid, -1))
          for (const RowField& f : *fields) holds |= f.type == type;
      if (holds) deps.push_back({oid, oid, nullptr, nullptr});
    }
    if (!top)
      for (auto& t : catalog_.tables())
        for (auto& c : t->columns)
          if (c.type == type) deps.push_back({t->oid, 0, t.get(), &c});
    std::stable_sort(deps.begin(), deps.end(), [](const Dep& a, const Dep& b) { return a.order < b.order; });
    for (const Dep& dep : deps) {
      if (dep.column)
        throw PgError(sqlstate::kFeatureNotSupported,
                      "cannot alter type \"" + d.name + "\" because column \"" + dep.table->name + "." + dep.column->name + "\" uses it");
      visit(dep.type, false);
    }
  };
  for (Oid o : domains) visit(o, true);
  std::vector<ColumnUse> uses;
  for (Oid o : domains)
    for (auto& use : columns_using(catalog_, o, false)) uses.push_back(use);
  for (auto& use : uses) {
    const ColumnDef& c = use.table->columns[use.column];
    std::string from = "(SELECT " + quote_ident(c.name) + " AS _pgmicro_value FROM main." + quote_ident(use.table->name) + ")";
    std::string q = not_null ? "SELECT 1 FROM " + from + " WHERE _pgmicro_value IS NULL LIMIT 1"
                             : "SELECT 1 FROM " + from + " WHERE _pgmicro_value IS NOT NULL AND (" + check_expr_sql +
                                   ") IS FALSE LIMIT 1";
    sqlite3_stmt* st = nullptr;
    runtime_.pending_error.reset();
    if (sqlite3_prepare_v2(conn_, q.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw PgError(sqlstate::kInternalError, std::string("domain validation: ") + sqlite3_errmsg(conn_));
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw PgError(translate_sqlite_error(rc));
    if (rc == SQLITE_ROW) {
      if (not_null)
        throw PgError(sqlstate::kNotNullViolation,
                      "column \"" + c.name + "\" of table \"" + use.table->name + "\" contains null values");
      throw PgError(sqlstate::kCheckViolation, "column \"" + c.name + "\" of table \"" + use.table->name +
                                                   "\" contains values that violate the new constraint");
    }
  }
}

void SessionImpl::execute_alter_domain(AlterDomainStmt* stmt, StatementResult& out) {
  out.command_tag = "ALTER DOMAIN";
  const UserType& d = lookup_user_type(stmt->typeName, -1);
  if (d.kind != 'd') throw PgError(sqlstate::kWrongObjectType, "\"" + d.name + "\" is not a domain");
  std::string oid = std::to_string(d.oid);
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  auto find_constraint = [&](const std::string& n) -> const DomainConstraint* {
    for (auto& c : d.constraints)
      if (c.name == n) return &c;
    return nullptr;
  };
  switch (stmt->subtype) {
    case 'T': {
      std::string text = stmt->def ? analyze_domain_default(a, d.base, d.base_typmod, stmt->def) : "";
      exec_sql(conn_, "UPDATE _pgmicro_type SET typdefault = " + (text.empty() ? std::string("NULL") : quote_literal(text)) +
                          " WHERE oid = " + oid);
      break;
    }
    case 'N':
      exec_sql(conn_, "UPDATE _pgmicro_type SET typnotnull = 0 WHERE oid = " + oid);
      break;
    case 'O':
      validate_domain_columns(d, "", true);
      exec_sql(conn_, "UPDATE _pgmicro_type SET typnotnull = 1 WHERE oid = " + oid);
      break;
    case 'C': {
      auto* c = reinterpret_cast<Constraint*>(stmt->def);
      if (c->contype == CONSTR_NOTNULL) unsupported("ALTER DOMAIN ADD CONSTRAINT … NOT NULL", c->location);
      if (c->contype != CONSTR_CHECK) unsupported("this constraint on a domain", c->location);
      std::string cname = c->conname ? c->conname : choose_check_name(&d, d.name, {});
      if (find_constraint(cname))
        throw PgError("42710", "constraint \"" + cname + "\" for domain \"" + d.name + "\" already exists");
      ExprPtr e = analyze_domain_check(a, d.base, d.base_typmod, c->raw_expr);
      std::string src = check_source(current_sql_, c->location);
      if (src.empty()) unsupported("this CHECK constraint text", c->location);
      if (!c->skip_validation) validate_domain_columns(d, lower_standalone_expr(*e), false);
      exec_sql(conn_, "INSERT INTO _pgmicro_domain_constraint VALUES (" + std::to_string(Catalog::allocate_oid(conn_)) +
                          ", " + oid + ", " + quote_literal(cname) + ", " + quote_literal(src) + ", " +
                          (c->skip_validation ? "0" : "1") + ")");
      break;
    }
    case 'X': {
      std::string cname = stmt->name;
      if (!find_constraint(cname)) {
        if (stmt->missing_ok) {
          out.notices.push_back({"NOTICE", "00000", "constraint \"" + cname + "\" of domain \"" + d.name + "\" does not exist, skipping"});
          return;
        }
        throw PgError(sqlstate::kUndefinedObject, "constraint \"" + cname + "\" of domain \"" + d.name + "\" does not exist");
      }
      exec_sql(conn_, "DELETE FROM _pgmicro_domain_constraint WHERE contypid = " + oid + " AND conname = " + quote_literal(cname));
      break;
    }
    case 'V': {
      std::string cname = stmt->name;
      const DomainConstraint* c = find_constraint(cname);
      if (!c) throw PgError(sqlstate::kUndefinedObject, "constraint \"" + cname + "\" of domain \"" + d.name + "\" does not exist");
      ParsedScript ps("SELECT " + c->check_src);
      auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
      ExprPtr e = analyze_domain_check(a, d.base, d.base_typmod, reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val);
      validate_domain_columns(d, lower_standalone_expr(*e), false);
      exec_sql(conn_, "UPDATE _pgmicro_domain_constraint SET convalidated = 1 WHERE oid = " + std::to_string(c->oid));
      break;
    }
    default: unsupported("this form of ALTER DOMAIN");
  }
  bump_schema();
}

// After a catalog load: per-connection SQL objects of each user type (enum collations, array
// collations and aggregates) and the SQL of each domain CHECK (VALUE = ?1).
void SessionImpl::prepare_user_types() {
  const UserTypes& types = catalog_.user_types();
  if (types.empty()) return;
  register_user_type_objects(conn_, &runtime_, types);
  for (auto& [oid, t] : types.all()) {
    if (t->kind != 'd') continue;
    for (auto& c : t->constraints) {
      try {
        std::vector<Oid> no_params;
        Analyzer a(catalog_, no_params);
        ParsedScript ps("SELECT " + c.check_src);
        auto* sel = reinterpret_cast<SelectStmt*>(ps.statements()[0].raw->stmt);
        ExprPtr e = analyze_domain_check(a, t->base, t->base_typmod,
                                         reinterpret_cast<ResTarget*>(list_at(sel->targetList, 0))->val);
        c.check_sql = "SELECT (" + lower_standalone_expr(*e) + ") FROM (SELECT ?1 AS _pgmicro_value)";
      } catch (const PgError&) {
        c.check_sql.clear();  // reported when the domain is used
      }
    }
  }
}

}  // namespace pgmicro
