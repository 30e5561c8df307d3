// CREATE TABLE and DROP TABLE: analysis against the catalog, then the SQLite DDL plus the
// catalog rows (_pgmicro_*), in the statement's transaction. Serial columns create their
// sequence and nextval() default, as PostgreSQL does.
#include <algorithm>
#include <map>
#include <optional>
#include <functional>
#include <strings.h>
#include "analyze/view_definition.h"
#include "analyze/analyzer.h"
#include "analyze/collation.h"
#include "session/view_replace_checks.h"
#include "common/error.h"
#include "lower/lower.h"
#include "parse/pg_nodes.h"
#include "catalog/inheritance.h"
#include "session/ddl_inherit.h"
#include "session/ddl_partition.h"
#include "session/table_reloptions.h"
#include "session/ddl_table_like.h"
#include "parse/parser.h"
#include "session/deferred_constraints.h"
#include "session/foreign_keys.h"
#include "session/sequence_options.h"
#include "session/check_system_columns.h"
#include "session/generation_expr_refs.h"
#include "session/session_impl.h"
#include "session/view_dependencies.h"

namespace pgmicro {

namespace {

std::string sqlite_decl_type(Oid type, int32_t typmod) { return sqlite_column_type(type, typmod); }

struct PendingConstraint {
  std::string name;
  char type;
  std::vector<int> columns;
  int location;
  Node* check = nullptr;       // CHECK expression
  std::string check_src;       // its source text
  int check_column = -1;       // column constraint's column
  int inhcount = 0;            // CHECK inherited from that many parents
  bool is_local = true;        // defined by the table itself
  bool no_inherit = false;     // CHECK ... NO INHERIT
  bool deferrable = false;     // UNIQUE / PRIMARY KEY ... DEFERRABLE (still checked per row)
};

// The source text of CHECK ( expr ) starting at the constraint's location: the balanced
// parenthesised text after the CHECK keyword (quotes and comments respected).
}  // namespace

std::string check_source(std::string_view sql, int location) {
  size_t i = location < 0 ? 0 : (size_t)location;
  size_t kw = sql.size();
  for (size_t k = i; k + 5 <= sql.size(); k++) {
    if (strncasecmp(sql.data() + k, "check", 5) == 0) { kw = k + 5; break; }
  }
  size_t open = sql.find('(', kw);
  if (open == std::string_view::npos) return "";
  int depth = 0;
  for (size_t k = open; k < sql.size(); k++) {
    char c = sql[k];
    if (c == '\'' || c == '"') {
      char q = c;
      for (k++; k < sql.size() && !(sql[k] == q && (k + 1 >= sql.size() || sql[k + 1] != q)); k++)
        if (sql[k] == q) k++;
      continue;
    }
    if (c == '-' && k + 1 < sql.size() && sql[k + 1] == '-') { while (k < sql.size() && sql[k] != '\n') k++; continue; }
    if (c == '(') depth++;
    if (c == ')' && --depth == 0) {
      std::string_view body = sql.substr(open + 1, k - open - 1);
      size_t b = body.find_first_not_of(" \t\n\r"), e = body.find_last_not_of(" \t\n\r");
      return b == std::string_view::npos ? "" : std::string(body.substr(b, e - b + 1));
    }
  }
  return "";
}

namespace {

// PostgreSQL's ChooseRelationName: base, base1, base2, ... whichever is free.
std::string choose_relation_name(const Catalog& cat, const std::string& schema, const std::string& base, const std::vector<std::string>& taken) {
  std::string name = base;
  for (int i = 1; cat.relation_exists(schema, name) || std::find(taken.begin(), taken.end(), name) != taken.end(); i++)
    name = base + std::to_string(i);
  return name;
}

// Vars of the table itself.
void check_generation_vars(const Expr& e, const TableDef& t) {
  if (e.kind == ExprKind::Var && e.levelsup == 0 && e.attno < (int)t.columns.size() && t.columns[e.attno].generated)
    throw PgError("42P17", "cannot use generated column \"" + t.columns[e.attno].name + "\" in column generation expression",
                  "A generated column cannot reference another generated column.").at(e.location);
  if (e.volatile_) throw PgError("42P17", "generation expression is not immutable");
  // The expression is stored as deparse_expr prints it, which covers these kinds.
  if (e.kind != ExprKind::Var && e.kind != ExprKind::Const && e.kind != ExprKind::Call)
    unsupported("this kind of expression in a column generation expression", e.location);
  for (auto& a : e.args) check_generation_vars(*a, t);
}

void collect_vars(const Expr& e, std::vector<int>& cols) {
  if (e.kind == ExprKind::Var && e.levelsup == 0 &&
      std::find(cols.begin(), cols.end(), e.attno) == cols.end())
    cols.push_back(e.attno);
  for (auto& a : e.args) collect_vars(*a, cols);
}

}  // namespace

// The stored text of a column default: the expression as written when the coercion to the
// column type only added casts (ruleutils hides implicit and assignment casts, and the
// default is coerced to the column again where it is used), else the coerced expression.
std::string stored_default_text(const ExprPtr& e, const ExprPtr& c) {
  const Expr* x = c.get();
  while (x && x != e.get() && x->kind == ExprKind::Call && x->args.size() == 1 &&
         (x->name == "typmod" || find_type_by_name(x->name)))
    x = x->args[0].get();
  if (x == e.get() && c != e && e->type != oid::kUnknown) return deparse_expr(*e);
  return deparse_expr(*c);
}

// GENERATED ALWAYS AS (expr) STORED of column `column`: analyzed over the table's columns with
// PostgreSQL's restrictions, coerced to the column type; returns the stored (deparsed) text.
std::string analyze_generation_expr(Analyzer& a, const TableDef& t, int column, Node* node) {
  auto scope = a.dml_scope(&t, "");
  a.scope_ = scope.get();
  struct Restore { Analyzer* a; ~Restore() { a->scope_ = nullptr; } } restore{&a};
  check_generation_expr_refs(node, t);
  ExprPtr e = a.transform_expr(node, ExprContext::Generated);
  check_generation_vars(*e, t);
  const ColumnDef& col = t.columns[column];
  ExprPtr c = a.coerce_to(e, col.type, col.typmod, CastContext::Assignment, -1);
  if (!c)
    throw PgError(sqlstate::kDatatypeMismatch,
                  "column \"" + col.name + "\" is of type " + format_type_name(col.type, -1) +
                      " but default expression is of type " + format_type_name(e->type, -1),
                  "", "You will need to rewrite or cast the expression.");
  return deparse_expr(*c);
}

void SessionImpl::execute_create_table(CreateStmt* stmt, StatementResult& out) {
  RangeVar* rv = stmt->relation;
  out.command_tag = "CREATE TABLE";
  // UNLOGGED: crash safety only, no visible difference here (a table in pg_temp stays refused).
  if (rv->relpersistence == 'u' && rv->schemaname && Catalog::canonical_schema(rv->schemaname) == kTempSchema)
    throw PgError(sqlstate::kInvalidTableDefinition, "only temporary relations may be created in temporary schemas").at(rv->location);
  if (stmt->ofTypename) unsupported("typed tables", rv->location);
  validate_table_reloptions(stmt->options, false, true);  // no effect here (table_reloptions.h)
  bool temporary = rv->relpersistence == 't';
  if (stmt->oncommit != ONCOMMIT_NOOP && !temporary)
    throw PgError("42P16", "ON COMMIT can only be used on temporary tables");
  const std::string schema = catalog_.target_schema(rv->schemaname ? rv->schemaname : "", temporary, rv->location, rv->relname);
  const std::string cp = catalog_prefix(schema);  // where this table's catalog rows go
  std::string tname = rv->relname;
  if (tname.rfind("_pgmicro_", 0) == 0 || tname.rfind("sqlite_", 0) == 0)
    throw PgError(sqlstate::kInsufficientPrivilege, "relation name \"" + tname + "\" is reserved by pgmicro").at(rv->location);
  if (catalog_.relation_exists(schema, tname)) {
    if (stmt->if_not_exists) {
      out.notices.push_back({"NOTICE", "42P07", "relation \"" + tname + "\" already exists, skipping"});
      return;
    }
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + tname + "\" already exists");
  }

