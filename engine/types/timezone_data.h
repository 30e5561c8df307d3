// The zone table compiled into the engine, generated at build time by tools/gen-tzdata.mjs
// from Debian's tzdata TZif files (docs/architecture.md). One record per distinct zone; each
// name (canonical zones and links alike) points at its record.
//
// Record encoding (unsigned LEB128 varints; signed values zigzag-encoded):
//   type count T, then T × (utoff seconds east, abbreviation index × 2 + isdst)
//   default type (in effect before the first transition)
//   transition count N, N × delta of the Unix-seconds transition time from the previous one
//   (the first from 0), N bytes of type index
//   footer index (the POSIX TZ rule for times after the last transition; "" = none)
#pragma once
#include <cstdint>

namespace pgmicro::tzdata {

struct ZoneName {
  uint32_t name_offset;  // into Table::names (NUL-terminated)
  uint32_t record;       // index into Table::record_offsets
};

struct Table {
  const char* names;
  const ZoneName* zones;  // sorted by lower-case name
  uint32_t zone_count;
  const char* const* abbrevs;
  const char* const* footers;
  const uint32_t* record_offsets;
  const unsigned char* record_data;
};

extern const char* const kVersion;  // tzdata release, e.g. "2025b"
extern const Table kTable;

}  // namespace pgmicro::tzdata
