// CREATE TYPE name (a shell), CREATE TYPE name (INPUT = f, OUTPUT = f, LIKE = t, …) over
// LANGUAGE internal I/O functions (types/base_types.h), CREATE/DROP CAST (WITHOUT FUNCTION,
// WITH INOUT), CREATE/DROP OPERATOR (a function of one or two arguments; commutator,
// negator, restriction/join estimators, HASHES and MERGES are recorded or accepted), and
// CREATE/DROP OPERATOR CLASS (checked and recorded, no other effect: comparisons and hashing of
// IN lists use the operators themselves). Rows in catalog/catalog_base_types.cpp's tables.
#include <cstring>
#include "analyze/analyzer.h"
#include "catalog/catalog_base_types.h"
#include "common/error.h"
#include "parse/parser.h"
#include "parse/pg_nodes.h"
#include "session/session_impl.h"
#include "types/base_types.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {
std::string last_name(List* names) { return node_string(list_at(names, list_size(names) - 1)); }

std::string signature(const std::string& name, const std::vector<Oid>& types) {
  std::string s = name + "(";
  for (size_t i = 0; i < types.size(); i++) s += (i ? ", " : "") + format_type_name(types[i], -1);
  return s + ")";
}

std::string def_name(DefElem* d) {
  if (!d->arg) return "";
  if (IsA(d->arg, List)) return last_name(reinterpret_cast<List*>(d->arg));
  if (IsA(d->arg, TypeName)) return last_name(reinterpret_cast<TypeName*>(d->arg)->names);
  return node_string(d->arg);
}
}  // namespace

Oid SessionImpl::base_type_name(TypeName* tn) {
  std::vector<Oid> none;
  Analyzer a(catalog_, none);
  a.sql_ = current_sql_;
  Oid t;
  int32_t typmod;
  a.resolve_type_name(tn, t, typmod);
  return t;
}

void SessionImpl::execute_define_type(DefineStmt* d, StatementResult& out) {
  out.command_tag = "CREATE TYPE";
  std::string name = last_name(d->defnames);
  const UserType* existing = catalog_.user_types().find_by_name(name);
  if (!d->definition) {  // CREATE TYPE name: a shell
    check_new_type_name(name);
    ensure_base_type_tables(conn_);
    int64_t oid = Catalog::allocate_oid(conn_);
    exec_sql(conn_, "INSERT INTO _pgmicro_type(oid, typname, typtype, typarray) VALUES (" + std::to_string(oid) + ", " +
                        quote_literal(name) + ", 'p', 0)");
    return bump_schema();
  }
  if (existing && existing->kind != 'p') throw PgError("42710", "type \"" + name + "\" already exists");
  if (!existing) unsupported("CREATE TYPE with I/O functions without a shell type created first");
  Oid self = existing->oid;
  std::string input, output;
  Oid like = 0;
  for_each_node(d->definition, [&](Node* n) {
    auto* e = reinterpret_cast<DefElem*>(n);
    std::string opt = e->defname;
    if (opt == "input") input = def_name(e);
    else if (opt == "output") output = def_name(e);
    else if (opt == "like") like = base_type_name(reinterpret_cast<TypeName*>(e->arg));
    else if (opt == "internallength" || opt == "passedbyvalue" || opt == "alignment" || opt == "storage" ||
             opt == "category" || opt == "preferred" || opt == "collatable" || opt == "delimiter") {
      // physical layout and catalog hints: the storage is the LIKE type's (or the I/O type's)
    } else if (opt == "receive" || opt == "send" || opt == "typmod_in" || opt == "typmod_out" || opt == "analyze" ||
               opt == "subscript" || opt == "default" || opt == "element") {
      unsupported("CREATE TYPE option " + opt);
    } else {
      out.notices.push_back({"WARNING", "42601", "type attribute \"" + opt + "\" not recognized"});
    }
  });
  if (input.empty()) throw PgError("42P17", "type input function must be specified");
  if (output.empty()) throw PgError("42P17", "type output function must be specified");
  // The I/O functions: input(cstring) and output(type), LANGUAGE internal.
  auto find_io = [&](const std::string& fname, Oid arg, char role, int64_t& proc_oid) -> Oid {
    const ProcDef* found = nullptr;
    for (const ProcDef* p : catalog_.find_procs(fname))
      if (p->kind == 'f' && p->input_types() == std::vector<Oid>{arg}) found = p;
    if (!found)
      throw PgError(sqlstate::kUndefinedFunction, "function " + signature(fname, {arg}) + " does not exist");
    std::string src = internal_function_source(found->definition);
    const InternalFunction* f = find_internal_function(src);
    if (!f || f->role != role)
      unsupported(std::string("type ") + (role == 'i' ? "input" : "output") + " functions other than PostgreSQL's built-in ones");
    proc_oid = found->oid;
    return f->type;
  };
  int64_t in_oid = 0, out_oid = 0;
  Oid in_type = find_io(input, 2275, 'i', in_oid);
  Oid out_type = find_io(output, self, 'o', out_oid);
  if (in_type != out_type) unsupported("a type whose input and output functions belong to different types");
  Oid storage = like ? physical_type(like) : in_type;
  if (!find_internal_function(format_type_name(storage, -1)) && !physically_compatible(in_type, storage))
    unsupported("a type LIKE " + format_type_name(storage, -1) + " with the I/O of " + format_type_name(in_type, -1));
  int64_t arr = Catalog::allocate_oid(conn_);
  ensure_base_type_tables(conn_);
  exec_sql(conn_, "UPDATE _pgmicro_type SET typtype = 'b', typbasetype = " + std::to_string(storage) +
                      ", typarray = " + std::to_string(arr) + " WHERE oid = " + std::to_string(self) +
                      ";INSERT INTO _pgmicro_base_type VALUES (" + std::to_string(self) + ", " + std::to_string(in_oid) +
                      ", " + std::to_string(out_oid) + ", " + std::to_string(in_type) + ")");
  bump_schema();
}

