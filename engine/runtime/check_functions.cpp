// Row checks and sequences. pg_check_row(table_oid, col1, ...) runs from each table's
// BEFORE INSERT/UPDATE temp trigger (session/triggers): PostgreSQL's NOT NULL errors with
// "Failing row contains (...)", and it remembers the row for a unique violation's DETAIL.
// pg_nextval(seq_oid) advances a sequence outside transactional control, as PostgreSQL.
#include "catalog/catalog.h"
#include "catalog/inheritance.h"
#include "catalog/privileges.h"
#include "runtime/function_context.h"
#include "types/type_io.h"

namespace pgmicro {

std::optional<std::string> RuntimeContext::last_row_text(size_t i) const {
  if (i >= last_row.size() || last_row[i].is_null()) return std::nullopt;
  std::string out;
  type_output(last_row_types[i], last_row[i], out);
  return out;
}

namespace {

void check_row(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    const TableDef* t = rc->catalog->find_table_by_oid(sqlite3_value_int64(argv[0]));
    if (!t || (int)t->columns.size() != argc - 1) return sqlite3_result_int(ctx, 1);
    if (rc->last_row_table != t->name) rc->last_row_table = t->name;
    rc->last_row.resize(t->columns.size());
    rc->last_row_types.resize(t->columns.size());
    for (size_t i = 0; i < t->columns.size(); i++) {
      sqlite3_value* v = argv[i + 1];
      Datum& d = rc->last_row[i];
      rc->last_row_types[i] = t->columns[i].type;
      switch (sqlite3_value_type(v)) {
        case SQLITE_NULL: d.kind = Datum::Kind::Null; break;
        case SQLITE_INTEGER: d.kind = Datum::Kind::Int; d.i = sqlite3_value_int64(v); break;
        case SQLITE_FLOAT: d.kind = Datum::Kind::Real; d.r = sqlite3_value_double(v); break;
        case SQLITE_BLOB: {
          d.kind = Datum::Kind::Blob;
          const char* p = static_cast<const char*>(sqlite3_value_blob(v));
          d.s.assign(p ? p : "", size_t(sqlite3_value_bytes(v)));
          break;
        }
        default: {
          d.kind = Datum::Kind::Text;
          const char* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
          d.s.assign(p ? p : "", size_t(sqlite3_value_bytes(v)));
        }
      }
    }
    for (size_t i = 0; i < t->columns.size(); i++) {
      if (t->columns[i].not_null && rc->last_row[i].is_null()) {
        std::string row;
        for (size_t j = 0; j < rc->last_row.size(); j++) {
          if (j) row += ", ";
          auto text = rc->last_row_text(j);
          row += text ? *text : "null";
        }
        throw PgError(sqlstate::kNotNullViolation,
                      "null value in column \"" + t->columns[i].name + "\" of relation \"" + t->name +
                          "\" violates not-null constraint",
                      "Failing row contains (" + row + ").");
      }
    }
    sqlite3_result_int(ctx, 1);
  });
}

// pg_check_violation(table_oid, col1, ..., constraint_name): raised by a table's trigger
// when a CHECK constraint evaluates to false for the new row.
void check_violation(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    const TableDef* t = rc->catalog->find_table_by_oid(sqlite3_value_int64(argv[0]));
    std::string name(reinterpret_cast<const char*>(sqlite3_value_text(argv[argc - 1])));
    std::string row;
    for (int i = 1; i < argc - 1; i++) {
      if (i > 1) row += ", ";
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL || !t) { row += "null"; continue; }
      type_output(t->columns[i - 1].type, argv[i], row);
    }
    if (name == kPartitionConstraintName)
      throw PgError(sqlstate::kCheckViolation, "new row for relation \"" + (t ? t->name : std::string("?")) + "\" violates partition constraint",
                    "Failing row contains (" + row + ").");
    throw PgError(sqlstate::kCheckViolation,
                  "new row for relation \"" + (t ? t->name : std::string("?")) + "\" violates check constraint \"" + name + "\"",
                  "Failing row contains (" + row + ").");
  });
}

