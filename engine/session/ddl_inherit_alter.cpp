// ALTER TABLE over inheritance trees: INHERIT / NO INHERIT, and the recursion of subcommands
// to child tables that PostgreSQL does unless ONLY is given (ADD/DROP COLUMN with inherited
// column counts, SET/DROP DEFAULT, SET/DROP NOT NULL, ALTER TYPE, ADD/DROP CHECK constraints,
// RENAME COLUMN). Each subcommand runs through execute_alter_table on one table at a time.
#include <algorithm>
#include <cctype>
#include "analyze/analyzer.h"
#include "catalog/inheritance.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/ddl_inherit.h"
#include "session/ddl_partition.h"
#include "plpgsql/plpgsql_exec.h"
#include "session/foreign_keys.h"
#include "session/session_impl.h"

namespace pgmicro {

namespace {

// Narrows a List to its i-th element while alive (the statement is run one subcommand at a time).
struct OneCell {
  List* l;
  ListCell* elements;
  int length;
  OneCell(List* list, int i) : l(list), elements(list->elements), length(list->length) {
    l->elements = elements + i;
    l->length = 1;
  }
  ~OneCell() {
    l->elements = elements;
    l->length = length;
  }
};

// Points a RangeVar at another table while alive.
struct Retarget {
  RangeVar* rv;
  char* relname;
  char* schemaname;
  bool inh;
  std::string name, schema;
  Retarget(RangeVar* r, const TableDef& t, bool recurse) : rv(r), relname(r->relname), schemaname(r->schemaname), inh(r->inh),
                                                          name(t.name), schema(t.schema) {
    rv->relname = name.data();
    rv->schemaname = schema.data();
    rv->inh = recurse;
  }
  ~Retarget() {
    rv->relname = relname;
    rv->schemaname = schemaname;
    rv->inh = inh;
  }
};

std::string attinh_sql(const TableDef& t, const ColumnDef& c, int inhcount, bool is_local) {
  std::string cp = catalog_prefix(t.schema);
  if (inhcount <= 0)
    return "DELETE FROM " + cp + "_pgmicro_attinh WHERE attrelid = " + std::to_string(t.oid) + " AND attname = " + quote_literal(c.name) + ";";
  return "INSERT OR REPLACE INTO " + cp + "_pgmicro_attinh VALUES(" + std::to_string(t.oid) + ", " + quote_literal(c.name) + ", " +
         std::to_string(inhcount) + ", " + (is_local ? "1" : "0") + ");";
}

// Does expression text `text` contain `name` as a whole identifier?
bool mentions_identifier(const std::string& text, const std::string& name) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    bool before = at > 0 && (ident(text[at - 1]) || text[at - 1] == '.');
    bool after = at + name.size() < text.size() && (ident(text[at + name.size()]) || text[at + name.size()] == '(');
    if (!before && !after) return true;
  }
  return false;
}

const ConstraintDef* find_constraint(const TableDef& t, const std::string& name) {
  for (auto& c : t.constraints)
    if (c.name == name) return &c;
  return nullptr;
}

bool in_partition_key(const TableDef& t, const std::string& col) {
  for (auto& k : partition_keys(t))
    if (k.display == col || k.expr.find(quote_ident(col)) != std::string::npos || mentions_identifier(k.expr, col)) return true;
  return false;
}

bool is_partition(const TableDef& t) { return !t.partition_bound.empty() && !t.parents.empty(); }

}  // namespace

