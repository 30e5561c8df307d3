// psql-compatible rendering: aligned and expanded tables (port of the border-1 "ascii"
// line style paths of psql's print_aligned_text / print_aligned_vertical), command tags,
// and libpq's error layout with reportErrorPosition's LINE/caret algorithm.
#include "format/psql_format.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace pgmicro::format {
namespace {

// ---- UTF-8 decoding and display width (psql: PQmblen / PQdsplen → ucs_wcwidth) ----

int utf8_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) return 2;
  if ((c & 0xf0) == 0xe0) return 3;
  if ((c & 0xf8) == 0xf0) return 4;
  return 1;
}

uint32_t utf8_decode(const unsigned char* s, int len) {
  switch (len) {
    case 1: return s[0];
    case 2: return ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    case 3: return ((s[0] & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f);
    default:
      return ((s[0] & 0x07) << 18) | ((s[1] & 0x3f) << 12) | ((s[2] & 0x3f) << 6) | (s[3] & 0x3f);
  }
}

struct Range { uint32_t first, last; };

// Zero-width combining characters (subset of PostgreSQL's unicode_combining_table covering
// the common scripts).
constexpr Range kCombining[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
    {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x0816, 0x0819}, {0x0900, 0x0902}, {0x093A, 0x093A},
    {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957}, {0x0962, 0x0963},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20F0}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0x1D167, 0x1D169}, {0xE0100, 0xE01EF},
};

bool in_ranges(uint32_t c, const Range* r, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (c >= r[i].first && c <= r[i].last) return true;
  return false;
}

// -1 for control characters, 0 for combining, 2 for East Asian wide, else 1.
int ucs_wcwidth(uint32_t ucs) {
  if (ucs == 0) return 0;
  if (ucs < 0x20 || (ucs >= 0x7f && ucs < 0xa0) || ucs > 0x0010ffff) return -1;
  if (in_ranges(ucs, kCombining, sizeof kCombining / sizeof kCombining[0])) return 0;
  return 1 + (ucs >= 0x1100 &&
              (ucs <= 0x115f || (ucs >= 0x2e80 && ucs <= 0xa4cf && (ucs & ~0x0011) != 0x300a &&
                                 ucs != 0x303f) ||
               (ucs >= 0xac00 && ucs <= 0xd7a3) || (ucs >= 0xf900 && ucs <= 0xfaff) ||
               (ucs >= 0xfe30 && ucs <= 0xfe6f) || (ucs >= 0xff00 && ucs <= 0xff5f) ||
               (ucs >= 0xffe0 && ucs <= 0xffe6) || (ucs >= 0x1f300 && ucs <= 0x1f64f) ||
               (ucs >= 0x1f900 && ucs <= 0x1f9ff) || (ucs >= 0x20000 && ucs <= 0x2fffd) ||
               (ucs >= 0x30000 && ucs <= 0x3fffd)));
}

// Length in bytes (clipped to what remains) and display width of the character at s[i].
void char_at(std::string_view s, size_t i, int& len, int& width) {
  auto p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  len = utf8_len(*p);
  if (i + len > s.size()) len = static_cast<int>(s.size() - i);
  width = ucs_wcwidth(len == utf8_len(*p) ? utf8_decode(p, len) : 0xfffd);
}

// One display line of a formatted cell.
struct Line {
  std::string text;
  int width = 0;
};

// pg_wcsformat: splits at newlines, expands tabs to multiples of 8, and escapes control
// characters (\r, \xNN, \uNNNN) exactly as psql does.
std::vector<Line> format_cell(std::string_view s) {
  std::vector<Line> lines(1);
  for (size_t i = 0; i < s.size();) {
    int len, w;
    char_at(s, i, len, w);
    Line& cur = lines.back();
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (len == 1) {
      if (c == '\n') {
        lines.emplace_back();
      } else if (c == '\r') {
        cur.text += "\\r";
        cur.width += 2;
      } else if (c == '\t') {
        do {
          cur.text += ' ';
          cur.width++;
        } while (cur.width % 8 != 0);
      } else if (w < 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        cur.text += buf;
        cur.width += 4;
      } else {
        cur.text += static_cast<char>(c);
        cur.width += w;
      }
    } else if (w < 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04X",
                    utf8_decode(reinterpret_cast<const unsigned char*>(s.data()) + i, len));
      cur.text += buf;
      cur.width += 6;
    } else {
      cur.text.append(s.substr(i, len));
      cur.width += w;
    }
    i += len;
  }
  return lines;
}

