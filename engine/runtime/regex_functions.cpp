// PostgreSQL's regular-expression functions (utils/adt/regexp.c, replace_text_regexp of
// varlena.c) over engine/regex: the ~ ~* operators and SIMILAR TO (pg_re_test),
// substring(text from pattern), regexp_match, regexp_replace (back-references \1..\9 and \&
// in the replacement, the 'g' flag, PG15's start/N forms), regexp_split_to_array, and
// PG15's regexp_count/instr/like/substr; the rows of regexp_matches and
// regexp_split_to_table for table_functions.cpp. Flags are parse_re_flags' letters with
// its errors. Positions are characters. Compiled patterns are kept in a small LRU; long
// matches poll the session's cancel / statement_timeout hook.
#include "runtime/regex_functions.h"
#include <algorithm>
#include <list>
#include <string>
#include <string_view>
#include "regex/regex.h"
#include "types/array.h"

namespace pgmicro {

namespace {

using regex::Regex;

std::string_view text_arg(sqlite3_value* v) {
  auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return p ? std::string_view(p, size_t(sqlite3_value_bytes(v))) : std::string_view();
}

struct ReFlags {
  unsigned cflags = 0;
  bool glob = false;
};

// parse_re_flags
ReFlags parse_flags(std::string_view opts) {
  ReFlags f;
  for (size_t i = 0; i < opts.size();) {
    unsigned char b = (unsigned char)opts[i];
    switch (b) {
      case 'g': f.glob = true; break;
      case 'b': f.cflags = (f.cflags & ~(regex::kExtended | regex::kQuote)) | regex::kBasic; break;
      case 'c': f.cflags &= ~regex::kIcase; break;
      // PostgreSQL sets REG_EXTENDED and then clears REG_ADVANCED, which includes it: 'e'
      // gives basic REs, as 'b' does.
      case 'e': f.cflags = (f.cflags & ~(regex::kExtended | regex::kQuote)) | regex::kBasic; break;
      case 'i': f.cflags |= regex::kIcase; break;
      case 'm':
      case 'n': f.cflags |= regex::kNlStop | regex::kNlAnchor; break;
      case 'p': f.cflags = (f.cflags | regex::kNlStop) & ~regex::kNlAnchor; break;
      case 'q': f.cflags = (f.cflags & ~(regex::kBasic | regex::kExtended)) | regex::kQuote; break;
      case 's': f.cflags &= ~(regex::kNlStop | regex::kNlAnchor); break;
      case 't': f.cflags &= ~regex::kExpanded; break;
      case 'w': f.cflags = (f.cflags | regex::kNlAnchor) & ~regex::kNlStop; break;
      case 'x': f.cflags |= regex::kExpanded; break;
      default: {
        size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        throw PgError(sqlstate::kInvalidParameterValue,
                      "invalid regular expression option: \"" + std::string(opts.substr(i, len)) + "\"");
      }
    }
    i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  }
  return f;
}

void no_global(const ReFlags& f, const char* fn, const char* hint = "") {
  if (f.glob)
    throw PgError(sqlstate::kInvalidParameterValue, std::string(fn) + " does not support the \"global\" option", "", hint);
}

[[noreturn]] void bad_param(const char* name, int64_t v) {
  throw PgError(sqlstate::kInvalidParameterValue,
                "invalid value for parameter \"" + std::string(name) + "\": " + std::to_string(v));
}

// Compiled patterns, most recently used first.
std::shared_ptr<Regex> compiled(std::string_view pattern, unsigned cflags) {
  struct Entry { std::string pattern; unsigned flags; std::shared_ptr<Regex> re; };
  thread_local std::list<Entry> cache;
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->flags == cflags && it->pattern == pattern) {
      cache.splice(cache.begin(), cache, it);
      return cache.front().re;
    }
  }
  auto re = Regex::compile(regex::decode_utf8(pattern), cflags);
  cache.push_front({std::string(pattern), cflags, re});
  if (cache.size() > 32) cache.pop_back();
  return re;
}

regex::Poll poll_of(RuntimeContext* rc) {
  return [rc] {
    if (!rc || !rc->interrupt_check) return;
    if (int r = rc->interrupt_check())
      throw PgError("57014", r == 2 ? "canceling statement due to statement timeout" : "canceling statement due to user request");
  };
}

