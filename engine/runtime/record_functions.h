// Record values as JSON (row_to_json, to_json of a composite) for the json runtime.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "types/record.h"

namespace pgmicro {
// {"f1":1,"f2":"a"}: keys are the field names (f1, f2, … when the structure is unknown).
void record_to_json(const std::vector<RowField>* fields, std::string_view storage, std::string& out);
}  // namespace pgmicro
