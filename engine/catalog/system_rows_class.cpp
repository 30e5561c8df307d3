// Rows of the relation-shaped system catalogs (system_relations.h): pg_class, pg_namespace,
// pg_attribute, pg_attrdef, pg_constraint, pg_index, pg_inherits, pg_sequence,
// pg_description, pg_partitioned_table and the pg_tables/pg_views/pg_indexes/pg_sequences
// views, all from the session's Catalog.
#include <algorithm>
#include <set>
#include <cctype>
#include "analyze/analyzer.h"
#include "catalog/inheritance.h"
#include "catalog/privileges.h"
#include "catalog/system_relations.h"
#include "runtime/function_context.h"
#include "types/array.h"
#include "types/reg_types.h"
#include "types/user_types.h"

namespace pgmicro {

namespace {

bool table_has_index(const TableDef& t) {
  if (!t.indexes.empty()) return true;
  for (auto& c : t.constraints)
    if (c.type == 'p' || c.type == 'u') return true;
  return false;
}

bool table_has_triggers(const Catalog& cat, const TableDef& t) {
  for (auto& c : t.constraints)
    if (c.type == 'f') return true;
  for (auto& o : cat.tables())
    for (auto& c : o->constraints)
      if (c.type == 'f' && c.ref_table_oid == t.oid) return true;
  return false;
}

int check_count(const TableDef& t) {
  int n = 0;
  for (auto& c : t.constraints)
    if (c.type == 'c' && c.name != kPartitionConstraintName) n++;
  return n;
}

const char* owner_name() { return "postgres"; }

// The OID of the index behind a key constraint.
int64_t constraint_index_oid(const ConstraintDef& c) { return kConstraintIndexOidBase + c.oid; }

// conindid of a foreign key: the referenced table's key with exactly those columns.
int64_t referenced_index_oid(const Catalog& cat, const ConstraintDef& fk) {
  const TableDef* r = cat.find_table_by_oid(fk.ref_table_oid);
  if (!r) return 0;
  auto same = [&](const std::vector<int>& a) {
    if (a.size() != fk.ref_columns.size()) return false;
    return std::is_permutation(a.begin(), a.end(), fk.ref_columns.begin());
  };
  for (auto& c : r->constraints)
    if ((c.type == 'p' || c.type == 'u') && same(c.columns)) return constraint_index_oid(c);
  for (auto& ix : r->indexes)
    if (ix.unique && ix.plain_keys() && same(ix.columns)) return ix.oid;
  return 0;
}

std::vector<int64_t> attnums(const std::vector<int>& cols) {
  std::vector<int64_t> r;
  for (int c : cols) r.push_back(c + 1);
  return r;
}

int64_t collation_of(Oid t) {
  if (Oid e = array_element_type(t)) t = e;
  if (is_domain_type(t)) t = domain_base_type(t);
  if (t == oid::kText || t == oid::kVarchar || t == oid::kBpchar) return 100;
  if (t == oid::kName) return 950;
  return 0;
}

// The name of an index column (PostgreSQL's ChooseIndexColumnNames): a key column's name; an
// expression's function name (FigureColname), else "expr"; a repeated name gets 1, 2, ….
std::string index_column_name(const TableDef& t, const IndexDef* ix, const std::vector<int>& cols, size_t n) {
  auto base = [&](size_t i) -> std::string {
    if (cols[i] >= 0 && cols[i] < (int)t.columns.size()) return t.columns[cols[i]].name;
    std::string e = ix && i < ix->exprs.size() ? ix->exprs[i] : "";
    while (!e.empty() && e[0] == '(') e.erase(0, 1);
    size_t j = 0;
    while (j < e.size() && (std::isalnum((unsigned char)e[j]) || e[j] == '_')) j++;
    if (j > 0 && j < e.size() && e[j] == '(' && !std::isdigit((unsigned char)e[0])) {
      std::string f = e.substr(0, j);
      for (auto& ch : f) ch = (char)std::tolower((unsigned char)ch);
      return f;
    }
    return "expr";
  };
  std::vector<std::string> names;
  for (size_t i = 0; i <= n; i++) {
    std::string b = base(i), name = b;
    for (int k = 1; std::find(names.begin(), names.end(), name) != names.end(); k++) name = b + std::to_string(k);
    names.push_back(name);
  }
  return names[n];
}

void attribute_row(SystemRows& r, int64_t relid, const std::string& name, Oid type, int32_t typmod, int attnum,
                   bool not_null) {
  TypeLayout l = type_layout(type);
  r.add()
      .set_int("attrelid", relid)
      .set("attname", name)
      .set_int("atttypid", type)
      .set_int("attstattarget", attnum > 0 ? -1 : 0)
      .set_int("attlen", l.len)
      .set_int("attnum", attnum)
      .set_int("attndims", array_element_type(type) && type != oid::kOidVector && type != oid::kInt2Vector ? 1 : 0)
      .set_int("attcacheoff", -1)
      .set_int("atttypmod", typmod)
      .set_bool("attbyval", l.byval)
      .set_char("attalign", l.align)
      .set_char("attstorage", l.storage)
      .set("attcompression", "")
      .set_bool("attnotnull", not_null)
      .set_bool("atthasdef", false)
      .set_bool("atthasmissing", false)
      .set("attidentity", "")
      .set("attgenerated", "")
      .set_bool("attisdropped", false)
      .set_bool("attislocal", true)
      .set_int("attinhcount", 0)
      .set_int("attcollation", collation_of(type));
}

// The columns a CHECK expression refers to (pg_constraint.conkey), ascending: identifiers
// outside string literals that name a column of the table.
std::vector<int64_t> check_columns(const TableDef& t, const std::string& expr) {
  std::vector<int64_t> cols;
  size_t i = 0, n = expr.size();
  auto add = [&](const std::string& name) {
    int c = t.find_column(name);
    if (c >= 0 && std::find(cols.begin(), cols.end(), c + 1) == cols.end()) cols.push_back(c + 1);
  };
  while (i < n) {
    char ch = expr[i];
    if (ch == '\'') {
      for (i++; i < n; i++)
        if (expr[i] == '\'') {
          if (i + 1 < n && expr[i + 1] == '\'') i++;
          else break;
        }
      i++;
    } else if (ch == '"') {
      std::string id;
      for (i++; i < n; i++) {
        if (expr[i] == '"') {
          if (i + 1 < n && expr[i + 1] == '"') { id += '"'; i++; continue; }
          break;
        }
        id += expr[i];
      }
      i++;
      add(id);
    } else if (std::isalpha((unsigned char)ch) || ch == '_') {
      std::string id;
      while (i < n && (std::isalnum((unsigned char)expr[i]) || expr[i] == '_' || expr[i] == '$'))
        id += (char)std::tolower((unsigned char)expr[i++]);
      if (i < n && expr[i] == '(') continue;  // a function name
      size_t start = i - id.size();
      if (start >= 1 && expr[start - 1] == ':') continue;  // a type after ::
      add(id);
    } else {
      i++;
    }
  }
  std::sort(cols.begin(), cols.end());
  return cols;
}

std::string qualified(const std::string& schema, const std::string& name) {
  return pg_quote_identifier(schema) + "." + pg_quote_identifier(name);
}

}  // namespace

std::vector<RelationRef> all_relations(const Catalog& c) {
  std::vector<RelationRef> out;
  for (auto& t : c.tables()) {
    if (t->plain_sqlite) continue;
    RelationRef r;
    r.oid = t->oid;
    r.schema = t->schema;
    r.name = t->name;
    r.relkind = t->partition_strategy ? 'p' : 'r';
    r.table = t.get();
    out.push_back(r);
    for (auto& k : t->constraints) {
      if (k.type != 'p' && k.type != 'u') continue;
      RelationRef i;
      i.oid = constraint_index_oid(k);
      i.schema = t->schema;
      i.name = k.name;
      i.relkind = t->partition_strategy ? 'I' : 'i';
      i.table = t.get();
      i.constraint = &k;
      out.push_back(i);
    }
    for (auto& ix : t->indexes) {
      RelationRef i;
      i.oid = ix.oid;
      i.schema = t->schema;
      i.name = ix.name;
      i.relkind = t->partition_strategy ? 'I' : 'i';
      i.table = t.get();
      i.index = &ix;
      out.push_back(i);
    }
  }
  for (auto& v : c.views()) {
    RelationRef r;
    r.oid = v->oid;
    r.schema = v->schema;
    r.name = v->name;
    r.relkind = 'v';
    r.view = v.get();
    out.push_back(r);
  }
  for (auto& s : c.sequences()) {
    RelationRef r;
    r.oid = s->oid;
    r.schema = s->schema;
    r.name = s->name;
    r.relkind = 'S';
    r.sequence = s.get();
    out.push_back(r);
  }
  for (auto& [toid, u] : c.user_types().all()) {
    if (u->kind != 'c' || u->relid) continue;
    RelationRef r;
    r.oid = kCompositeRelationOidBase + toid;
    r.schema = kPublicSchema;
    r.name = u->name;
    r.relkind = 'c';
    r.composite = u.get();
    out.push_back(r);
  }
  for (auto& s : system_relations()) {
    RelationRef r;
    r.oid = s.def.oid;
    r.schema = s.def.schema;
    r.name = s.def.name;
    r.relkind = s.relkind;
    r.system = &s;
    out.push_back(r);
  }
  return out;
}


// pg_am's OID of an index's access method.
static int64_t index_am_oid(const RelationRef& rel) {
  if (!rel.index) return 403;
  const std::string& am = rel.index->am;
  return am == "hash" ? 405 : am == "gist" ? 783 : am == "spgist" ? 4000 : am == "brin" ? 3580 : 403;
}

// The relations that have rules of CREATE RULE (session/rules.cpp's _pgmicro_rule).
static std::set<int64_t> relations_with_rules(sqlite3* db) {
  std::set<int64_t> out;
  if (!db) return out;
  for (const char* dbname : {"main", "pgtemp"}) {
    std::string q = std::string("SELECT ev_class FROM ") + dbname + "._pgmicro_rule";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW) out.insert(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
  }
  return out;
}

void pg_class_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  std::set<int64_t> rule_relations = relations_with_rules(r.rc ? r.rc->db : nullptr);
  bool has_acls = r.rc && r.rc->db && privilege_tables_exist(r.rc->db);
  for (const RelationRef& rel : all_relations(c)) {
    char k = rel.relkind;
    bool has_storage = k == 'r' || k == 'i' || k == 'S';
    int natts = 0, checks = 0;
    bool hasindex = false, triggers = false, subclass = false, partition = false;
    if ((k == 'r' || k == 'p') && rel.table) {
      natts = (int)rel.table->columns.size();
      checks = check_count(*rel.table);
      hasindex = table_has_index(*rel.table);
      triggers = table_has_triggers(c, *rel.table);
      subclass = !rel.table->children.empty();
      partition = !rel.table->partition_bound.empty();
    } else if (rel.index) {
      natts = (int)rel.index->columns.size();
      partition = rel.table && !rel.table->partition_bound.empty() && false;
    } else if (rel.constraint) {
      natts = (int)rel.constraint->columns.size();
    } else if (rel.view) {
      natts = (int)rel.view->column_names.size();
    } else if (rel.sequence) {
      natts = 3;
    } else if (rel.system) {
      natts = (int)rel.system->def.columns.size();
    } else if (rel.composite) {
      natts = (int)rel.composite->fields.size();
    }
    // Owner and ACL (catalog/privileges.h): an index has its table's owner.
    int64_t acl_owner = kBootstrapSuperuserOid;
    std::optional<Acl> acl;
    if (has_acls && rel.oid >= 16384) {
      int64_t of = (k == 'i' || k == 'I') && rel.table ? rel.table->oid : rel.oid;
      ObjectAcl o = object_acl(r.rc->db, AclClass::Relation, of);
      acl_owner = o.owner;
      if (k != 'i' && k != 'I') acl = o.acl;
    }
    r.add()
        .set_int("oid", rel.oid)
        .set("relname", rel.name)
        .set_int("relnamespace", schema_oid(c, rel.schema))
        .set_int("reltype", (k == 'r' || k == 'p') ? rel.oid : rel.composite ? rel.composite->oid : 0)
        .set_int("reloftype", 0)
        .set_int("relowner", acl_owner)
        .set_int("relam", k == 'r' ? 2 : (k == 'i' || k == 'I') ? index_am_oid(rel) : 0)
        .set_int("relfilenode", has_storage ? rel.oid : 0)
        .set_int("reltablespace", 0)
        .set_int("relpages", k == 'i' || k == 'S' ? 1 : 0)
        .set("reltuples", Datum::real(k == 'S' ? 1 : (k == 'i' || k == 'I') ? 0 : -1))
        .set_int("relallvisible", 0)
        .set_int("reltoastrelid", 0)
        .set_bool("relhasindex", hasindex)
        .set_bool("relisshared", false)
        .set_char("relpersistence", rel.schema == kTempSchema ? 't' : 'p')
        .set_char("relkind", k)
        .set_int("relnatts", natts)
        .set_int("relchecks", checks)
        .set_bool("relhasrules", k == 'v' || rule_relations.count(rel.oid))
        .set_bool("relhastriggers", triggers)
        .set_bool("relhassubclass", subclass)
        .set_bool("relrowsecurity", false)
        .set_bool("relforcerowsecurity", false)
        .set_bool("relispopulated", true)
        .set_char("relreplident", (k == 'r' || k == 'p') ? 'd' : 'n')
        .set_bool("relispartition", partition)
        .set_int("relrewrite", 0)
        .set_int("relfrozenxid", 0)
        .set_int("relminmxid", k == 'r' ? 1 : 0);
    if (partition && rel.table) r.set("relpartbound", partition_bound_text(c, *rel.table));
    if (acl) r.set_text_array("relacl", acl_texts(r.rc->db, *acl));
  }
}

