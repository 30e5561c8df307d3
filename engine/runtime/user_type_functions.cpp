// Runtime support of user-defined types: enum_first/enum_last/enum_range/enum_cmp, the
// per-enum collation pg_enum_<oid> (declaration order for ORDER BY, comparisons, min/max),
// the array collations and array_agg of user element types, and pg_domain_check (a domain's
// NOT NULL and CHECK constraints, each CHECK run as a nested statement with ?1 = VALUE).
#include <cstring>
#include "catalog/catalog.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/enum_uncommitted.h"
#include "types/user_types.h"

namespace pgmicro {

void register_record_functions(sqlite3* db, RuntimeContext* rc);  // record_functions.cpp
void register_record_collation(sqlite3* db, RuntimeContext* rc, Oid type);
void register_base_type_functions(sqlite3* db, RuntimeContext* rc);  // base_type_functions.cpp

namespace {

const UserType& user_type(sqlite3_context* ctx, sqlite3_value* v) {
  RuntimeContext* rc = runtime_context(ctx);
  Oid oid = static_cast<Oid>(sqlite3_value_int64(v));
  const UserType* t = rc && rc->catalog ? rc->catalog->user_types().find(oid) : nullptr;
  if (!t) throw PgError(sqlstate::kInternalError, "cache lookup failed for type " + std::to_string(oid));
  return *t;
}

std::string text_arg(sqlite3_value* v) {
  return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)), size_t(sqlite3_value_bytes(v)));
}

// pg_enum_bound(type, last): enum_first / enum_last.
void enum_bound(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const UserType& t = user_type(ctx, argv[0]);
    if (t.labels.empty()) {
      sqlite3_result_null(ctx);
      return;
    }
    const std::string& l = sqlite3_value_int(argv[1]) ? t.labels.back().label : t.labels.front().label;
    check_enum_label_committed(t, l);
    sqlite3_result_text(ctx, l.data(), int(l.size()), SQLITE_TRANSIENT);
  });
}

// pg_enum_range(type, lower, upper): the labels from lower to upper (NULL: open end).
void enum_range(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    const UserType& t = user_type(ctx, argv[0]);
    int lo = 0, hi = int(t.labels.size()) - 1;
    if (sqlite3_value_type(argv[1]) != SQLITE_NULL) lo = t.enum_position(text_arg(argv[1]));
    if (sqlite3_value_type(argv[2]) != SQLITE_NULL) hi = t.enum_position(text_arg(argv[2]));
    std::vector<Datum> items;
    if (lo >= 0 && hi >= 0)
      for (int i = lo; i <= hi; i++) {
        check_enum_label_committed(t, t.labels[i].label);
        items.push_back(Datum::text(t.labels[i].label));
      }
    std::string s = array_to_storage(t.oid, ArrayValue::vector(std::move(items)));
    sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
  });
}

// pg_enum_cmp(type, a, b): enum_cmp.
void enum_cmp(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL || sqlite3_value_type(argv[2]) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
    sqlite3_result_int(ctx, enum_compare(user_type(ctx, argv[0]), text_arg(argv[1]), text_arg(argv[2])));
  });
}

