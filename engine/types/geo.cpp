// Geometric types (types/geo.h): PostgreSQL 15's geo_ops.c input syntax (pair_decode,
// path_decode, the box/lseg/line/path/polygon/circle readers), output (path_encode with
// float8out) and the geometry helpers the SQL operators share.
#include "types/geo.h"
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include "common/error.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

constexpr double kEpsilon = 1.0E-06;
const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

[[noreturn]] void bad_input(const char* type, std::string_view orig) {
  throw PgError(sqlstate::kInvalidTextRepresentation,
                std::string("invalid input syntax for type ") + type + ": \"" + std::string(orig) + "\"");
}

// Reads geometric text; the buffer is NUL-terminated so strtod can run on it.
struct Reader {
  std::string buf;
  const char* type;
  std::string_view orig;
  size_t i = 0;
  Reader(std::string_view s, const char* t) : buf(s), type(t), orig(s) {}
  char cur() const { return i < buf.size() ? buf[i] : '\0'; }
  void skip_space() { while (i < buf.size() && is_space(buf[i])) i++; }
  [[noreturn]] void fail() const { bad_input(type, orig); }

  // float8in_internal with an end pointer: leading/trailing white space skipped.
  double number() {
    skip_space();
    if (cur() == '\0') fail();
    const char* start = buf.c_str() + i;
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(start, &end);
    if (end == start || errno != 0) {
      int saved = errno;
      struct Word { const char* w; double v; };
      static const Word kWords[] = {{"NaN", kNaN}, {"Infinity", kInf}, {"+Infinity", kInf}, {"-Infinity", -kInf},
                                    {"inf", kInf}, {"+inf", kInf}, {"-inf", -kInf}};
      bool found = false;
      for (const Word& w : kWords) {
        size_t n = std::strlen(w.w);
        if (strncasecmp(start, w.w, n) == 0) {
          v = w.v;
          end = const_cast<char*>(start) + n;
          found = true;
          break;
        }
      }
      if (!found) {
        if (saved == ERANGE) {
          if (v == 0.0 || v >= HUGE_VAL || v <= -HUGE_VAL)
            throw PgError(sqlstate::kNumericValueOutOfRange,
                          "\"" + std::string(start, end - start) + "\" is out of range for type double precision");
        } else {
          fail();
        }
      }
    }
    i = size_t(end - buf.c_str());
    skip_space();
    return v;
  }

  // pair_decode with an end pointer.
  GeoPoint pair() {
    skip_space();
    bool delim = cur() == '(';
    if (delim) i++;
    GeoPoint p;
    p.x = number();
    if (cur() != ',') fail();
    i++;
    p.y = number();
    if (delim) {
      if (cur() != ')') fail();
      i++;
      skip_space();
    }
    return p;
  }

  // path_decode: npts pairs, optional [ ] (when opentype) or ( ) around them.
  std::vector<GeoPoint> path(bool opentype, int npts, bool& isopen) {
    int depth = 0;
    skip_space();
    isopen = cur() == '[';
    if (isopen) {
      if (!opentype) fail();
      depth++;
      i++;
    } else if (cur() == '(') {
      size_t cp = i + 1;
      while (cp < buf.size() && is_space(buf[cp])) cp++;
      if (cp < buf.size() && buf[cp] == '(') {
        depth++;
        i = cp;
      } else if (buf.rfind('(') == i) {
        depth++;
        i = cp;
      }
    }
    std::vector<GeoPoint> pts;
    for (int k = 0; k < npts; k++) {
      pts.push_back(pair());
      if (cur() == ',') i++;
    }
    while (depth > 0) {
      if (cur() == ')' || (cur() == ']' && isopen && depth == 1)) {
        depth--;
        i++;
        skip_space();
      } else {
        fail();
      }
    }
    return pts;
  }
  void end() const {
    if (i != buf.size()) fail();
  }
};

// pair_count: the number of points a comma count implies (-1 when odd).
int pair_count(std::string_view s) {
  int n = 0;
  for (char c : s) n += c == ',';
  return n % 2 ? (n + 1) / 2 : -1;
}

