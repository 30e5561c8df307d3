// libFuzzer target: the input bytes are one SQL string handed to Session::execute on an
// in-memory database; results are ignored. Only crashes, sanitizer reports, hangs and
// escaping C++ exceptions (execute reports errors as results, it must not throw) count.
//
// For speed one Database is reused for PGMICRO_FUZZ_REUSE inputs (default 64), then
// recreated; an open transaction block is rolled back after every input. A crash that
// depends on an earlier input's tables may therefore not replay alone: replay an artifact
// with PGMICRO_FUZZ_REUSE=1 (fresh database per input, fully deterministic) to check, or
// concatenate the last inputs.
//
// Every input runs under statement_timeout = 2s (set again after each input, which may
// have changed it): a legitimately endless query (WITH RECURSIVE without a stop) is
// cancelled with 57014 as PostgreSQL would, instead of reading as a hang.
//
// The bytes are passed as a std::string_view that is NOT NUL-terminated, as the API allows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include <pgmicro/pgmicro.h>

namespace {

unsigned reuse_limit() {
  static const unsigned n = [] {
    const char* e = std::getenv("PGMICRO_FUZZ_REUSE");
    const int v = e ? std::atoi(e) : 64;
    return v < 1 ? 1u : static_cast<unsigned>(v);
  }();
  return n;
}

struct State {
  std::shared_ptr<pgmicro::Database> db;
  std::unique_ptr<pgmicro::Session> session;
  unsigned uses = 0;

  pgmicro::Session& get() {
    if (!session || uses >= reuse_limit()) {
      session.reset();
      db.reset();
      db = pgmicro::Database::open(":memory:");
      session = db->connect();
      (void)session->execute("SET statement_timeout = '2s'");
      uses = 0;
    }
    ++uses;
    return *session;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static State state;
  pgmicro::Session& s = state.get();
  (void)s.execute(std::string_view(reinterpret_cast<const char*>(data), size));
  if (s.transaction_status() != pgmicro::TransactionStatus::Idle) (void)s.execute("ROLLBACK");
  (void)s.execute("SET statement_timeout = '2s'");
  return 0;
}