void pg_namespace_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  r.add().set_int("oid", kCatalogSchemaOid).set("nspname", kCatalogSchema).set_int("nspowner", kBootstrapSuperuserOid)
      .set_text_array("nspacl", {"postgres=UC/postgres", "=U/postgres"});
  r.add().set_int("oid", kToastSchemaOid).set("nspname", "pg_toast").set_int("nspowner", kBootstrapSuperuserOid);
  bool has_acls = r.rc && r.rc->db && privilege_tables_exist(r.rc->db);
  {
    std::vector<std::string> acl = {"pg_database_owner=UC/pg_database_owner", "=U/pg_database_owner"};
    int64_t owner = kDatabaseOwnerOid;
    if (has_acls) {  // public's owner and ACL as granted (catalog/privileges.h)
      ObjectAcl o = object_acl(r.rc->db, AclClass::Namespace, kPublicSchemaOid);
      owner = o.owner;
      acl = acl_texts(r.rc->db, *o.acl);
    }
    r.add().set_int("oid", kPublicSchemaOid).set("nspname", kPublicSchema).set_int("nspowner", owner).set_text_array("nspacl", acl);
  }
  r.add().set_int("oid", kInformationSchemaOid).set("nspname", kInformationSchema).set_int("nspowner", kBootstrapSuperuserOid)
      .set_text_array("nspacl", {"postgres=UC/postgres", "=U/postgres"});
  for (auto& s : c.schemas()) {
    if (s.name == kPublicSchema || s.name == kCatalogSchema) continue;
    r.add().set_int("oid", schema_oid(c, s.name)).set("nspname", s.name).set_int("nspowner", kBootstrapSuperuserOid);
    if (has_acls && s.oid >= 16384) {
      ObjectAcl o = object_acl(r.rc->db, AclClass::Namespace, s.oid);
      r.set_int("nspowner", o.owner);
      if (o.acl) r.set_text_array("nspacl", acl_texts(r.rc->db, *o.acl));
    }
  }
}

