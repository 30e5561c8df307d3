// Storage parameters of tables (CREATE TABLE ... WITH (...), CREATE TABLE AS ... WITH (...),
// ALTER TABLE SET/RESET (...)): validated as PostgreSQL 15's heap and toast reloptions (22023
// errors for unknown parameters, namespaces and invalid or out-of-range values). They tune
// PostgreSQL's storage and autovacuum only, so pgmicro accepts them without effect.
#pragma once

struct List;

namespace pgmicro {

// `create`: WITH of CREATE TABLE (where WITH (oids) is refused and oids=false accepted).
void validate_table_reloptions(List* defs, bool reset, bool create);

}  // namespace pgmicro
