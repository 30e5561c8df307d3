// The user-defined type registry (user_types.h): pg_type-like entries for enums and
// domains and their array types, the thread's current registry, enum label I/O and order.
#include "types/user_types.h"
#include "types/enum_uncommitted.h"
#include "common/error.h"

namespace pgmicro {

namespace {
thread_local const UserTypes* g_current = nullptr;
}

int UserType::enum_position(std::string_view label) const {
  for (size_t i = 0; i < labels.size(); i++)
    if (labels[i].label == label) return static_cast<int>(i);
  return -1;
}

UserType& UserTypes::add(Oid oid, Oid array_oid, char kind, const std::string& name, Oid base) {
  auto t = std::make_unique<UserType>();
  t->oid = oid;
  t->array_oid = array_oid;
  t->kind = kind;
  t->name = name;
  t->array_name = "_" + name;
  t->base = base;
  const TypeInfo* b = kind == 'd' || kind == 'b' ? find_type(base) : nullptr;
  if (b) {
    t->info = *b;
    t->info.elem = 0;
    if (kind == 'b') {  // a new type: user-defined category, never preferred
      t->info.category = 'U';
      t->info.preferred = false;
    }
  } else if (kind == 'p') {
    t->info = TypeInfo{oid, nullptr, nullptr, 'P', false, Storage::Text, 4};
  } else {
    t->info = kind == 'c' ? TypeInfo{oid, nullptr, nullptr, 'C', false, Storage::Text, -1}
                          : TypeInfo{oid, nullptr, nullptr, 'E', false, Storage::Text, 4};
  }
  t->info.oid = oid;
  t->info.typname = t->name.c_str();
  t->info.sql_name = t->name.c_str();
  t->array_info = TypeInfo{array_oid, t->array_name.c_str(), t->array_name.c_str(), 'A', false, Storage::Text, -1, oid};
  UserType& r = *t;
  if (array_oid) arrays_[array_oid] = oid;
  by_oid_[oid] = std::move(t);
  return r;
}

const UserType* UserTypes::find(Oid oid) const {
  auto it = by_oid_.find(oid);
  return it == by_oid_.end() ? nullptr : it->second.get();
}

const UserType* UserTypes::find_by_name(std::string_view name) const {
  for (auto& [oid, t] : by_oid_)
    if (t->name == name) return t.get();
  return nullptr;
}

const TypeInfo* UserTypes::type_info(Oid oid) const {
  if (const UserType* t = find(oid)) return &t->info;
  auto it = arrays_.find(oid);
  if (it == arrays_.end()) return nullptr;
  const UserType* e = find(it->second);
  return e ? &e->array_info : nullptr;
}

const UserCast* UserTypes::find_cast(Oid source, Oid target) const {
  for (auto& c : casts)
    if (c.def.source == source && c.def.target == target) return &c;
  return nullptr;
}

const UserOperator* UserTypes::find_operator(const OperatorDef* def) const {
  for (auto& o : operators)
    if (&o.def == def) return &o;
  return nullptr;
}

Oid UserTypes::array_of(Oid elem) const {
  const UserType* t = find(elem);
  return t ? t->array_oid : 0;
}

const UserTypes* current_user_types() { return g_current; }
UserTypesScope::UserTypesScope(const UserTypes* t) : saved_(g_current) { g_current = t; }
UserTypesScope::~UserTypesScope() { g_current = saved_; }

const UserType* find_user_type(Oid oid) {
  if (oid < 16384 || !g_current) return nullptr;
  return g_current->find(oid);
}

Oid domain_base_type(Oid t, int32_t* typmod) {
  for (int depth = 0; depth < 64; depth++) {
    const UserType* u = find_user_type(t);
    if (!u || u->kind != 'd') return t;
    t = u->base;
    if (typmod) *typmod = u->base_typmod;
  }
  return t;
}

std::string enum_input(const UserType& t, std::string_view text) {
  if (t.enum_position(text) < 0)
    throw PgError(sqlstate::kInvalidTextRepresentation,
                  "invalid input value for enum " + t.name + ": \"" + std::string(text) + "\"");
  check_enum_label_committed(t, text);
  return std::string(text);
}

int enum_compare(const UserType& t, std::string_view a, std::string_view b) {
  if (a == b) return 0;
  int x = t.enum_position(a), y = t.enum_position(b);
  // Labels the type does not know (written by a plain SQLite client) sort last, by bytes.
  if (x < 0 || y < 0) {
    if (x >= 0) return -1;
    if (y >= 0) return 1;
    int c = a.compare(b);
    return c < 0 ? -1 : c > 0;
  }
  float fx = t.labels[x].sort_order, fy = t.labels[y].sort_order;
  return fx < fy ? -1 : fx > fy ? 1 : 0;
}

std::string sqlite_column_type(Oid type, int32_t typmod) {
  Oid elem = array_element_type(type);
  Oid scalar = elem ? elem : type;
  if (const UserType* u = find_user_type(scalar)) {
    if (u->kind == 'e' || u->kind == 'c') return elem ? "text[]" : "text";
    if (u->kind == 'b') return elem ? "text[]" : sqlite_column_type(u->base, -1);
    int32_t base_typmod = -1;
    Oid base = domain_base_type(scalar, &base_typmod);
    // SQLite's type names take no "(n)[]": an array is declared without the element typmod.
    return elem ? sqlite_column_type(base, -1) + "[]" : sqlite_column_type(base, base_typmod);
  }
  if (typmod >= 0 && (type == oid::kVarchar || type == oid::kBpchar || type == oid::kNumeric))
    return format_type_name(type, typmod);
  // "blob" gives the column no affinity: SQLite stores an integral REAL of a REAL-affinity
  // column as an integer, which turns -0 into 0 (docs/storage-format.md).
  if (type == oid::kFloat4 || type == oid::kFloat8) return format_type_name(type, -1) + " blob";
  return format_type_name(type, -1);
}

std::string order_collation(Oid type) {
  type = domain_base_type(type);
  if (type == oid::kJsonb) return " COLLATE pg_jsonb";
  if (is_enum_type(type)) return " COLLATE pg_enum_" + std::to_string(type);
  if (is_named_composite(type)) return " COLLATE pg_record_" + std::to_string(type);
  if (type == oid::kRecord) return " COLLATE pg_record";
  Oid elem = array_element_type(type);
  return elem ? " COLLATE pg_array_" + std::to_string(elem) : "";
}

}  // namespace pgmicro