// pg_fk_violation(kind, constraint_oid, key1, ...): raised by a foreign key's temp triggers.
// kind 0: a referencing row's key is missing from the referenced table; 1: a referenced row
// that is still referenced was updated or deleted; 2: MATCH FULL with mixed null/non-null keys.
// pg_fk_violation_at(kind, constraint_oid, table_oid, conname, key1, ...): the same for a
// partition of a partitioned side: `table_oid` is the partition the row was written to or
// removed from and `conname` the (cloned) constraint's name PostgreSQL reports ('' = its own).
void fk_violation_impl(sqlite3_context* ctx, int argc, sqlite3_value** argv, bool at) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int kind = sqlite3_value_int(argv[0]);
    int64_t con_oid = sqlite3_value_int64(argv[1]);
    const TableDef* acting = at ? rc->catalog->find_table_by_oid(sqlite3_value_int64(argv[2])) : nullptr;
    std::string shown_name = at && sqlite3_value_type(argv[3]) == SQLITE_TEXT
                                 ? reinterpret_cast<const char*>(sqlite3_value_text(argv[3])) : "";
    if (at) { argv += 2; argc -= 2; }
    const TableDef* child = nullptr;
    const ConstraintDef* fk = nullptr;
    for (auto& t : rc->catalog->tables())
      for (auto& c : t->constraints)
        if (c.oid == con_oid) { child = t.get(); fk = &c; }
    const TableDef* parent = fk ? rc->catalog->find_table_by_oid(fk->ref_table_oid) : nullptr;
    if (!child || !parent) throw PgError(sqlstate::kInternalError, "foreign key constraint " + std::to_string(con_oid) + " is missing");
    const TableDef* keyed = kind == 1 || kind == 3 ? parent : child;
    const std::vector<int>& cols = kind == 1 || kind == 3 ? fk->ref_columns : fk->columns;
    std::string names, values;
    for (size_t i = 0; i < cols.size() && (int)i + 2 < argc; i++) {
      const ColumnDef& col = keyed->columns[cols[i]];
      names += (i ? ", " : "") + col.name;
      if (i) values += ", ";
      if (sqlite3_value_type(argv[i + 2]) == SQLITE_NULL) values += "null";
      else type_output(col.type, argv[i + 2], values);
    }
    const std::string conname = shown_name.empty() ? fk->name : shown_name;
    if (kind == 3)  // a partition detached while its rows are referenced
      throw PgError(sqlstate::kForeignKeyViolation,
                    "removing partition \"" + (acting ? acting : parent)->name + "\" violates foreign key constraint \"" + conname + "\"",
                    "Key (" + names + ")=(" + values + ") is still referenced from table \"" + child->name + "\".");
    if (kind == 1)
      throw PgError(sqlstate::kForeignKeyViolation,
                    "update or delete on table \"" + (acting ? acting : parent)->name + "\" violates foreign key constraint \"" +
                        conname + "\" on table \"" + child->name + "\"",
                    "Key (" + names + ")=(" + values + ") is still referenced from table \"" + child->name + "\".");
    throw PgError(sqlstate::kForeignKeyViolation,
                  "insert or update on table \"" + (acting ? acting : child)->name + "\" violates foreign key constraint \"" + conname + "\"",
                  kind == 2 ? "MATCH FULL does not allow mixing of null and nonnull key values."
                            : "Key (" + names + ")=(" + values + ") is not present in table \"" + parent->name + "\".");
  });
}

void fk_violation(sqlite3_context* ctx, int argc, sqlite3_value** argv) { fk_violation_impl(ctx, argc, argv, false); }
// pg_fk_move_unsupported(): an UPDATE moving a row between partitions of a table referenced by a
// foreign key with an ON DELETE action (session/dml_inherit.cpp).
// With an argument: the feature it names (an UPDATE moving rows past BEFORE UPDATE row triggers).
void fk_move_unsupported(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (argc == 1 && sqlite3_value_type(argv[0]) == SQLITE_TEXT)
      throw PgError(sqlstate::kFeatureNotSupported,
                    std::string(reinterpret_cast<const char*>(sqlite3_value_text(argv[0]))) + " is not supported by pgmicro");
    throw PgError(sqlstate::kFeatureNotSupported,
                  "UPDATE moving rows between partitions of a table referenced by a foreign key with an ON DELETE action "
                  "is not supported by pgmicro");
  });
}
void fk_violation_at(sqlite3_context* ctx, int argc, sqlite3_value** argv) { fk_violation_impl(ctx, argc, argv, true); }