void SessionImpl::execute_alter_table_tree(AlterTableStmt* stmt, StatementResult& out) {
  if (execute_alter_view(stmt, out) || alter_composite_type(stmt, out)) return;
  if (stmt->objtype != OBJECT_TABLE || list_size(stmt->cmds) == 0) return execute_alter_table(stmt, out);
  const TableDef* t0 = catalog_.find_table(stmt->relation->schemaname ? stmt->relation->schemaname : "", stmt->relation->relname);
  if (!t0) return execute_alter_table(stmt, out);
  int64_t toid = t0->oid;
  out.command_tag = "ALTER TABLE";
  for (int i = 0; i < list_size(stmt->cmds); i++) {
    auto* cmd = reinterpret_cast<AlterTableCmd*>(list_at(stmt->cmds, i));
    OneCell one(stmt->cmds, i);
    catalog_.force_reload(conn_);
    const TableDef* t = catalog_.find_table_by_oid(toid);
    if (!t) return execute_alter_table(stmt, out);
    if (plpgsql::alter_table_trigger(catalog_, *t, cmd, conn_)) {  // ENABLE/DISABLE TRIGGER
      bump_schema();
      continue;
    }
    if (cmd->subtype == AT_AttachPartition || cmd->subtype == AT_DetachPartition) {
      alter_partition(*t, reinterpret_cast<PartitionCmd*>(cmd->def), cmd->subtype == AT_AttachPartition);
      continue;
    }
    if (cmd->subtype == AT_AddInherit || cmd->subtype == AT_DropInherit) {
      alter_inherit(*t, reinterpret_cast<RangeVar*>(cmd->def), cmd->subtype == AT_AddInherit);
      continue;
    }
    bool recurse = stmt->relation->inh;
    std::vector<int64_t> children = t->children;
    std::string col = cmd->name ? cmd->name : "";
    int idx = col.empty() ? -1 : t->find_column(col);
    switch (cmd->subtype) {
      case AT_DropColumn:
        if (idx >= 0 && t->partition_strategy && in_partition_key(*t, col))
              throw PgError(sqlstate::kInvalidTableDefinition,
                            "cannot drop column \"" + col + "\" because it is part of the partition key of relation \"" + t->name + "\"");
        if (idx >= 0 && t->columns[idx].inhcount > 0 && !alter_recursing_)
          throw PgError(sqlstate::kInvalidTableDefinition, "cannot drop inherited column \"" + col + "\"");
        if (idx >= 0 && t->partition_strategy && !recurse && !children.empty())
          throw PgError(sqlstate::kInvalidTableDefinition, "cannot drop column from only the partitioned table when partitions exist", "",
                        "Do not specify the ONLY keyword.");
        break;
      case AT_AddColumn:
        if (is_partition(*t) && !alter_recursing_) throw PgError(sqlstate::kWrongObjectType, "cannot add column to a partition");
        if (!recurse && !children.empty())
          throw PgError(sqlstate::kInvalidTableDefinition, "column must be added to child tables too");
        break;
      case AT_AlterColumnType:
        if (idx >= 0 && t->columns[idx].inhcount > 0 && !alter_recursing_)
          throw PgError(sqlstate::kInvalidTableDefinition, "cannot alter inherited column \"" + col + "\"");
        if (idx >= 0 && t->partition_strategy && in_partition_key(*t, col))
          throw PgError(sqlstate::kInvalidTableDefinition,
                        "cannot alter column \"" + col + "\" because it is part of the partition key of relation \"" + t->name + "\"");
        if (!recurse && !children.empty())
          throw PgError(sqlstate::kInvalidTableDefinition, "type of inherited column \"" + col + "\" must be changed in child tables too");
        break;
      case AT_DropConstraint:
        if (const ConstraintDef* c = find_constraint(*t, col)) {
          if (c->inhcount > 0 && !alter_recursing_)
            throw PgError(sqlstate::kInvalidTableDefinition, "cannot drop inherited constraint \"" + col + "\" of relation \"" + t->name + "\"");
          if (t->partition_strategy && !recurse && !children.empty() && !c->no_inherit)
            throw PgError(sqlstate::kInvalidTableDefinition, "cannot remove constraint from only the partitioned table when partitions exist",
                          "", "Do not specify the ONLY keyword.");
        }
        break;
      case AT_DropNotNull:
        if (idx >= 0 && t->partition_strategy && !recurse && !alter_recursing_ && !children.empty())
          throw PgError(sqlstate::kInvalidTableDefinition, "cannot remove constraint from only the partitioned table when partitions exist",
                        "", "Do not specify the ONLY keyword.");
        if (idx >= 0 && is_partition(*t))
          if (const TableDef* parent = catalog_.find_table_by_oid(t->parents[0])) {
            int pi = parent->find_column(col);
            if (pi >= 0 && parent->columns[pi].not_null)
              throw PgError(sqlstate::kInvalidTableDefinition, "column \"" + col + "\" is marked NOT NULL in parent table");
          }
        break;
      case AT_SetNotNull:
        // ONLY on a partitioned table: every partition must already have the column NOT NULL.
        if (idx >= 0 && t->partition_strategy && !recurse && !alter_recursing_)
          for (const TableDef* d : table_descendants(catalog_, *t)) {
            if (d->oid == t->oid) continue;
            int di = d->find_column(col);
            if (di >= 0 && !d->columns[di].not_null)
              throw PgError(sqlstate::kInvalidTableDefinition, "constraint must be added to child tables too",
                            "Column \"" + col + "\" of relation \"" + d->name + "\" is not already NOT NULL.",
                            "Do not specify the ONLY keyword.");
          }
        break;
      default: break;
    }
    ColumnDef dropped_col;
    if (idx >= 0) dropped_col = t->columns[idx];
    std::string tname = t->name;
    bool partitioned = t->partition_strategy;
    execute_alter_table(stmt, out);
    if (cmd->subtype == AT_AddConstraint) {
      // PostgreSQL refuses these after the expression is checked; the statement's rollback undoes the add.
      auto* c = reinterpret_cast<Constraint*>(cmd->def);
      if (c->contype == CONSTR_CHECK && c->is_no_inherit && partitioned)
        throw PgError(sqlstate::kInvalidTableDefinition, "cannot add NO INHERIT constraint to partitioned table \"" + tname + "\"");
      if (c->contype == CONSTR_CHECK && !c->is_no_inherit && !recurse && !children.empty())
        throw PgError(sqlstate::kInvalidTableDefinition, "constraint must be added to child tables too");
    }
    catalog_.force_reload(conn_);
    t = catalog_.find_table_by_oid(toid);
    if (!t) continue;
    if (cmd->subtype == AT_DropColumn && idx >= 0) exec_sql(conn_, attinh_sql(*t, dropped_col, 0, true));
    if (children.empty()) continue;
    bool simple = cmd->subtype == AT_ColumnDefault || cmd->subtype == AT_SetNotNull || cmd->subtype == AT_DropNotNull ||
                  cmd->subtype == AT_AlterColumnType;
    for (int64_t coid : children) {
      catalog_.force_reload(conn_);
      const TableDef* child = catalog_.find_table_by_oid(coid);
      if (!child) continue;
      struct Flag { bool& f; bool old; Flag(bool& x) : f(x), old(x) { f = true; } ~Flag() { f = old; } } flag(alter_recursing_);
      if (cmd->subtype == AT_AddColumn) {
        auto* cd = reinterpret_cast<::ColumnDef*>(cmd->def);
        int cidx = child->find_column(cd->colname);
        if (cidx >= 0) {
          const TableDef* parent = catalog_.find_table_by_oid(toid);
          const ColumnDef& pc = parent->columns[parent->find_column(cd->colname)];
          const ColumnDef& cc = child->columns[cidx];
          if (cc.type != pc.type || cc.typmod != pc.typmod)
            throw PgError(sqlstate::kDatatypeMismatch, "child table \"" + child->name + "\" has different type for column \"" + cc.name + "\"");
          out.notices.push_back({"NOTICE", "00000", "merging definition of column \"" + cc.name + "\" for child \"" + child->name + "\""});
          exec_sql(conn_, attinh_sql(*child, cc, cc.inhcount + 1, cc.is_local));
          bump_schema();
          continue;
        }
        Retarget rt(stmt->relation, *child, true);
        execute_alter_table_tree(stmt, out);
        catalog_.force_reload(conn_);
        child = catalog_.find_table_by_oid(coid);
        if (child && (cidx = child->find_column(cd->colname)) >= 0) {
          exec_sql(conn_, attinh_sql(*child, child->columns[cidx], 1, false));
          bump_schema();
        }
      } else if (cmd->subtype == AT_DropColumn) {
        int cidx = child->find_column(col);
        if (cidx < 0) continue;
        const ColumnDef& cc = child->columns[cidx];
        if (recurse && cc.inhcount == 1 && !cc.is_local) {
          Retarget rt(stmt->relation, *child, true);
          execute_alter_table_tree(stmt, out);
        } else {
          // The child keeps the column as its own (ONLY, or it has other parents / a local definition).
          exec_sql(conn_, attinh_sql(*child, cc, cc.inhcount - 1, recurse ? cc.is_local : true));
          bump_schema();
        }
      } else if (simple && recurse) {
        if (child->find_column(col) < 0) continue;
        Retarget rt(stmt->relation, *child, true);
        execute_alter_table_tree(stmt, out);
      } else if (cmd->subtype == AT_AddConstraint && recurse) {
        auto* c = reinterpret_cast<Constraint*>(cmd->def);
        if (c->contype != CONSTR_CHECK || c->is_no_inherit) continue;
        const TableDef* parent = catalog_.find_table_by_oid(toid);
        // The parent's newest CHECK is the one just added.
        const ConstraintDef* added = nullptr;
        for (auto& pc : parent->constraints)
          if (pc.type == 'c' && (!added || pc.oid > added->oid)) added = &pc;
        if (!added) continue;
        std::string name = added->name, src = added->check_expr;
        if (const ConstraintDef* existing = find_constraint(*child, name)) {
          if (existing->check_expr != src)
            throw PgError(sqlstate::kDuplicateObject, "constraint \"" + name + "\" for relation \"" + child->name + "\" already exists");
          out.notices.push_back({"NOTICE", "00000", "merging constraint \"" + name + "\" with inherited definition"});
          exec_sql(conn_, coninh_row_sql(existing->oid, catalog_prefix(child->schema), existing->inhcount + 1, existing->is_local, false));
          bump_schema();
          continue;
        }
        char* saved = c->conname;
        c->conname = name.data();
        {
          Retarget rt(stmt->relation, *child, true);
          execute_alter_table_tree(stmt, out);
        }
        c->conname = saved;
        catalog_.force_reload(conn_);
        child = catalog_.find_table_by_oid(coid);
        if (const ConstraintDef* made = child ? find_constraint(*child, name) : nullptr) {
          exec_sql(conn_, coninh_row_sql(made->oid, catalog_prefix(child->schema), 1, false, false));
          bump_schema();
        }
      } else if (cmd->subtype == AT_DropConstraint && recurse) {
        const ConstraintDef* cc = find_constraint(*child, col);
        if (!cc || cc->type != 'c') continue;
        if (cc->inhcount == 1 && !cc->is_local) {
          Retarget rt(stmt->relation, *child, true);
          bool missing = cmd->missing_ok;
          execute_alter_table_tree(stmt, out);
          cmd->missing_ok = missing;
        } else {
          exec_sql(conn_, coninh_row_sql(cc->oid, catalog_prefix(child->schema), cc->inhcount - 1, true, cc->no_inherit));
          bump_schema();
        }
      }
    }
  }
}

