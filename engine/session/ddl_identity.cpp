// ALTER TABLE ... ALTER COLUMN ... ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)],
// SET GENERATED / SET sequence options / RESTART, and DROP IDENTITY [IF EXISTS]: the column's
// attidentity and nextval default, and its owned sequence, with PostgreSQL's checks.
#include "catalog/catalog.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "runtime/function_context.h"
#include "session/sequence_options.h"
#include "session/session_impl.h"

namespace pgmicro {

void SessionImpl::alter_identity(const TableDef& t, AlterTableCmd* cmd, StatementResult& out) {
  std::string col = cmd->name;
  int idx = t.find_column(col);
  if (idx < 0) throw PgError(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" + t.name + "\" does not exist");
  const ColumnDef& c = t.columns[idx];
  const std::string cp = catalog_prefix(t.schema);
  std::string where = " WHERE attrelid = " + std::to_string(t.oid) + " AND attnum = " + std::to_string(idx + 1) + ";";
  const SequenceDef* seq = nullptr;
  for (auto* s : catalog_.sequences_in(t.schema))
    if (s->owned_by_table == t.oid && s->owned_by_column == idx) seq = s;
  std::string what = "column \"" + col + "\" of relation \"" + t.name + "\"";
  if (cmd->subtype == AT_AddIdentity) {
    auto* ic = reinterpret_cast<Constraint*>(cmd->def);
    if (c.type != oid::kInt2 && c.type != oid::kInt4 && c.type != oid::kInt8)
      throw PgError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
    if (!c.not_null) throw PgError("55000", what + " must be declared NOT NULL before identity can be added");
    if (c.identity) throw PgError("55000", what + " is already an identity column");
    if (!c.default_text.empty()) throw PgError("55000", what + " already has a default value");
    SequenceOptions o = parse_sequence_options(catalog_, ic->options, c.type, true);
    std::string seqname = o.name;
    if (seqname.empty()) {
      std::string base = t.name + "_" + col + "_seq";
      seqname = base;
      for (int i = 1; relation_name_taken(t.schema, seqname); i++) seqname = base + std::to_string(i);
    } else if (relation_name_taken(t.schema, seqname)) {
      throw PgError(sqlstate::kDuplicateTable, "relation \"" + seqname + "\" already exists");
    }
    int64_t soid = Catalog::allocate_oid(conn_);
    std::string ref = t.schema == kPublicSchema || t.temporary() ? seqname : pg_quote_identifier(t.schema) + "." + seqname;
    std::string sql = "INSERT INTO " + cp + "_pgmicro_class VALUES(" + std::to_string(soid) + ", " + quote_literal(t.schema) + ", " +
                      quote_literal(seqname) + ", 'S');" + sequence_catalog_row(soid, o, t.oid, idx + 1, cp) + "UPDATE " + cp +
                      "_pgmicro_attribute SET attidentity = " + quote_literal(std::string(1, ic->generated_when)) +
                      ", attdefault = " + quote_literal("nextval(" + quote_literal(ref) + "::regclass)") + where;
    drop_triggers(t.name);
    exec_sql(conn_, sql);
    bump_schema();
    return;
  }
  if (!c.identity) {
    if (cmd->subtype == AT_DropIdentity && cmd->missing_ok) {
      out.notices.push_back({"NOTICE", "00000", what + " is not an identity column, skipping"});
      return;
    }
    throw PgError("55000", what + " is not an identity column");
  }
  if (cmd->subtype == AT_DropIdentity) {
    std::string sql = "UPDATE " + cp + "_pgmicro_attribute SET attidentity = '', attdefault = NULL" + where;
    if (seq)
      sql += "DELETE FROM " + cp + "_pgmicro_sequence WHERE seqrelid = " + std::to_string(seq->oid) + ";DELETE FROM " + cp +
             "_pgmicro_class WHERE oid = " + std::to_string(seq->oid) + ";";
    drop_triggers(t.name);
    exec_sql(conn_, sql);
    bump_schema();
    return;
  }
  // AT_SetIdentity: GENERATED ALWAYS / BY DEFAULT, and sequence options for its sequence.
  bool seq_options = false;
  char generated = 0;
  for_each_node(reinterpret_cast<List*>(cmd->def), [&](Node* n) {
    auto* d = reinterpret_cast<DefElem*>(n);
    if (std::string(d->defname) == "generated") {
      if (generated) throw PgError(sqlstate::kSyntaxError, "conflicting or redundant options").at(d->location);
      generated = static_cast<char>(intVal(d->arg));
    } else {
      seq_options = true;
    }
  });
  // parse_sequence_options skips "generated" for identity columns.
  if (seq_options && seq) apply_sequence_options(*seq, reinterpret_cast<List*>(cmd->def), true);
  if (generated) {
    exec_sql(conn_, "UPDATE " + cp + "_pgmicro_attribute SET attidentity = " + quote_literal(std::string(1, generated)) + where);
    drop_triggers(t.name);
  }
  bump_schema();
}

}  // namespace pgmicro