// pg_domain_check(value, domain): the value, or 23502/23514 when it violates the NOT NULL or
// a CHECK constraint of the domain or of a domain under it (PostgreSQL's order: the
// base-most domain's checks first, each domain's by name; the checks see NULL values too, as
// PostgreSQL's CoerceToDomain; a NULL check result passes). The
// error names the domain coerced to.
template <class Bind>
void check_domain_value(sqlite3_context* ctx, const UserType& t, bool is_null, Bind&& bind) {
    std::vector<const UserType*> chain;
    for (const UserType* d = &t; d && d->kind == 'd' && chain.size() < 64;
         d = runtime_context(ctx)->catalog->user_types().find(d->base))
      chain.insert(chain.begin(), d);
    for (const UserType* d : chain)
      if (is_null && d->not_null)
        throw PgError(sqlstate::kNotNullViolation, "domain " + t.name + " does not allow null values");
    sqlite3* db = sqlite3_context_db_handle(ctx);
    RuntimeContext* rc = runtime_context(ctx);
    for (const UserType* d : chain) {  // NULL too: CHECK (VALUE IS NOT NULL) fails on it
      for (const DomainConstraint& c : d->constraints) {
        if (c.check_sql.empty())
          throw PgError(sqlstate::kInternalError, "check constraint \"" + c.name + "\" of domain " + t.name +
                                                      " could not be prepared");
        // A cached statement per check (a fresh one if the cached one is running: a check that
        // reaches the same domain again through a nested call).
        sqlite3_stmt*& cached = rc->domain_check_stmts[c.check_sql];
        bool own = cached && sqlite3_stmt_busy(cached);
        sqlite3_stmt* st = own ? nullptr : cached;
        if (!st) {
          if (sqlite3_prepare_v2(db, c.check_sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw PgError(sqlstate::kInternalError, std::string("domain check: ") + sqlite3_errmsg(db));
          if (!own) cached = st;
        }
        bind(st);
        int r = sqlite3_step(st);
        bool violated = r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL && sqlite3_column_int(st, 0) == 0;
        if (own) {
          sqlite3_finalize(st);
        } else {
          sqlite3_reset(st);
          sqlite3_clear_bindings(st);
        }
        if (r != SQLITE_ROW) {
          if (rc && rc->pending_error) {
            Error e = *rc->pending_error;
            rc->pending_error.reset();
            throw PgError(e);
          }
          throw PgError(sqlstate::kInternalError, std::string("domain check: ") + sqlite3_errmsg(db));
        }
        if (violated)
          throw PgError(sqlstate::kCheckViolation,
                        "value for domain " + t.name + " violates check constraint \"" + c.name + "\"");
      }
    }
}

}  // namespace

// A value of a domain type (storage encoding) against its constraints (populate_functions.cpp).
void check_domain_datum(sqlite3_context* ctx, Oid domain, const Datum& v) {
  RuntimeContext* rc = runtime_context(ctx);
  const UserType* t = rc && rc->catalog ? rc->catalog->user_types().find(domain) : nullptr;
  if (!t || t->kind != 'd') return;
  check_domain_value(ctx, *t, v.is_null(), [&](sqlite3_stmt* st) {
    switch (v.kind) {
      case Datum::Kind::Int: sqlite3_bind_int64(st, 1, v.i); break;
      case Datum::Kind::Real: sqlite3_bind_double(st, 1, v.r); break;
      case Datum::Kind::Text: sqlite3_bind_text(st, 1, v.s.data(), int(v.s.size()), SQLITE_TRANSIENT); break;
      case Datum::Kind::Blob: sqlite3_bind_blob(st, 1, v.s.data(), int(v.s.size()), SQLITE_TRANSIENT); break;
      default: sqlite3_bind_null(st, 1);
    }
  });
}

namespace {

void domain_check(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    check_domain_value(ctx, user_type(ctx, argv[1]), sqlite3_value_type(argv[0]) == SQLITE_NULL,
                       [&](sqlite3_stmt* st) { sqlite3_bind_value(st, 1, argv[0]); });
    sqlite3_result_value(ctx, argv[0]);
  });
}

// pg_domain_array_check(array, domain): every element of an array of a domain type.
void domain_array_check(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
      const UserType& t = user_type(ctx, argv[1]);
      ArrayValue a = array_from_storage(t.oid, text_arg(argv[0]));
      for (const Datum& d : a.items)
        check_domain_value(ctx, t, d.is_null(), [&](sqlite3_stmt* st) {
          switch (d.kind) {
            case Datum::Kind::Int: sqlite3_bind_int64(st, 1, d.i); break;
            case Datum::Kind::Real: sqlite3_bind_double(st, 1, d.r); break;
            case Datum::Kind::Text: sqlite3_bind_text(st, 1, d.s.data(), int(d.s.size()), SQLITE_TRANSIENT); break;
            case Datum::Kind::Blob: sqlite3_bind_blob(st, 1, d.s.data(), int(d.s.size()), SQLITE_TRANSIENT); break;
            default: sqlite3_bind_null(st, 1);
          }
        });
    }
    sqlite3_result_value(ctx, argv[0]);
  });
}

struct EnumTag {
  RuntimeContext* rc;
  Oid oid;
};

int collate_enum(void* arg, int n1, const void* p1, int n2, const void* p2) {
  auto* tag = static_cast<EnumTag*>(arg);
  std::string_view a(static_cast<const char*>(p1), size_t(n1)), b(static_cast<const char*>(p2), size_t(n2));
  const UserType* t = tag->rc->catalog ? tag->rc->catalog->user_types().find(tag->oid) : nullptr;
  if (!t) {
    int c = a.compare(b);
    return c < 0 ? -1 : c > 0;
  }
  return enum_compare(*t, a, b);
}

}  // namespace

void register_domain_record_check(sqlite3* db, RuntimeContext* rc);  // domain_record_check.cpp

void register_user_type_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_enum_bound", 2, SQLITE_UTF8, rc, enum_bound, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_enum_range", 3, SQLITE_UTF8, rc, enum_range, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_enum_cmp", 3, SQLITE_UTF8, rc, enum_cmp, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_domain_check", 2, SQLITE_UTF8, rc, domain_check, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "pg_domain_array_check", 2, SQLITE_UTF8, rc, domain_array_check, nullptr, nullptr, nullptr);
  register_record_functions(db, rc);
  register_base_type_functions(db, rc);
  register_domain_record_check(db, rc);
}

void register_user_type_objects(sqlite3* db, RuntimeContext* rc, const UserTypes& types) {
  for (auto& [oid, t] : types.all()) {
    if (!rc->registered_user_types.insert(oid).second) continue;
    if (t->kind == 'e')
      sqlite3_create_collation_v2(db, ("pg_enum_" + std::to_string(oid)).c_str(), SQLITE_UTF8, new EnumTag{rc, oid},
                                  collate_enum, [](void* p) { delete static_cast<EnumTag*>(p); });
    if (t->kind == 'c') register_record_collation(db, rc, oid);
    register_array_element_functions(db, rc, oid);
  }
}

}  // namespace pgmicro