void put_float(double v, bool shortest, std::string& out) {
  if (shortest) format_float8_shortest(v, out);
  else format_float8(v, out);
}

// path_encode: PATH_NONE (0), PATH_OPEN '[' (1), PATH_CLOSED '(' (2).
std::string encode(int delim, const GeoPoint* pts, size_t n, bool shortest) {
  std::string out;
  if (delim == 2) out += '(';
  else if (delim == 1) out += '[';
  for (size_t k = 0; k < n; k++) {
    if (k) out += ',';
    out += '(';
    put_float(pts[k].x, shortest, out);
    out += ',';
    put_float(pts[k].y, shortest, out);
    out += ')';
  }
  if (delim == 2) out += ')';
  else if (delim == 1) out += ']';
  return out;
}

[[noreturn]] void overflow() { throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow"); }
[[noreturn]] void underflow() { throw PgError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow"); }

GeoBox bound_of(const std::vector<GeoPoint>& p) {
  GeoBox b;
  if (p.empty()) return b;
  double x1 = p[0].x, y1 = p[0].y, x2 = x1, y2 = y1;
  for (size_t k = 1; k < p.size(); k++) {
    if (p[k].x < x1) x1 = p[k].x;
    if (p[k].x > x2) x2 = p[k].x;
    if (p[k].y < y1) y1 = p[k].y;
    if (p[k].y > y2) y2 = p[k].y;
  }
  b.low = {x1, y1};
  b.high = {x2, y2};
  return b;
}

}  // namespace

bool FPzero(double a) { return std::fabs(a) <= kEpsilon; }
bool FPeq(double a, double b) { return a == b || std::fabs(a - b) <= kEpsilon; }
bool FPlt(double a, double b) { return a + kEpsilon < b; }
bool FPle(double a, double b) { return a <= b + kEpsilon; }
bool FPgt(double a, double b) { return a > b + kEpsilon; }
bool FPge(double a, double b) { return a + kEpsilon >= b; }

double geo_pl(double a, double b) {
  double r = a + b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) overflow();
  return r;
}
double geo_mi(double a, double b) {
  double r = a - b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) overflow();
  return r;
}
double geo_mul(double a, double b) {
  double r = a * b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) overflow();
  if (r == 0.0 && a != 0.0 && b != 0.0) underflow();
  return r;
}
double geo_div(double a, double b) {
  if (b == 0.0) throw PgError(sqlstate::kDivisionByZero, "division by zero");
  double r = a / b;
  if (std::isinf(r) && !std::isinf(a)) overflow();
  if (r == 0.0 && a != 0.0 && !std::isinf(b)) underflow();
  return r;
}
double geo_hypot(double x, double y) {
  if (std::isinf(x) || std::isinf(y)) return kInf;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  x = std::fabs(x);
  y = std::fabs(y);
  if (x < y) std::swap(x, y);
  if (y == 0.0) return x;
  double yx = y / x;
  double r = x * std::sqrt(1.0 + yx * yx);
  if (std::isinf(r)) overflow();
  if (r == 0.0) underflow();
  return r;
}

bool is_geo_type(Oid t) {
  return t == oid::kPoint || t == oid::kLseg || t == oid::kPath || t == oid::kBox || t == oid::kPolygon ||
         t == oid::kLine || t == oid::kCircle;
}

GeoPoint point_parse(std::string_view s) {
  Reader r(s, "point");
  GeoPoint p = r.pair();
  r.end();
  return p;
}

GeoBox box_make(GeoPoint a, GeoPoint b) {
  GeoBox box;
  box.high.x = a.x > b.x ? a.x : b.x;
  box.low.x = a.x > b.x ? b.x : a.x;
  box.high.y = a.y > b.y ? a.y : b.y;
  box.low.y = a.y > b.y ? b.y : a.y;
  return box;
}

GeoBox box_parse(std::string_view s) {
  Reader r(s, "box");
  bool isopen;
  auto pts = r.path(false, 2, isopen);
  r.end();
  // box_in: the first point is high and the second low, then swapped per coordinate
  GeoBox b{pts[0], pts[1]};
  if (b.high.x < b.low.x) std::swap(b.high.x, b.low.x);
  if (b.high.y < b.low.y) std::swap(b.high.y, b.low.y);
  return b;
}

