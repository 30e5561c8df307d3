// VACUUM in a multi-statement string (PostgreSQL's implicit transaction block) and VACUUM FULL /
// ANALYZE on a database file.
#include <gtest/gtest.h>
#include <cstdio>
#include <filesystem>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

TEST(Vacuum, MultiStatementStringIsABlock) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  auto r = s->execute("SELECT 1; VACUUM");
  ASSERT_EQ(r.size(), 2u);
  ASSERT_TRUE(r[1].error);
  EXPECT_EQ(r[1].error->sqlstate, "25001");
  EXPECT_EQ(r[1].error->message, "VACUUM cannot run inside a transaction block");
  r = s->execute("VACUUM");
  EXPECT_FALSE(r[0].error);
  EXPECT_EQ(r[0].command_tag, "VACUUM");
}

TEST(Vacuum, FullAndAnalyzeOnAFile) {
  auto path = (std::filesystem::temp_directory_path() / "pgmicro_vacuum_test.db").string();
  std::remove(path.c_str());
  {
    auto db = Database::open(path);
    auto s = db->connect();
    auto r = s->execute("CREATE TABLE t (a int PRIMARY KEY, b text)");
    r = s->execute("INSERT INTO t SELECT g, repeat('x', 500) FROM generate_series(1, 2000) g");
    ASSERT_FALSE(r[0].error);
    r = s->execute("DELETE FROM t WHERE a > 10");
    auto before = std::filesystem::file_size(path);
    r = s->execute("VACUUM FULL t");
    ASSERT_FALSE(r[0].error) << r[0].error->message;
    EXPECT_LT(std::filesystem::file_size(path), before);
    r = s->execute("ANALYZE t");
    ASSERT_FALSE(r[0].error) << r[0].error->message;
    EXPECT_EQ(r[0].command_tag, "ANALYZE");
    r = s->execute("SELECT count(*) FROM t");
    EXPECT_EQ(*r[0].rows[0][0], "10");
    EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
  }
  std::remove(path.c_str());
}
