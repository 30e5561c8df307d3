// The network address types inet and cidr (PostgreSQL's network.c, inet_net_pton.c and
// inet_cidr_ntop.c): text input with PostgreSQL's spellings and 22P02 errors, output text, and
// the storage form — a text that sorts in network_cmp's order under SQLite's BINARY comparison
// (docs/storage-format.md). runtime/inet_functions.cpp is the SQL side.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace pgmicro {

struct InetValue {
  int family = 4;        // 4 or 6
  int bits = 32;         // masklen
  uint8_t addr[16] = {};  // 4 bytes used for IPv4
  int maxbits() const { return family == 4 ? 32 : 128; }
  int size() const { return family == 4 ? 4 : 16; }
};

// Text input (inet_in / cidr_in), errors as PostgreSQL's.
InetValue inet_parse(std::string_view text, bool cidr);
// Storage text: family letter (A = IPv4, B = IPv6), hex network (address masked to masklen), 2 hex digits of masklen,
// hex address. Byte order of this text is network_cmp's order.
std::string inet_to_storage(const InetValue& v);
InetValue inet_from_storage(std::string_view s);
// Output text: inet_out (masklen only when not the maximum) or cidr_out (always /masklen).
std::string inet_text(const InetValue& v, bool cidr);
// host(): the address alone; abbrev() of a cidr: inet_cidr_ntop's shortened form.
std::string inet_host_text(const InetValue& v);
std::string cidr_abbrev_text(const InetValue& v);
// Storage text to output text (type_output).
std::string inet_storage_output(std::string_view stored, bool cidr);
// cidr_in's check: no bits set to the right of the mask.
bool inet_host_bits_zero(const InetValue& v);
void inet_clear_host_bits(InetValue& v);

}  // namespace pgmicro
