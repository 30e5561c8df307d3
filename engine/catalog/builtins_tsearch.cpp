// Full text search functions as data: to_tsvector of text, json and jsonb and
// json(b)_to_tsvector with a filter of value kinds, for the 'simple' and 'english'
// configurations (types/tsearch.h; runtime/tsearch_functions.cpp). The configuration argument
// is text (PostgreSQL's regconfig); without one, default_text_search_config applies.
#include "catalog/builtins.h"

namespace pgmicro {
using namespace oid;

static const FunctionDef kTsearchFunctions[] = {
    {"to_tsvector", 1, {kText}, kTsvector, "pg_to_tsvector(0, '', $1)"},
    {"to_tsvector", 2, {kText, kText}, kTsvector, "pg_to_tsvector(1, $1, $2)"},
    {"to_tsvector", 1, {kJson}, kTsvector, "pg_json_to_tsvector(0, '', $1, 0, '\"string\"')"},
    {"to_tsvector", 2, {kText, kJson}, kTsvector, "pg_json_to_tsvector(1, $1, $2, 0, '\"string\"')"},
    {"to_tsvector", 1, {kJsonb}, kTsvector, "pg_json_to_tsvector(0, '', $1, 1, '\"string\"')"},
    {"to_tsvector", 2, {kText, kJsonb}, kTsvector, "pg_json_to_tsvector(1, $1, $2, 1, '\"string\"')"},
    {"json_to_tsvector", 2, {kJson, kJsonb}, kTsvector, "pg_json_to_tsvector(0, '', $1, 0, $2)"},
    {"json_to_tsvector", 3, {kText, kJson, kJsonb}, kTsvector, "pg_json_to_tsvector(1, $1, $2, 0, $3)"},
    {"jsonb_to_tsvector", 2, {kJsonb, kJsonb}, kTsvector, "pg_json_to_tsvector(0, '', $1, 1, $2)"},
    {"jsonb_to_tsvector", 3, {kText, kJsonb, kJsonb}, kTsvector, "pg_json_to_tsvector(1, $1, $2, 1, $3)"},
};

BuiltinSpan::S<FunctionDef> tsearch_functions() {
  return {kTsearchFunctions, sizeof kTsearchFunctions / sizeof *kTsearchFunctions};
}

}  // namespace pgmicro