// One subject being searched, as code points.
struct Subject {
  std::u32string text;
  std::shared_ptr<Regex> re;
  regex::Poll poll;
  Subject(std::string_view s, std::string_view pattern, unsigned cflags, RuntimeContext* rc)
      : text(regex::decode_utf8(s)), re(compiled(pattern, cflags)), poll(poll_of(rc)) {}
  bool find(size_t from, bool captures, regex::Match& m) { return regex::search(*re, text, from, captures, m, poll); }
  std::string slice(int64_t b, int64_t e) const { return regex::encode_utf8(std::u32string_view(text).substr(size_t(b), size_t(e - b))); }
  Datum group(const regex::Match& m, int n) const {  // n = 0: the whole match
    auto [b, e] = n == 0 ? std::pair<int64_t, int64_t>{m.start, m.end} : m.groups[n - 1];
    return b < 0 ? Datum::null() : Datum::text(slice(b, e));
  }
};

// setup_regexp_matches: the match list (glob: all of them), degenerate ones skipped for split.
std::vector<regex::Match> all_matches(Subject& s, size_t start, bool glob, bool captures, bool ignore_degenerate) {
  std::vector<regex::Match> out;
  int64_t prev_end = 0;
  size_t from = start;
  regex::Match m;
  while (s.find(from, captures, m)) {
    if (!ignore_degenerate || (m.start < int64_t(s.text.size()) && m.end > prev_end)) out.push_back(m);
    prev_end = m.end;
    if (!glob) break;
    from = size_t(m.end);
    if (m.start == m.end) from++;
    if (from > s.text.size()) break;
  }
  return out;
}

Datum match_array(const Subject& s, const regex::Match& m) {
  std::vector<Datum> items;
  int n = s.re->ncaptures();
  if (n == 0) items.push_back(s.group(m, 0));
  for (int g = 1; g <= n; g++) items.push_back(s.group(m, g));
  return Datum::text(array_to_storage(oid::kText, ArrayValue::vector(std::move(items))));
}

using Fn = void (*)(sqlite3_context*, int, sqlite3_value**);
template <Fn F>
void strict_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  guarded(ctx, [&] { F(ctx, argc, argv); });
}

void result(sqlite3_context* ctx, const Datum& d) { d.to_sqlite_result(ctx); }

// pg_re_test(str, pattern, flags): ~, ~* and SIMILAR TO.
void pg_re_test(sqlite3_context* ctx, int, sqlite3_value** v) {
  ReFlags f = parse_flags(text_arg(v[2]));
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  regex::Match m;
  sqlite3_result_int(ctx, s.find(0, false, m) ? 1 : 0);
}

// regexp_like(str, pattern [, flags])
void pg_regexp_like(sqlite3_context* ctx, int, sqlite3_value** v) {
  ReFlags f = parse_flags(text_arg(v[2]));
  no_global(f, "regexp_like()");
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  regex::Match m;
  sqlite3_result_int(ctx, s.find(0, false, m) ? 1 : 0);
}

// substring(str from pattern): the first parenthesized subexpression, else the whole match.
void pg_re_substring(sqlite3_context* ctx, int, sqlite3_value** v) {
  Subject s(text_arg(v[0]), text_arg(v[1]), 0, runtime_context(ctx));
  regex::Match m;
  if (!s.find(0, s.re->ncaptures() > 0, m)) return sqlite3_result_null(ctx);
  result(ctx, s.group(m, s.re->ncaptures() > 0 ? 1 : 0));
}

// substring(str similar pattern escape e): PostgreSQL's SQL function
// substring($1, similar_to_escape($2, $3)), whose errors carry its CONTEXT line.
void pg_re_substring_similar(sqlite3_context* ctx, int, sqlite3_value** v) {
  try {
    std::string esc(text_arg(v[2]));
    std::string re = regex::similar_to_regex(text_arg(v[1]), &esc);
    Subject s(text_arg(v[0]), re, 0, runtime_context(ctx));
    regex::Match m;
    if (!s.find(0, s.re->ncaptures() > 0, m)) return sqlite3_result_null(ctx);
    result(ctx, s.group(m, s.re->ncaptures() > 0 ? 1 : 0));
  } catch (PgError& e) {
    if (e.error.sqlstate != "57014") e.error.context = "SQL function \"substring\" statement 1";
    throw;
  }
}

// regexp_match(str, pattern, flags)
void pg_regexp_match(sqlite3_context* ctx, int, sqlite3_value** v) {
  ReFlags f = parse_flags(text_arg(v[2]));
  no_global(f, "regexp_match()", "Use the regexp_matches function instead.");
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  regex::Match m;
  if (!s.find(0, true, m)) return sqlite3_result_null(ctx);
  result(ctx, match_array(s, m));
}

