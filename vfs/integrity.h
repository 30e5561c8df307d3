// PRAGMA integrity_check on a database file, from a connection of its own (the pgmicro
// dialect has no PRAGMA): what db.integrityCheck() in the JS package reports.
#pragma once
#include <string>

namespace pgmicro::vfs {

// The check's rows joined by '\n' ("ok" for a sound database), or "error: …" when the file
// cannot be opened. path/vfs: a file database as opened through that VFS.
std::string integrity_check_file(const std::string& path, const std::string& vfs);
// The same for the bytes of a database file (an in-memory database's serialize()).
std::string integrity_check_image(const std::string& image);

}  // namespace pgmicro::vfs