void pg_attribute_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  static const struct { const char* name; Oid type; int len; } kSystemColumns[] = {
      {"tableoid", oid::kOid, 4}, {"cmax", 29, 4}, {"xmax", 28, 4}, {"cmin", 29, 4}, {"xmin", 28, 4}, {"ctid", 27, 6}};
  for (const RelationRef& rel : all_relations(c)) {
    if (rel.table && (rel.relkind == 'r' || rel.relkind == 'p')) {
      const TableDef& t = *rel.table;
      for (int i = 0; i < 6; i++) {
        attribute_row(r, t.oid, kSystemColumns[i].name, kSystemColumns[i].type, -1, -6 + i, true);
        r.set_int("attlen", kSystemColumns[i].len).set_bool("attbyval", i != 5).set_char("attalign", i == 5 ? 's' : 'i')
            .set_char("attstorage", 'p').set_int("attcollation", 0);
      }
      for (size_t i = 0; i < t.columns.size(); i++) {
        const ColumnDef& col = t.columns[i];
        attribute_row(r, t.oid, col.name, col.type, col.typmod, (int)i + 1, col.not_null);
        r.set_bool("atthasdef", !col.default_text.empty() && !col.identity)
            .set("attidentity", col.identity ? std::string(1, col.identity) : "")
            .set("attgenerated", col.generated ? std::string(1, col.generated) : "")
            .set_bool("attislocal", col.is_local)
            .set_int("attinhcount", col.inhcount);
        if (col.collation) r.set_int("attcollation", col.collation);
      }
    } else if (rel.table && (rel.index || rel.constraint)) {
      const std::vector<int>& cols = rel.index ? rel.index->columns : rel.constraint->columns;
      for (size_t i = 0; i < cols.size(); i++) {
        int ci = cols[i];
        if (ci >= 0 && ci < (int)rel.table->columns.size()) {
          auto& col = rel.table->columns[ci];
          attribute_row(r, rel.oid, col.name, col.type, col.typmod, (int)i + 1, false);
          if (col.collation) r.set_int("attcollation", col.collation);
        } else {
          attribute_row(r, rel.oid, index_column_name(*rel.table, rel.index, cols, i), oid::kText, -1, (int)i + 1, false);
        }
        r.set_int("attstattarget", -1);
      }
    } else if (rel.sequence) {
      attribute_row(r, rel.oid, "last_value", oid::kInt8, -1, 1, true);
      attribute_row(r, rel.oid, "log_cnt", oid::kInt8, -1, 2, true);
      attribute_row(r, rel.oid, "is_called", oid::kBool, -1, 3, true);
    } else if (rel.system) {
      auto& cols = rel.system->def.columns;
      for (size_t i = 0; i < cols.size(); i++) attribute_row(r, rel.oid, cols[i].name, cols[i].type, -1, (int)i + 1, false);
    } else if (rel.composite) {
      auto& f = rel.composite->fields;
      for (size_t i = 0; i < f.size(); i++) {
        attribute_row(r, rel.oid, f[i].name, f[i].type, f[i].typmod, (int)i + 1, false);
        r.set_int("attstattarget", -1);
      }
    } else if (rel.view) {
      // The view's result columns, typed by analysing its query (a view that no longer
      // analyses shows no columns).
      try {
        std::vector<Oid> params;
        Analyzer a(const_cast<Catalog&>(c), params);
        auto q = a.analyze_view(*rel.view);
        for (size_t i = 0; i < q->targets.size(); i++) {
          const Expr& e = *q->targets[i].expr;
          std::string name = i < rel.view->column_names.size() ? rel.view->column_names[i] : q->targets[i].name;
          attribute_row(r, rel.oid, name, e.type, e.typmod, (int)i + 1, false);
          if (e.collation) r.set_int("attcollation", e.collation);
        }
      } catch (const std::exception&) {  // PgError included: a view that no longer analyses
      }
    }
  }
}

