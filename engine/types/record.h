// Composite types and anonymous records (PostgreSQL's rowtypes.c): the fields of a row type
// (a CREATE TYPE … AS (…) type, a table's row type, or an anonymous `record` whose
// structure is registered under a typmod, as PostgreSQL "blesses" record types), record_in
// splitting with PostgreSQL's 22P02 errors, record_out quoting, the storage encoding
// (the record_out text of the fields' output, docs/storage-format.md) and record order.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "types/datum.h"
#include "types/types.h"

namespace pgmicro {

struct RowField {
  std::string name;
  Oid type = 0;
  int32_t typmod = -1;
};

// A user composite type (kind 'c': CREATE TYPE AS, or a table's row type).
bool is_named_composite(Oid type);
// Any row type: a named composite (domains over one are not supported) or record.
inline bool is_row_type(Oid type) { return type == oid::kRecord || is_named_composite(type); }
// The fields of a row type; nullptr for record without a registered structure or a non-row type.
const std::vector<RowField>* row_type_fields(Oid type, int32_t typmod);
// Registers an anonymous record structure (interned: equal structures share a typmod).
int32_t register_record_type(const std::vector<RowField>& fields);
// One integer naming a row type for runtime functions: the OID of a named composite, or
// -(typmod + 1) for a registered record (0: record of unknown structure).
int64_t row_type_id(Oid type, int32_t typmod);
const std::vector<RowField>* row_fields_by_id(int64_t id);

using FieldText = std::optional<std::string>;
// record_in's parse of `text` into field texts (nullopt = NULL). `ncolumns` < 0 accepts any
// count. Throws 22P02 "malformed record literal" with PostgreSQL's DETAIL.
std::vector<FieldText> record_split(std::string_view text, int ncolumns);
// record_out's quoting of field texts.
std::string record_join(const std::vector<FieldText>& fields);

// Storage <-> field values (each in its type's storage encoding, Datum::null() for NULL).
std::vector<Datum> record_values(const std::vector<RowField>& fields, std::string_view storage);
std::string record_storage(const std::vector<RowField>& fields, const std::vector<Datum>& values);
// Input of a composite literal (type_input), output (type_output: re-printed through the
// fields' output functions, so timestamptz follows the session's TimeZone).
Datum record_input(Oid type, std::string_view text);
void record_output(Oid type, std::string_view storage, std::string& out);
// record_cmp (btree order: field by field, NULL after any value; equal when both NULL).
int record_compare(const std::vector<RowField>* fields, std::string_view a, std::string_view b);
// The same between records of two row types: 42804 for dissimilar field types or counts.
// record_image_cmp (*=, *<, …): fields by their binary images.
int record_image_compare(const std::vector<RowField>* fa, const std::vector<RowField>* fb, std::string_view a,
                         std::string_view b);
int record_compare2(const std::vector<RowField>* fa, const std::vector<RowField>* fb, std::string_view a, std::string_view b);

}  // namespace pgmicro