  TableDef t;
  t.name = tname;
  t.schema = schema;
  std::vector<PendingConstraint> cons;
  struct Serial { int column; Oid type; };
  std::vector<Serial> serials;
  std::vector<Node*> default_nodes;
  struct Identity { int column; char kind; List* options; const SequenceDef* copy_of = nullptr; };
  std::vector<Identity> identities;
  std::map<size_t, Node*> generated_nodes;  // column -> GENERATED ALWAYS AS (expr) STORED
  std::vector<std::pair<Constraint*, std::vector<int>>> foreign_keys;  // with the column of a column constraint
  std::vector<Constraint*> exclusions;  // EXCLUDE table constraints
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  // PostgreSQL's MergeAttributes: duplicate local columns first, then the parents' columns
  // come first and local definitions of the same name merge into them.
  {
    std::vector<std::string> names;
    for_each_node(stmt->tableElts, [&](Node* n) {
      if (!IsA(n, ColumnDef)) return;
      std::string nm = reinterpret_cast<::ColumnDef*>(n)->colname;
      if (std::find(names.begin(), names.end(), nm) != names.end())
        throw PgError(sqlstate::kDuplicateColumn, "column \"" + nm + "\" specified more than once");
      names.push_back(nm);
    });
  }
  int local_pos = 0;
  std::vector<Notice> partition_notices;  // PARTITION OF merges its column options silently
  if (stmt->partspec && list_size(stmt->inhRelations) && !stmt->partbound)
    throw PgError("42P17", "cannot create partitioned table as inheritance child");
  InheritedSchema inh = merge_parent_tables(catalog_, stmt->inhRelations, temporary, stmt->partbound ? partition_notices : out.notices,
                                            stmt->partbound != nullptr);
  t.columns = inh.columns;
  default_nodes.resize(t.columns.size());
  std::vector<bool> local_seen(t.columns.size(), false);
  for (auto& ck : inh.checks)
    cons.push_back({ck.name, 'c', {}, -1, nullptr, ck.check_expr, -1, ck.inhcount, false, false});

  auto add_key = [&](Constraint* c, std::vector<int> cols) {
    if (c->nulls_not_distinct) unsupported("UNIQUE NULLS NOT DISTINCT", c->location);  // SQLite's unique indexes: NULLs distinct
    if (c->contype == CONSTR_PRIMARY)
      for (auto& pc : cons)
        if (pc.type == 'p')
          throw PgError(sqlstate::kInvalidTableDefinition,
                        "multiple primary keys for table \"" + tname + "\" are not allowed").at(c->location);
    if (c->initdeferred) unsupported("INITIALLY DEFERRED unique and primary key constraints", c->location);
    cons.push_back({c->conname ? c->conname : "", c->contype == CONSTR_PRIMARY ? 'p' : 'u', std::move(cols), c->location});
    cons.back().deferrable = c->deferrable;
  };