struct CellSize {
  int width = 0;   // widest line
  int height = 1;  // number of lines
};

CellSize cell_size(std::string_view s) {
  CellSize r;
  for (const Line& l : format_cell(s)) r.width = std::max(r.width, l.width);
  r.height = 0;
  for (char c : s) r.height += c == '\n';
  r.height++;
  return r;
}

void spaces(std::string& out, int n) {
  if (n > 0) out.append(static_cast<size_t>(n), ' ');
}

// ---- aligned (border 1, ascii line style) ----

void horizontal_line(std::string& out, const std::vector<int>& widths) {
  out += '-';
  for (size_t i = 0; i < widths.size(); i++) {
    out.append(static_cast<size_t>(widths[i]), '-');
    if (i + 1 < widths.size()) out += "-+-";
  }
  out += "-\n";
}

std::string print_aligned(const Table& t) {
  const size_t ncols = t.headers.size();
  std::vector<int> width(ncols, 0);
  std::vector<std::vector<Line>> header_lines(ncols);
  for (size_t i = 0; i < ncols; i++) {
    header_lines[i] = format_cell(t.headers[i]);
    width[i] = cell_size(t.headers[i]).width;
  }
  for (const auto& row : t.cells)
    for (size_t j = 0; j < ncols && j < row.size(); j++)
      width[j] = std::max(width[j], cell_size(row[j]).width);

  std::string out;
  int width_total = ncols > 0 ? static_cast<int>(ncols) * 3 - 1 : 0;
  for (int w : width) width_total += w;
  if (!t.title.empty()) {
    int tw = cell_size(t.title).width;
    if (tw >= width_total)
      out += t.title;
    else {
      spaces(out, (width_total - tw) / 2);
      out += t.title;
    }
    out += '\n';
  }

  // Header lines, centered; '+' marks a header continuing on the next line.
  {
    size_t more = ncols;
    std::vector<bool> done(ncols, false);
    for (size_t nl = 0; more > 0; nl++) {
      for (size_t i = 0; i < ncols; i++) {
        out += ' ';  // header_nl_left is " " too
        if (!done[i]) {
          const Line& l = header_lines[i][nl];
          int nbspace = width[i] - l.width;
          spaces(out, nbspace / 2);
          out += l.text;
          spaces(out, (nbspace + 1) / 2);
          if (nl + 1 >= header_lines[i].size()) {
            more--;
            done[i] = true;
          }
        } else {
          spaces(out, width[i]);
        }
        out += !done[i] ? '+' : ' ';
        if (i + 1 < ncols) out += '|';
      }
      out += '\n';
    }
  }
  horizontal_line(out, width);

  // Rows; a value with newlines continues on the next display line, marked with '+'.
  for (const auto& row : t.cells) {
    if (ncols == 0) break;
    std::vector<std::vector<Line>> lines(ncols);
    std::vector<size_t> cur(ncols, 0);
    for (size_t j = 0; j < ncols; j++) lines[j] = format_cell(j < row.size() ? row[j] : "");
    bool more_lines;
    do {
      more_lines = false;
      for (size_t j = 0; j < ncols; j++) {
        const bool last = j + 1 == ncols;
        out += ' ';  // nl_left and the plain left space are both " "
        int chars = width[j];
        if (cur[j] >= lines[j].size()) {
          if (!last) spaces(out, width[j]);
        } else {
          const Line& l = lines[j][cur[j]];
          chars = l.width;
          if (t.aligns[j] == 'r') spaces(out, width[j] - chars);
          out += l.text;
          cur[j]++;
          if (cur[j] < lines[j].size()) more_lines = true;
        }
        const bool newline_mark = cur[j] < lines[j].size() && cur[j] != 0;
        if (t.aligns[j] != 'r' && (!last || newline_mark)) spaces(out, width[j] - chars);
        if (newline_mark)
          out += '+';
        else if (!last)
          out += ' ';
        if (!last) out += '|';
      }
      out += '\n';
    } while (more_lines);
  }

  if (!t.footers.empty()) {
    for (const auto& f : t.footers) out += f + "\n";
  } else if (t.default_footer) {
    out += t.cells.size() == 1 ? "(1 row)\n" : "(" + std::to_string(t.cells.size()) + " rows)\n";
  }
  out += '\n';
  return out;
}