// replace_text_regexp: v = (src, pattern, replacement, -, flags); n < 0: from the 'g' flag.
void pg_regexp_replace_impl(sqlite3_context* ctx, sqlite3_value** v, int64_t start, int64_t n) {
  ReFlags f = parse_flags(text_arg(v[4]));
  if (n < 0) n = f.glob ? 0 : 1;
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  std::u32string repl = regex::decode_utf8(text_arg(v[2]));
  bool has_escape = repl.find(U'\\') != std::u32string::npos;
  std::u32string out;
  size_t data_pos = 0, search = size_t(start - 1);
  int64_t count = 0;
  regex::Match m;
  while (search <= s.text.size()) {
    if (!s.find(search, has_escape, m)) break;
    count++;
    if (n > 0 && count < n) {
      search = size_t(m.end);
      if (m.start == m.end) search++;
      continue;
    }
    out.append(s.text, data_pos, size_t(m.start) - data_pos);
    for (size_t i = 0; i < repl.size(); i++) {
      char32_t c = repl[i];
      if (c != '\\' || i + 1 >= repl.size()) {
        out += c;
        continue;
      }
      char32_t d = repl[i + 1];
      int64_t so = -1, eo = -1;
      if (d >= '1' && d <= '9') {
        int g = int(d - '0');
        if (g <= s.re->ncaptures()) std::tie(so, eo) = m.groups[g - 1];
      } else if (d == '&') {
        so = m.start;
        eo = m.end;
      } else if (d == '\\') {
        out += '\\';
        i++;
        continue;
      } else {
        out += '\\';
        continue;
      }
      i++;
      if (so >= 0 && eo >= 0) out.append(s.text, size_t(so), size_t(eo - so));
    }
    data_pos = size_t(m.end);
    if (n > 0) break;
    search = data_pos;
    if (m.start == m.end) search++;
  }
  if (data_pos < s.text.size()) out.append(s.text, data_pos, std::u32string::npos);
  std::string r = regex::encode_utf8(out);
  sqlite3_result_text(ctx, r.data(), int(r.size()), SQLITE_TRANSIENT);
}

// pg_regexp_replace(src, pattern, replacement, start, flags [, n])
void pg_regexp_replace(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  int64_t start = sqlite3_value_int64(v[3]);
  if (start <= 0) bad_param("start", start);
  int64_t n = -1;
  if (argc > 5) {
    n = sqlite3_value_int64(v[5]);
    if (n < 0) bad_param("n", n);
  }
  pg_regexp_replace_impl(ctx, v, start, n);
}

// regexp_replace(src, pattern, replacement, flags): an unknown-typed fourth argument resolves
// here, so flags that look like a start position get textregexreplace's HINT.
void pg_regexp_replace_flags(sqlite3_context* ctx, int, sqlite3_value** v) {
  std::string_view opts = text_arg(v[3]);
  if (!opts.empty() && opts[0] >= '0' && opts[0] <= '9')
    throw PgError(sqlstate::kInvalidParameterValue, "invalid regular expression option: \"" + std::string(1, opts[0]) + "\"", "",
                  "If you meant to use regexp_replace() with a start parameter, cast the fourth argument to integer explicitly.");
  sqlite3_value* args[5] = {v[0], v[1], v[2], nullptr, v[3]};
  pg_regexp_replace_impl(ctx, args, 1, -1);
}

// regexp_split_to_array(str, pattern, flags)
void pg_regexp_split_to_array(sqlite3_context* ctx, int, sqlite3_value** v) {
  std::vector<Datum> items;
  for (auto& row : regexp_split_rows(v, runtime_context(ctx), "regexp_split_to_array()")) items.push_back(row[0]);
  result(ctx, Datum::text(array_to_storage(oid::kText, ArrayValue::vector(std::move(items)))));
}

// regexp_count(str, pattern, start, flags)
void pg_regexp_count(sqlite3_context* ctx, int, sqlite3_value** v) {
  int64_t start = sqlite3_value_int64(v[2]);
  if (start <= 0) bad_param("start", start);
  ReFlags f = parse_flags(text_arg(v[3]));
  no_global(f, "regexp_count()");
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  sqlite3_result_int64(ctx, int64_t(all_matches(s, size_t(start - 1), true, false, false).size()));
}

// regexp_instr(str, pattern, start, n, endoption, flags, subexpr)
void pg_regexp_instr(sqlite3_context* ctx, int, sqlite3_value** v) {
  int64_t start = sqlite3_value_int64(v[2]), n = sqlite3_value_int64(v[3]), endopt = sqlite3_value_int64(v[4]);
  if (start <= 0) bad_param("start", start);
  if (n <= 0) bad_param("n", n);
  if (endopt != 0 && endopt != 1) bad_param("endoption", endopt);
  ReFlags f = parse_flags(text_arg(v[5]));
  no_global(f, "regexp_instr()");
  int64_t sub = sqlite3_value_int64(v[6]);
  if (sub < 0) bad_param("subexpr", sub);
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  auto ms = all_matches(s, size_t(start - 1), true, sub > 0, false);
  if (n > int64_t(ms.size())) return sqlite3_result_int(ctx, 0);
  // Without parenthesized subexpressions the whole match counts as subexpression 1
  // (setup_regexp_matches' npatterns = 1).
  if (sub > std::max(1, s.re->ncaptures())) return sqlite3_result_int(ctx, 0);
  const auto& m = ms[size_t(n - 1)];
  auto [b, e] = sub == 0 || s.re->ncaptures() == 0 ? std::pair<int64_t, int64_t>{m.start, m.end} : m.groups[size_t(sub - 1)];
  if (b < 0) return sqlite3_result_int(ctx, 0);
  sqlite3_result_int64(ctx, (endopt ? e : b) + 1);
}

