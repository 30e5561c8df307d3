// Embind binding over the public C++ API (pgmicro/pgmicro.h) and the psql front end the native
// shell uses (format/psql_frontend.h, for the JS CLI), and nothing else. Values cross
// the boundary in bulk, as byte buffers in linear memory that JS reads and writes through
// typed_memory_view; js/wire.js is the other half (encoder and decoder) of this format.
//
//   const db = new Module.Database(":memory:");
//   Module.registerHostFileVfs(name, host); // vfs/host_file_vfs.h; host: js/node-file-vfs.js,
//                                           // js/opfs-vfs.js or js/idb-vfs.js
//   const db = new Module.Database(path, name);   // a file through that VFS
//   const input = db.inputBuffer(n);       // Uint8Array view of n bytes: SQL + parameters
//   const out = db.execute(n, nparams, dialect);  // Uint8Array view of the result batch; dialect:
//                                          // 0 the session's (SET pgmicro.dialect), 1 postgres, 2 sqlite
//   db.executeWithTypes(n, nparams, ntypes); // the same (session's dialect) with ntypes declared
//                                          // parameter type OIDs after the parameters (0 = unspecified)
//   db.describe(n, ntypes);                // Parse + Describe: Uint8Array view of a description
//   db.dump();                             // the database as a PostgreSQL SQL script (format/dump.h)
//   db.transactionStatus();                // 'I' | 'T' | 'E'
//   db.lastInsertRowid();                  // decimal text of SQLite's last insert rowid
//   db.setCancelCheck(fn | null);          // fn() polled while a statement runs; true cancels it
//   db.loadImage(n);                       // replaces the database with the SQLite file image
//                                          // in the first n bytes of the input buffer
//   db.serialize();                        // Uint8Array view: the database as a SQLite file
//   db.integrityCheck();                   // PRAGMA integrity_check's rows joined by '\n'
//   const sh = new Module.Shell(db, quiet, echoAll, fileLabel);  // psql front end (the CLI)
//   sh.feedLine(line, interactive);        // [[toStderr, text], ...]; sh.quit after \q
//   sh.finish(interactive); sh.runCommand(cmd); sh.prompt(); sh.hadError(); sh.takeRanSql()
//   sh.setFileIO({ read(path) -> [error, text], write(path, text) -> error })  // \copy's files
//   db.close(); db.delete();
//
// Input (little-endian): u32 length + UTF-8 bytes of the SQL text, then nparams parameters,
// each a u32 byte length (0xFFFFFFFF = NULL) + that many UTF-8 bytes of PostgreSQL text format,
// then (executeWithTypes, describe) ntypes u32 type OIDs.
//
// Output batch (little-endian; str = u32 length + UTF-8 bytes):
//   u32 'PGMB' magic, u32 statement count, then per statement:
//     u8 flags (1 returns rows, 2 error), str command tag,
//     u32 column count, per column: str name, u32 type OID, i32 typmod, u32 table OID,
//       u32 column number (both 0 unless the column is a table's or view's column),
//     u32 row count, per row per column: i32 length (-1 = NULL) + bytes,
//     u32 notice count, per notice: str severity, code, message, detail, hint,
//     if flags & 2: str code, message, detail, hint, i32 position (0 = absent).
// Description (describe; Session::describe):
//   u32 'PGMD' magic, u8 flags (1 returns rows: RowDescription, else NoData; 2 error),
//   u32 parameter count, per parameter: u32 type OID (ParameterDescription),
//   u32 column count, per column: str name, u32 type OID, i32 typmod, u32 table OID, u32 column number,
//   if flags & 2 (and nothing before it but zero counts): str code, message, detail, hint, i32 position.
// The views stay valid until the next call on the same Database (or memory growth); JS
// decodes them at once.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <pgmicro/pgmicro.h>

#include "format/dump.h"
#include "format/psql_frontend.h"
#include "default_vfs.h"
#include "host_file_vfs.h"
#include "integrity.h"

using emscripten::val;