// ---- expanded (border 1) ----

void vertical_record_line(std::string& out, unsigned long record, int hwidth, int dwidth) {
  out += '-';
  int reclen = 0;
  if (record) {
    std::string r = "[ RECORD " + std::to_string(record) + " ]";
    out += r;
    reclen = static_cast<int>(r.size());
  }
  reclen++;
  for (int i = reclen; i < hwidth; i++) out += '-';
  reclen -= hwidth;
  if (reclen-- <= 0) out += '-';
  if (reclen-- <= 0) out += '+';
  if (reclen-- <= 0) out += '-';
  if (reclen < 0) reclen = 0;
  for (int i = reclen; i < dwidth; i++) out += '-';
  out += '\n';
}

std::string print_vertical(const Table& t) {
  std::string out;
  const size_t ncols = t.headers.size();
  if (t.cells.empty() || ncols == 0) {
    if (!t.footers.empty()) {
      for (const auto& f : t.footers) out += f + "\n";
    } else if (t.default_footer) {
      out += t.cells.size() == 1 ? "(1 row)\n"
                                 : "(" + std::to_string(t.cells.size()) + " rows)\n";
    }
    out += '\n';
    return out;
  }
  int hwidth = 0, dwidth = 0;
  bool hmultiline = false, dmultiline = false;
  for (const auto& h : t.headers) {
    CellSize s = cell_size(h);
    hwidth = std::max(hwidth, s.width);
    if (s.height > 1) hmultiline = true;
  }
  for (const auto& row : t.cells)
    for (const auto& c : row) {
      CellSize s = cell_size(c);
      dwidth = std::max(dwidth, s.width);
      if (s.height > 1) dmultiline = true;
    }
  if (!t.title.empty()) out += t.title + "\n";

  // psql 15 keeps the natural data width in aligned mode (the record header line may be
  // wider than the data; later versions widen the data column to match it).
  (void)hmultiline;

  unsigned long record = 1;
  for (const auto& row : t.cells) {
    vertical_record_line(out, record++, hwidth, dwidth);
    for (size_t c = 0; c < ncols; c++) {
      std::vector<Line> hl = format_cell(t.headers[c]);
      std::vector<Line> dl = format_cell(c < row.size() ? row[c] : "");
      size_t hline = 0, dline = 0;
      bool hcomplete = false, dcomplete = false;
      while (!dcomplete || !hcomplete) {
        if (!hcomplete) {
          out += hl[hline].text;
          spaces(out, hwidth - hl[hline].width);
          if (hline + 1 < hl.size()) {
            out += '+';
            hline++;
          } else {
            out += ' ';
            hcomplete = true;
          }
        } else {
          spaces(out, hwidth + 1);
        }
        out += '|';
        if (!dcomplete) {
          out += ' ';
          out += dl[dline].text;
          if (dline + 1 < dl.size()) {
            if (dmultiline) {
              spaces(out, dwidth - dl[dline].width);
              out += '+';
            }
            dline++;
          } else {
            dcomplete = true;
          }
          out += '\n';
        } else {
          out += '\n';
        }
      }
    }
  }
  if (!t.footers.empty()) {
    out += '\n';
    for (const auto& f : t.footers) out += f + "\n";
  }
  out += '\n';
  return out;
}

}  // namespace

bool is_right_aligned_type(Oid oid) {
  switch (oid) {
    case 20:    // int8
    case 21:    // int2
    case 23:    // int4
    case 26:    // oid
    case 28:    // xid
    case 29:    // cid
    case 700:   // float4
    case 701:   // float8
    case 790:   // money
    case 1700:  // numeric
    case 5069:  // xid8
      return true;
    default:
      return false;
  }
}

int display_width(std::string_view text) { return cell_size(text).width; }

std::string print_table(const Table& table, bool expanded) {
  return expanded ? print_vertical(table) : print_aligned(table);
}