// --- casts -------------------------------------------------------------------

void SessionImpl::execute_create_cast(CreateCastStmt* c, StatementResult& out) {
  out.command_tag = "CREATE CAST";
  Oid src = base_type_name(c->sourcetype), dst = base_type_name(c->targettype);
  std::string what = "cast from type " + format_type_name(src, -1) + " to type " + format_type_name(dst, -1);
  if (src == dst) throw PgError("42P17", "source data type and target data type are the same");
  for (const auto& b : builtin_casts())
    if (b.source == src && b.target == dst) throw PgError("42710", what + " already exists");
  if (catalog_.user_types().find_cast(src, dst)) throw PgError("42710", what + " already exists");
  char method = 'b';
  if (c->func) unsupported("CREATE CAST WITH FUNCTION");
  if (c->inout) {
    method = 'i';
  } else {
    if (is_named_composite(src) || is_named_composite(dst))
      throw PgError("42P17", "composite data types are not binary-compatible");
    if (!physically_compatible(src, dst))
      throw PgError("42P17", "source and target data types are not physically compatible");
  }
  char context = c->context == COERCION_IMPLICIT ? 'i' : c->context == COERCION_ASSIGNMENT ? 'a' : 'e';
  ensure_base_type_tables(conn_);
  int64_t oid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO _pgmicro_cast VALUES (" + std::to_string(oid) + ", " + std::to_string(src) + ", " +
                      std::to_string(dst) + ", 0, '" + context + "', '" + method + "')");
  bump_schema();
}

void SessionImpl::execute_drop_casts(DropStmt* stmt, StatementResult& out) {
  out.command_tag = "DROP CAST";
  std::string sql;
  for_each_node(stmt->objects, [&](Node* n) {
    auto* pair = reinterpret_cast<List*>(n);
    Oid src = base_type_name(reinterpret_cast<TypeName*>(list_at(pair, 0)));
    Oid dst = base_type_name(reinterpret_cast<TypeName*>(list_at(pair, 1)));
    std::string what = "cast from type " + format_type_name(src, -1) + " to type " + format_type_name(dst, -1);
    auto written = [](Node* t) {  // TypeNameToString, for the IF EXISTS notice
      std::string s;
      for_each_node(reinterpret_cast<TypeName*>(t)->names, [&](Node* n) { s += (s.empty() ? "" : ".") + node_string(n); });
      for (int i = 0; i < list_size(reinterpret_cast<TypeName*>(t)->arrayBounds); i++) s += "[]";
      return s;
    };
    const UserCast* c = catalog_.user_types().find_cast(src, dst);
    if (!c) {
      for (const auto& b : builtin_casts())
        if (b.source == src && b.target == dst)
          throw PgError("2BP01", "cannot drop " + std::string("cast from ") + format_type_name(src, -1) + " to " +
                                     format_type_name(dst, -1) + " because it is required by the database system");
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "cast from type " + written(list_at(pair, 0)) + " to type " +
                                                      written(list_at(pair, 1)) + " does not exist, skipping"});
        return;
      }
      throw PgError(sqlstate::kUndefinedObject, what + " does not exist");
    }
    sql += "DELETE FROM _pgmicro_cast WHERE oid = " + std::to_string(c->oid) + ";";
  });
  if (sql.empty()) return;
  exec_sql(conn_, sql);
  bump_schema();
}

