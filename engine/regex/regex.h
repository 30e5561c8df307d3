// PostgreSQL's regular expressions (Advanced Regular Expressions, "ARE", section 9.7.3 of
// the PostgreSQL 15 manual) as a compact engine of our own: a parser to a syntax tree
// (regex_parse.cpp), a compiler to NFA programs and a Pike-VM simulation (regex_nfa.cpp), and
// PostgreSQL's match rules (regex_match.cpp): leftmost match, longest or shortest according to
// the RE's preference, then subexpressions dissected by the preference rules of 9.7.3.5.
// Text is matched as Unicode code points. No recursion grows with the subject's length: the
// NFA simulation runs in O(pattern × text) per pass, and every loop polls a caller's hook so
// statement_timeout and cancel can interrupt pathological cases (back-references, iterations
// with captures). Errors are PgError: 2201B "invalid regular expression: …" with Spencer's
// messages (regerrs.h).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro::regex {

// Compile flags (PostgreSQL's REG_* subset that the SQL functions can set).
enum : unsigned {
  kIcase = 1,       // i: case-insensitive
  kNlStop = 2,      // p/n: '.' and negated brackets do not match newline
  kNlAnchor = 4,    // w/n: ^ and $ match at newlines
  kExpanded = 8,    // x: white space and #-comments ignored
  kQuote = 16,      // q: the whole pattern is a literal string
  kExtended = 32,   // e: POSIX ERE (escapes limited; otherwise parsed as ARE)
  kBasic = 64,      // b: POSIX BRE
};

struct Program;
struct Node;
struct CharSet;

class Regex {
 public:
  // Throws PgError 2201B on a bad pattern.
  static std::shared_ptr<Regex> compile(std::u32string_view pattern, unsigned flags);
  ~Regex();
  int ncaptures() const { return ncap_; }

  // Internals shared by the matcher.
  std::vector<Node> nodes;
  std::vector<CharSet> sets;
  std::vector<int> cap_node;  // capture number -> Group node
  int root = -1;
  unsigned flags = 0;
  bool has_backref = false;
  int ncap_ = 0;
  // Programs: forward and reversed, per node (lazily), per concatenation suffix.
  std::vector<std::unique_ptr<Program>> progs;
  std::vector<int> fwd_prog, rev_prog;           // per node, -1 until compiled
  std::vector<std::vector<int>> suffix_rev_prog;  // per Cat node, per child index
  std::vector<int> look_prog;                     // per Look node: forward program
  int prog_for(int node, bool reverse);
  int suffix_prog(int cat, size_t from);
};

// One match: positions are code-point indexes into the subject; -1 for an unset group.
struct Match {
  int64_t start = -1, end = -1;
  std::vector<std::pair<int64_t, int64_t>> groups;  // index 0 = group 1
};

// Polled during matching; it throws (PgError 57014) to interrupt.
using Poll = std::function<void()>;

// Finds the first match starting at or after `from` in `text` (the whole subject: ^ and \A
// refer to its start). With `captures`, fills the groups by PostgreSQL's rules.
bool search(Regex& re, const std::u32string& text, size_t from, bool captures, Match& m, const Poll& poll);

// UTF-8 <-> code points (invalid bytes are taken as Latin-1 code points).
std::u32string decode_utf8(std::string_view s);
std::string encode_utf8(std::u32string_view s);

// Case folding used by case-insensitive matching (ASCII, Latin-1, Latin Extended-A,
// Greek, Cyrillic).
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);

// SIMILAR TO pattern -> ARE (PostgreSQL 15's similar_escape). `escape` null: the default
// backslash; empty: no escape character. Throws 22025 / 2201B as PostgreSQL does.
std::string similar_to_regex(std::string_view pattern, const std::string* escape);

}  // namespace pgmicro::regex