  // Columns first (table constraints may name any column); LIKE's columns where it stands.
  std::vector<TableLikeCopy> likes;
  for_each_node(stmt->tableElts, [&](Node* n) {
    if (IsA(n, TableLikeClause)) {
      likes.push_back(expand_table_like(catalog_, reinterpret_cast<TableLikeClause*>(n)));
      TableLikeCopy& lc = likes.back();
      for (size_t k = 0; k < lc.columns.size(); k++) {
        local_pos++;
        ColumnDef& col = lc.columns[k];
        int merge_into = -1;
        for (size_t i = 0; i < t.columns.size(); i++)
          if (t.columns[i].name == col.name) {
            if (i >= inh.columns.size() || local_seen[i])
              throw PgError(sqlstate::kDuplicateColumn, "column \"" + col.name + "\" specified more than once");
            merge_into = (int)i;
            local_seen[i] = true;
          }
        const int colidx = merge_into >= 0 ? merge_into : (int)t.columns.size();
        if (col.identity) identities.push_back({colidx, col.identity, nullptr, lc.identity_sequences[k]});
        if (merge_into >= 0) {
          merge_local_column(t.columns[merge_into], col, merge_into + 1 != local_pos, stmt->partbound ? partition_notices : out.notices);
          if (!col.default_text.empty()) t.columns[merge_into].default_text = col.default_text;
          if (col.generated) t.columns[merge_into].generated = col.generated;
          continue;
        }
        default_nodes.push_back(nullptr);
        t.columns.push_back(col);
      }
      return;
    }
    if (!IsA(n, ColumnDef)) return;
    auto* cd = reinterpret_cast<::ColumnDef*>(n);
    int merge_into = -1;
    local_pos++;
    for (size_t i = 0; i < t.columns.size(); i++)
      if (t.columns[i].name == cd->colname) {
        if (i >= inh.columns.size() || local_seen[i])
          throw PgError(sqlstate::kDuplicateColumn, "column \"" + std::string(cd->colname) + "\" specified more than once");
        merge_into = (int)i;
        local_seen[i] = true;
      }
    const int colidx = merge_into >= 0 ? merge_into : (int)t.columns.size();
    ColumnDef col;
    col.name = cd->colname;
    bool is_serial = false;
    TypeName* tn = cd->typeName;
    if (!tn) {
      // PARTITION OF (col WITH OPTIONS ...): options of an inherited column.
      if (merge_into < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col.name + "\" does not exist");
      col.type = t.columns[merge_into].type;
      col.typmod = t.columns[merge_into].typmod;
    }
    std::string last = tn ? node_string(list_at(tn->names, list_size(tn->names) - 1)) : "";
    if (!tn) {
    } else if (list_size(tn->names) == 1 && !list_size(tn->typmods) && !list_size(tn->arrayBounds) &&
        (last == "serial" || last == "serial4" || last == "bigserial" || last == "serial8" || last == "smallserial" ||
         last == "serial2")) {
      col.type = last == "bigserial" || last == "serial8" ? oid::kInt8 : last == "smallserial" || last == "serial2" ? oid::kInt2 : oid::kInt4;
      col.not_null = true;
      is_serial = true;
      serials.push_back({colidx, col.type});
    } else {
      a.resolve_type_name(tn, col.type, col.typmod);
    }
    if (!tn && merge_into >= 0) col.collation = t.columns[merge_into].collation;
    if (cd->collClause) col.collation = column_collation(cd->collClause, col.type, col.typmod);
    Node* def = cd->raw_default;
    // PostgreSQL's transformColumnDefinition order of checks.
    bool saw_nullable = false, saw_default = def != nullptr || is_serial, saw_identity = false, saw_generated = false;
    fold_constraint_attributes(cd->constraints);
    for_each_node(cd->constraints, [&](Node* cn) {
      auto* c = reinterpret_cast<Constraint*>(cn);
      switch (c->contype) {
        case CONSTR_NULL:
        case CONSTR_NOTNULL:
          if (saw_nullable && col.not_null != (c->contype == CONSTR_NOTNULL))
            throw PgError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" + col.name +
                                                      "\" of table \"" + tname + "\"").at(c->location);
          col.not_null = c->contype == CONSTR_NOTNULL;
          saw_nullable = true;
          break;
        case CONSTR_DEFAULT:
          if (saw_default)
            throw PgError(sqlstate::kSyntaxError,
                          "multiple default values specified for column \"" + col.name + "\" of table \"" + tname + "\"")
                .at(c->location);
          def = c->raw_expr;
          saw_default = true;
          break;
        case CONSTR_IDENTITY:
          if (saw_identity)
            throw PgError(sqlstate::kSyntaxError,
                          "multiple identity specifications for column \"" + col.name + "\" of table \"" + tname + "\"")
                .at(c->location);
          identities.push_back({colidx, c->generated_when, c->options});
          col.identity = c->generated_when;
          col.not_null = true;
          saw_identity = saw_nullable = true;
          break;
        case CONSTR_GENERATED:
          if (saw_generated)
            throw PgError(sqlstate::kSyntaxError, "multiple generation clauses specified for column \"" + col.name +
                                                      "\" of table \"" + tname + "\"").at(c->location);
          col.generated = 's';
          generated_nodes[colidx] = c->raw_expr;
          saw_generated = true;
          break;
        case CONSTR_PRIMARY: add_key(c, {colidx}); break;
        case CONSTR_UNIQUE: add_key(c, {colidx}); break;
        case CONSTR_CHECK:
          cons.push_back({c->conname ? c->conname : "", 'c', {}, c->location, c->raw_expr,
                          check_source(current_sql_, c->location), colidx, 0, true, c->is_no_inherit});
          break;
        case CONSTR_FOREIGN: foreign_keys.push_back({c, {colidx}}); break;
        case CONSTR_ATTR_DEFERRABLE:
        case CONSTR_ATTR_NOT_DEFERRABLE:
        case CONSTR_ATTR_IMMEDIATE:
        case CONSTR_ATTR_DEFERRED:
          break;  // folded into the preceding constraint (fold_constraint_attributes)
        default: unsupported("this column constraint", c->location);
      }
      if (saw_default && saw_identity)
        throw PgError(sqlstate::kSyntaxError, "both default and identity specified for column \"" + col.name +
                                                  "\" of table \"" + tname + "\"").at(is_serial ? -1 : c->location);
      if (saw_default && saw_generated)
        throw PgError(sqlstate::kSyntaxError, "both default and generation expression specified for column \"" + col.name +
                                                  "\" of table \"" + tname + "\"").at(is_serial ? -1 : c->location);
      if (saw_identity && saw_generated)
        throw PgError(sqlstate::kSyntaxError, "both identity and generation expression specified for column \"" + col.name +
                                                  "\" of table \"" + tname + "\"").at(c->location);
    });
    if (is_serial) {
      if (saw_nullable && !col.not_null)
        throw PgError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" + col.name +
                                                  "\" of table \"" + tname + "\"");
      col.not_null = true;
    }
    if (col.identity && col.type != oid::kInt2 && col.type != oid::kInt4 && col.type != oid::kInt8)
      throw PgError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
    if (merge_into >= 0) {
      // A partition's column may take its own collation (MergeAttributes checks only inheritance).
      if (stmt->partbound && cd->collClause) t.columns[merge_into].collation = col.collation;
      bool inherited_generated = t.columns[merge_into].generated;
      merge_local_column(t.columns[merge_into], col, merge_into + 1 != local_pos, stmt->partbound ? partition_notices : out.notices);
      if (inherited_generated && !stmt->partbound) {  // MergeAttributes: the child column stays unadorned
        if (col.generated)
          throw PgError("42611", "child column \"" + col.name + "\" specifies generation expression", "",
                        "Omit the generation expression in the definition of the child table column to inherit the generation "
                        "expression from the parent table.");
        if (def) throw PgError("42611", "column \"" + col.name + "\" inherits from generated column but specifies default");
        if (col.identity) throw PgError("42611", "column \"" + col.name + "\" inherits from generated column but specifies identity");
      }
      if (stmt->partbound) t.columns[merge_into].is_local = false;  // PARTITION OF (col WITH OPTIONS): still not local
      if (def) default_nodes[merge_into] = def;
      if (col.generated) t.columns[merge_into].generated = col.generated;
      return;
    }
    default_nodes.push_back(def);
    t.columns.push_back(std::move(col));
  });
  for_each_node(stmt->tableElts, [&](Node* n) {
    if (IsA(n, ColumnDef)) return;
    if (IsA(n, TableLikeClause)) return;
    auto* c = reinterpret_cast<Constraint*>(n);
    if (c->contype == CONSTR_CHECK) {
      cons.push_back({c->conname ? c->conname : "", 'c', {}, c->location, c->raw_expr, check_source(current_sql_, c->location),
                      -1, 0, true, c->is_no_inherit});
      return;
    }
    if (c->contype == CONSTR_FOREIGN) {
      foreign_keys.push_back({c, {}});
      return;
    }
    if (c->contype == CONSTR_EXCLUSION) {
      if (stmt->partspec || stmt->partbound || stmt->inhRelations) unsupported("exclusion constraints on inheritance or partitioned tables", c->location);
      exclusions.push_back(c);  // added once the table exists (exclusion_constraints.cpp)
      return;
    }
    if (c->contype != CONSTR_PRIMARY && c->contype != CONSTR_UNIQUE) unsupported("this table constraint", c->location);
    if (list_size(c->including)) unsupported("INCLUDE in constraints", c->location);
    std::vector<int> cols;
    for_each_node(c->keys, [&](Node* k) {
      std::string name = node_string(k);
      int idx = t.find_column(name);
      if (idx < 0)
        throw PgError(sqlstate::kUndefinedColumn, "column \"" + name + "\" named in key does not exist").at(c->location);
      for (int x : cols)
        if (x == idx)
          throw PgError(sqlstate::kDuplicateColumn, "column \"" + name + "\" appears twice in " +
                                                        (c->contype == CONSTR_PRIMARY ? "primary key" : "unique") + " constraint")
              .at(c->location);
      cols.push_back(idx);
    });
    add_key(c, cols);
  });
  // LIKE … INCLUDING CONSTRAINTS / INDEXES: CHECKs keep their names, keys are named anew.
  for (auto& lc : likes) {
    for (auto& ck : lc.checks) cons.push_back({ck.name, 'c', {}, -1, nullptr, ck.check_expr, -1, 0, true, ck.no_inherit});
    for (auto& k : lc.keys) {
      std::vector<int> cols;
      for (int c : k.columns) cols.push_back(t.find_column(lc.source->columns[c].name));
      if (k.type == 'p')
        for (auto& pc : cons)
          if (pc.type == 'p')
            throw PgError(sqlstate::kInvalidTableDefinition, "multiple primary keys for table \"" + tname + "\" are not allowed");
      cons.push_back({"", k.type, cols, -1});
    }
  }
  // CHECK expressions: analyzed over the new table (boolean, no aggregates or subqueries).
  // Partitioning: PARTITION BY (key), PARTITION OF (bound; the parent's keys are copied).
  std::string partition_key;
  char partition_strategy = 0;
  if (stmt->partspec) partition_key = analyze_partition_spec(catalog_, t, stmt->partspec, partition_strategy, conn_);
  if (stmt->partspec)
    for (auto& pc : cons) {
      if (pc.type == 'c' && pc.no_inherit)
        throw PgError("42P16", "cannot add NO INHERIT constraint to partitioned table \"" + tname + "\"");
      if (pc.type == 'p' || pc.type == 'u') check_unique_covers_partition_key(t, partition_key, pc.type, pc.columns);
    }
  PartitionBound bound;
  if (stmt->partbound) {
    const TableDef* parent = inh.parents.at(0);
    bound = analyze_partition_bound(conn_, catalog_, *parent, stmt->partbound, tname);
    for (auto& pk : parent->constraints) {
      if (pk.type != 'p' && pk.type != 'u') continue;
      std::vector<int> cols;
      for (int c : pk.columns) cols.push_back(t.find_column(parent->columns[c].name));
      bool dup = false;
      for (auto& pc : cons) dup |= pc.type == pk.type && pc.columns == cols;
      if (!dup) cons.push_back({"", pk.type, cols, -1});
    }
  }
  for (size_t i = 0; i < inh.columns.size(); i++)
    if (inh.default_conflict[i] && !default_nodes[i] && t.columns[i].generated)
      throw PgError("42611", "column \"" + t.columns[i].name + "\" inherits conflicting generation expressions");
    else if (inh.default_conflict[i] && !default_nodes[i])
      throw PgError("42611", "column \"" + t.columns[i].name + "\" inherits conflicting default values", "",
                    "To resolve the conflict, specify a default explicitly.");
  for (auto& pc : cons) {
    if (pc.type != 'c' || !pc.check) continue;
    auto scope = a.dml_scope(&t, "");
    a.scope_ = scope.get();
    ExprPtr e = a.transform_expr(pc.check, ExprContext::Check);
    a.scope_ = nullptr;
    e = a.coerce_to_bool(e, "CHECK");
    std::vector<int> vars;
    collect_vars(*e, vars);
    if (pc.check_src.empty()) unsupported("this CHECK constraint text", pc.location);
    if (pc.name.empty()) {
      // tableoid is one of the Vars too (pull_var_clause): with a column, no column part.
      bool sys = check_mentions_tableoid(pc.check, t);
      std::string base = tname + (vars.size() == 1 && !sys ? "_" + t.columns[vars[0]].name : vars.empty() && sys ? "_tableoid" : "") + "_check";
      pc.name = base;
      for (int i = 1;; i++) {
        bool taken = false;
        for (auto& other : cons) taken |= &other != &pc && other.name == pc.name;
        if (!taken) break;
        pc.name = base + std::to_string(i);
      }
    }
  }
  // A local CHECK named like an inherited one merges with it when the expressions agree.
  for (auto& pc : cons) {
    if (pc.type != 'c' || !pc.check) continue;
    for (auto& other : cons)
      if (&other != &pc && other.type == 'c' && other.name == pc.name && !other.check && other.inhcount) {
        if (other.check_src != pc.check_src)
          throw PgError("42710", "constraint \"" + pc.name + "\" for relation \"" + tname + "\" already exists");
        out.notices.push_back({"NOTICE", "00000", "merging constraint \"" + pc.name + "\" with inherited definition"});
        pc.inhcount = other.inhcount;
        other.type = 0;  // dropped: the local one carries the inheritance count
      }
  }
  for (auto& pc : cons) {
    if (pc.type == 'c' || pc.type == 0) continue;
    if (pc.type == 'p')
      for (int c : pc.columns) t.columns[c].not_null = true;
    if (pc.name.empty()) {
      if (pc.type == 'p') {
        pc.name = tname + "_pkey";
      } else {
        pc.name = tname;
        for (int c : pc.columns) pc.name += "_" + t.columns[c].name;
        pc.name += "_key";
      }
      // PostgreSQL picks a new name when one is taken: name1, name2, ...
      std::string base = pc.name;
      for (int i = 1;; i++) {
        bool taken = catalog_.relation_exists(schema, pc.name);
        for (auto& other : cons) taken |= &other != &pc && other.name == pc.name;
        if (!taken) break;
        pc.name = base + std::to_string(i);
      }
    }
    if (pc.name.size() > 63) pc.name.resize(63);
  }
  // Foreign keys: resolved against the catalog, or this table for a self-reference.
  Catalog::ensure_catalog_tables(conn_);
  int64_t toid = Catalog::allocate_oid(conn_);
  std::vector<ConstraintDef> fks;
  if (!foreign_keys.empty()) {
    TableDef self = t;
    for (auto& pc : cons)
      if (pc.type == 'p' || pc.type == 'u') {
        ConstraintDef k;
        k.type = pc.type;
        k.columns = pc.columns;
        self.constraints.push_back(k);
      }
    std::vector<std::string> taken;
    for (auto& pc : cons) taken.push_back(pc.name);
    for (auto& [c, cols] : foreign_keys) {
      fks.push_back(resolve_foreign_key(catalog_, self, c, cols, &self, toid, taken));
      taken.push_back(fks.back().name);
    }
  }
  // Defaults: analyzed against no range table, coerced to the column type, stored deparsed.
  for (size_t i = 0; i < t.columns.size(); i++) {
    if (!default_nodes[i]) continue;
    ExprPtr e = a.transform_expr(default_nodes[i], ExprContext::Default);
    ExprPtr c = a.coerce_to(e, t.columns[i].type, t.columns[i].typmod, CastContext::Assignment, -1);
    if (!c)
      throw PgError(sqlstate::kDatatypeMismatch,
                    "column \"" + t.columns[i].name + "\" is of type " + format_type_name(t.columns[i].type, -1) +
                        " but default expression is of type " + format_type_name(e->type, -1),
                    "", "You will need to rewrite or cast the expression.")
          .at(expr_location(default_nodes[i]));
    t.columns[i].default_text = stored_default_text(e, c);
  }

  // Generation expressions: over the new row, stored deparsed in attdefault (attgenerated 's').
  for (auto& [i, node] : generated_nodes)
    t.columns[i].default_text = analyze_generation_expr(a, t, (int)i, node);

  // Persist: catalog rows, sequences, then the SQLite table.
  if (temporary) Catalog::ensure_temp_catalog_tables(conn_);
  // A serial default names its sequence as regclass output does: qualified outside public/pg_temp.
  auto seq_ref = [&](const std::string& seq) {
    return schema == kPublicSchema || schema == kTempSchema ? seq : pg_quote_identifier(schema) + "." + seq;
  };
  std::string sql = "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(toid) + ", " + quote_literal(schema) + ", " + quote_literal(tname) + ", 'r');";
  std::vector<std::string> taken_seq_names;
  for (auto& s : serials) {
    std::string seqname = tname + "_" + t.columns[s.column].name + "_seq";
    if (catalog_.relation_exists(schema, seqname))
      throw PgError(sqlstate::kDuplicateTable, "relation \"" + seqname + "\" already exists");
    int64_t soid = Catalog::allocate_oid(conn_);
    int64_t maxv = s.type == oid::kInt2 ? 32767 : s.type == oid::kInt4 ? 2147483647 : INT64_MAX;
    sql += "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(schema) + ", " + quote_literal(seqname) + ", 'S');";
    sql += "INSERT INTO " + cp + "_pgmicro_sequence(seqrelid, seqtypid, seqstart, seqincrement, seqmin, seqmax, last_value, is_called, owned_by_rel, owned_by_att) VALUES(" + std::to_string(soid) + ", " + std::to_string(s.type) + ", 1, 1, 1, " +
           std::to_string(maxv) + ", 1, 0, " + std::to_string(toid) + ", " + std::to_string(s.column + 1) + ");";
    t.columns[s.column].default_text = "nextval(" + quote_literal(seq_ref(seqname)) + "::regclass)";
  }
  for (auto& id : identities) {
    SequenceOptions o = id.copy_of ? copied_sequence_options(*id.copy_of)
                                   : parse_sequence_options(catalog_, id.options, t.columns[id.column].type, true);
    std::string seqname = o.name.empty() ? choose_relation_name(catalog_, schema, tname + "_" + t.columns[id.column].name + "_seq", taken_seq_names)
                                         : o.name;
    if (catalog_.relation_exists(schema, seqname) || std::find(taken_seq_names.begin(), taken_seq_names.end(), seqname) != taken_seq_names.end())
      throw PgError(sqlstate::kDuplicateTable, "relation \"" + seqname + "\" already exists");
    taken_seq_names.push_back(seqname);
    int64_t soid = Catalog::allocate_oid(conn_);
    sql += "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(schema) + ", " + quote_literal(seqname) + ", 'S');";
    sql += sequence_catalog_row(soid, o, toid, id.column + 1, cp);
    t.columns[id.column].default_text = "nextval(" + quote_literal(seq_ref(seqname)) + "::regclass)";
  }
  for (size_t i = 0; i < t.columns.size(); i++) {
    auto& c = t.columns[i];
    sql += "INSERT INTO " + cp + "_pgmicro_attribute VALUES(" + std::to_string(toid) + ", " + std::to_string(i + 1) + ", " +
           quote_literal(c.name) + ", " + std::to_string(c.type) + ", " + std::to_string(c.typmod) + ", " +
           (c.not_null ? "1" : "0") + ", " + (c.default_text.empty() ? "NULL" : quote_literal(c.default_text)) + ", " +
           quote_literal(c.identity ? std::string(1, c.identity) : "") + ", " +
           quote_literal(c.generated ? std::string(1, c.generated) : "") + ", " + std::to_string(c.collation) + ");";
  }
  std::string ddl = "CREATE TABLE " + sqlite_ref(schema, tname) + " (";
  for (size_t i = 0; i < t.columns.size(); i++) {
    auto& c = t.columns[i];
    std::string decl = sqlite_decl_type(c.type, c.typmod);
    // A single-column primary key declared "integer" would become SQLite's rowid alias,
    // which turns an inserted NULL into a new rowid; "int" keeps PostgreSQL's NOT NULL.
    if (decl == "integer")
      for (auto& pc : cons)
        if (pc.type == 'p' && pc.columns.size() == 1 && pc.columns[0] == (int)i) decl = "int";
    ddl += (i ? ", " : "") + quote_ident(c.name) + " " + decl + (c.not_null && !stmt->partspec ? " NOT NULL" : "");
  }
  for (auto& pc : cons) {
    if (pc.type == 0) continue;
    if (pc.type == 'c') {
      int64_t coid = Catalog::allocate_oid(conn_);
      sql += "INSERT INTO " + cp + "_pgmicro_constraint(oid, conrelid, conname, contype, conkey, consrc) VALUES(" + std::to_string(coid) + ", " + std::to_string(toid) + ", " +
             quote_literal(pc.name) + ", 'c', '', " + quote_literal(pc.check_src) + ");";
      if (pc.inhcount || !pc.is_local || pc.no_inherit) sql += coninh_row_sql(coid, cp, pc.inhcount, pc.is_local, pc.no_inherit);
      continue;
    }
    if (catalog_.relation_exists(schema, pc.name))
      throw PgError(sqlstate::kDuplicateTable, "relation \"" + pc.name + "\" already exists");
    int64_t coid = Catalog::allocate_oid(conn_);
    std::string keys, cols;
    for (size_t i = 0; i < pc.columns.size(); i++) {
      keys += (i ? "," : "") + std::to_string(pc.columns[i] + 1);
      cols += (i ? ", " : "") + quote_ident(t.columns[pc.columns[i]].name);
    }
    sql += "INSERT INTO " + cp + "_pgmicro_constraint(oid, conrelid, conname, contype, conkey, consrc, condeferrable) VALUES(" + std::to_string(coid) + ", " + std::to_string(toid) + ", " +
           quote_literal(pc.name) + ", '" + pc.type + "', '" + keys + "', NULL, " + (pc.deferrable ? "1" : "0") + ");";
    // A partitioned table's SQLite table only stages rows: its partitions hold the keys.
    if (!stmt->partspec) ddl += ", CONSTRAINT " + quote_ident(pc.name) + (pc.type == 'p' ? " PRIMARY KEY (" : " UNIQUE (") + cols + ")";
  }
  for (auto& fk : fks) {
    fk.oid = Catalog::allocate_oid(conn_);
    sql += foreign_key_catalog_row(fk, toid, cp);
  }
  // A table without columns (PostgreSQL allows them) keeps one hidden NULL column: SQLite needs one.
  if (t.columns.empty()) ddl += "_pgmicro_nocols";
  ddl += ");";
  std::vector<int64_t> parent_oids;
  for (auto* p : inh.parents) parent_oids.push_back(p->oid);
  if (stmt->partbound) {
    int rank = 0;
    sql += partition_rank_sql(conn_, catalog_, *inh.parents[0], toid, bound, rank);
    sql += inheritance_rows_sql(toid, cp, parent_oids, t.columns, encode_bound(bound), true, rank);
  } else {
    sql += inheritance_rows_sql(toid, cp, parent_oids, t.columns);
  }
  if (stmt->partspec)
    sql += "INSERT INTO " + cp + "_pgmicro_partitioned_table VALUES(" + std::to_string(toid) + ", '" + std::string(1, partition_strategy) +
           "', " + quote_literal(partition_key) + ");";
  for (auto& lc : likes)
    for (auto& [col, text] : lc.column_comments)
      sql += "INSERT INTO " + cp + "_pgmicro_description VALUES(" + std::to_string(toid) + ", " +
             std::to_string(t.find_column(lc.source->columns[col].name) + 1) + ", " + quote_literal(text) + ");";
  // LIKE … INCLUDING INDEXES: the source's other indexes, named as CREATE INDEX names them
  // (texts made first: the catalog reload below frees the source's definition).
  std::vector<std::string> like_indexes;
  for (auto& lc : likes)
    for (const IndexDef* ix : lc.indexes) like_indexes.push_back(cloned_index_statement(*lc.source, *ix, schema, tname));
  likes.clear();
  exec_sql(conn_, sql + ddl);
  for (const std::string& text : like_indexes) {
      catalog_.refresh(conn_);
      ParsedScript parsed(text);
      std::string_view saved = current_sql_;
      current_sql_ = text;
      StatementResult ignored;
      try {
        execute_index(reinterpret_cast<IndexStmt*>(parsed.statements().at(0).raw->stmt), ignored);
      } catch (...) {
        current_sql_ = saved;
        throw;
      }
      current_sql_ = saved;
    }
  for (Constraint* c : exclusions) {
    catalog_.refresh(conn_);
    add_exclusion_constraint(*catalog_.find_table_by_oid(toid), c, cp);
  }
  if (temporary && stmt->oncommit != ONCOMMIT_NOOP && stmt->oncommit != ONCOMMIT_PRESERVE_ROWS)
    on_commit_[toid] = stmt->oncommit == ONCOMMIT_DROP ? 'D' : 'd';
}