namespace {

[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(val(message)).throw_();
}

class Writer {
 public:
  explicit Writer(std::vector<uint8_t>& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(v); }
  void u32(uint32_t v) {
    uint8_t b[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)};
    out_.insert(out_.end(), b, b + 4);
  }
  void bytes(const std::string& s) {
    u32(uint32_t(s.size()));
    out_.insert(out_.end(), s.begin(), s.end());
  }

 private:
  std::vector<uint8_t>& out_;
};

size_t estimate(const std::vector<pgmicro::StatementResult>& results) {
  size_t n = 8;
  for (const auto& r : results) {
    n += 64 + r.command_tag.size();
    for (const auto& c : r.columns) n += 20 + c.name.size();
    for (const auto& row : r.rows)
      for (const auto& cell : row) n += 4 + (cell ? cell->size() : 0);
  }
  return n;
}

void encode(const std::vector<pgmicro::StatementResult>& results, std::vector<uint8_t>& out) {
  out.clear();
  out.reserve(estimate(results));
  Writer w(out);
  w.u32(0x424D4750);  // "PGMB"
  w.u32(uint32_t(results.size()));
  for (const auto& r : results) {
    w.u8(uint8_t((r.returns_rows ? 1 : 0) | (r.error ? 2 : 0)));
    w.bytes(r.command_tag);
    w.u32(uint32_t(r.columns.size()));
    for (const auto& c : r.columns) {
      w.bytes(c.name);
      w.u32(c.type_oid);
      w.u32(uint32_t(c.typmod));
      w.u32(c.table_oid);
      w.u32(uint32_t(uint16_t(c.column_number)));
    }
    w.u32(uint32_t(r.rows.size()));
    for (const auto& row : r.rows)
      for (const auto& cell : row) {
        if (cell) w.bytes(*cell);
        else w.u32(0xFFFFFFFFu);
      }
    w.u32(uint32_t(r.notices.size()));
    for (const auto& n : r.notices) {
      w.bytes(n.severity);
      w.bytes(n.sqlstate);
      w.bytes(n.message);
      w.bytes(n.detail);
      w.bytes(n.hint);
    }
    if (r.error) {
      w.bytes(r.error->sqlstate);
      w.bytes(r.error->message);
      w.bytes(r.error->detail);
      w.bytes(r.error->hint);
      w.u32(uint32_t(r.error->position));
    }
  }
}

void encode_description(const pgmicro::StatementDescription& d, std::vector<uint8_t>& out) {
  out.clear();
  Writer w(out);
  w.u32(0x444D4750);  // "PGMD"
  w.u8(uint8_t((d.returns_rows ? 1 : 0) | (d.error ? 2 : 0)));
  w.u32(uint32_t(d.param_types.size()));
  for (pgmicro::Oid t : d.param_types) w.u32(t);
  w.u32(uint32_t(d.columns.size()));
  for (const auto& c : d.columns) {
    w.bytes(c.name);
    w.u32(c.type_oid);
    w.u32(uint32_t(c.typmod));
    w.u32(c.table_oid);
    w.u32(uint32_t(uint16_t(c.column_number)));
  }
  if (d.error) {
    w.bytes(d.error->sqlstate);
    w.bytes(d.error->message);
    w.bytes(d.error->detail);
    w.bytes(d.error->hint);
    w.u32(uint32_t(d.error->position));
  }
}

class WasmDatabase {
 public:
  explicit WasmDatabase(const std::string& path) : WasmDatabase(path, std::string()) {}

