// FOREIGN KEY constraints: resolving a REFERENCES clause against the catalog (PostgreSQL's
// checks and messages), their catalog rows, and their enforcement as temp triggers on the
// referencing and referenced tables (pg_fk_violation raises PostgreSQL's 23503 errors).
#pragma once
#include <string>
#include <utility>
#include <vector>
#include "catalog/catalog.h"

struct Constraint;

namespace pgmicro {

// Resolves FOREIGN KEY / REFERENCES `c` of table `child` (its referencing columns `fk_cols`;
// empty: c->fk_attrs names them). `creating`: the table being created, for self-references.
// Returns the constraint without oid, named as written or by foreign_key_name (avoiding
// `taken`). Throws PgError.
ConstraintDef resolve_foreign_key(const Catalog& catalog, const TableDef& child, Constraint* c,
                                  std::vector<int> fk_cols, const TableDef* creating, int64_t creating_oid,
                                  const std::vector<std::string>& taken);

// PostgreSQL's default name: <table>_<col>[_<col>...]_fkey, made unique against `taken`.
std::string foreign_key_name(const TableDef& child, const std::vector<int>& cols,
                             const std::vector<std::string>& taken);

// INSERT of the constraint's _pgmicro_constraint row.
std::string foreign_key_catalog_row(const ConstraintDef& fk, int64_t table_oid, const std::string& prefix = "");

// CREATE TEMP TRIGGER statements enforcing the foreign keys of `child` (on it and on the
// tables they reference).
std::string foreign_key_triggers(const Catalog& catalog, const TableDef& child);

// A query returning the key of one referencing row that violates `fk` (for ADD CONSTRAINT).
std::string foreign_key_violation_query(const Catalog& catalog, const TableDef& child, const ConstraintDef& fk);

// A query raising (pg_fk_violation) `fk`'s error for its first violating referencing row, worded
// as a referencing-side (kind 0) or referenced-side (kind 1) check; no row when it holds.
std::string foreign_key_deferred_check(const Catalog& catalog, const TableDef& child, const ConstraintDef& fk, int kind);

// Queries raising PostgreSQL's "removing partition ... violates foreign key constraint" when a
// row of `partition` is still referenced through a foreign key on one of its ancestors (DETACH).
std::string foreign_key_partition_removal_check(const Catalog& catalog, const TableDef& partition);

// Foreign keys of other tables that reference `table_oid`: (referencing table, constraint).
std::vector<std::pair<const TableDef*, const ConstraintDef*>> referencing_foreign_keys(const Catalog& catalog,
                                                                                        int64_t table_oid);

}  // namespace pgmicro