GeoLseg lseg_parse(std::string_view s) {
  Reader r(s, "lseg");
  bool isopen;
  auto pts = r.path(true, 2, isopen);
  r.end();
  return {{pts[0], pts[1]}};
}

bool point_eq(const GeoPoint& a, const GeoPoint& b) {
  if (std::isnan(a.x) || std::isnan(a.y) || std::isnan(b.x) || std::isnan(b.y))
    return std::isnan(a.x) && std::isnan(a.y) && std::isnan(b.x) && std::isnan(b.y);
  return FPeq(a.x, b.x) && FPeq(a.y, b.y);
}

double point_sl(const GeoPoint& a, const GeoPoint& b) {
  if (FPeq(a.x, b.x)) return kInf;
  if (FPeq(a.y, b.y)) return 0.0;
  return geo_div(geo_mi(a.y, b.y), geo_mi(a.x, b.x));
}

static double point_invsl(const GeoPoint& a, const GeoPoint& b) {
  if (FPeq(a.x, b.x)) return 0.0;
  if (FPeq(a.y, b.y)) return kInf;
  return geo_div(geo_mi(a.x, b.x), geo_mi(b.y, a.y));
}

GeoLine line_construct(const GeoPoint& pt, double m) {
  GeoLine l;
  if (std::isinf(m)) {
    l.A = -1.0;
    l.B = 0.0;
    l.C = pt.x;
  } else if (m == 0) {
    l.A = 0.0;
    l.B = -1.0;
    l.C = pt.y;
  } else {
    l.A = m;
    l.B = -1.0;
    l.C = geo_mi(pt.y, geo_mul(m, pt.x));
    if (l.C == 0.0) l.C = 0.0;
  }
  return l;
}

GeoLine line_parse(std::string_view s) {
  Reader r(s, "line");
  r.skip_space();
  GeoLine l;
  if (r.cur() == '{') {  // line_decode
    r.i++;
    l.A = r.number();
    if (r.cur() != ',') r.fail();
    r.i++;
    l.B = r.number();
    if (r.cur() != ',') r.fail();
    r.i++;
    l.C = r.number();
    if (r.cur() != '}') r.fail();
    r.i++;
    r.skip_space();
    r.end();
    if (FPzero(l.A) && FPzero(l.B))
      throw PgError(sqlstate::kInvalidTextRepresentation, "invalid line specification: A and B cannot both be zero");
    return l;
  }
  bool isopen;
  auto pts = r.path(true, 2, isopen);
  r.end();
  if (point_eq(pts[0], pts[1]))
    throw PgError(sqlstate::kInvalidTextRepresentation, "invalid line specification: must be two distinct points");
  return line_construct(pts[0], point_sl(pts[0], pts[1]));
}

GeoPath path_parse(std::string_view s) {
  Reader r(s, "path");
  int npts = pair_count(s);
  if (npts <= 0) r.fail();
  r.skip_space();
  int depth = 0;
  if (r.cur() == '(' && r.buf.rfind('(') == r.i) {
    r.i++;
    depth++;
  }
  bool isopen;
  GeoPath p;
  p.p = r.path(true, npts, isopen);
  if (depth >= 1) {
    if (r.cur() != ')') r.fail();
    r.i++;
    r.skip_space();
  }
  r.end();
  p.closed = !isopen;
  return p;
}

GeoPolygon polygon_make(std::vector<GeoPoint> pts) {
  GeoPolygon poly;
  poly.p = std::move(pts);
  poly.bound = bound_of(poly.p);
  return poly;
}

GeoPolygon polygon_parse(std::string_view s) {
  Reader r(s, "polygon");
  int npts = pair_count(s);
  if (npts <= 0) r.fail();
  bool isopen;
  auto pts = r.path(false, npts, isopen);
  r.end();
  return polygon_make(std::move(pts));
}

