// pg_sleep(seconds): sleeps in short slices, polling the statement's cancel/timeout check
// (57014 as PostgreSQL), and returns void (empty text).
#include <chrono>
#include <cmath>
#include <thread>
#include "runtime/function_context.h"

namespace pgmicro {

namespace {

void sleep_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    RuntimeContext* rc = runtime_context(ctx);
    double secs = sqlite3_value_type(argv[0]) == SQLITE_NULL ? 0 : sqlite3_value_double(argv[0]);
    if (!(secs > 0)) secs = 0;
    using clock = std::chrono::steady_clock;
    auto end = clock::now() + std::chrono::microseconds(int64_t(std::min(secs, 1e9) * 1e6));
    for (;;) {
      if (rc && rc->interrupt_check)
        if (int r = rc->interrupt_check())
          throw PgError("57014", r == 2 ? "canceling statement due to statement timeout" : "canceling statement due to user request");
      auto now = clock::now();
      if (now >= end) break;
      std::this_thread::sleep_for(std::min<clock::duration>(end - now, std::chrono::milliseconds(10)));
    }
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  });
}

}  // namespace

void register_sleep_function(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_sleep", 1, SQLITE_UTF8, rc, sleep_fn, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
