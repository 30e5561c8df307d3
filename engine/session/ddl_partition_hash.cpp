// Hash partitioning in DDL: key types, FOR VALUES WITH (MODULUS m, REMAINDER r) bounds with
// PostgreSQL's checks (modulus > 0, remainder < modulus, every modulus a factor of the next
// larger one, overlap of remainders) and the (modulus, remainder) bound order. The bound is
// stored as a PartitionBound of kind 'h' whose values are the modulus and the remainder.
#include <string>
#include "catalog/builtins.h"
#include "common/error.h"
#include "parse/pg_nodes.h"
#include "session/ddl_partition.h"
#include "types/type_io.h"

namespace pgmicro {

namespace {

struct HashBound {
  int modulus = 0, remainder = 0;
  const TableDef* table = nullptr;
};

HashBound hash_of(const PartitionBound& b) {
  HashBound h;
  if (b.kind == 'h' && b.values.size() == 2) {
    h.modulus = std::stoi(b.values[0].text);
    h.remainder = std::stoi(b.values[1].text);
  }
  return h;
}

bool less(const HashBound& a, const HashBound& b) {
  return a.modulus != b.modulus ? a.modulus < b.modulus : a.remainder < b.remainder;
}

}  // namespace

void check_hash_key_type(Oid type, int location) {
  if (hash_partition_key_type_supported(type)) return;
  if (type == oid::kNumeric || type == oid::kInterval || type == oid::kBytea || type == oid::kTimetz ||
      type == oid::kJsonb || type == oid::kChar)
    unsupported("hash partitioning on type " + format_type_name(type, -1), location);
  throw PgError(sqlstate::kUndefinedObject, "data type " + format_type_name(type, -1) + " has no default operator class for access method \"hash\"",
                "", "You must specify a hash operator class or define a default hash operator class for the data type.")
      .at(location);
}

bool hash_bound_less(const PartitionBound& a, const PartitionBound& b) { return b.kind != 'h' || less(hash_of(a), hash_of(b)); }

PartitionBound analyze_hash_bound(const TableDef& parent, PartitionBoundSpec* spec, const std::string& child_name,
                                  const std::vector<const TableDef*>& siblings) {
  (void)parent;
  if (spec->strategy != 'h') throw PgError("42P16", "invalid bound specification for a hash partition").at(spec->location);
  if (spec->modulus <= 0) throw PgError("42P16", "modulus for hash partition must be an integer value greater than zero");
  if (spec->remainder >= spec->modulus) throw PgError("42P16", "remainder for hash partition must be less than modulus");
  HashBound nb{spec->modulus, spec->remainder, nullptr};
  std::vector<HashBound> existing;  // in bound order
  for (auto* s : siblings) {
    HashBound h = hash_of(decode_bound(s->partition_bound));
    if (h.modulus <= 0) continue;
    h.table = s;
    auto it = existing.begin();
    while (it != existing.end() && less(*it, h)) ++it;
    existing.insert(it, h);
  }
  if (!existing.empty()) {
    const char* not_factor = "every hash partition modulus must be a factor of the next larger modulus";
    int offset = -1;  // the greatest existing bound <= the new one
    for (size_t i = 0; i < existing.size(); i++)
      if (!less(nb, existing[i])) offset = (int)i;
    if (offset < 0) {
      if (existing[0].modulus % nb.modulus != 0)
        throw PgError("42P17", not_factor,
                      "The new modulus " + std::to_string(nb.modulus) + " is not a factor of " + std::to_string(existing[0].modulus) +
                          ", the modulus of existing partition \"" + existing[0].table->name + "\".");
    } else {
      const HashBound& prev = existing[offset];
      if (nb.modulus % prev.modulus != 0)
        throw PgError("42P17", not_factor,
                      "The new modulus " + std::to_string(nb.modulus) + " is not divisible by " + std::to_string(prev.modulus) +
                          ", the modulus of existing partition \"" + prev.table->name + "\".");
      if (offset + 1 < (int)existing.size() && existing[offset + 1].modulus % nb.modulus != 0)
        throw PgError("42P17", not_factor,
                      "The new modulus " + std::to_string(nb.modulus) + " is not a factor of " +
                          std::to_string(existing[offset + 1].modulus) + ", the modulus of existing partition \"" +
                          existing[offset + 1].table->name + "\".");
    }
    // Remainder slots of the greatest modulus, each taken by at most one partition.
    int greatest = 0;
    for (auto& h : existing) greatest = std::max(greatest, h.modulus);
    std::vector<int> slots(greatest, -1);
    for (size_t i = 0; i < existing.size(); i++)
      for (int r = existing[i].remainder; r < greatest; r += existing[i].modulus) slots[r] = (int)i;
    int r = nb.remainder >= greatest ? nb.remainder % greatest : nb.remainder;
    do {
      if (slots[r] != -1)
        throw PgError("42P17", "partition \"" + child_name + "\" would overlap partition \"" + existing[slots[r]].table->name + "\"")
            .at(spec->location);
      r += nb.modulus;
    } while (r < greatest);
  }
  PartitionBound b;
  b.kind = 'h';
  BoundDatum m, rem;
  m.text = std::to_string(spec->modulus);
  rem.text = std::to_string(spec->remainder);
  b.values = {m, rem};
  return b;
}

}  // namespace pgmicro