void pg_attrdef_rows(SystemRows& r) {
  for (auto& t : r.catalog.tables())
    for (size_t i = 0; i < t->columns.size(); i++)
      if (!t->columns[i].default_text.empty() && !t->columns[i].identity)
        r.add().set_int("adrelid", t->oid).set_int("adnum", (int64_t)i + 1).set("adbin", t->columns[i].default_text);
}

void pg_constraint_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  for (auto& t : c.tables()) {
    for (auto& k : t->constraints) {
      if (k.name == kPartitionConstraintName) continue;  // in-memory only (catalog/inheritance.h)
      bool fk = k.type == 'f';
      r.add()
          .set_int("oid", k.oid)
          .set("conname", k.name)
          .set_int("connamespace", schema_oid(c, t->schema))
          .set_char("contype", k.type)
          .set_bool("condeferrable", k.deferrable)
          .set_bool("condeferred", k.initdeferred)
          .set_bool("convalidated", true)
          .set_int("conrelid", t->oid)
          .set_int("contypid", 0)
          .set_int("conindid", (k.type == 'p' || k.type == 'u') ? constraint_index_oid(k) : fk ? referenced_index_oid(c, k) : 0)
          .set_int("conparentid", 0)
          .set_int("confrelid", fk ? k.ref_table_oid : 0)
          .set_char("confupdtype", fk ? k.on_update : ' ')
          .set_char("confdeltype", fk ? k.on_delete : ' ')
          .set_char("confmatchtype", fk ? (k.check_expr == "MATCH FULL" ? 'f' : 's') : ' ')
          .set_bool("conislocal", k.is_local)
          .set_int("coninhcount", k.inhcount)
          .set_bool("connoinherit", k.type == 'p' || k.type == 'u' || k.no_inherit);
      if (!k.columns.empty()) r.set_int_array("conkey", attnums(k.columns));
      else if (k.type == 'c') r.set_int_array("conkey", check_columns(*t, k.check_expr));
      if (fk) r.set_int_array("confkey", attnums(k.ref_columns));
      if (k.type == 'c') r.set("conbin", k.check_expr);
    }
  }
  for (auto& [toid, u] : c.user_types().all()) {
    if (u->kind != 'd') continue;
    for (auto& k : u->constraints)
      r.add()
          .set_int("oid", k.oid)
          .set("conname", k.name)
          .set_int("connamespace", kPublicSchemaOid)
          .set_char("contype", 'c')
          .set_bool("condeferrable", false)
          .set_bool("condeferred", false)
          .set_bool("convalidated", k.validated)
          .set_int("conrelid", 0)
          .set_int("contypid", u->oid)
          .set_int("conindid", 0)
          .set_int("conparentid", 0)
          .set_int("confrelid", 0)
          .set_char("confupdtype", ' ')
          .set_char("confdeltype", ' ')
          .set_char("confmatchtype", ' ')
          .set_bool("conislocal", true)
          .set_int("coninhcount", 0)
          .set_bool("connoinherit", false)
          .set("conbin", k.check_src);
  }
}