// ALTER TABLE child INHERIT parent / NO INHERIT parent.
void SessionImpl::alter_inherit(const TableDef& child, RangeVar* prv, bool add) {
  std::string pschema = prv->schemaname ? prv->schemaname : "";
  const TableDef* parent = catalog_.find_table(pschema, prv->relname);
  if (!parent) throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(prv->relname) + "\" does not exist");
  std::string cp = catalog_prefix(child.schema), coid = std::to_string(child.oid);
  bool is_parent = std::find(child.parents.begin(), child.parents.end(), parent->oid) != child.parents.end();
  std::string sql;
  if (!add) {
    if (!is_parent)
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + parent->name + "\" is not a parent of relation \"" + child.name + "\"");
    for (auto& pc : parent->columns) {
      int i = child.find_column(pc.name);
      if (i < 0) continue;
      const ColumnDef& cc = child.columns[i];
      int n = cc.inhcount - 1;
      sql += attinh_sql(child, cc, n, n == 0 ? true : cc.is_local);
    }
    for (auto& pk : parent->constraints) {
      if (pk.type != 'c' || pk.no_inherit) continue;
      const ConstraintDef* cc = find_constraint(child, pk.name);
      if (!cc || cc->type != 'c' || cc->inhcount == 0) continue;
      int n = cc->inhcount - 1;
      sql += coninh_row_sql(cc->oid, cp, n, n == 0 ? true : cc->is_local, cc->no_inherit);
    }
    sql += "DELETE FROM " + cp + "_pgmicro_inherits WHERE inhrelid = " + coid + " AND inhparent = " + std::to_string(parent->oid) + ";";
    exec_sql(conn_, sql);
    bump_schema();
    return;
  }
  if (parent->partition_strategy)
    throw PgError(sqlstate::kWrongObjectType, "cannot inherit from partitioned table \"" + parent->name + "\"");
  if (!parent->partition_bound.empty() && !parent->parents.empty())
    throw PgError(sqlstate::kWrongObjectType, "cannot inherit from a partition");
  if (child.partition_strategy) throw PgError(sqlstate::kWrongObjectType, "cannot change inheritance of partitioned table");
  if (!child.partition_bound.empty()) throw PgError(sqlstate::kWrongObjectType, "cannot change inheritance of a partition");
  if (parent->temporary() && !child.temporary())
    throw PgError(sqlstate::kWrongObjectType, "cannot inherit from temporary relation \"" + parent->name + "\"");
  if (parent->oid == child.oid)
    throw PgError(sqlstate::kDuplicateTable, "circular inheritance not allowed",
                  "\"" + child.name + "\" is already a child of \"" + parent->name + "\".");
  for (const TableDef* d : table_descendants(catalog_, child))
    if (d->oid == parent->oid)
      throw PgError(sqlstate::kDuplicateTable, "circular inheritance not allowed",
                    "\"" + parent->name + "\" is already a child of \"" + child.name + "\".");
  if (is_parent) throw PgError(sqlstate::kDuplicateTable, "relation \"" + parent->name + "\" would be inherited from more than once");
  for (auto& pc : parent->columns) {
    int i = child.find_column(pc.name);
    if (i < 0) throw PgError(sqlstate::kDatatypeMismatch, "child table is missing column \"" + pc.name + "\"");
    const ColumnDef& cc = child.columns[i];
    if (cc.type != pc.type || cc.typmod != pc.typmod)
      throw PgError(sqlstate::kDatatypeMismatch, "child table \"" + child.name + "\" has different type for column \"" + pc.name + "\"");
    if (cc.collation != pc.collation)
      throw PgError("42P21", "child table \"" + child.name + "\" has different collation for column \"" + pc.name + "\"");
    if (pc.not_null && !cc.not_null)
      throw PgError(sqlstate::kDatatypeMismatch, "column \"" + pc.name + "\" in child table must be marked NOT NULL");
    if (pc.generated && !cc.generated)
      throw PgError(sqlstate::kDatatypeMismatch, "column \"" + pc.name + "\" in child table must be a generated column");
    if (pc.generated && cc.default_text != pc.default_text)
      throw PgError(sqlstate::kDatatypeMismatch, "column \"" + pc.name + "\" in child table has a conflicting generation expression");
    sql += attinh_sql(child, cc, cc.inhcount + 1, cc.inhcount == 0 ? true : cc.is_local);
  }
  for (auto& pk : parent->constraints) {
    if (pk.type != 'c' || pk.no_inherit) continue;
    const ConstraintDef* cc = find_constraint(child, pk.name);
    if (!cc || cc->type != 'c') throw PgError(sqlstate::kDatatypeMismatch, "child table is missing constraint \"" + pk.name + "\"");
    if (cc->check_expr != pk.check_expr)
      throw PgError(sqlstate::kDatatypeMismatch,
                    "child table \"" + child.name + "\" has different definition for check constraint \"" + pk.name + "\"");
    if (cc->no_inherit)
      throw PgError(sqlstate::kDatatypeMismatch,
                    "constraint \"" + pk.name + "\" conflicts with non-inherited constraint on child table \"" + child.name + "\"");
    sql += coninh_row_sql(cc->oid, cp, cc->inhcount + 1, cc->inhcount == 0 ? true : cc->is_local, false);
  }
  sql += "INSERT INTO " + cp + "_pgmicro_inherits VALUES(" + coid + ", " + std::to_string(parent->oid) + ", " +
         std::to_string(child.parents.size() + 1) + ", NULL);";
  exec_sql(conn_, sql);
  bump_schema();
}

