// Cursors and savepoints (cursor.cpp): a cursor declared after a savepoint belongs to it; RELEASE
// hands it to the enclosing level and ROLLBACK TO closes it, as PostgreSQL's portals.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <string>

namespace pgmicro {

struct SessionCursor;
using CursorMap = std::map<std::string, std::shared_ptr<SessionCursor>>;
// `depth` = savepoints still open after the statement (the released one's index / the index of
// the savepoint rolled back to).
void cursors_release_savepoint(CursorMap& cursors, size_t depth);
void cursors_rollback_to_savepoint(CursorMap& cursors, size_t depth);

}  // namespace pgmicro