void pg_index_rows(SystemRows& r) {
  for (const RelationRef& rel : all_relations(r.catalog)) {
    if (!rel.table || (!rel.index && !rel.constraint)) continue;
    const std::vector<int>& cols = rel.index ? rel.index->columns : rel.constraint->columns;
    std::vector<int64_t> key, coll, cls, opt;
    for (size_t i = 0; i < cols.size(); i++) {
      int ci = cols[i];
      key.push_back(ci + 1 > 0 ? ci + 1 : 0);
      Oid type = ci >= 0 && ci < (int)rel.table->columns.size() ? rel.table->columns[ci].type : oid::kText;
      Oid col_coll = ci >= 0 && ci < (int)rel.table->columns.size() ? rel.table->columns[ci].collation : 0;
      coll.push_back(col_coll ? col_coll : collation_of(type));
      cls.push_back(0);
      bool desc = rel.index && i < rel.index->descending.size() && rel.index->descending[i];
      opt.push_back(desc ? 3 : 0);
    }
    bool primary = rel.constraint && rel.constraint->type == 'p';
    bool unique = rel.constraint ? true : rel.index->unique;
    r.add()
        .set_int("indexrelid", rel.oid)
        .set_int("indrelid", rel.table->oid)
        .set_int("indnatts", (int64_t)cols.size())
        .set_int("indnkeyatts", (int64_t)cols.size())
        .set_bool("indisunique", unique)
        .set_bool("indnullsnotdistinct", false)
        .set_bool("indisprimary", primary)
        .set_bool("indisexclusion", false)
        .set_bool("indimmediate", true)
        .set_bool("indisclustered", false)
        .set_bool("indisvalid", true)
        .set_bool("indcheckxmin", false)
        .set_bool("indisready", true)
        .set_bool("indislive", true)
        .set_bool("indisreplident", false)
        .set_vector("indkey", oid::kInt2, key)
        .set_vector("indcollation", oid::kOid, coll)
        .set_vector("indclass", oid::kOid, cls)
        .set_vector("indoption", oid::kInt2, opt);
    if (rel.index) {
      std::string exprs;
      for (auto& e : rel.index->exprs)
        if (!e.empty()) exprs += (exprs.empty() ? "" : "\n") + e;
      if (!exprs.empty()) r.set("indexprs", exprs);
      if (!rel.index->predicate.empty()) r.set("indpred", rel.index->predicate);
    }
  }
}