  // vfs: a registered SQLite VFS for a file path (empty: the in-memory default).
  WasmDatabase(const std::string& path, const std::string& vfs) : path_(path), vfs_(vfs) {
    std::string failure;
    try {
      db_ = pgmicro::Database::open(path, pgmicro::OpenOptions{.vfs = vfs});
      session_ = db_->connect();
    } catch (const pgmicro::DatabaseOpenError& e) {
      failure = e.error.sqlstate + ": " + e.error.message;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    // Raise the JS error outside the catch blocks so no C++ exception is left in flight.
    if (!failure.empty()) throw_js_error("pgmicro: cannot open " + path + ": " + failure);
  }

  // A view of n writable bytes for the next execute's input (SQL + parameters).
  val input_buffer(uint32_t n) {
    if (in_.size() < n) in_.resize(std::max<size_t>(n, in_.size() * 2));
    return val(emscripten::typed_memory_view(n, in_.data()));
  }

  // Runs the SQL in the first input_size bytes of the input buffer with nparams parameters;
  // returns a view of the result batch.
  val execute(uint32_t input_size, uint32_t nparams, uint32_t dialect) {
    return run(input_size, nparams, dialect, nullptr);
  }

  // execute() in the session's dialect with ntypes declared parameter type OIDs (the extended
  // protocol's Parse message; 0 = unspecified) after the parameters in the input buffer.
  val execute_with_types(uint32_t input_size, uint32_t nparams, uint32_t ntypes) {
    return run(input_size, nparams, 0, &ntypes);
  }

  // Parse + Describe of the statement in the input buffer (SQL, then ntypes u32 declared type
  // OIDs); returns a view of the description (see the format above).
  val describe(uint32_t input_size, uint32_t ntypes) {
    if (!session_) throw_js_error("pgmicro: database is closed");
    std::string sql;
    std::vector<pgmicro::TextValue> no_params;
    std::vector<pgmicro::Oid> types;
    if (input_size > in_.size() || !decode_input(input_size, 0, sql, no_params, ntypes, &types))
      throw_js_error("pgmicro: malformed input buffer");
    std::string failure;
    try {
      encode_description(session_->describe(sql, types), out_);
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown C++ exception";
    }
    if (!failure.empty()) throw_js_error("pgmicro: internal error: " + failure);
    return val(emscripten::typed_memory_view(out_.size(), out_.data()));
  }

  // ntypes: null for execute(), else the declared types' count (execute_with_types).
  val run(uint32_t input_size, uint32_t nparams, uint32_t dialect, const uint32_t* ntypes) {
    if (!session_) throw_js_error("pgmicro: database is closed");
    std::string sql;
    std::vector<pgmicro::TextValue> params;
    std::vector<pgmicro::Oid> types;
    if (input_size > in_.size() || !decode_input(input_size, nparams, sql, params, ntypes ? *ntypes : 0, &types))
      throw_js_error("pgmicro: malformed input buffer");
    // Buffers over 1 MiB from this or an earlier call are not kept between calls.
    if (in_.size() > (1u << 20)) std::vector<uint8_t>().swap(in_);
    if (out_.capacity() > (1u << 20)) std::vector<uint8_t>().swap(out_);
    // JS errors are raised outside the try block: catch (...) would also catch them.
    std::string failure;
    try {
      auto d = dialect == 2 ? pgmicro::Dialect::Sqlite : dialect == 1 ? pgmicro::Dialect::Postgres : pgmicro::Dialect::Session;
      auto results = ntypes ? session_->execute_with_types(sql, params, types) : session_->execute(sql, params, d);
      // COPY FROM STDIN needs its data streamed in (Session::copy_send): not in this API yet.
      if (!results.empty() && results.back().copy_in) {
        session_->copy_fail("COPY FROM STDIN through execute");
        results.back().copy_in = false;
        results.back().error = pgmicro::Error{"0A000", "COPY FROM STDIN is not supported by pgmicro's JavaScript API yet"};
      }
      encode(results, out_);
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown C++ exception";
    }
    if (!failure.empty()) throw_js_error("pgmicro: internal error: " + failure);
    return val(emscripten::typed_memory_view(out_.size(), out_.data()));
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

  // Decimal text: the value may exceed 2^53 (JS makes it a number or a bigint).
  std::string last_insert_rowid() const {
    return session_ ? std::to_string(session_->last_insert_rowid()) : "0";
  }

  // fn(): a JS function the engine polls while a statement runs (every 1000 SQLite VM steps);
  // returning true cancels the statement with 57014. null/undefined removes it.
  void set_cancel_check(val fn) {
    if (!session_) return;
    if (fn.isNull() || fn.isUndefined()) {
      session_->set_cancel_check({});
      return;
    }
    session_->set_cancel_check([fn] { return fn().as<bool>(); });
  }

  bool decode_input(uint32_t size, uint32_t nparams, std::string& sql, std::vector<pgmicro::TextValue>& params,
                    uint32_t ntypes = 0, std::vector<pgmicro::Oid>* types = nullptr) const {
    const uint8_t* p = in_.data();
    const uint8_t* end = p + size;
    auto read_u32 = [&](uint32_t& v) {
      if (end - p < 4) return false;
      v = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
      p += 4;
      return true;
    };
    uint32_t len = 0;
    if (!read_u32(len) || uint32_t(end - p) < len) return false;
    sql.assign(reinterpret_cast<const char*>(p), len);
    p += len;
    params.reserve(nparams);
    for (uint32_t i = 0; i < nparams; ++i) {
      if (!read_u32(len)) return false;
      if (len == 0xFFFFFFFFu) {
        params.emplace_back(std::nullopt);
        continue;
      }
      if (uint32_t(end - p) < len) return false;
      params.emplace_back(std::string(reinterpret_cast<const char*>(p), len));
      p += len;
    }
    for (uint32_t i = 0; i < ntypes; ++i) {
      uint32_t t = 0;
      if (!read_u32(t)) return false;
      types->push_back(t);
    }
    return true;
  }

  // Replaces the database with a fresh in-memory one holding the SQLite file image in the
  // first n bytes of the input buffer.
  void load_image(uint32_t n) {
    if (n > in_.size()) throw_js_error("pgmicro: malformed input buffer");
    std::string failure;
    try {
      auto db = pgmicro::Database::open_image(std::string_view(reinterpret_cast<const char*>(in_.data()), n));
      session_ = db->connect();
      db_ = std::move(db);
      vfs_.clear();
    } catch (const pgmicro::DatabaseOpenError& e) {
      failure = e.error.sqlstate + ": " + e.error.message;
    } catch (const std::exception& e) {
      failure = e.what();
    }
    std::vector<uint8_t>().swap(in_);
    if (!failure.empty()) throw_js_error("pgmicro: cannot load the database image: " + failure);
  }

  // The database as a SQLite file; the view stays valid until the next call on this Database.
  val serialize() {
    if (!db_) throw_js_error("pgmicro: database is closed");
    image_ = db_->serialize();
    return val(emscripten::typed_memory_view(image_.size(), reinterpret_cast<const uint8_t*>(image_.data())));
  }

  // PRAGMA integrity_check on a connection of its own (file databases: through their VFS;
  // in-memory ones: on their serialized image). "ok" for a sound database.
  std::string integrity_check() {
    if (!db_) throw_js_error("pgmicro: database is closed");
    if (!vfs_.empty()) return pgmicro::vfs::integrity_check_file(path_, vfs_);
    return pgmicro::vfs::integrity_check_image(db_->serialize());
  }

  pgmicro::Session* session() { return session_.get(); }

  // `pg-micro dump`: the database as a PostgreSQL SQL script; throws when a catalog query failed.
  std::string dump() {
    if (!session_) throw_js_error("pgmicro: database is closed");
    std::string out, err;
    bool ok = false;
    try {
      ok = pgmicro::format::dump_database(*session_, out, err);
    } catch (const std::exception& e) {
      err = e.what();
    }
    if (!ok) throw_js_error("pgmicro: dump failed: " + err);
    return out;
  }

  void close() {
    image_.clear();
    image_.shrink_to_fit();
    session_.reset();
    db_.reset();
    std::vector<uint8_t>().swap(in_);
    std::vector<uint8_t>().swap(out_);
  }

 private:
  std::shared_ptr<pgmicro::Database> db_;
  std::unique_ptr<pgmicro::Session> session_;
  std::vector<uint8_t> in_;
  std::vector<uint8_t> out_;
  std::string image_;
  std::string path_;
  std::string vfs_;
};

// The psql front end (engine/format/psql_frontend.h) on a Database's session: the JS CLI feeds
// it lines and writes the chunks it returns to stdout / stderr in order.
class WasmShell {
 public:
  WasmShell(WasmDatabase& db, bool quiet, bool echo_all, const std::string& file_label) {
    if (!db.session()) throw_js_error("pgmicro: database is closed");
    pgmicro::format::FrontendOptions opt;
    opt.quiet = quiet;
    opt.echo_all = echo_all;
    opt.file = file_label;
    frontend_ = std::make_unique<pgmicro::format::PsqlFrontend>(
        *db.session(), opt, [this](bool to_stderr, std::string_view text) {
          val chunk = val::array();
          chunk.call<void>("push", val(to_stderr));
          chunk.call<void>("push", val(std::string(text)));
          chunks_.call<void>("push", chunk);
        });
  }

  val feed_line(const std::string& line, bool interactive) {
    return collect([&] { quit_ = !frontend_->feed_line(line, interactive) || quit_; });
  }
  val finish(bool interactive) { return collect([&] { frontend_->finish(interactive); }); }
  val run_command(const std::string& command) { return collect([&] { frontend_->run_command_string(command); }); }
  std::string prompt() const { return frontend_->prompt(); }
  // \copy's files: host.read(path) -> [error, text], host.write(path, text) -> error ("" = ok).
  void set_file_io(val host) {
    host_ = host;
    pgmicro::format::PsqlFrontend::FileIO io;
    io.read = [this](const std::string& path, std::string& contents) -> std::string {
      val r = host_.call<val>("read", path);
      std::string e = r[0].as<std::string>();
      if (e.empty()) contents = r[1].as<std::string>();
      return e;
    };
    io.write = [this](const std::string& path, const std::string& contents) -> std::string {
      return host_.call<val>("write", path, contents).as<std::string>();
    };
    frontend_->set_file_io(std::move(io));
  }
  bool had_error() const { return frontend_->had_error(); }
  bool take_ran_sql() { return frontend_->take_ran_sql(); }
  bool quit() const { return quit_; }

 private:
  template <typename F>
  val collect(F run) {
    chunks_ = val::array();
    std::string failure;
    try {
      run();
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (!failure.empty()) throw_js_error("pgmicro: internal error: " + failure);
    val out = chunks_;
    chunks_ = val::undefined();
    return out;
  }

  std::unique_ptr<pgmicro::format::PsqlFrontend> frontend_;
  val chunks_ = val::undefined();
  val host_ = val::undefined();
  bool quit_ = false;
};

std::string format_type(uint32_t oid, int32_t typmod) { return pgmicro::format_type(oid, typmod); }

// A host-object VFS's JS half (js/node-file-vfs.js, js/opfs-vfs.js, js/idb-vfs.js) under
// `name`; returns the name to open files with.
std::string register_host_file_vfs(const std::string& name, val host) {
  pgmicro::vfs::register_host_file_vfs(name, std::move(host));
  return name;
}

}  // namespace

EMSCRIPTEN_BINDINGS(pgmicro) {
  pgmicro::vfs::install_default_vfs();
  emscripten::class_<WasmDatabase>("Database")
      .constructor<std::string>()
      .constructor<std::string, std::string>()
      .function("inputBuffer", &WasmDatabase::input_buffer)
      .function("execute", &WasmDatabase::execute)
      .function("executeWithTypes", &WasmDatabase::execute_with_types)
      .function("describe", &WasmDatabase::describe)
      .function("transactionStatus", &WasmDatabase::transaction_status)
      .function("lastInsertRowid", &WasmDatabase::last_insert_rowid)
      .function("setCancelCheck", &WasmDatabase::set_cancel_check)
      .function("loadImage", &WasmDatabase::load_image)
      .function("serialize", &WasmDatabase::serialize)
      .function("integrityCheck", &WasmDatabase::integrity_check)
      .function("dump", &WasmDatabase::dump)
      .function("close", &WasmDatabase::close);
  emscripten::class_<WasmShell>("Shell")
      .constructor<WasmDatabase&, bool, bool, std::string>()
      .function("feedLine", &WasmShell::feed_line)
      .function("finish", &WasmShell::finish)
      .function("runCommand", &WasmShell::run_command)
      .function("prompt", &WasmShell::prompt)
      .function("setFileIO", &WasmShell::set_file_io)
      .function("hadError", &WasmShell::had_error)
      .function("takeRanSql", &WasmShell::take_ran_sql)
      .property("quit", &WasmShell::quit);
  emscripten::function("formatType", &format_type);
  emscripten::function("registerHostFileVfs", &register_host_file_vfs);
}
