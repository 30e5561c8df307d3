// Full text search, as far as pgmicro has it: the tsvector type (tsvectorin / tsvectorout:
// lexemes in PostgreSQL's order with positions and weights), and to_tsvector for the
// 'simple' and 'english' configurations over the part of the default parser's language whose
// tokens pgmicro reproduces exactly (words of ASCII letters and digits between spaces and
// simple punctuation); other input fails with 0A000 rather than a different answer.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro {

struct TsLexeme {
  std::string word;
  std::vector<uint16_t> positions;  // WordEntryPos: weight in the top 2 bits (3 = A .. 0 = D), position below
};
using TsVector = std::vector<TsLexeme>;

// tsvectorin (22P02/54000 errors); the result is sorted and merged as PostgreSQL stores it.
TsVector tsvector_parse(std::string_view text);
// tsvectorout.
std::string tsvector_to_text(const TsVector& v);

// The text search configuration named by `config` ('simple', 'english', with or without
// pg_catalog.), else 42704 "text search configuration ... does not exist".
int ts_config_id(std::string_view config);
// parsetext of one text into (lexeme, position) pairs; `pos` is the running position.
void ts_parse_text(int config, std::string_view text, std::vector<std::pair<std::string, int>>& words, int& pos);
// make_tsvector: words sorted and merged (positions limited as PostgreSQL limits them).
TsVector ts_make_vector(std::vector<std::pair<std::string, int>> words);

// The Snowball English stemmer (ts_english_stem.cpp).
std::string english_stem(const std::string& word);

}  // namespace pgmicro