void pg_inherits_rows(SystemRows& r) {
  for (auto& t : r.catalog.tables())
    for (size_t i = 0; i < t->parents.size(); i++)
      r.add().set_int("inhrelid", t->oid).set_int("inhparent", t->parents[i]).set_int("inhseqno", (int64_t)i + 1)
          .set_bool("inhdetachpending", false);
}

void pg_sequence_rows(SystemRows& r) {
  for (auto& s : r.catalog.sequences())
    r.add()
        .set_int("seqrelid", s->oid)
        .set_int("seqtypid", s->type)
        .set_int("seqstart", s->start)
        .set_int("seqincrement", s->increment)
        .set_int("seqmax", s->max_value)
        .set_int("seqmin", s->min_value)
        .set_int("seqcache", s->cache)
        .set_bool("seqcycle", s->cycle);
}

void pg_description_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  std::map<int64_t, int64_t> classes;
  for (const RelationRef& rel : all_relations(c)) classes[rel.oid] = 1259;
  for (auto& t : c.tables())
    for (auto& k : t->constraints) classes[k.oid] = 2606;
  for (auto& s : c.schemas()) classes[schema_oid(c, s.name)] = 2615;
  for (auto& p : c.procs()) classes[p->oid] = 1255;
  for (auto& [o, u] : c.user_types().all()) {
    classes[o] = 1247;
    for (auto& k : u->constraints) classes[k.oid] = 2606;
  }
  for (auto& [key, text] : c.comments()) {
    auto it = classes.find(key.oid);
    if (it == classes.end()) continue;  // the object was dropped
    r.add().set_int("objoid", key.oid).set_int("classoid", it->second)
        .set_int("objsubid", key.subid).set("description", text);
  }
  r.add().set_int("objoid", kPlpgsqlExtensionOid).set_int("classoid", 3079).set_int("objsubid", 0)
      .set("description", "PL/pgSQL procedural language");
  // initdb's comments on the built-in schemas (public's unless COMMENT ON SCHEMA public changed it)
  if (!c.comment(kPublicSchemaOid, 0))
    r.add().set_int("objoid", kPublicSchemaOid).set_int("classoid", 2615).set_int("objsubid", 0).set("description", "standard public schema");
  r.add().set_int("objoid", kCatalogSchemaOid).set_int("classoid", 2615).set_int("objsubid", 0).set("description", "system catalog schema");
  r.add().set_int("objoid", kToastSchemaOid).set_int("classoid", 2615).set_int("objsubid", 0).set("description", "reserved schema for TOAST tables");
}