// regexp_substr(str, pattern, start, n, flags, subexpr)
void pg_regexp_substr(sqlite3_context* ctx, int, sqlite3_value** v) {
  int64_t start = sqlite3_value_int64(v[2]), n = sqlite3_value_int64(v[3]);
  if (start <= 0) bad_param("start", start);
  if (n <= 0) bad_param("n", n);
  ReFlags f = parse_flags(text_arg(v[4]));
  no_global(f, "regexp_substr()");
  int64_t sub = sqlite3_value_int64(v[5]);
  if (sub < 0) bad_param("subexpr", sub);
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, runtime_context(ctx));
  auto ms = all_matches(s, size_t(start - 1), true, sub > 0, false);
  if (n > int64_t(ms.size())) return sqlite3_result_null(ctx);
  if (sub > std::max(1, s.re->ncaptures())) return sqlite3_result_null(ctx);  // as regexp_instr
  result(ctx, s.group(ms[size_t(n - 1)], s.re->ncaptures() == 0 ? 0 : int(sub)));
}

// similar_to_escape(pattern [, escape])
void pg_similar_to_escape(sqlite3_context* ctx, int argc, sqlite3_value** v) {
  std::string esc;
  if (argc > 1) esc = std::string(text_arg(v[1]));
  std::string r = regex::similar_to_regex(text_arg(v[0]), argc > 1 ? &esc : nullptr);
  sqlite3_result_text(ctx, r.data(), int(r.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::vector<std::vector<Datum>> regexp_matches_rows(sqlite3_value** v, RuntimeContext* rc) {
  ReFlags f = parse_flags(text_arg(v[2]));
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, rc);
  std::vector<std::vector<Datum>> rows;
  for (auto& m : all_matches(s, 0, f.glob, true, false)) rows.push_back({match_array(s, m)});
  return rows;
}

std::vector<std::vector<Datum>> regexp_split_rows(sqlite3_value** v, RuntimeContext* rc, const char* fn) {
  ReFlags f = parse_flags(text_arg(v[2]));
  no_global(f, fn);
  Subject s(text_arg(v[0]), text_arg(v[1]), f.cflags, rc);
  std::vector<std::vector<Datum>> rows;
  int64_t prev = 0;
  for (auto& m : all_matches(s, 0, true, false, true)) {
    rows.push_back({Datum::text(s.slice(prev, m.start))});
    prev = m.end;
  }
  rows.push_back({Datum::text(s.slice(prev, int64_t(s.text.size())))});
  return rows;
}

void register_regex_functions(sqlite3* db, RuntimeContext* rc) {
  struct F { const char* name; int n; Fn fn; };
  static const F fns[] = {
      {"pg_re_test", 3, strict_fn<pg_re_test>},
      {"pg_regexp_like", 3, strict_fn<pg_regexp_like>},
      {"pg_re_substring", 2, strict_fn<pg_re_substring>},
      {"pg_re_substring_similar", 3, strict_fn<pg_re_substring_similar>},
      {"pg_regexp_match", 3, strict_fn<pg_regexp_match>},
      {"pg_regexp_replace", 5, strict_fn<pg_regexp_replace>},
      {"pg_regexp_replace_flags", 4, strict_fn<pg_regexp_replace_flags>},
      {"pg_regexp_replace", 6, strict_fn<pg_regexp_replace>},
      {"pg_regexp_split_to_array", 3, strict_fn<pg_regexp_split_to_array>},
      {"pg_regexp_count", 4, strict_fn<pg_regexp_count>},
      {"pg_regexp_instr", 7, strict_fn<pg_regexp_instr>},
      {"pg_regexp_substr", 6, strict_fn<pg_regexp_substr>},
      {"pg_similar_to_escape", 1, strict_fn<pg_similar_to_escape>},
      {"pg_similar_to_escape", 2, strict_fn<pg_similar_to_escape>},
  };
  for (auto& f : fns)
    sqlite3_create_function_v2(db, f.name, f.n, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, f.fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