// ALTER TABLE parent ATTACH PARTITION t FOR VALUES ... / DETACH PARTITION t.
void SessionImpl::alter_partition(const TableDef& parent, PartitionCmd* pc, bool attach) {
  if (!parent.partition_strategy) throw PgError("42P17", "table \"" + parent.name + "\" is not partitioned");
  if (attach && pc->bound && !pc->bound->is_default && pc->bound->strategy != parent.partition_strategy) {
    // PostgreSQL checks the bound's form at parse analysis, before looking at the table.
    const char* kind = parent.partition_strategy == 'l' ? "list" : parent.partition_strategy == 'r' ? "range" : "hash";
    throw PgError("42P16", std::string("invalid bound specification for a ") + kind + " partition").at(pc->bound->location);
  }
  if (!attach && pc->concurrent) {
    // Without concurrent sessions holding locks, a concurrent detach is a plain one, after
    // PostgreSQL's own refusals.
    if (status_ != TransactionStatus::Idle || multi_statement_)
      throw PgError(sqlstate::kActiveSqlTransaction, "ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block");
    for (auto* p : partitions_of(catalog_, parent))
      if (decode_bound(p->partition_bound).kind == 'd')
        throw PgError("55000", "cannot detach partitions concurrently when a default partition exists");
  }
  std::string schema = pc->name->schemaname ? pc->name->schemaname : "";
  const TableDef* t = catalog_.find_table(schema, pc->name->relname);
  if (!t) throw PgError(sqlstate::kUndefinedTable, "relation \"" + std::string(pc->name->relname) + "\" does not exist");
  if (attach) {
    for (auto& pcol : parent.columns) {  // PostgreSQL's MergeAttributesIntoExisting
      int c = t->find_column(pcol.name);
      if (pcol.not_null && c >= 0 && !t->columns[c].not_null)
        throw PgError(sqlstate::kDatatypeMismatch, "column \"" + pcol.name + "\" in child table must be marked NOT NULL");
    }
    // The parent's UNIQUE/PRIMARY KEY constraints: an attached table without a unique key or
    // index on the same columns gets one (PostgreSQL builds the partition's index on ATTACH).
    for (auto& k : parent.constraints) {
      if (k.type != 'u' && k.type != 'p') continue;
      std::vector<int> cols = partition_key_to_add(parent, k.columns, *t);
      if (cols.empty()) continue;
      Constraint key{};
      key.type = T_Constraint;
      key.contype = k.type == 'p' ? CONSTR_PRIMARY : CONSTR_UNIQUE;
      key.location = -1;
      StatementResult ignored;
      alter_add_constraint(*t, &key, ignored, cols);
    }
  }
  std::string cp = catalog_prefix(t->schema), toid = std::to_string(t->oid);
  bool is_part = !t->partition_bound.empty() && !t->parents.empty() && t->parents[0] == parent.oid;
  if (!attach) {
    if (!is_part)
      throw PgError(sqlstate::kUndefinedTable, "relation \"" + t->name + "\" is not a partition of relation \"" + parent.name + "\"");
    std::string removal = foreign_key_partition_removal_check(catalog_, *t);
    if (!removal.empty()) exec_checked(removal);
    drop_triggers(t->name);
    std::string sql = "DELETE FROM " + cp + "_pgmicro_inherits WHERE inhrelid = " + toid + ";DELETE FROM " + cp +
                      "_pgmicro_attinh WHERE attrelid = " + toid + ";";
    // The foreign keys the partition had through its ancestors stay on it (PostgreSQL's clones
    // become its own constraints, under the same names).
    for (const TableDef* a = &parent; a;
         a = a->parents.empty() || a->partition_bound.empty() ? nullptr : catalog_.find_table_by_oid(a->parents[0]))
      for (auto& c : a->constraints) {
        if (c.type != 'f' || find_constraint(*t, c.name)) continue;
        ConstraintDef copy = c;
        bool mapped = true;
        for (int& col : copy.columns) {
          col = t->find_column(a->columns[col].name);
          mapped &= col >= 0;
        }
        for (int& col : copy.del_set_columns) {
          col = t->find_column(a->columns[col].name);
          mapped &= col >= 0;
        }
        if (!mapped) continue;
        copy.oid = Catalog::allocate_oid(conn_);
        sql += foreign_key_catalog_row(copy, t->oid, cp);
      }
    for (auto& c : t->constraints)
      if (c.inhcount > 0) sql += coninh_row_sql(c.oid, cp, 0, true, c.no_inherit);
    exec_sql(conn_, sql);
    bump_schema();
    return;
  }
  if (!t->partition_bound.empty()) throw PgError(sqlstate::kWrongObjectType, "\"" + t->name + "\" is already a partition");
  if (!t->parents.empty()) throw PgError(sqlstate::kWrongObjectType, "cannot attach inheritance child as partition");
  if (!t->children.empty() && !t->partition_strategy) throw PgError(sqlstate::kWrongObjectType, "cannot attach inheritance parent as partition");
  if (t->oid == parent.oid) throw PgError(sqlstate::kDuplicateTable, "circular inheritance not allowed",
                                          "\"" + t->name + "\" is already a child of \"" + t->name + "\".");
  for (const TableDef* d : table_descendants(catalog_, *t))
    if (d->oid == parent.oid)
      throw PgError(sqlstate::kDuplicateTable, "circular inheritance not allowed",
                    "\"" + parent.name + "\" is already a child of \"" + t->name + "\".");
  if (parent.temporary() != t->temporary())
    throw PgError(sqlstate::kWrongObjectType, parent.temporary() ? "cannot attach a permanent relation as partition of temporary relation \"" + parent.name + "\""
                                                                 : "cannot attach a temporary relation as partition of permanent relation \"" + parent.name + "\"");
  for (auto& c : t->columns)
    if (parent.find_column(c.name) < 0)
      throw PgError(sqlstate::kDatatypeMismatch, "table \"" + t->name + "\" contains column \"" + c.name + "\" not found in parent \"" + parent.name + "\"",
                    "The new partition may contain only the columns present in parent.");
  std::vector<ColumnDef> cols = t->columns;
  for (auto& pcol : parent.columns) {
    int i = t->find_column(pcol.name);
    if (i < 0) throw PgError(sqlstate::kDatatypeMismatch, "child table is missing column \"" + pcol.name + "\"");
    if (cols[i].type != pcol.type || cols[i].typmod != pcol.typmod)
      throw PgError(sqlstate::kDatatypeMismatch, "child table \"" + t->name + "\" has different type for column \"" + pcol.name + "\"");
    if (cols[i].collation != pcol.collation)
      throw PgError("42P21", "child table \"" + t->name + "\" has different collation for column \"" + pcol.name + "\"");
    if (pcol.not_null && !cols[i].not_null)
      throw PgError(sqlstate::kDatatypeMismatch, "column \"" + pcol.name + "\" in child table must be marked NOT NULL");
    cols[i].inhcount = 1;
    cols[i].is_local = false;  // PostgreSQL: a partition's columns are not local
  }
  for (auto& pk : parent.constraints) {
    if (pk.type != 'c' || pk.no_inherit || pk.name == kPartitionConstraintName) continue;
    const ConstraintDef* cc = find_constraint(*t, pk.name);
    if (!cc || cc->type != 'c') throw PgError(sqlstate::kDatatypeMismatch, "child table is missing constraint \"" + pk.name + "\"");
    if (cc->check_expr != pk.check_expr)
      throw PgError(sqlstate::kDatatypeMismatch,
                    "child table \"" + t->name + "\" has different definition for check constraint \"" + pk.name + "\"");
  }
  for (auto& [fk_table, fk] : referencing_foreign_keys(catalog_, t->oid))
    if (fk_table->oid == parent.oid)  // the partitioned table's own key would reference its partition
      throw PgError(sqlstate::kFeatureNotSupported, "cannot attach table \"" + t->name +
                                                        "\" as a partition because it is referenced by foreign key \"" + fk->name + "\"");
  PartitionBound bound = analyze_partition_bound(conn_, catalog_, parent, pc->bound, t->name, true);
  validate_attached_rows(conn_, catalog_, parent, *t, bound);
  int rank = 0;
  std::string sql = partition_rank_sql(conn_, catalog_, parent, t->oid, bound, rank);
  sql += inheritance_rows_sql(t->oid, cp, {parent.oid}, cols, encode_bound(bound), true, rank);
  for (auto& pk : parent.constraints)
    if (pk.type == 'c' && !pk.no_inherit && pk.name != kPartitionConstraintName)
      if (const ConstraintDef* cc = find_constraint(*t, pk.name)) sql += coninh_row_sql(cc->oid, cp, cc->inhcount + 1, false, false);
  const int64_t parent_oid = parent.oid;
  drop_triggers(t->name);  // foreign keys of the tree now cover the new partition
  exec_sql(conn_, sql);
  bump_schema();
  // The new partition's rows must satisfy the foreign keys of the tables it now belongs to.
  catalog_.force_reload(conn_);
  for (const TableDef* a = catalog_.find_table_by_oid(parent_oid); a;
       a = a->parents.empty() || a->partition_bound.empty() ? nullptr : catalog_.find_table_by_oid(a->parents[0]))
    for (auto& c : a->constraints)
      if (c.type == 'f') check_foreign_key_rows(*a, c);
}

