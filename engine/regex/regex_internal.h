// The regex engine's internal structures: the syntax tree the parser builds, bracket
// expressions as character sets, and the NFA programs the Pike VM runs (see regex.h).
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>
#include "regex/regex.h"

namespace pgmicro::regex {

// Character classes ([:name:], \d \s \w) as bits.
enum ClassBit : uint16_t {
  kAlnum = 1, kAlpha = 2, kBlank = 4, kCntrl = 8, kDigit = 16, kGraph = 32, kLower = 64,
  kPrint = 128, kPunct = 256, kSpace = 512, kUpper = 1024, kXdigit = 2048, kWord = 4096,
};
bool in_class(uint16_t bit, char32_t c);
bool is_word_char(char32_t c);

struct CharSet {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  uint16_t classes = 0;
  bool contains(char32_t c) const;  // ignoring negation and case
};

enum class Assert : uint8_t { Bol, Eol, WordBound, NotWordBound, WordStart, WordEnd, StrStart, StrEnd };
enum class Pref : uint8_t { None, Greedy, NonGreedy };

struct Node {
  enum Kind : uint8_t { Empty, Char, Set, Any, Cat, Alt, Rep, Group, Backref, Constraint, Look } kind = Empty;
  char32_t ch = 0;   // Char
  int set = -1;      // Set: index into Regex::sets
  std::vector<int> kids;
  int min = 1, max = 1;  // Rep (max -1: unbounded)
  bool greedy = true;    // Rep
  bool exact = false;    // Rep written {m} / {m}?
  int cap = 0;           // Group: capture number (1-based), 0 non-capturing; Backref: number
  Assert assert_kind = Assert::Bol;
  bool ahead = true, neg = false;  // Look
  Pref pref = Pref::None;
  bool needs_dissect = false;  // contains a capture or a back-reference
  int cap_lo = 0, cap_hi = -1; // captures inside (inclusive range, empty if hi < lo)
};

enum class Op : uint8_t { Char, CharI, Set, Any, AnyNoNl, Split, Jmp, Assert, Look, Match };

struct Inst {
  Op op;
  uint8_t arg8 = 0;  // Assert kind
  int x = 0, y = 0;  // Char: code point; Set: set index; Split: x preferred, y other; Jmp: x; Look: node
};

struct Program {
  std::vector<Inst> code;
  bool reverse = false;  // consumes the character before the position (backward run)
};

// regex_parse.cpp: fills re.nodes/sets/cap_node/root. Throws 2201B.
void parse_pattern(Regex& re, std::u32string_view pattern, unsigned flags);
// regex_nfa.cpp
void compile_node(Regex& re, int node, bool reverse, Program& out);
[[noreturn]] void regex_error(const char* what);

}  // namespace pgmicro::regex

namespace pgmicro::regex {

// Runs NFA programs over one subject (regex_nfa.cpp). Lookaround results are cached per
// position; `poll` is called every few thousand steps.
class Runner {
 public:
  Runner(Regex& re, const std::u32string& text, const Poll& poll) : re_(re), t_(text), poll_(poll) {}
  // Leftmost match starting at or after `from`: longest end when `longest`, else shortest.
  bool search(int prog, size_t from, bool longest, int64_t& start, int64_t& end);
  // Anchored run from `begin` toward `limit` (backward for a reversed program): marks every
  // position where a match ends (forward) or starts (backward) in `out` (size text+1).
  void ends(int prog, size_t begin, size_t limit, std::vector<char>& out);
  void tick(size_t n);
  const std::u32string& text() const { return t_; }

 private:
  struct Thread { int pc; int64_t start; };
  Regex& re_;
  const std::u32string& t_;
  const Poll& poll_;
  uint64_t steps_ = 0, next_poll_ = 1 << 14;
  std::deque<std::pair<int, std::vector<int8_t>>> ahead_cache_;  // look node -> per position
  std::deque<std::pair<int, std::vector<char>>> behind_cache_;    // look node -> ends table
  bool assert_at(Assert a, size_t p) const;
  bool look_at(int node, size_t p);
  bool char_ok(const Inst& in, char32_t c) const;
  enum class Mode { Search, Ends, AnyEnd, AllEnds };
  // The simulation behind the public calls; returns true when a match was found.
  bool run(const Program& prog, Mode mode, size_t begin, size_t limit, bool longest, int64_t& start, int64_t& end,
           std::vector<char>* marks);
};

}  // namespace pgmicro::regex
