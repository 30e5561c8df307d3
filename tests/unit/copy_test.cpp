// COPY through the Session API: data in arbitrary chunks, copy_fail, COPY TO STDOUT lines,
// server-side files only through the host's CopyFileAccess, and the transaction around it.
#include <gtest/gtest.h>
#include <map>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {
std::string one(Session& s, const std::string& sql) {
  auto r = s.execute(sql);
  if (r.back().error) return "ERROR: " + r.back().error->message;
  return r.back().rows.empty() || !r.back().rows[0][0] ? "" : *r.back().rows[0][0];
}
}  // namespace

TEST(Copy, FromStdinInChunks) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int, b text)");
  auto r = s->execute("COPY t FROM STDIN (FORMAT csv)");
  ASSERT_EQ(r.size(), 1u);
  ASSERT_FALSE(r[0].error);
  EXPECT_TRUE(r[0].copy_in);
  EXPECT_TRUE(s->copy_in_progress());
  for (std::string chunk : {"1,o", "ne\n2,\"a\nb\"", "\n3,three"}) s->copy_send(chunk);  // no final newline
  StatementResult end = s->copy_end();
  ASSERT_FALSE(end.error) << end.error->message;
  EXPECT_EQ(end.command_tag, "COPY 3");
  EXPECT_FALSE(s->copy_in_progress());
  EXPECT_EQ(one(*s, "SELECT string_agg(a || ':' || b, ',' ORDER BY a) FROM t"), "1:one,2:a\nb,3:three");
  EXPECT_EQ(s->transaction_status(), TransactionStatus::Idle);
}

TEST(Copy, FailAndAbandonRollBack) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int)");
  s->execute("COPY t FROM STDIN");
  s->copy_send("1\n2\n");
  StatementResult f = s->copy_fail("stopped");
  ASSERT_TRUE(f.error);
  EXPECT_EQ(f.error->sqlstate, "57014");
  EXPECT_EQ(f.error->message, "COPY from stdin failed: stopped");
  EXPECT_EQ(one(*s, "SELECT count(*) FROM t"), "0");
  s->execute("COPY t FROM STDIN");
  s->copy_send("5\n");
  EXPECT_EQ(one(*s, "SELECT count(*) FROM t"), "0");  // the unfinished COPY was abandoned
  EXPECT_FALSE(s->copy_in_progress());
  auto r = s->execute("COPY t FROM STDIN; SELECT 1");
  ASSERT_TRUE(r.back().error);
  EXPECT_EQ(r.back().error->sqlstate, "0A000");
}

TEST(Copy, ToStdoutLines) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int, b text); INSERT INTO t VALUES (1, 'x\ty'), (2, NULL)");
  auto r = s->execute("COPY t TO STDOUT");
  ASSERT_FALSE(r[0].error);
  EXPECT_TRUE(r[0].copy_out);
  EXPECT_EQ(r[0].command_tag, "COPY 2");
  ASSERT_EQ(r[0].copy_data.size(), 2u);
  EXPECT_EQ(r[0].copy_data[0], "1\tx\\ty\n");
  EXPECT_EQ(r[0].copy_data[1], "2\t\\N\n");
}

TEST(Copy, ServerFilesNeedTheHostHook) {
  auto db = Database::open(":memory:");
  auto s = db->connect();
  s->execute("CREATE TABLE t (a int, b text)");
  auto r = s->execute("COPY t FROM '/tmp/x.csv'");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->sqlstate, "0A000");
  EXPECT_EQ(r[0].error->message, "COPY to or from a file is not supported by pgmicro yet");
  std::map<std::string, std::string> files{{"in.csv", "a,b\n1,one\n2,two\n"}};
  CopyFileAccess io;
  io.read = [&](const std::string& p, std::string& c) -> std::string {
    if (!files.count(p)) return "No such file or directory";
    c = files[p];
    return "";
  };
  io.write = [&](const std::string& p, const std::string& c) -> std::string {
    files[p] = c;
    return "";
  };
  s->set_copy_file_access(io);
  r = s->execute("COPY t FROM 'in.csv' (FORMAT csv, HEADER)");
  ASSERT_FALSE(r[0].error) << r[0].error->message;
  EXPECT_EQ(r[0].command_tag, "COPY 2");
  r = s->execute("COPY t TO 'out.txt'");
  EXPECT_EQ(r[0].command_tag, "COPY 2");
  EXPECT_FALSE(r[0].copy_out);
  EXPECT_EQ(files["out.txt"], "1\tone\n2\ttwo\n");
  r = s->execute("COPY t FROM 'missing'");
  ASSERT_TRUE(r[0].error);
  EXPECT_EQ(r[0].error->message, "could not open file \"missing\" for reading: No such file or directory");
}
