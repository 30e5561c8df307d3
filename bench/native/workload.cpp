// The benchmark's W1–W7 workload (bench/child.mjs) on the native engine through the C++ API,
// for profiling without the WASM layer: `valgrind --tool=callgrind build/bench/native/pgmicro_workload`.
// Prints milliseconds per workload and the same result checks as the JS benchmark.
// Args: [scale] — divides the row counts (default 1; callgrind runs use 10).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include "pgmicro/pgmicro.h"

using namespace pgmicro;

namespace {

std::string pad(int n) { return n < 10 ? "0" + std::to_string(n) : std::to_string(n); }
std::string ts(int i) {
  int m = i % 1440;
  return "2024-" + pad(1 + i % 12) + "-" + pad(1 + i % 28) + " " + pad(m / 60) + ":" + pad(m % 60) + ":00";
}
std::string amount(int j) {
  int c = (int)((int64_t)j * 7919 % 100000);
  return std::to_string(c / 100) + "." + pad(c % 100);
}

StatementResult one(Session& s, const std::string& sql, const std::vector<TextValue>& p = {}) {
  auto r = s.execute(sql, p);
  if (r.empty() || r.back().error) {
    std::fprintf(stderr, "error in %s: %s\n", sql.c_str(), r.empty() ? "no result" : r.back().error->message.c_str());
    std::exit(1);
  }
  return r.back();
}

}  // namespace

int main(int argc, char** argv) {
  int scale = argc > 1 ? std::atoi(argv[1]) : 1;
  if (scale < 1) scale = 1;
  const int n_users = 10000 / scale, n_orders = 100000 / scale, n_lookups = 5000 / scale, n_single = 1000 / scale;
  const char* status[] = {"new", "paid", "shipped", "cancelled", "refunded"};
  auto db = Database::open(":memory:");
  auto s = db->connect();
  double total = 0;
  auto w = [&](const char* name, auto fn) {
    auto t = std::chrono::steady_clock::now();
    std::string check = fn();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    total += ms;
    std::printf("%s %9.1f ms  %s\n", name, ms, check.c_str());
  };
  w("W1", [&] {
    one(*s, "CREATE TABLE users (id serial PRIMARY KEY, name text, email text, age int, created_at timestamp)");
    one(*s, "CREATE TABLE orders (id serial PRIMARY KEY, user_id int, amount numeric(10,2), status text)");
    return std::string("2 tables");
  });
  const std::string iu = "INSERT INTO users (name, email, age, created_at) VALUES ($1, $2, $3, $4)";
  auto user = [&](int i) {
    return std::vector<TextValue>{"user" + std::to_string(i), "user" + std::to_string(i) + "@example.com",
                                  std::to_string(18 + i % 60), ts(i)};
  };
  w("W2", [&] {
    one(*s, "BEGIN");
    for (int i = 1; i <= n_users; i++) one(*s, iu, user(i));
    for (int j = 1; j <= n_orders; j++)
      one(*s, "INSERT INTO orders (user_id, amount, status) VALUES ($1, $2, $3)",
          {std::to_string(1 + (int64_t)j * 31 % n_users), amount(j), std::string(status[j % 5])});
    one(*s, "COMMIT");
    auto o = one(*s, "SELECT count(*), sum(amount) FROM orders");
    return *o.rows[0][0] + " orders, sum " + *o.rows[0][1];
  });
  w("W3", [&] {
    int found = 0;
    for (int k = 0; k < n_lookups; k++)
      found += (int)one(*s, "SELECT id, name, email, age FROM users WHERE id = $1", {std::to_string(1 + k * 7 % n_users)})
                   .rows.size();
    return std::to_string(found) + " found";
  });
  w("W4", [&] {
    auto r = one(*s, "SELECT status, count(*), sum(amount), avg(amount) FROM orders GROUP BY status ORDER BY status");
    return *r.rows[0][0] + ":" + *r.rows[0][1] + "/" + *r.rows[0][2];
  });
  w("W5", [&] {
    auto r = one(*s,
                 "SELECT u.id, u.name, count(*) AS n, sum(o.amount) AS total FROM users u JOIN orders o ON o.user_id = u.id "
                 "WHERE o.status <> 'cancelled' AND u.age BETWEEN 25 AND 45 GROUP BY u.id, u.name "
                 "ORDER BY total DESC, u.id LIMIT 10");
    return r.rows.empty() ? std::string("none") : *r.rows[0][0] + ":" + *r.rows[0][3];
  });
  w("W6", [&] {
    for (int i = n_users + 1; i <= n_users + n_single; i++) one(*s, iu, user(i));
    return std::to_string(n_single) + " inserted";
  });
  w("W7", [&] {
    auto up = one(*s, "UPDATE orders SET status = 'archived' WHERE id BETWEEN $1 AND $2", {"1", std::to_string(n_orders / 10)});
    auto del = one(*s, "DELETE FROM orders WHERE id > $1", {std::to_string(n_orders * 95 / 100)});
    return up.command_tag + ", " + del.command_tag;
  });
  std::printf("W1-W7 %9.1f ms\n", total);
  return 0;
}