void pg_partitioned_table_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  for (auto& t : c.tables()) {
    if (!t->partition_strategy) continue;
    std::vector<int64_t> attrs, cls, coll;
    std::string exprs;
    for (auto& k : partition_keys(*t)) {
      int ci = t->find_column(k.display);
      attrs.push_back(ci >= 0 && partition_key_is_column(k.display, k.expr, pg_quote_identifier(k.display)) ? ci + 1 : 0);
      if (!attrs.back()) exprs += (exprs.empty() ? "" : "\n") + k.expr;
      cls.push_back(0);
      coll.push_back(collation_of(k.type));
    }
    int64_t def = 0;
    for (int64_t ch : t->children)
      if (const TableDef* p = c.find_table_by_oid(ch); p && decode_bound(p->partition_bound).kind == 'd') def = ch;
    r.add()
        .set_int("partrelid", t->oid)
        .set_char("partstrat", t->partition_strategy)
        .set_int("partnatts", (int64_t)attrs.size())
        .set_int("partdefid", def)
        .set_vector("partattrs", oid::kInt2, attrs)
        .set_vector("partclass", oid::kOid, cls)
        .set_vector("partcollation", oid::kOid, coll);
    if (!exprs.empty()) r.set("partexprs", exprs);
  }
}

void pg_tables_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  for (const RelationRef& rel : all_relations(c)) {
    if (rel.relkind != 'r' && rel.relkind != 'p') continue;
    r.add()
        .set("schemaname", rel.schema)
        .set("tablename", rel.name)
        .set("tableowner", owner_name())
        .set_bool("hasindexes", rel.table && table_has_index(*rel.table))
        .set_bool("hasrules", false)
        .set_bool("hastriggers", rel.table && table_has_triggers(c, *rel.table))
        .set_bool("rowsecurity", false);
  }
}

