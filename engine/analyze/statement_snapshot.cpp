// May a user function read a table? (statement_snapshot.h). Used where PostgreSQL's snapshot
// rules for functions called by a data-modifying statement differ from what one SQLite
// connection shows: the answer errs on "yes", which only costs a staging step or a 0A000.
#include "analyze/statement_snapshot.h"
#include <cctype>
#include <cstdlib>
#include "catalog/catalog.h"
#include "common/error.h"

namespace pgmicro {

std::vector<LoweredUserCall> lowered_user_calls(const std::string& sql) {
  std::vector<LoweredUserCall> out;
  for (const char* fn : {"pg_sql_scalar(", "pg_sql_rows("}) {
    size_t len = std::char_traits<char>::length(fn);
    for (size_t at = sql.find(fn); at != std::string::npos; at = sql.find(fn, at + len)) {
      size_t p = at + len;
      if (p >= sql.size() || !isdigit((unsigned char)sql[p])) continue;  // a LATERAL subquery's text
      LoweredUserCall c;
      c.body = std::strtoll(sql.c_str() + p, nullptr, 10);
      size_t comma = sql.find(", ", p);
      if (comma != std::string::npos) c.flags = (int)std::strtol(sql.c_str() + comma + 2, nullptr, 10);
      out.push_back(c);
    }
  }
  return out;
}

namespace {

// Identifiers of a CREATE text: unquoted ones lower-cased, "quoted" ones as written.
std::set<std::string> words_of(const std::string& s) {
  std::set<std::string> w;
  for (size_t i = 0; i < s.size();) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"') {
      size_t e = s.find('"', i + 1);
      if (e == std::string::npos) break;
      w.insert(s.substr(i + 1, e - i - 1));
      i = e + 1;
    } else if (isalpha(ch) || ch == '_' || ch >= 0x80) {
      size_t b = i;
      while (i < s.size() && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '$' || (unsigned char)s[i] >= 0x80)) i++;
      std::string word = s.substr(b, i - b);
      for (auto& c : word) c = (char)tolower((unsigned char)c);
      w.insert(word);
    } else {
      i++;
    }
  }
  return w;
}

}  // namespace

FunctionTableReads::FunctionTableReads(Catalog& cat, const std::vector<const TableDef*>& tables, bool writes)
    : cat_(cat), writes_(writes) {
  for (const TableDef* t : tables) {
    refs_.push_back(t->sqlite_ref());
    names_.insert(t->name);
  }
}

std::vector<const TableDef*> FunctionTableReads::with_ancestors(const Catalog& cat, const TableDef& t) {
  std::vector<const TableDef*> out{&t};
  for (size_t i = 0; i < out.size() && out.size() < 1000; i++)
    for (int64_t p : out[i]->parents)
      if (const TableDef* pt = cat.find_table_by_oid(p)) out.push_back(pt);
  return out;
}

bool FunctionTableReads::text_reads(const std::string& definition) {
  std::set<std::string> words = words_of(definition);
  if (words.count("execute")) return true;  // PL/pgSQL's dynamic SQL: anything
  bool direct = !writes_ || words.count("insert") || words.count("update") || words.count("delete") ||
                words.count("merge") || words.count("truncate") || words.count("copy");
  for (auto& n : names_)
    if (direct && words.count(n)) return true;
  for (auto& word : words)
    if (word_reads(word)) return true;
  return false;
}

// A view or function named `word` reads the tables (memoized; false while being followed).
bool FunctionTableReads::word_reads(const std::string& word) {
  auto it = word_state_.find(word);
  if (it != word_state_.end()) return it->second;
  word_state_[word] = false;
  bool reads = false;
  for (auto& v : cat_.views())
    if (!reads && v->name == word) reads = text_reads(v->definition);
  for (const ProcDef* p : cat_.find_procs(word))
    if (!reads) reads = text_reads(p->definition);
  word_state_[word] = reads;
  return reads;
}

bool FunctionTableReads::sql_reads(const std::string& lowered) {
  for (auto& r : refs_) {
    if (!writes_ && lowered.find(r) != std::string::npos) return true;
    if (writes_ && (lowered.find("INSERT INTO " + r) != std::string::npos || lowered.find("UPDATE " + r) != std::string::npos ||
                    lowered.find("DELETE FROM " + r) != std::string::npos))
      return true;
  }
  for (const LoweredUserCall& c : lowered_user_calls(lowered))
    if (body_reads(c.body)) return true;
  return false;
}

bool FunctionTableReads::sql_reads_via_calls(const std::string& lowered) {
  for (const LoweredUserCall& c : lowered_user_calls(lowered))
    if (body_reads(c.body)) return true;
  return false;
}

bool FunctionTableReads::body_reads(int64_t id) {
  auto it = body_state_.find(id);
  if (it != body_state_.end()) return it->second;  // known (false while being followed: recursion)
  body_state_[id] = false;
  LoweredBody* b = cat_.body(id);
  bool reads = !b;
  if (b && (b->plpgsql || !b->ready)) {
    for (const ProcDef* p : cat_.find_procs(b->function_name))
      if (!reads) reads = text_reads(p->definition);
  } else if (b) {
    for (auto& s : b->statements)
      if (!reads) reads = sql_reads(s);
  }
  body_state_[id] = reads;
  return reads;
}

void refuse_reads_of_function_writes(Catalog& cat, const std::string& lowered) {
  std::vector<LoweredUserCall> calls = lowered_user_calls(lowered);
  if (calls.empty()) return;
  for (auto& t : cat.tables()) {
    std::string ref = t->sqlite_ref();
    // Only tables the statement reads itself or through a non-volatile call can matter.
    bool read_here = lowered.find(ref + " AS ") != std::string::npos;
    bool stable_calls = false;
    for (auto& c : calls) stable_calls |= (c.flags & kSqlCallNonVolatile) != 0;
    if (!read_here && !stable_calls) continue;
    std::vector<const TableDef*> tables = FunctionTableReads::with_ancestors(cat, *t);
    FunctionTableReads writes(cat, tables, true);
    bool written = false;
    for (auto& c : calls)
      if (!(c.flags & kSqlCallNonVolatile) && writes.body_reads(c.body)) written = true;
    if (!written) continue;
    bool read = read_here;
    FunctionTableReads reads(cat, tables);
    for (auto& c : calls)
      if (!read && (c.flags & kSqlCallNonVolatile) && reads.body_reads(c.body)) read = true;
    if (read) unsupported("a statement reading a table that a function it calls modifies");
  }
}

}  // namespace pgmicro