// ALTER TABLE ... RENAME COLUMN over an inheritance tree.
void SessionImpl::execute_rename_tree(RenameStmt* stmt, StatementResult& out) {
  if (rename_composite_attribute(stmt, out)) return;
  if (stmt->renameType == OBJECT_TRIGGER) {
    plpgsql::execute_rename_trigger(stmt, catalog_, conn_, out);
    return bump_schema();
  }
  if (stmt->renameType != OBJECT_COLUMN || !stmt->relation) {
    bool as_index = stmt->renameType == OBJECT_INDEX;  // ALTER INDEX naming a table still says ALTER INDEX
    execute_rename(stmt, out);
    if (as_index) out.command_tag = "ALTER INDEX";
    return;
  }
  const TableDef* t = catalog_.find_table(stmt->relation->schemaname ? stmt->relation->schemaname : "", stmt->relation->relname);
  if (!t) return execute_rename(stmt, out);
  std::string col = stmt->subname;
  int idx = t->find_column(col);
  if (!stmt->relation->inh && !t->children.empty() && !alter_recursing_)
    throw PgError(sqlstate::kInvalidTableDefinition, "inherited column \"" + col + "\" must be renamed in child tables too");
  if (idx >= 0 && t->columns[idx].inhcount > 0 && !alter_recursing_)
    throw PgError(sqlstate::kInvalidTableDefinition, "cannot rename inherited column \"" + col + "\"");
  int64_t toid = t->oid;
  std::vector<int64_t> children = t->children;
  ColumnDef old = idx >= 0 ? t->columns[idx] : ColumnDef{};
  execute_rename(stmt, out);
  catalog_.force_reload(conn_);
  t = catalog_.find_table_by_oid(toid);
  if (t && old.inhcount > 0) {
    int ni = t->find_column(stmt->newname);
    if (ni >= 0) exec_sql(conn_, attinh_sql(*t, old, 0, true) + attinh_sql(*t, t->columns[ni], old.inhcount, old.is_local));
  }
  for (int64_t coid : children) {
    catalog_.force_reload(conn_);
    const TableDef* child = catalog_.find_table_by_oid(coid);
    if (!child || child->find_column(col) < 0) continue;
    struct Flag { bool& f; bool old; Flag(bool& x) : f(x), old(x) { f = true; } ~Flag() { f = old; } } flag(alter_recursing_);
    Retarget rt(stmt->relation, *child, true);
    execute_rename_tree(stmt, out);
  }
  bump_schema();
}

}  // namespace pgmicro