// pg_constraint_deferred(constraint_oid, initdeferred): whether a DEFERRABLE constraint is
// deferred now (SET CONSTRAINTS of the transaction, else its INITIALLY DEFERRED).
void constraint_deferred(sqlite3_context* ctx, int, sqlite3_value** argv) {
  RuntimeContext* rc = runtime_context(ctx);
  auto it = rc->constraint_modes.find(sqlite3_value_int64(argv[0]));
  bool deferred = it != rc->constraint_modes.end() ? it->second
                  : rc->constraints_all_mode >= 0  ? rc->constraints_all_mode == 1
                                                   : sqlite3_value_int(argv[1]) != 0;
  sqlite3_result_int(ctx, deferred ? 1 : 0);
}

// The sequence's shared state, read from _pgmicro_sequence on first use (rc->sequences->mu held).
SequenceState::Value& loaded_sequence_value(sqlite3_context* ctx, RuntimeContext* rc, const SequenceDef& s) {
  auto& v = rc->sequences->values[s.oid];
  if (!v.loaded) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(sqlite3_context_db_handle(ctx),
                       "SELECT last_value, is_called FROM _pgmicro_sequence WHERE seqrelid = ?", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, s.oid);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
      v.last_value = sqlite3_column_int64(st, 0);
      v.is_called = sqlite3_column_int(st, 1) != 0;
    } else {
      v.last_value = s.start;
      v.is_called = false;
    }
    sqlite3_finalize(st);
    v.loaded = true;
  }
  return v;
}

// pg_sequence_state(seq_oid, column): a column of the sequence's row (SELECT ... FROM seq):
// 0 last_value, 1 log_cnt, 2 is_called. log_cnt counts values PostgreSQL pre-logged in its WAL,
// which pgmicro has no equivalent of: it is 0 until the first nextval, then not supported.
void sequence_state(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    const SequenceDef* s = rc->catalog->find_sequence_by_oid(oid);
    if (!s) throw PgError(sqlstate::kUndefinedTable, "could not open relation with OID " + std::to_string(oid));
    check_sequence_privilege(rc, oid, kAclSelect);
    std::lock_guard<std::mutex> lock(rc->sequences->mu);
    auto& v = loaded_sequence_value(ctx, rc, *s);
    switch (sqlite3_value_int(argv[1])) {
      case 0: return sqlite3_result_int64(ctx, v.last_value);
      case 1:
        if (v.is_called) throw PgError(sqlstate::kFeatureNotSupported, "log_cnt of a sequence after nextval is not supported by pgmicro yet");
        return sqlite3_result_int64(ctx, 0);
      default: return sqlite3_result_int(ctx, v.is_called ? 1 : 0);
    }
  });
}

void nextval(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    const SequenceDef* s = rc->catalog->find_sequence_by_oid(oid);
    if (!s) throw PgError(sqlstate::kUndefinedTable, "could not open relation with OID " + std::to_string(oid));
    if (argc == 1) check_sequence_privilege(rc, oid, kAclUsage | kAclUpdate);  // 2: an identity column
    std::lock_guard<std::mutex> lock(rc->sequences->mu);
    auto& v = loaded_sequence_value(ctx, rc, *s);
    int64_t next = v.last_value;
    if (v.is_called) {
      if (__builtin_add_overflow(v.last_value, s->increment, &next) || next > s->max_value || next < s->min_value) {
        bool up = s->increment > 0;
        if (!s->cycle)
          throw PgError("2200H", std::string("nextval: reached ") + (up ? "maximum" : "minimum") + " value of sequence \"" +
                                     s->name + "\" (" + std::to_string(up ? s->max_value : s->min_value) + ")");
        next = up ? s->min_value : s->max_value;  // CYCLE: wrap to the other end
      }
    }
    v.last_value = next;
    v.is_called = true;
    rc->mark_sequence_dirty(oid);
    rc->session_sequence_values[oid] = next;
    rc->last_sequence_value = next;
    rc->has_last_sequence_value = true;
    rc->last_sequence_oid = oid;
    sqlite3_result_int64(ctx, next);
  });
}

