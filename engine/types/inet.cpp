// inet/cidr text input, output and storage form (types/inet.h).
#include "types/inet.h"
#include <cctype>
#include <cstdio>
#include <cstring>
#include "common/error.h"

namespace pgmicro {

namespace {

bool isdig(int c) { return c >= '0' && c <= '9'; }
int xval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// inet_net_pton_ipv4 (inet input): dotted octets, optional /bits; no bits needs 4 octets.
int pton_inet4(const char* src, uint8_t* dst) {
  uint8_t* odst = dst;
  size_t size = 4;
  int ch, tmp, bits;
  while (ch = static_cast<unsigned char>(*src++), isdig(ch)) {
    tmp = 0;
    do {
      tmp = tmp * 10 + (ch - '0');
      if (tmp > 255) return -1;
    } while ((ch = static_cast<unsigned char>(*src++)) != '\0' && isdig(ch));
    if (size-- == 0) return -1;
    *dst++ = static_cast<uint8_t>(tmp);
    if (ch == '\0' || ch == '/') break;
    if (ch != '.') return -1;
  }
  bits = -1;
  if (ch == '/' && isdig(static_cast<unsigned char>(src[0])) && dst > odst) {
    ch = static_cast<unsigned char>(*src++);
    bits = 0;
    do {
      bits = bits * 10 + (ch - '0');
      if (bits > 32) return -1;
    } while ((ch = static_cast<unsigned char>(*src++)) != '\0' && isdig(ch));
    if (ch != '\0') return -1;
  }
  if (ch != '\0') return -1;
  if (bits == -1) {
    if (dst - odst == 4) bits = 32;
    else return -1;
  }
  if (dst == odst) return -1;
  if (bits / 8 > dst - odst) return -1;
  while (size-- > 0) *dst++ = 0;
  return bits;
}

// inet_cidr_pton_ipv4 (cidr input): also hex "0x..." and classful default widths.
int pton_cidr4(const char* src, uint8_t* dst) {
  uint8_t* odst = dst;
  size_t size = 4;
  int ch = static_cast<unsigned char>(*src++), tmp = 0, bits;
  if (ch == '0' && (src[0] == 'x' || src[0] == 'X') && xval(static_cast<unsigned char>(src[1])) >= 0) {
    int dirty = 0;
    src++;
    for (;;) {
      ch = static_cast<unsigned char>(*src++);
      if (ch == '\0' || ch == '/') break;
      int n = xval(ch);
      if (n < 0) return -1;
      tmp = dirty == 0 ? n : (tmp << 4) | n;
      if (++dirty == 2) {
        if (size == 0) return -1;
        size--;
        *dst++ = static_cast<uint8_t>(tmp);
        dirty = 0;
      }
    }
    if (dirty) {
      if (size == 0) return -1;
      size--;
      *dst++ = static_cast<uint8_t>(tmp << 4);
    }
  } else if (isdig(ch)) {
    for (;;) {
      tmp = 0;
      do {
        tmp = tmp * 10 + (ch - '0');
        if (tmp > 255) return -1;
      } while ((ch = static_cast<unsigned char>(*src++)) != '\0' && isdig(ch));
      if (size == 0) return -1;
      size--;
      *dst++ = static_cast<uint8_t>(tmp);
      if (ch == '\0' || ch == '/') break;
      if (ch != '.') return -1;
      ch = static_cast<unsigned char>(*src++);
      if (!isdig(ch)) return -1;
    }
  } else {
    return -1;
  }
  bits = -1;
  if (ch == '/' && isdig(static_cast<unsigned char>(src[0])) && dst > odst) {
    ch = static_cast<unsigned char>(*src++);
    bits = 0;
    do {
      bits = bits * 10 + (ch - '0');
      if (bits > 1000) bits = 1000;
    } while ((ch = static_cast<unsigned char>(*src++)) != '\0' && isdig(ch));
    if (ch != '\0') return -1;
    if (bits > 32) return -1;
  }
  if (ch != '\0') return -1;
  if (dst == odst) return -1;
  if (bits == -1) {
    if (*odst >= 240) bits = 32;
    else if (*odst >= 224) bits = 8;
    else if (*odst >= 192) bits = 24;
    else if (*odst >= 128) bits = 16;
    else bits = 8;
    if (bits < (dst - odst) * 8) bits = static_cast<int>((dst - odst) * 8);
    if (bits == 8 && *odst == 224) bits = 4;
  }
  while (bits > (dst - odst) * 8) {
    if (size == 0) return -1;
    size--;
    *dst++ = 0;
  }
  while (dst - odst < 4) *dst++ = 0;
  return bits;
}

bool getbits(const char* src, int* bitsp) {
  int n = 0, val = 0, ch;
  while ((ch = static_cast<unsigned char>(*src++)) != '\0') {
    if (isdig(ch)) {
      if (n++ != 0 && val == 0) return false;
      val = val * 10 + (ch - '0');
      if (val > 128) return false;
      continue;
    }
    return false;
  }
  if (n == 0) return false;
  *bitsp = val;
  return true;
}

bool getv4(const char* src, uint8_t* dst, int* bitsp) {
  uint8_t* odst = dst;
  int n = 0, ch;
  unsigned val = 0;
  while ((ch = static_cast<unsigned char>(*src++)) != '\0') {
    if (isdig(ch)) {
      if (n++ != 0 && val == 0) return false;
      val = val * 10 + (ch - '0');
      if (val > 255) return false;
      continue;
    }
    if (ch == '.' || ch == '/') {
      if (dst - odst > 3) return false;
      *dst++ = static_cast<uint8_t>(val);
      if (ch == '/') return getbits(src, bitsp);
      val = 0;
      n = 0;
      continue;
    }
    return false;
  }
  if (n == 0) return false;
  if (dst - odst > 3) return false;
  *dst = static_cast<uint8_t>(val);
  return true;
}

// inet_cidr_pton_ipv6: RFC 4291 text with "::", an embedded IPv4 tail and /bits.
int pton6(const char* src, uint8_t* dst) {
  uint8_t tmp[16] = {};
  uint8_t *tp = tmp, *endp = tmp + 16, *colonp = nullptr;
  const char* curtok;
  int ch, saw_xdigit = 0, digits = 0, bits = -1;
  unsigned val = 0;
  if (*src == ':')
    if (*++src != ':') return -1;
  curtok = src;
  while ((ch = static_cast<unsigned char>(*src++)) != '\0') {
    int x = xval(ch);
    if (x >= 0) {
      val = (val << 4) | static_cast<unsigned>(x);
      if (++digits > 4) return -1;
      saw_xdigit = 1;
      continue;
    }
    if (ch == ':') {
      curtok = src;
      if (!saw_xdigit) {
        if (colonp) return -1;
        colonp = tp;
        continue;
      } else if (*src == '\0') {
        return -1;
      }
      if (tp + 2 > endp) return -1;
      *tp++ = static_cast<uint8_t>((val >> 8) & 0xff);
      *tp++ = static_cast<uint8_t>(val & 0xff);
      saw_xdigit = 0;
      digits = 0;
      val = 0;
      continue;
    }
    if (ch == '.' && tp + 4 <= endp && getv4(curtok, tp, &bits)) {
      tp += 4;
      saw_xdigit = 0;
      break;
    }
    if (ch == '/' && getbits(src, &bits)) break;
    return -1;
  }
  if (saw_xdigit) {
    if (tp + 2 > endp) return -1;
    *tp++ = static_cast<uint8_t>((val >> 8) & 0xff);
    *tp++ = static_cast<uint8_t>(val & 0xff);
  }
  if (bits == -1) bits = 128;
  if (colonp) {
    const long n = tp - colonp;
    if (tp == endp) return -1;
    for (long i = 1; i <= n; i++) {
      endp[-i] = colonp[n - i];
      colonp[n - i] = 0;
    }
    tp = endp;
  }
  if (tp != endp) return -1;
  std::memcpy(dst, tmp, 16);
  return bits;
}

const char kHex[] = "0123456789abcdef";

// inet_net_ntop_ipv6 without the /bits suffix.
std::string ntop6(const uint8_t* src) {
  unsigned words[8];
  for (int i = 0; i < 8; i++) words[i] = (src[2 * i] << 8) | src[2 * i + 1];
  int best_base = -1, best_len = 0, cur_base = -1, cur_len = 0;
  for (int i = 0; i < 8; i++) {
    if (words[i] == 0) {
      if (cur_base == -1) cur_base = i, cur_len = 1;
      else cur_len++;
    } else if (cur_base != -1) {
      if (best_base == -1 || cur_len > best_len) best_base = cur_base, best_len = cur_len;
      cur_base = -1;
    }
  }
  if (cur_base != -1 && (best_base == -1 || cur_len > best_len)) best_base = cur_base, best_len = cur_len;
  if (best_base != -1 && best_len < 2) best_base = -1;
  std::string out;
  char buf[32];
  for (int i = 0; i < 8; i++) {
    if (best_base != -1 && i >= best_base && i < best_base + best_len) {
      if (i == best_base) out += ':';
      continue;
    }
    if (i != 0) out += ':';
    if (i == 6 && best_base == 0 &&
        (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
      std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", src[12], src[13], src[14], src[15]);
      out += buf;
      return out;
    }
    std::snprintf(buf, sizeof buf, "%x", words[i]);
    out += buf;
  }
  if (best_base != -1 && best_base + best_len == 8) out += ':';
  return out;
}

std::string addr_text(const InetValue& v) {
  if (v.family == 6) return ntop6(v.addr);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v.addr[0], v.addr[1], v.addr[2], v.addr[3]);
  return buf;
}

[[noreturn]] void bad_input(bool cidr, std::string_view text) {
  throw PgError("22P02", std::string("invalid input syntax for type ") + (cidr ? "cidr" : "inet") + ": \"" +
                             std::string(text) + "\"");
}

}  // namespace

bool inet_host_bits_zero(const InetValue& v) {
  for (int i = 0; i < v.size(); i++) {
    int keep = v.bits - 8 * i;
    uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
    if (v.addr[i] & ~mask) return false;
  }
  return true;
}

void inet_clear_host_bits(InetValue& v) {
  for (int i = 0; i < v.size(); i++) {
    int keep = v.bits - 8 * i;
    uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
    v.addr[i] &= mask;
  }
}

InetValue inet_parse(std::string_view text, bool cidr) {
  std::string s(text);
  if (s.find('\0') != std::string::npos) bad_input(cidr, text);
  InetValue v;
  v.family = s.find(':') != std::string::npos ? 6 : 4;
  int bits = v.family == 6 ? pton6(s.c_str(), v.addr) : cidr ? pton_cidr4(s.c_str(), v.addr) : pton_inet4(s.c_str(), v.addr);
  if (bits < 0 || bits > v.maxbits()) bad_input(cidr, text);
  v.bits = bits;
  if (cidr && !inet_host_bits_zero(v))
    throw PgError("22P02", "invalid cidr value: \"" + s + "\"", "Value has bits set to right of mask.");
  return v;
}

std::string inet_to_storage(const InetValue& v) {
  InetValue net = v;
  inet_clear_host_bits(net);
  std::string out(1, v.family == 4 ? 'A' : 'B');  // a letter: never a number to SQLite's NUMERIC affinity
  for (int i = 0; i < v.size(); i++) out += kHex[net.addr[i] >> 4], out += kHex[net.addr[i] & 15];
  out += kHex[(v.bits >> 4) & 15];
  out += kHex[v.bits & 15];
  for (int i = 0; i < v.size(); i++) out += kHex[v.addr[i] >> 4], out += kHex[v.addr[i] & 15];
  return out;
}

InetValue inet_from_storage(std::string_view s) {
  InetValue v;
  v.family = !s.empty() && s[0] == 'B' ? 6 : 4;
  size_t n = static_cast<size_t>(v.size());
  if (s.size() != 1 + 4 * n + 2) throw PgError("XX000", "invalid stored inet value");
  v.bits = xval(s[1 + 2 * n]) * 16 + xval(s[2 + 2 * n]);
  size_t off = 3 + 2 * n;
  for (size_t i = 0; i < n; i++) v.addr[i] = static_cast<uint8_t>(xval(s[off + 2 * i]) * 16 + xval(s[off + 2 * i + 1]));
  return v;
}

std::string inet_text(const InetValue& v, bool cidr) {
  std::string out = addr_text(v);
  if (cidr || v.bits != v.maxbits()) out += "/" + std::to_string(v.bits);
  return out;
}

std::string inet_host_text(const InetValue& v) { return addr_text(v); }

std::string cidr_abbrev_text(const InetValue& v) {
  char buf[32];
  std::string out;
  if (v.family == 4) {
    if (v.bits == 0) out = "0";
    int whole = v.bits / 8;
    for (int b = 0; b < whole; b++) {
      if (b) out += '.';
      std::snprintf(buf, sizeof buf, "%u", v.addr[b]);
      out += buf;
    }
    int part = v.bits % 8;
    if (part > 0) {
      if (!out.empty()) out += '.';
      unsigned m = ((1u << part) - 1) << (8 - part);
      std::snprintf(buf, sizeof buf, "%u", v.addr[whole] & m);
      out += buf;
    }
    return out + "/" + std::to_string(v.bits);
  }
  // inet_cidr_ntop_ipv6
  uint8_t s[16];
  std::memcpy(s, v.addr, 16);
  int words = (v.bits + 15) / 16;
  if (words == 1) words = 2;
  int zero_s = 0, zero_l = 0, tmp_zero_s = 0, tmp_zero_l = 0;
  for (int i = 0; i < words * 2; i += 2) {
    if ((s[i] | s[i + 1]) == 0) {
      if (tmp_zero_l == 0) tmp_zero_s = i / 2;
      tmp_zero_l++;
    } else if (tmp_zero_l && zero_l < tmp_zero_l) {
      zero_s = tmp_zero_s;
      zero_l = tmp_zero_l;
      tmp_zero_l = 0;
    }
  }
  if (tmp_zero_l && zero_l < tmp_zero_l) zero_s = tmp_zero_s, zero_l = tmp_zero_l;
  bool is_ipv4 = zero_l != words && zero_s == 0 &&
                 (zero_l == 6 || (zero_l == 5 && s[10] == 0xff && s[11] == 0xff) || (zero_l == 7 && s[14] != 0 && s[15] != 1));
  const uint8_t* p = s;
  for (int w = 0; w < words; w++) {
    if (zero_l != 0 && w >= zero_s && w < zero_s + zero_l) {
      if (w == zero_s) out += ':';
      if (w == words - 1) out += ':';
      p += 2;
      continue;
    }
    if (is_ipv4 && w > 5) {
      out += w == 6 ? ':' : '.';
      out += std::to_string(*p++);
      if (w != 7 || v.bits > 120) {
        out += '.';
        out += std::to_string(*p++);
      }
    } else {
      if (!out.empty()) out += ':';
      std::snprintf(buf, sizeof buf, "%x", p[0] * 256 + p[1]);
      out += buf;
      p += 2;
    }
  }
  return out + "/" + std::to_string(v.bits);
}

std::string inet_storage_output(std::string_view stored, bool cidr) { return inet_text(inet_from_storage(stored), cidr); }

}  // namespace pgmicro
