// PostgreSQL's scanner truncates identifiers of NAMEDATALEN (64) bytes or more to 63 bytes
// with a NOTICE (42622); libpg_query truncates silently, so the notices are found here.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pgmicro {

// One message per over-long identifier of the SQL text, in order:
// identifier "long" will be truncated to "short".
std::vector<std::string> identifier_truncation_messages(std::string_view sql);

}  // namespace pgmicro
