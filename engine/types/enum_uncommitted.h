// Enum labels added by ALTER TYPE … ADD VALUE inside the current transaction block. PostgreSQL
// 15 refuses to use such a label (55P04 "unsafe use of new value") until the transaction
// commits: enum input, enum_first/enum_last returning it and enum_range containing it. Labels
// are kept per session (keyed by its user-type registry, the one current_user_types() returns
// while its statements run) and forgotten when the block ends.
#pragma once
#include <string>
#include <string_view>
#include "types/user_types.h"

namespace pgmicro {
void note_uncommitted_enum_label(const UserTypes* session, Oid type, const std::string& label);
void forget_uncommitted_enum_labels(const UserTypes* session);
// Throws 55P04 when `label` of enum `t` was added in the current session's open block.
void check_enum_label_committed(const UserType& t, std::string_view label);
}  // namespace pgmicro