GeoCircle circle_parse(std::string_view s) {
  Reader r(s, "circle");
  r.skip_space();
  int depth = 0;
  if (r.cur() == '<') {
    depth++;
    r.i++;
  } else if (r.cur() == '(') {
    size_t cp = r.i + 1;
    while (cp < r.buf.size() && is_space(r.buf[cp])) cp++;
    if (cp < r.buf.size() && r.buf[cp] == '(') {
      depth++;
      r.i = cp;
    }
  }
  GeoCircle c;
  c.center = r.pair();
  if (r.cur() == ',') r.i++;
  c.radius = r.number();
  if (c.radius < 0.0) r.fail();
  while (depth > 0) {
    if (r.cur() == ')' || (r.cur() == '>' && depth == 1)) {
      depth--;
      r.i++;
      r.skip_space();
    } else {
      r.fail();
    }
  }
  r.end();
  return c;
}

std::string point_text(const GeoPoint& p, bool shortest) { return encode(0, &p, 1, shortest); }
std::string box_text(const GeoBox& b, bool shortest) {
  GeoPoint pts[2] = {b.high, b.low};
  return encode(0, pts, 2, shortest);
}
std::string lseg_text(const GeoLseg& l, bool shortest) { return encode(1, l.p, 2, shortest); }
std::string line_text(const GeoLine& l, bool shortest) {
  std::string out = "{";
  put_float(l.A, shortest, out);
  out += ',';
  put_float(l.B, shortest, out);
  out += ',';
  put_float(l.C, shortest, out);
  return out + "}";
}
std::string path_text(const GeoPath& p, bool shortest) {
  return encode(p.closed ? 2 : 1, p.p.data(), p.p.size(), shortest);
}
std::string polygon_text(const GeoPolygon& p, bool shortest) { return encode(2, p.p.data(), p.p.size(), shortest); }
std::string circle_text(const GeoCircle& c, bool shortest) {
  std::string out = "<(";
  put_float(c.center.x, shortest, out);
  out += ',';
  put_float(c.center.y, shortest, out);
  out += "),";
  put_float(c.radius, shortest, out);
  return out + ">";
}

std::string geo_input(Oid type, std::string_view text) {
  switch (type) {
    case oid::kPoint: return point_text(point_parse(text));
    case oid::kBox: return box_text(box_parse(text));
    case oid::kLseg: return lseg_text(lseg_parse(text));
    case oid::kLine: return line_text(line_parse(text));
    case oid::kPath: return path_text(path_parse(text));
    case oid::kPolygon: return polygon_text(polygon_parse(text));
    case oid::kCircle: return circle_text(circle_parse(text));
    default: return std::string(text);
  }
}

void geo_output(Oid type, std::string_view stored, std::string& out) {
  switch (type) {
    case oid::kPoint: out += point_text(point_parse(stored), false); return;
    case oid::kBox: out += box_text(box_parse(stored), false); return;
    case oid::kLseg: out += lseg_text(lseg_parse(stored), false); return;
    case oid::kLine: out += line_text(line_parse(stored), false); return;
    case oid::kPath: out += path_text(path_parse(stored), false); return;
    case oid::kPolygon: out += polygon_text(polygon_parse(stored), false); return;
    case oid::kCircle: out += circle_text(circle_parse(stored), false); return;
    default: out += stored;
  }
}

double point_dt(const GeoPoint& a, const GeoPoint& b) { return geo_hypot(geo_mi(a.x, b.x), geo_mi(a.y, b.y)); }

bool line_interpt_line(GeoPoint* result, const GeoLine& l1, const GeoLine& l2) {
  double x, y;
  if (!FPzero(l1.B)) {
    if (FPeq(l2.A, geo_mul(l1.A, geo_div(l2.B, l1.B)))) return false;
    x = geo_div(geo_mi(geo_mul(l1.B, l2.C), geo_mul(l2.B, l1.C)), geo_mi(geo_mul(l1.A, l2.B), geo_mul(l2.A, l1.B)));
    y = geo_div(-geo_pl(geo_mul(l1.A, x), l1.C), l1.B);
  } else if (!FPzero(l2.B)) {
    if (FPeq(l1.A, geo_mul(l2.A, geo_div(l1.B, l2.B)))) return false;
    x = geo_div(geo_mi(geo_mul(l2.B, l1.C), geo_mul(l1.B, l2.C)), geo_mi(geo_mul(l2.A, l1.B), geo_mul(l1.A, l2.B)));
    y = geo_div(-geo_pl(geo_mul(l2.A, x), l2.C), l2.B);
  } else {
    return false;
  }
  if (x == 0.0) x = 0.0;
  if (y == 0.0) y = 0.0;
  if (result) *result = {x, y};
  return true;
}

