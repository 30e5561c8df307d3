// pg_* string functions through SQLite directly (runtime/text_functions.cpp): digests,
// encode/decode round trips, LIKE corner cases, strictness and errors. Expected values
// checked on a real PostgreSQL 15 server.
#include <gtest/gtest.h>

#include <string>

#include "runtime/function_context.h"
#include "sqlite3.h"

using namespace pgmicro;

namespace {

class TextFunctions : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    register_text_functions(db_, &rc_);
  }
  void TearDown() override { sqlite3_close(db_); }

  // First column of the first row: text, hex of a blob ("\\x..."), "NULL", or
  // "ERROR <sqlstate>: message".
  std::string q(const std::string& sql) {
    rc_.pending_error.reset();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      return std::string("PREPARE: ") + sqlite3_errmsg(db_);
    std::string out;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
        out = "NULL";
      } else if (sqlite3_column_type(st, 0) == SQLITE_BLOB) {
        static const char* hex = "0123456789abcdef";
        auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, 0));
        out = "\\x";
        for (int i = 0; i < sqlite3_column_bytes(st, 0); i++) {
          out += hex[p[i] >> 4];
          out += hex[p[i] & 15];
        }
      } else {
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      }
    } else if (rc_.pending_error) {
      out = "ERROR " + rc_.pending_error->sqlstate + ": " + rc_.pending_error->message;
    } else {
      out = std::string("SQLITE: ") + sqlite3_errmsg(db_);
    }
    sqlite3_finalize(st);
    return out;
  }

  sqlite3* db_ = nullptr;
  RuntimeContext rc_;
};

TEST_F(TextFunctions, Digests) {
  EXPECT_EQ(q("SELECT pg_md5('')"), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(q("SELECT pg_md5('The quick brown fox jumps over the lazy dog')"), "9e107d9d372bb6826bd81d3542a419d6");
  EXPECT_EQ(q("SELECT pg_sha256('')"), "\\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(q("SELECT pg_sha256('abc')"), "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding spills into a second block.
  EXPECT_EQ(q("SELECT pg_sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')"),
            "\\x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_F(TextFunctions, EncodeDecode) {
  EXPECT_EQ(q("SELECT pg_encode(X'00FF10', 'hex')"), "00ff10");
  EXPECT_EQ(q("SELECT pg_encode('abcd', 'base64')"), "YWJjZA==");
  EXPECT_EQ(q("SELECT pg_decode('YWJjZA==', 'base64')"), "\\x61626364");
  EXPECT_EQ(q("SELECT pg_encode(X'5C0080', 'escape')"), "\\\\\\000\\200");
  EXPECT_EQ(q("SELECT pg_decode('6', 'hex')"), "ERROR 22023: invalid hexadecimal data: odd number of digits");
  EXPECT_EQ(q("SELECT pg_decode('YWJ', 'base64')"), "ERROR 22023: invalid base64 end sequence");
  EXPECT_EQ(q("SELECT pg_encode('a', 'rot13')"), "ERROR 22023: unrecognized encoding: \"rot13\"");
}

TEST_F(TextFunctions, LikeAndEscape) {
  EXPECT_EQ(q("SELECT pg_like('añejo', 'a_ejo')"), "1");
  EXPECT_EQ(q("SELECT pg_like('abc', 'abc\\')"), "0");  // text ran out first: no error
  EXPECT_EQ(q("SELECT pg_like('abc', 'ab\\')"), "ERROR 22025: LIKE pattern must not end with escape character");
  EXPECT_EQ(q("SELECT pg_like('abcd', 'x\\')"), "0");
  EXPECT_EQ(q("SELECT pg_like_escape('a#%b\\', '#')"), "a\\%b\\\\");
  EXPECT_EQ(q("SELECT pg_like_escape('a', 'xy')"), "ERROR 22025: invalid escape string");
  EXPECT_EQ(q("SELECT pg_ilike('ÀÉÎ', 'àé%')"), "1");
}

TEST_F(TextFunctions, StrictnessAndErrors) {
  EXPECT_EQ(q("SELECT pg_substr(NULL, 1)"), "NULL");
  EXPECT_EQ(q("SELECT pg_substr('hello', 2, -1)"), "ERROR 22011: negative substring length not allowed");
  EXPECT_EQ(q("SELECT pg_substr('日本語テキスト', 3, 2)"), "語テ");
  EXPECT_EQ(q("SELECT pg_split_part('a,b', ',', 0)"), "ERROR 22023: field position must not be zero");
  EXPECT_EQ(q("SELECT pg_chr(0)"), "ERROR 54000: null character not permitted");
  EXPECT_EQ(q("SELECT pg_repeat('ab', 1073741824)"), "ERROR 54000: requested length too large");
  EXPECT_EQ(q("SELECT pg_concat('a', NULL, 'b')"), "ab");
  EXPECT_EQ(q("SELECT pg_concat_ws(NULL, 'a')"), "NULL");
  EXPECT_EQ(q("SELECT pg_quote_nullable(NULL)"), "NULL");
  EXPECT_EQ(q("SELECT pg_format('%2$s %1$s|%-4s|', 'a', 'b')"), "b a|b   |");
  EXPECT_EQ(q("SELECT pg_format('%s %s', 'a')"), "ERROR 22023: too few arguments for format()");
  EXPECT_EQ(q("SELECT pg_quote_ident('select')"), "\"select\"");
  EXPECT_EQ(q("SELECT pg_quote_literal('a\\b''c')"), "E'a\\\\b''c'");
}

}  // namespace