void pg_views_rows(SystemRows& r) {
  for (auto& v : r.catalog.views())
    r.add().set("schemaname", v->schema).set("viewname", v->name).set("viewowner", owner_name());
}

namespace {
// Whether `e` is one parenthesized whole, or a function call f(...) (printed bare by pg_get_indexdef).
bool wrapped_whole(const std::string& e, size_t open) {
  if (open >= e.size() || e[open] != '(' || e.back() != ')') return false;
  int depth = 0;
  bool quoted = false;
  for (size_t i = open; i < e.size(); i++) {
    char ch = e[i];
    if (ch == '\'') quoted = !quoted;
    if (quoted) continue;
    if (ch == '(') depth++;
    if (ch == ')' && --depth == 0) return i == e.size() - 1;
  }
  return false;
}
bool function_call(const std::string& e) {
  size_t i = 0;
  while (i < e.size() && (std::isalnum((unsigned char)e[i]) || e[i] == '_' || e[i] == '.')) i++;
  return i > 0 && !std::isdigit((unsigned char)e[0]) && wrapped_whole(e, i);
}
}  // namespace

// pg_get_indexdef's form for plain and expression keys.
std::string index_definition(const Catalog& c, const RelationRef& rel) {
  const TableDef& t = *rel.table;
  bool unique = rel.constraint || rel.index->unique;
  std::string s = std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX " + pg_quote_identifier(rel.name) + " ON " +
                  (t.partition_strategy ? "ONLY " : "") + qualified(t.schema, t.name) + " USING " + (rel.index ? rel.index->am : std::string("btree")) + " (";
  const std::vector<int>& cols = rel.index ? rel.index->columns : rel.constraint->columns;
  for (size_t i = 0; i < cols.size(); i++) {
    if (i) s += ", ";
    if (cols[i] >= 0) s += pg_quote_identifier(t.columns[cols[i]].name);
    else if (rel.index && i < rel.index->exprs.size()) {
      const std::string& e = rel.index->exprs[i];
      s += function_call(e) ? e : "(" + e + ")";
    }
    if (rel.index && i < rel.index->descending.size() && rel.index->descending[i]) s += " DESC";
  }
  s += ")";
  if (rel.index && !rel.index->predicate.empty()) {
    const std::string& p = rel.index->predicate;
    s += " WHERE " + (wrapped_whole(p, 0) ? p : "(" + p + ")");
  }
  return s;
}

void pg_indexes_rows(SystemRows& r) {
  const Catalog& c = r.catalog;
  for (const RelationRef& rel : all_relations(c)) {
    if (!rel.table || (!rel.index && !rel.constraint) || rel.relkind != 'i') continue;
    r.add().set("schemaname", rel.schema).set("tablename", rel.table->name).set("indexname", rel.name)
        .set("indexdef", index_definition(c, rel));
  }
}

void pg_sequences_rows(SystemRows& r) {
  for (auto& s : r.catalog.sequences()) {
    r.add()
        .set("schemaname", s->schema)
        .set("sequencename", s->name)
        .set("sequenceowner", owner_name())
        .set_int("data_type", s->type)
        .set_int("start_value", s->start)
        .set_int("min_value", s->min_value)
        .set_int("max_value", s->max_value)
        .set_int("increment_by", s->increment)
        .set_bool("cycle", s->cycle)
        .set_int("cache_size", s->cache);
    if (r.rc && r.rc->sequences) {
      std::lock_guard<std::mutex> lock(r.rc->sequences->mu);
      auto it = r.rc->sequences->values.find(s->oid);
      if (it != r.rc->sequences->values.end() && it->second.loaded && it->second.is_called)
        r.set_int("last_value", it->second.last_value);
    }
  }
}

}  // namespace pgmicro