bool lseg_contain_point(const GeoLseg& l, const GeoPoint& pt) {
  return FPeq(point_dt(pt, l.p[0]) + point_dt(pt, l.p[1]), point_dt(l.p[0], l.p[1]));
}

bool lseg_interpt_line(GeoPoint* result, const GeoLseg& l, const GeoLine& line) {
  GeoPoint interpt;
  GeoLine tmp = line_construct(l.p[0], point_sl(l.p[0], l.p[1]));
  if (!line_interpt_line(&interpt, tmp, line)) return false;
  if (!lseg_contain_point(l, interpt)) return false;
  if (result) {
    if (point_eq(l.p[0], interpt)) *result = l.p[0];
    else if (point_eq(l.p[1], interpt)) *result = l.p[1];
    else *result = interpt;
  }
  return true;
}

bool lseg_interpt_lseg(GeoPoint* result, const GeoLseg& l1, const GeoLseg& l2) {
  GeoPoint interpt;
  GeoLine tmp = line_construct(l2.p[0], point_sl(l2.p[0], l2.p[1]));
  if (!lseg_interpt_line(&interpt, l1, tmp)) return false;
  if (!lseg_contain_point(l2, interpt)) return false;
  if (result) *result = interpt;
  return true;
}

static double line_invsl(const GeoLine& l) {
  if (FPzero(l.A)) return kInf;
  if (FPzero(l.B)) return 0.0;
  return geo_div(l.B, l.A);
}

double line_closept_point(GeoPoint* result, const GeoLine& line, const GeoPoint& pt) {
  GeoPoint closept;
  GeoLine tmp = line_construct(pt, line_invsl(line));
  if (!line_interpt_line(&closept, tmp, line)) {
    if (result) *result = pt;
    return kNaN;
  }
  if (result) *result = closept;
  return point_dt(closept, pt);
}

static double lseg_closept_line(GeoPoint* result, const GeoLseg& l, const GeoLine& line) {
  if (lseg_interpt_line(result, l, line)) return 0.0;
  double d1 = line_closept_point(nullptr, line, l.p[0]);
  double d2 = line_closept_point(nullptr, line, l.p[1]);
  if (d1 < d2) {
    if (result) *result = l.p[0];
    return d1;
  }
  if (result) *result = l.p[1];
  return d2;
}

double lseg_closept_point(GeoPoint* result, const GeoLseg& l, const GeoPoint& pt) {
  GeoPoint closept;
  GeoLine tmp = line_construct(pt, point_invsl(l.p[0], l.p[1]));
  lseg_closept_line(&closept, l, tmp);
  if (result) *result = closept;
  return point_dt(closept, pt);
}

static constexpr int kOnPolygon = 0x7fffffff;

static int lseg_crossing(double x, double y, double prev_x, double prev_y) {
  if (FPzero(y)) {
    if (FPzero(x)) return kOnPolygon;
    if (FPgt(x, 0)) {
      if (FPzero(prev_y)) return FPgt(prev_x, 0.0) ? 0 : kOnPolygon;
      return FPlt(prev_y, 0.0) ? 1 : -1;
    }
    if (FPzero(prev_y)) return FPlt(prev_x, 0.0) ? 0 : kOnPolygon;
    return 0;
  }
  int y_sign = FPgt(y, 0.0) ? 1 : -1;
  if (FPzero(prev_y)) return FPlt(prev_x, 0.0) ? 0 : y_sign;
  if ((y_sign < 0 && FPlt(prev_y, 0.0)) || (y_sign > 0 && FPgt(prev_y, 0.0))) return 0;
  if (FPge(x, 0.0) && FPgt(prev_x, 0.0)) return 2 * y_sign;
  if (FPlt(x, 0.0) && FPle(prev_x, 0.0)) return 0;
  double z = geo_mi(geo_mul(geo_mi(x, prev_x), y), geo_mul(geo_mi(y, prev_y), x));
  if (FPzero(z)) return kOnPolygon;
  if ((y_sign < 0 && FPlt(z, 0.0)) || (y_sign > 0 && FPgt(z, 0.0))) return 0;
  return 2 * y_sign;
}