void SessionImpl::execute_drop(DropStmt* stmt, StatementResult& out) {
  if (stmt->removeType == OBJECT_FUNCTION || stmt->removeType == OBJECT_PROCEDURE) return execute_drop_function(stmt, out);
  if (stmt->removeType == OBJECT_AGGREGATE) return execute_drop_aggregate(stmt, out);
  if (stmt->removeType == OBJECT_TYPE || stmt->removeType == OBJECT_DOMAIN) return execute_drop_types(stmt, out);
  if (stmt->removeType == OBJECT_CAST) return execute_drop_casts(stmt, out);          // ddl_base_type.cpp
  if (stmt->removeType == OBJECT_OPERATOR) return execute_drop_operators(stmt, out);
  if (stmt->removeType == OBJECT_INDEX) {
    if (stmt->concurrent) {  // DROP INDEX CONCURRENTLY: same result, PostgreSQL's restrictions
      if (status_ != TransactionStatus::Idle) throw PgError("25001", "DROP INDEX CONCURRENTLY cannot run inside a transaction block");
      if (list_size(stmt->objects) != 1)
        throw PgError(sqlstate::kFeatureNotSupported, "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
      if (stmt->behavior == DROP_CASCADE) throw PgError(sqlstate::kFeatureNotSupported, "DROP INDEX CONCURRENTLY does not support CASCADE");
    }
    out.command_tag = "DROP INDEX";
    std::string sql;
    for_each_node(stmt->objects, [&](Node* n) {
      auto* names = reinterpret_cast<List*>(n);
      std::string name = node_string(list_at(names, list_size(names) - 1));
      std::string schema = list_size(names) > 1 ? node_string(list_at(names, list_size(names) - 2)) : "";
      if (!schema_for_drop(schema, stmt->missing_ok, out)) return;
      auto [t, ix] = catalog_.find_index(schema, name);
      if (!ix) {
        bool is_constraint = false;
        for (auto& tt : catalog_.tables())
          for (auto& c : tt->constraints)
            if (c.type != 'c' && c.name == name) {
              throw PgError("2BP01", "cannot drop index " + name + " because constraint " + name + " on table " + tt->name + " requires it",
                            "", "You can drop constraint " + name + " on table " + tt->name + " instead.");
            }
        (void)is_constraint;
        if (catalog_.find_table(schema, name) || catalog_.find_sequence(schema, name))
          throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not an index", "", "Use DROP TABLE to remove a table.");
        if (stmt->missing_ok) {
          out.notices.push_back({"NOTICE", "00000", "index \"" + name + "\" does not exist, skipping"});
          return;
        }
        throw PgError(sqlstate::kUndefinedObject, "index \"" + name + "\" does not exist");
      }
      std::string cp = catalog_prefix(t->schema);
      sql += "DROP INDEX " + sqlite_ref(t->schema, name) + ";DELETE FROM " + cp + "_pgmicro_index WHERE indexrelid = " + std::to_string(ix->oid) +
             ";DELETE FROM " + cp + "_pgmicro_class WHERE oid = " + std::to_string(ix->oid) + ";";
    });
    if (!sql.empty()) exec_sql(conn_, sql);
    return;
  }
  if (stmt->removeType == OBJECT_VIEW) {
    out.command_tag = "DROP VIEW";
    std::string sql;
    std::vector<const ViewDef*> dropping;
    for_each_node(stmt->objects, [&](Node* n) {
      auto* names = reinterpret_cast<List*>(n);
      std::string name = node_string(list_at(names, list_size(names) - 1));
      std::string schema = list_size(names) > 1 ? node_string(list_at(names, list_size(names) - 2)) : "";
      if (!schema_for_drop(schema, stmt->missing_ok, out)) return;
      const ViewDef* v = catalog_.find_view(schema, name);
      if (!v) {
        if (catalog_.find_table(schema, name))
          throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a view", "", "Use DROP TABLE to remove a table.");
        if (stmt->missing_ok) {
          out.notices.push_back({"NOTICE", "00000", "view \"" + name + "\" does not exist, skipping"});
          return;
        }
        throw PgError(sqlstate::kUndefinedTable, "view \"" + name + "\" does not exist");
      }
      dropping.push_back(v);
    });
    // Views reading a dropped view (session/view_dependencies.h).
    std::vector<int64_t> skip;
    for (const ViewDef* v : dropping) skip.push_back(v->oid);
    std::vector<DependentView> dependents;
    for (const ViewDef* v : dropping)
      collect_dependent_views(catalog_, v->oid, "view " + relation_description_name(catalog_, v->oid), skip, dependents);
    if (!dependents.empty()) {
      std::string detail, notice;
      for (auto& d : dependents) {
        std::string name = relation_description_name(catalog_, d.view->oid);
        detail += (detail.empty() ? "" : "\n") + ("view " + name + " depends on " + d.on);
        notice += (notice.empty() ? "" : "\n") + ("drop cascades to view " + name);
      }
      if (stmt->behavior != DROP_CASCADE)
        throw PgError("2BP01", dropping.size() > 1 ? "cannot drop desired object(s) because other objects depend on them"
                                                   : "cannot drop view " + relation_description_name(catalog_, dropping[0]->oid) +
                                                         " because other objects depend on it",
                      detail, "Use DROP ... CASCADE to drop the dependent objects too.");
      if (dependents.size() == 1) out.notices.push_back({"NOTICE", "00000", notice});
      else out.notices.push_back({"NOTICE", "00000", "drop cascades to " + std::to_string(dependents.size()) + " other objects", notice});
      for (auto& d : dependents) dropping.push_back(d.view);
    }
    for (const ViewDef* v : dropping) sql += drop_view_sql(*v);
    if (!sql.empty()) {
      exec_sql(conn_, sql);
      bump_schema();
    }
    return;
  }
  if (stmt->removeType == OBJECT_SEQUENCE) {
    out.command_tag = "DROP SEQUENCE";
    std::string sql;
    for_each_node(stmt->objects, [&](Node* n) {
      auto* names = reinterpret_cast<List*>(n);
      std::string name = node_string(list_at(names, list_size(names) - 1));
      std::string schema = list_size(names) > 1 ? node_string(list_at(names, list_size(names) - 2)) : "";
      if (!schema_for_drop(schema, stmt->missing_ok, out)) return;
      const SequenceDef* s = catalog_.find_sequence(schema, name);
      if (!s) {
        if (catalog_.find_table(schema, name))
          throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence", "", "Use DROP TABLE to remove a table.");
        if (stmt->missing_ok) {
          out.notices.push_back({"NOTICE", "00000", "sequence \"" + name + "\" does not exist, skipping"});
          return;
        }
        throw PgError(sqlstate::kUndefinedTable, "sequence \"" + name + "\" does not exist");
      }
      if (s->owned_by_table) {
        const TableDef* t = catalog_.find_table_by_oid(s->owned_by_table);
        if (t && s->owned_by_column >= 0 && s->owned_by_column < (int)t->columns.size() && stmt->behavior != DROP_CASCADE)
          throw PgError("2BP01", "cannot drop sequence " + name + " because other objects depend on it",
                        "default value for column " + t->columns[s->owned_by_column].name + " of table " + t->name +
                            " depends on sequence " + name,
                        "Use DROP ... CASCADE to drop the dependent objects too.");
        if (stmt->behavior == DROP_CASCADE) unsupported("DROP SEQUENCE ... CASCADE");
      }
      std::string oid = std::to_string(s->oid), cp = catalog_prefix(s->schema);
      sql += "DELETE FROM " + cp + "_pgmicro_sequence WHERE seqrelid = " + oid + ";DELETE FROM " + cp + "_pgmicro_class WHERE oid = " + oid +
             ";DELETE FROM " + cp + "_pgmicro_description WHERE objoid = " + oid + ";";
    });
    if (!sql.empty()) {
      exec_sql(conn_, sql);
      bump_schema();
    }
    return;
  }
  if (stmt->removeType == OBJECT_SCHEMA) return execute_drop_schema(stmt, out);
  if (stmt->removeType != OBJECT_TABLE) {
    const char* what = stmt->removeType == OBJECT_INDEX ? "DROP INDEX" : stmt->removeType == OBJECT_VIEW ? "DROP VIEW"
                     : stmt->removeType == OBJECT_SEQUENCE ? "DROP SEQUENCE" : stmt->removeType == OBJECT_SCHEMA ? "DROP SCHEMA"
                     : stmt->removeType == OBJECT_TYPE ? "DROP TYPE" : "this DROP statement";
    unsupported(what);
  }
  if (stmt->concurrent) unsupported("DROP ... CONCURRENTLY");
  out.command_tag = "DROP TABLE";
  std::vector<const TableDef*> drop;
  for_each_node(stmt->objects, [&](Node* n) {
    auto* names = reinterpret_cast<List*>(n);
    int len = list_size(names);
    std::string schema = len > 1 ? node_string(list_at(names, len - 2)) : "";
    std::string name = node_string(list_at(names, len - 1));
    std::string shown = schema.empty() ? name : schema + "." + name;
    if (!schema_for_drop(schema, stmt->missing_ok, out)) return;
    const TableDef* t = catalog_.find_table(schema, name);
    if (!t) {
      if (catalog_.find_sequence(schema, name))
        throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a table", "", "Use DROP SEQUENCE to remove a sequence.");
      if (catalog_.find_view(schema, name))
        throw PgError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a table", "", "Use DROP VIEW to remove a view.");
      if (stmt->missing_ok) {
        out.notices.push_back({"NOTICE", "00000", "table \"" + shown + "\" does not exist, skipping"});
        return;
      }
      throw PgError(sqlstate::kUndefinedTable, "table \"" + shown + "\" does not exist");
    }
    drop.push_back(t);
  });
  std::string sql;
  // Foreign keys of other tables referencing a dropped table: an error, or dropped with CASCADE.
  std::vector<std::string> deps, cascaded;
  std::string depended;  // the first dropped table something depends on
  for (const TableDef* t : drop)
    for (auto& [child, fk] : referencing_foreign_keys(catalog_, t->oid)) {
      if (std::find(drop.begin(), drop.end(), child) != drop.end()) continue;
      std::string what = "constraint " + fk->name + " on table " + child->name;
      deps.push_back(what + " depends on table " + t->name);
      if (depended.empty()) depended = t->name;
      cascaded.push_back("drop cascades to " + what);
      sql += "DELETE FROM " + catalog_prefix(child->schema) + "_pgmicro_constraint WHERE oid = " + std::to_string(fk->oid) + ";";
    }
  // Inheritance children of a dropped table depend on it (dropped too with CASCADE), reported
  // in the order of PostgreSQL's dependency walk (children by descending OID, depth first).
  const size_t named = drop.size();
  {
    std::vector<std::pair<const TableDef*, const TableDef*>> found;  // (dependent, what it depends on)
    std::function<void(const TableDef*)> visit = [&](const TableDef* t) {
      std::vector<int64_t> kids(t->children.rbegin(), t->children.rend());
      for (int64_t c : kids) {
        const TableDef* child = catalog_.find_table_by_oid(c);
        if (!child || std::find(drop.begin(), drop.end(), child) != drop.end()) continue;
        if (t->partition_strategy) {
          // Partitions go with their partitioned table, silently.
          drop.push_back(child);
          visit(child);
          continue;
        }
        bool seen = false;
        for (auto& f : found) seen |= f.first == child;
        if (seen) continue;
        size_t at = found.size();
        found.push_back({child, t});
        visit(child);
        // Post-order: the child goes after its own dependents.
        std::rotate(found.begin() + (long)at, found.begin() + (long)at + 1, found.end());
      }
    };
    for (size_t i = 0; i < named; i++) visit(drop[i]);
    std::reverse(found.begin(), found.end());
    for (auto& f : found) {
      deps.push_back("table " + f.first->name + " depends on table " + f.second->name);
      if (depended.empty()) depended = f.second->name;
      cascaded.push_back("drop cascades to table " + f.first->name);
      if (stmt->behavior == DROP_CASCADE) drop.push_back(f.first);
    }
  }
  // Views reading a dropped table (session/view_dependencies.h).
  std::vector<DependentView> dependent_views;
  for (const TableDef* t : drop) {
    size_t before = dependent_views.size();
    collect_dependent_views(catalog_, t->oid, "table " + relation_description_name(catalog_, t->oid), {}, dependent_views);
    if (dependent_views.size() > before && depended.empty()) depended = relation_description_name(catalog_, t->oid);
  }
  for (auto& d : dependent_views) {
    std::string name = relation_description_name(catalog_, d.view->oid);
    deps.push_back("view " + name + " depends on " + d.on);
    cascaded.push_back("drop cascades to view " + name);
  }
  auto lines = [](const std::vector<std::string>& v) {
    std::string s;
    for (auto& l : v) s += (s.empty() ? "" : "\n") + l;
    return s;
  };
  if (!deps.empty() && stmt->behavior != DROP_CASCADE)
    throw PgError("2BP01", named > 1 ? "cannot drop desired object(s) because other objects depend on them"
                                     : "cannot drop table " + depended + " because other objects depend on it", lines(deps),
                  "Use DROP ... CASCADE to drop the dependent objects too.");
  if (cascaded.size() == 1) out.notices.push_back({"NOTICE", "00000", cascaded[0]});
  if (cascaded.size() > 1)
    out.notices.push_back({"NOTICE", "00000", "drop cascades to " + std::to_string(cascaded.size()) + " other objects",
                           lines(cascaded)});
  for (auto& d : dependent_views) sql += drop_view_sql(*d.view);
  for (const TableDef* t : drop) sql += drop_table_sql(*t);
  if (!sql.empty()) exec_sql(conn_, sql);
}

// The SQLite table and every catalog row of table `t` (columns, constraints, indexes, owned
// sequences, comments).
std::string SessionImpl::drop_table_sql(const TableDef& t) {
  std::string oid = std::to_string(t.oid), cp = catalog_prefix(t.schema), sql;
  sql += "DROP TABLE " + t.sqlite_ref() + ";";
  if (t.plain_sqlite) return sql;  // outside the catalog: nothing to delete there
  sql += "DELETE FROM " + cp + "_pgmicro_class WHERE oid IN (SELECT seqrelid FROM " + cp + "_pgmicro_sequence WHERE owned_by_rel = " + oid + ");";
  sql += "DELETE FROM " + cp + "_pgmicro_sequence WHERE owned_by_rel = " + oid + ";";
  sql += "DELETE FROM " + cp + "_pgmicro_attribute WHERE attrelid = " + oid + ";";
  sql += "DELETE FROM " + cp + "_pgmicro_description WHERE objoid = " + oid + " OR objoid IN (SELECT oid FROM " + cp +
         "_pgmicro_constraint WHERE conrelid = " + oid + ") OR objoid IN (SELECT indexrelid FROM " + cp +
         "_pgmicro_index WHERE indrelid = " + oid + ");";
  sql += "DELETE FROM " + cp + "_pgmicro_constraint WHERE conrelid = " + oid + ";";
  sql += "DELETE FROM " + cp + "_pgmicro_class WHERE oid IN (SELECT indexrelid FROM " + cp + "_pgmicro_index WHERE indrelid = " + oid + ");";
  sql += "DELETE FROM " + cp + "_pgmicro_index WHERE indrelid = " + oid + ";";
  sql += "DELETE FROM " + cp + "_pgmicro_class WHERE oid = " + oid + ";";
  sql += inheritance_drop_sql(t);
  on_commit_.erase(t.oid);
  return sql;
}

// A schema named in DROP: false (with PostgreSQL's notice) when it does not exist and IF
// EXISTS was given; 3F000 otherwise.
bool SessionImpl::schema_for_drop(const std::string& schema, bool missing_ok, StatementResult& out) {
  if (schema.empty() || catalog_.find_schema(schema)) return true;
  if (missing_ok) {
    out.notices.push_back({"NOTICE", "00000", "schema \"" + schema + "\" does not exist, skipping"});
    return false;
  }
  throw PgError("3F000", "schema \"" + schema + "\" does not exist");
}

}  // namespace pgmicro