std::string format_result(const StatementResult& r, const PrintOptions& options) {
  if (r.error) return {};
  std::string out;
  if (r.returns_rows) {
    Table t;
    for (const auto& c : r.columns) {
      t.headers.push_back(c.name);
      t.aligns.push_back(is_right_aligned_type(c.type_oid) ? 'r' : 'l');
    }
    t.cells.reserve(r.rows.size());
    for (const auto& row : r.rows) {
      std::vector<std::string> cells;
      cells.reserve(row.size());
      for (const auto& v : row) cells.push_back(v ? *v : std::string());
      t.cells.push_back(std::move(cells));
    }
    out = print_table(t, options.expanded);
    const std::string& tag = r.command_tag;
    if (!options.quiet && (tag.rfind("INSERT", 0) == 0 || tag.rfind("UPDATE", 0) == 0 ||
                           tag.rfind("DELETE", 0) == 0 || tag.rfind("MERGE", 0) == 0))
      out += tag + "\n";
    return out;
  }
  if (!options.quiet && !r.command_tag.empty()) out = r.command_tag + "\n";
  return out;
}

std::string format_error_position(std::string_view query, int position) {
  constexpr int kDisplaySize = 60;  // screen width limit, in screen columns
  constexpr int kMinRightCut = 10;  // try to keep this far away from end of line
  int loc = position - 1;
  if (loc < 0) return {};
  std::string wquery(query);
  std::vector<int> qidx, scridx;
  qidx.reserve(wquery.size() + 1);
  scridx.reserve(wquery.size() + 1);
  int qoffset = 0, scroffset = 0, loc_line = 1, ibeg = 0, iend = -1, cno = 0;
  for (cno = 0; qoffset < static_cast<int>(wquery.size()); cno++) {
    char ch = wquery[qoffset];
    qidx.push_back(qoffset);
    scridx.push_back(scroffset);
    if (ch == '\t') {
      wquery[qoffset] = ' ';
    } else if (ch == '\r' || ch == '\n') {
      if (cno < loc) {
        if (ch == '\r' || cno == 0 || wquery[qidx[cno - 1]] != '\r') loc_line++;
        ibeg = cno + 1;
      } else {
        iend = cno;
        break;
      }
    }
    int len, w;
    char_at(wquery, static_cast<size_t>(qoffset), len, w);
    if (w <= 0) w = 1;
    scroffset += w;
    qoffset += len;
  }
  if (iend < 0) {
    iend = cno;
    qidx.push_back(qoffset);
    scridx.push_back(scroffset);
  }
  if (loc > cno) return {};
  bool beg_trunc = false, end_trunc = false;
  if (scridx[iend] - scridx[ibeg] > kDisplaySize) {
    if (scridx[ibeg] + kDisplaySize >= scridx[loc] + kMinRightCut) {
      while (scridx[iend] - scridx[ibeg] > kDisplaySize) iend--;
      end_trunc = true;
    } else {
      while (scridx[loc] + kMinRightCut < scridx[iend]) {
        iend--;
        end_trunc = true;
      }
      while (scridx[iend] - scridx[ibeg] > kDisplaySize) {
        ibeg++;
        beg_trunc = true;
      }
    }
  }
  std::string prefix = "LINE " + std::to_string(loc_line) + ": ";
  if (beg_trunc) prefix += "...";
  std::string out = prefix;
  out.append(wquery, qidx[ibeg], qidx[iend] - qidx[ibeg]);
  if (end_trunc) out += "...";
  out += '\n';
  int caret = static_cast<int>(prefix.size()) + scridx[loc] - scridx[ibeg];
  spaces(out, caret);
  out += "^\n";
  return out;
}

std::string format_error(const Error& e, std::string_view query, bool verbose) {
  std::string out = "ERROR:  " + (verbose ? e.sqlstate + ": " : std::string()) + e.message + "\n";
  if (e.position > 0) out += format_error_position(query, e.position);
  if (!e.detail.empty()) out += "DETAIL:  " + e.detail + "\n";
  if (!e.hint.empty()) out += "HINT:  " + e.hint + "\n";
  if (!e.context.empty()) out += "CONTEXT:  " + e.context + "\n";
  return out;
}

std::string format_notice(const Notice& n, bool verbose) {
  std::string sev = n.severity.empty() ? "NOTICE" : n.severity;
  std::string out = sev + ":  " + (verbose ? n.sqlstate + ": " : "") + n.message + "\n";
  if (!n.detail.empty()) out += "DETAIL:  " + n.detail + "\n";
  if (!n.hint.empty()) out += "HINT:  " + n.hint + "\n";
  return out;
}

}  // namespace pgmicro::format
