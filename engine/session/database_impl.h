// DatabaseImpl: path/URI of the SQLite database, a keeper connection, and the state shared
// by its sessions (sequence counters).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include "catalog/catalog.h"
#include "pgmicro/pgmicro.h"

namespace pgmicro {

class DatabaseImpl : public Database, public std::enable_shared_from_this<DatabaseImpl> {
 public:
  explicit DatabaseImpl(const std::string& path, const OpenOptions& options = {});
  ~DatabaseImpl() override;
  std::unique_ptr<Session> connect() override;
  const std::string& path() const override { return path_; }
  std::string serialize() override;
  void load_image(std::string_view image);  // a fresh database only: copies image into it
  sqlite3* open_connection();
  SequenceState& sequences() { return sequences_; }

 private:
  std::string path_;
  std::string uri_;
  std::string vfs_;  // empty: SQLite's default (or the one a URI names)
  sqlite3* keeper_ = nullptr;
  SequenceState sequences_;
};

}  // namespace pgmicro
