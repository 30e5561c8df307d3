// Embind binding over the public C++ API (pgmicro/pgmicro.h) and nothing else.
// Deliberately small: issue 4 replaces per-cell values with a bulk row batch.
//
//   const db = new Module.Database(":memory:");
//   const results = db.execute("SELECT 1");       // or db.execute(sql, ["text", null, ...])
//   // [{columns:[{name,typeOid,typmod}], rows:[[text|null]], command, error|null, notices}]
//   db.close();  // or db.delete()
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <pgmicro/pgmicro.h>

using emscripten::val;

namespace {

[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(val(message)).throw_();
}

val error_to_js(const pgmicro::Error& e) {
  val o = val::object();
  o.set("code", val(e.sqlstate));
  o.set("message", val(e.message));
  o.set("detail", e.detail.empty() ? val::null() : val(e.detail));
  o.set("hint", e.hint.empty() ? val::null() : val(e.hint));
  o.set("position", e.position > 0 ? val(e.position) : val::null());
  return o;
}

val result_to_js(const pgmicro::StatementResult& r) {
  val o = val::object();
  val columns = val::array();
  for (const auto& c : r.columns) {
    val col = val::object();
    col.set("name", val(c.name));
    col.set("typeOid", val(c.type_oid));
    col.set("typmod", val(c.typmod));
    columns.call<void>("push", col);
  }
  o.set("columns", columns);
  val rows = val::array();
  for (const auto& row : r.rows) {
    val jsrow = val::array();
    for (const auto& cell : row) jsrow.call<void>("push", cell ? val(*cell) : val::null());
    rows.call<void>("push", jsrow);
  }
  o.set("rows", rows);
  o.set("command", val(r.command_tag));
  o.set("error", r.error ? error_to_js(*r.error) : val::null());
  val notices = val::array();
  for (const auto& n : r.notices) notices.call<void>("push", val(n));
  o.set("notices", notices);
  return o;
}

class WasmDatabase {
 public:
  explicit WasmDatabase(const std::string& path) {
    std::string failure;
    try {
      db_ = pgmicro::Database::open(path);
      session_ = db_->connect();
    } catch (const pgmicro::DatabaseOpenError& e) {
      failure = e.error.sqlstate + ": " + e.error.message;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    // Raise the JS error outside the catch blocks so no C++ exception is left in flight.
    if (!failure.empty()) throw_js_error("pgmicro: cannot open " + path + ": " + failure);
  }

  val execute(const std::string& sql) { return run(sql, {}); }

  // params: array of string | null (PostgreSQL text format), bound to $1..$n.
  val execute_params(const std::string& sql, val params) {
    std::vector<pgmicro::TextValue> p;
    const unsigned n = params.isUndefined() || params.isNull() ? 0 : params["length"].as<unsigned>();
    p.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
      val v = params[i];
      if (v.isNull() || v.isUndefined())
        p.emplace_back(std::nullopt);
      else
        p.emplace_back(v.isString() ? v.as<std::string>() : val::global("String")(v).as<std::string>());
    }
    return run(sql, p);
  }

  // 'I' idle, 'T' in a transaction block, 'E' in a failed block (ReadyForQuery status).
  std::string transaction_status() const {
    if (!session_) return "I";
    switch (session_->transaction_status()) {
      case pgmicro::TransactionStatus::InBlock: return "T";
      case pgmicro::TransactionStatus::Failed: return "E";
      default: return "I";
    }
  }

  void close() {
    session_.reset();
    db_.reset();
  }

 private:
  val run(const std::string& sql, const std::vector<pgmicro::TextValue>& params) {
    if (!session_) throw_js_error("pgmicro: database is closed");
    std::string failure;
    try {
      std::vector<pgmicro::StatementResult> results = session_->execute(sql, params);
      val out = val::array();
      for (const auto& r : results) out.call<void>("push", result_to_js(r));
      return out;
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown C++ exception";
    }
    throw_js_error("pgmicro: internal error: " + failure);
  }

  std::shared_ptr<pgmicro::Database> db_;
  std::unique_ptr<pgmicro::Session> session_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(pgmicro) {
  emscripten::class_<WasmDatabase>("Database")
      .constructor<std::string>()
      .function("execute", &WasmDatabase::execute)
      .function("execute", &WasmDatabase::execute_params)
      .function("transactionStatus", &WasmDatabase::transaction_status)
      .function("close", &WasmDatabase::close);
}