// --- operators ---------------------------------------------------------------

void SessionImpl::execute_create_operator(DefineStmt* d, StatementResult& out) {
  out.command_tag = "CREATE OPERATOR";
  std::string name = last_name(d->defnames);
  Oid left = 0, right = 0;
  std::string proc_name, commutator, negator;
  bool merges = false, hashes = false;
  for_each_node(d->definition, [&](Node* n) {
    auto* e = reinterpret_cast<DefElem*>(n);
    std::string opt = e->defname;
    if (opt == "leftarg") left = base_type_name(reinterpret_cast<TypeName*>(e->arg));
    else if (opt == "rightarg") right = base_type_name(reinterpret_cast<TypeName*>(e->arg));
    else if (opt == "procedure" || opt == "function") proc_name = def_name(e);
    else if (opt == "commutator") commutator = def_name(e);
    else if (opt == "negator") negator = def_name(e);
    else if (opt == "merges") merges = !e->arg || node_string(e->arg) != "false";
    else if (opt == "hashes") hashes = !e->arg || node_string(e->arg) != "false";
    else if (opt == "restrict" || opt == "join") {
      // selectivity estimators: planner hints
    } else {
      out.notices.push_back({"WARNING", "42601", "operator attribute \"" + opt + "\" not recognized"});
    }
  });
  if (proc_name.empty()) throw PgError("42P13", "operator function must be specified");
  if (!right) {
    if (left) throw PgError("42P13", "operator right argument type must be specified", "Postfix operators are not supported.");
    throw PgError("42P13", "operator argument types must be specified");
  }
  std::vector<Oid> args;
  if (left) args.push_back(left);
  args.push_back(right);
  const ProcDef* proc = nullptr;
  for (const ProcDef* p : catalog_.find_procs(proc_name))
    if (p->kind == 'f' && p->input_types() == args) proc = p;
  if (!proc) throw PgError(sqlstate::kUndefinedFunction, "function " + signature(proc_name, args) + " does not exist");
  for (const auto& o : catalog_.user_types().operators)
    if (o.name == name && o.def.left == left && o.def.right == right)
      throw PgError("42723", "operator " + name + " already exists");
  for (const auto& o : builtin_operators())
    if (name == o.name && o.left == left && o.right == right) throw PgError("42723", "operator " + name + " already exists");
  ensure_base_type_tables(conn_);
  int64_t oid = Catalog::allocate_oid(conn_);
  exec_sql(conn_, "INSERT INTO _pgmicro_operator VALUES (" + std::to_string(oid) + ", " + quote_literal(name) + ", " +
                      std::to_string(left) + ", " + std::to_string(right) + ", " + std::to_string(proc->result) + ", " +
                      std::to_string(proc->oid) + ", " + quote_literal(proc_name) + ", " + quote_literal(commutator) +
                      ", " + quote_literal(negator) + ", " + (merges ? "1" : "0") + ", " + (hashes ? "1" : "0") + ")");
  bump_schema();
}

void SessionImpl::execute_drop_operators(DropStmt* stmt, StatementResult& out) {
  out.command_tag = "DROP OPERATOR";
  std::string sql;
  for_each_node(stmt->objects, [&](Node* n) {
    auto* owa = reinterpret_cast<ObjectWithArgs*>(n);
    std::string name = last_name(owa->objname);
    Oid lr[2] = {0, 0};
    for (int i = 0; i < 2 && i < list_size(owa->objargs); i++) {
      Node* a = list_at(owa->objargs, i);
      if (a) lr[i] = base_type_name(reinterpret_cast<TypeName*>(a));
    }
    const UserOperator* found = nullptr;
    for (const auto& o : catalog_.user_types().operators)
      if (o.name == name && o.def.left == lr[0] && o.def.right == lr[1]) found = &o;
    if (!found) {
      std::string sig = (lr[0] ? format_type_name(lr[0], -1) + " " : "") + name + " " + format_type_name(lr[1], -1);
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "operator " + name + " does not exist, skipping"});
        return;
      }
      throw PgError(sqlstate::kUndefinedFunction, "operator does not exist: " + sig);
    }
    sql += "DELETE FROM _pgmicro_operator WHERE oid = " + std::to_string(found->oid) + ";";
  });
  if (sql.empty()) return;
  exec_sql(conn_, sql);
  bump_schema();
}

}  // namespace pgmicro