namespace pgmicro {

// CREATE [OR REPLACE] VIEW: the query is analyzed now (errors, column names) and the whole
// statement text is stored; uses re-analyze it, as PostgreSQL's rewriter expands views.
void SessionImpl::execute_view(ViewStmt* stmt, StatementResult& out) {
  out.command_tag = "CREATE VIEW";
  RangeVar* rv = stmt->view;
  std::vector<std::pair<std::string, std::string>> reloptions;
  merge_view_reloptions(stmt->options, false, reloptions);  // PostgreSQL's 22023 errors
  // (a TEMP view in a non-temporary schema: PostgreSQL's error has no position)
  std::string schema = catalog_.target_schema(rv->schemaname ? rv->schemaname : "", rv->relpersistence == 't',
                                              rv->relpersistence == 't' ? -1 : rv->location, rv->relname);
  std::string name = rv->relname;
  std::vector<Oid> no_params;
  Analyzer a(catalog_, no_params);
  a.sql_ = current_sql_;
  // SELECT INTO (on the leftmost SELECT): analysed as the query, then refused.
  SelectStmt* leftmost = reinterpret_cast<SelectStmt*>(stmt->query);
  while (leftmost->op != SETOP_NONE && leftmost->larg) leftmost = leftmost->larg;
  IntoClause* into = leftmost->intoClause;
  leftmost->intoClause = nullptr;
  auto q = a.analyze_select(reinterpret_cast<SelectStmt*>(stmt->query));
  if (into) throw PgError(sqlstate::kFeatureNotSupported, "views must not contain SELECT INTO");
  if (schema != kTempSchema && query_uses_temp_relations(*q)) {
    // DefineView: a view over temporary relations is temporary itself.
    out.notices.push_back({"NOTICE", "00000", "view \"" + name + "\" will be a temporary view"});
    if (rv->schemaname && schema != kTempSchema)
      throw PgError(sqlstate::kInvalidTableDefinition, "cannot create temporary relation in non-temporary schema");
    schema = kTempSchema;
  }
  const std::string cp = catalog_prefix(schema);
  const ViewDef* existing = catalog_.find_view(schema, name);
  if ((existing && !stmt->replace) || (!existing && catalog_.relation_exists(schema, name)))
    throw PgError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  std::vector<std::string> cols;
  for (auto& t : q->targets) cols.push_back(t.name);
  if (list_size(stmt->aliases) > (int)cols.size())
    throw PgError(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  for (int i = 0; i < list_size(stmt->aliases); i++) cols[i] = node_string(list_at(stmt->aliases, i));
  for (size_t i = 0; i < cols.size(); i++)
    for (size_t k = 0; k < i; k++)
      if (cols[i] == cols[k]) throw PgError(sqlstate::kDuplicateColumn, "column \"" + cols[i] + "\" specified more than once");
  if (existing) check_view_replacement(catalog_, *existing, *q, cols);
  std::string colnames;
  for (size_t i = 0; i < cols.size(); i++) colnames += (i ? "\n" : "") + cols[i];
  bool check_option = stmt->withCheckOption != NO_CHECK_OPTION;
  for (auto& o : reloptions) check_option |= o.first == "check_option";
  if (check_option) {
    std::string why = view_not_updatable_detail(reinterpret_cast<SelectStmt*>(stmt->query), *q, true);
    if (!why.empty())
      throw PgError(sqlstate::kFeatureNotSupported, "WITH CHECK OPTION is supported only on automatically updatable views", "", why);
  }
  // CREATE OR REPLACE keeps the view's column defaults (ALTER VIEW ... SET DEFAULT statements
  // appended to the definition), as PostgreSQL keeps pg_attrdef.
  std::string definition = current_stmt_text_;
  if (existing) definition += ViewDefinition(existing->definition).default_statements;
  Catalog::ensure_catalog_tables(conn_);
  if (schema == kTempSchema) Catalog::ensure_temp_catalog_tables(conn_);
  std::string sql;
  if (existing) {
    sql = "UPDATE " + cp + "_pgmicro_view SET definition = " + quote_literal(definition) + ", colnames = " + quote_literal(colnames) +
          " WHERE viewrelid = " + std::to_string(existing->oid) + ";";
  } else {
    int64_t oid = Catalog::allocate_oid(conn_);
    sql = "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(oid) + ", " + quote_literal(schema) + ", " + quote_literal(name) + ", 'v');" +
          "INSERT INTO " + cp + "_pgmicro_view VALUES(" + std::to_string(oid) + ", " + quote_literal(current_stmt_text_) + ", " +
          quote_literal(colnames) + ");";
  }
  exec_sql(conn_, sql);
  bump_schema();
}

}  // namespace pgmicro
