// The regex engine (engine/regex) directly: PostgreSQL's match rules (leftmost, longest or
// shortest by preference, subexpression dissection), errors, UTF-8 and case folding, the
// poll hook that interrupts long matches, bounded work on pathological patterns, and
// similar_to_regex. Expected values checked on a real PostgreSQL 15 server.
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "regex/regex.h"

using namespace pgmicro;

namespace {

// "no match", or the match and its groups as "m|g1|g2" (NULL for an unset group).
std::string run(const std::string& pattern, const std::string& subject, unsigned flags = 0) {
  auto re = regex::Regex::compile(regex::decode_utf8(pattern), flags);
  std::u32string t = regex::decode_utf8(subject);
  regex::Match m;
  if (!regex::search(*re, t, 0, true, m, nullptr)) return "no match";
  auto slice = [&](int64_t b, int64_t e) { return b < 0 ? std::string("NULL") : regex::encode_utf8(t.substr(b, e - b)); };
  std::string out = slice(m.start, m.end);
  for (auto& g : m.groups) out += "|" + slice(g.first, g.second);
  return out;
}

std::string error_of(const std::string& pattern) {
  try {
    regex::Regex::compile(regex::decode_utf8(pattern), 0);
  } catch (const PgError& e) {
    return e.error.sqlstate + " " + e.error.message;
  }
  return "ok";
}

TEST(Regex, PreferenceRules) {
  EXPECT_EQ(run("(a|ab)(c|bcd)(d*)", "abcd"), "abcd|ab|c|d");
  EXPECT_EQ(run("a|ab|abc", "abc"), "abc");
  EXPECT_EQ(run("(a*?)(a*)b", "aaab"), "aaab||aaa");
  EXPECT_EQ(run("(a.*?)c", "abcabc"), "abc|ab");
  EXPECT_EQ(run("a.*?c", "abcabc"), "abc");
  EXPECT_EQ(run("Y*([0-9]{1,3})", "XY1234Z"), "Y123|123");
  EXPECT_EQ(run("Y*?([0-9]{1,3})", "XY1234Z"), "Y1|1");
  EXPECT_EQ(run("(a*)*", ""), "|");
  EXPECT_EQ(run("(a)*", "b"), "|NULL");
  EXPECT_EQ(run("(a*)*?", "b"), "|");
  EXPECT_EQ(run("(x*?)*b", "ba"), "b|NULL");
  EXPECT_EQ(run("(ab)*", "abab"), "abab|ab");
}

TEST(Regex, EscapesClassesConstraints) {
  EXPECT_EQ(run("\\s(\\w+)\\s(\\d+)", "tab\there 42"), "\there 42|here|42");
  EXPECT_EQ(run("\\mcat\\M", "the cat sat"), "cat");
  EXPECT_EQ(run("\\ycat", "concatenate"), "no match");
  EXPECT_EQ(run("[[:upper:]]+", "abcDEFg"), "DEF");
  EXPECT_EQ(run("[^[:alpha:]]", "ab1"), "1");
  EXPECT_EQ(run("(?<=\\$)\\d+", "price: $42"), "42");
  EXPECT_EQ(run("[a-z]+(?=\\d)", "foo123"), "foo");
  EXPECT_EQ(run("(abc)\\1", "xabcabcy"), "abcabc|abc");
  EXPECT_EQ(run("^(ab)\\1$", "abac"), "no match");
  EXPECT_EQ(run("***=a.b", "xa.bx"), "a.b");
  EXPECT_EQ(run("(?i)b", "ABC"), "B");
}

TEST(Regex, Utf8AndCase) {
  EXPECT_EQ(run("é+", "aééb"), "éé");
  EXPECT_EQ(run("^.$", "ж"), "ж");
  EXPECT_EQ(run("ÀÉ", "xàéx", regex::kIcase), "àé");
  EXPECT_EQ(run("ā", "Ā", regex::kIcase), "Ā");
  EXPECT_EQ(run("привет", "ПРИВЕТ", regex::kIcase), "ПРИВЕТ");
}

TEST(Regex, NewlineModes) {
  EXPECT_EQ(run("^cd", "ab\ncd"), "no match");
  EXPECT_EQ(run("^cd", "ab\ncd", regex::kNlAnchor), "cd");
  EXPECT_EQ(run("b.c", "ab\ncd", regex::kNlStop), "no match");
  EXPECT_EQ(run("b.c", "ab\ncd"), "b\nc");
}

TEST(Regex, Errors) {
  EXPECT_EQ(error_of("(a"), "2201B invalid regular expression: parentheses () not balanced");
  EXPECT_EQ(error_of("[a"), "2201B invalid regular expression: brackets [] not balanced");
  EXPECT_EQ(error_of("a{3,2}"), "2201B invalid regular expression: invalid repetition count(s)");
  EXPECT_EQ(error_of("*a"), "2201B invalid regular expression: quantifier operand invalid");
  EXPECT_EQ(error_of("[z-a]"), "2201B invalid regular expression: invalid character range");
  EXPECT_EQ(error_of("\\q"), "2201B invalid regular expression: invalid escape \\ sequence");
  EXPECT_EQ(error_of("\\1(a)"), "2201B invalid regular expression: invalid backreference number");
  EXPECT_EQ(error_of("[[:nope:]]"), "2201B invalid regular expression: invalid character class");
  EXPECT_EQ(error_of("(?z)"), "2201B invalid regular expression: invalid embedded option");
  // Deep nesting is refused, not a stack overflow.
  EXPECT_EQ(error_of(std::string(5000, '(') + std::string(5000, ')')),
            "2201B invalid regular expression: regular expression is too complex");
  EXPECT_EQ(error_of("((((a{255}){255}){255}){255})"),
            "2201B invalid regular expression: regular expression is too complex");
}

TEST(Regex, PathologicalPatternsStayPolynomial) {
  std::string a(20000, 'a');
  EXPECT_EQ(run("(a*)*b", a), "no match");
  EXPECT_EQ(run("^(a|aa)*$", a).size(), a.size() + 1 + 2);
}

TEST(Regex, PollInterrupts) {
  auto re = regex::Regex::compile(regex::decode_utf8("(a*)(a*)\\2x?\\1$"), 0);
  std::u32string t(3000, U'a');
  int polls = 0;
  regex::Match m;
  EXPECT_THROW(regex::search(*re, t, 0, false, m,
                             [&] {
                               if (++polls > 3) throw PgError("57014", "canceling statement due to user request");
                             }),
               PgError);
  EXPECT_GT(polls, 3);
}

TEST(Regex, SimilarTo) {
  EXPECT_EQ(regex::similar_to_regex("a%b_c(d)", nullptr), "^(?:a.*b.c(?:d))$");
  std::string hash = "#";
  EXPECT_EQ(regex::similar_to_regex("a#%b", &hash), "^(?:a\\%b)$");
  EXPECT_EQ(regex::similar_to_regex("a\\\"b\\\"c", nullptr), "^(?:a){1,1}?(b){1,1}(?:c)$");
  std::string two = "ab";
  EXPECT_THROW(regex::similar_to_regex("x", &two), PgError);
}

}  // namespace
