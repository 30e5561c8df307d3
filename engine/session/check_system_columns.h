// Whether a CHECK constraint's raw expression references the tableoid system column (which
// PostgreSQL counts among the constraint's Vars when it names the constraint).
#pragma once

struct Node;

namespace pgmicro {

struct TableDef;

// A ColumnRef `tableoid` (or `x.tableoid`) that is not a column of t.
bool check_mentions_tableoid(Node* expr, const TableDef& t);

}  // namespace pgmicro