// pg_scalar_subquery(row_count, value): a scalar subquery's value; more than one row is
// PostgreSQL's 21000.
void scalar_subquery(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_int64(argv[0]) > 1)
      throw PgError(sqlstate::kCardinalityViolation, "more than one row returned by a subquery used as an expression");
    sqlite3_result_value(ctx, argv[1]);
  });
}

// currval(seq): the value nextval last returned for it in this session.
void currval(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    check_sequence_privilege(rc, oid, kAclSelect | kAclUsage);
    auto it = rc->session_sequence_values.find(oid);
    if (it == rc->session_sequence_values.end()) {
      const SequenceDef* s = rc->catalog->find_sequence_by_oid(oid);
      throw PgError("55000", "currval of sequence \"" + (s ? s->name : std::string("?")) + "\" is not yet defined in this session");
    }
    sqlite3_result_int64(ctx, it->second);
  });
}

void lastval(sqlite3_context* ctx, int, sqlite3_value**) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    if (!rc->has_last_sequence_value) throw PgError("55000", "lastval is not yet defined in this session");
    check_sequence_privilege(rc, rc->last_sequence_oid, kAclSelect | kAclUsage);
    sqlite3_result_int64(ctx, rc->last_sequence_value);
  });
}

// setval(seq, value, is_called): bounds-checked, not transactional.
void setval(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    int64_t oid = sqlite3_value_int64(argv[0]);
    const SequenceDef* s = rc->catalog->find_sequence_by_oid(oid);
    if (!s) throw PgError(sqlstate::kUndefinedTable, "could not open relation with OID " + std::to_string(oid));
    check_sequence_privilege(rc, oid, kAclUpdate);
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL || sqlite3_value_type(argv[2]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    int64_t v = sqlite3_value_int64(argv[1]);
    if (v < s->min_value || v > s->max_value)
      throw PgError(sqlstate::kNumericValueOutOfRange, "setval: value " + std::to_string(v) + " is out of bounds for sequence \"" +
                                                           s->name + "\" (" + std::to_string(s->min_value) + ".." + std::to_string(s->max_value) + ")");
    bool called = sqlite3_value_int(argv[2]) != 0;
    {
      std::lock_guard<std::mutex> lock(rc->sequences->mu);
      auto& st = rc->sequences->values[oid];
      st.last_value = v;
      st.is_called = called;
      st.loaded = true;
    }
    rc->mark_sequence_dirty(oid);
    if (called) rc->session_sequence_values[oid] = v;
    sqlite3_result_int64(ctx, v);
  });
}

}  // namespace

void register_check_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_check_row", -1, SQLITE_UTF8, rc, check_row, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_check_violation", -1, SQLITE_UTF8, rc, check_violation, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_fk_violation", -1, SQLITE_UTF8, rc, fk_violation, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_fk_move_unsupported", 0, SQLITE_UTF8, rc, fk_move_unsupported, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_fk_move_unsupported", 1, SQLITE_UTF8, rc, fk_move_unsupported, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_fk_violation_at", -1, SQLITE_UTF8, rc, fk_violation_at, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_constraint_deferred", 2, SQLITE_UTF8, rc, constraint_deferred, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_scalar_subquery", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, scalar_subquery,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_currval", 1, SQLITE_UTF8, rc, currval, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_lastval", 0, SQLITE_UTF8, rc, lastval, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_setval", 3, SQLITE_UTF8, rc, setval, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_sequence_state", 2, SQLITE_UTF8, rc, sequence_state, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_nextval", 1, SQLITE_UTF8, rc, nextval, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_nextval", 2, SQLITE_UTF8, rc, nextval, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