int point_inside(const GeoPoint& p, const std::vector<GeoPoint>& plist) {
  if (plist.empty()) return 0;
  double x0 = geo_mi(plist[0].x, p.x), y0 = geo_mi(plist[0].y, p.y);
  double prev_x = x0, prev_y = y0;
  int total = 0, cross;
  for (size_t i = 1; i < plist.size(); i++) {
    double x = geo_mi(plist[i].x, p.x), y = geo_mi(plist[i].y, p.y);
    if ((cross = lseg_crossing(x, y, prev_x, prev_y)) == kOnPolygon) return 2;
    total += cross;
    prev_x = x;
    prev_y = y;
  }
  if ((cross = lseg_crossing(x0, y0, prev_x, prev_y)) == kOnPolygon) return 2;
  total += cross;
  return total != 0 ? 1 : 0;
}

bool box_ov(const GeoBox& a, const GeoBox& b) {
  return FPle(a.low.x, b.high.x) && FPle(b.low.x, a.high.x) && FPle(a.low.y, b.high.y) && FPle(b.low.y, a.high.y);
}

bool box_contain_box(const GeoBox& o, const GeoBox& i) {
  return FPge(o.high.x, i.high.x) && FPle(o.low.x, i.low.x) && FPge(o.high.y, i.high.y) && FPle(o.low.y, i.low.y);
}

bool box_contain_point(const GeoBox& b, const GeoPoint& p) {
  return p.x <= b.high.x && p.x >= b.low.x && p.y <= b.high.y && p.y >= b.low.y;
}

bool poly_overlap(const GeoPolygon& a, const GeoPolygon& b) {
  if (a.p.empty() || b.p.empty()) return false;
  bool result = box_ov(a.bound, b.bound);
  if (!result) return false;
  GeoLseg sa, sb;
  sa.p[0] = a.p.back();
  result = false;
  for (size_t ia = 0; ia < a.p.size() && !result; ia++) {
    sa.p[1] = a.p[ia];
    sb.p[0] = b.p.back();
    for (size_t ib = 0; ib < b.p.size() && !result; ib++) {
      sb.p[1] = b.p[ib];
      result = lseg_interpt_lseg(nullptr, sa, sb);
      sb.p[0] = sb.p[1];
    }
    sa.p[0] = sa.p[1];
  }
  if (!result) result = point_inside(a.p[0], b.p) || point_inside(b.p[0], a.p);
  return result;
}

double dist_ppoly(const GeoPoint& pt, const GeoPolygon& poly) {
  if (point_inside(pt, poly.p) != 0) return 0.0;
  GeoLseg seg{{poly.p[0], poly.p.back()}};
  double result = lseg_closept_point(nullptr, seg, pt);
  for (size_t i = 0; i + 1 < poly.p.size(); i++) {
    seg.p[0] = poly.p[i];
    seg.p[1] = poly.p[i + 1];
    double d = lseg_closept_point(nullptr, seg, pt);
    // float8_lt: NaN sorts above everything
    bool lt = std::isnan(d) ? false : (std::isnan(result) ? true : d < result);
    if (lt) result = d;
  }
  return result;
}

double box_area(const GeoBox& b) { return geo_mul(geo_mi(b.high.x, b.low.x), geo_mi(b.high.y, b.low.y)); }

GeoPoint box_center(const GeoBox& b) {
  return {geo_div(geo_pl(b.high.x, b.low.x), 2.0), geo_div(geo_pl(b.high.y, b.low.y), 2.0)};
}

}  // namespace pgmicro
