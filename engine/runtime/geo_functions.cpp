// The geometric operators and functions (catalog/builtins_geo.cpp) as one SQLite function
// pg_geo('name', args...): name is PostgreSQL's C function (point_add, on_pb, dist_ppoly, ...);
// arguments arrive as stored geometric text or float8, results leave the same way. Strict:
// a NULL argument gives NULL. Semantics of PostgreSQL 15's geo_ops.c (types/geo.h).
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include "runtime/function_context.h"
#include "runtime/sqlite_text.h"
#include "types/geo.h"
#include "types/type_families.h"

namespace pgmicro {

namespace {

using Args = sqlite3_value**;

struct Out {
  sqlite3_context* ctx;
  void b(bool v) const { sqlite3_result_int(ctx, v ? 1 : 0); }
  void f(double v) const { float_datum(v).to_sqlite_result(ctx); }
  void i(int64_t v) const { sqlite3_result_int64(ctx, v); }
  void t(const std::string& s) const { result_text(ctx, s); }
  void null() const { sqlite3_result_null(ctx); }
};

GeoPoint P(sqlite3_value* v) { return point_parse(text_of(v)); }
GeoBox B(sqlite3_value* v) { return box_parse(text_of(v)); }
GeoLseg L(sqlite3_value* v) { return lseg_parse(text_of(v)); }
GeoLine LN(sqlite3_value* v) { return line_parse(text_of(v)); }
GeoPath PA(sqlite3_value* v) { return path_parse(text_of(v)); }
GeoPolygon PG(sqlite3_value* v) { return polygon_parse(text_of(v)); }
GeoCircle C(sqlite3_value* v) { return circle_parse(text_of(v)); }
double F(sqlite3_value* v) {
  double d = 0;
  datum_to_double(Datum::from_sqlite(v), d);
  return d;
}

const double kPi = 3.14159265358979323846;

GeoPoint padd(const GeoPoint& a, const GeoPoint& b) { return {geo_pl(a.x, b.x), geo_pl(a.y, b.y)}; }
GeoPoint psub(const GeoPoint& a, const GeoPoint& b) { return {geo_mi(a.x, b.x), geo_mi(a.y, b.y)}; }
GeoPoint pmul(const GeoPoint& a, const GeoPoint& b) {
  return {geo_mi(geo_mul(a.x, b.x), geo_mul(a.y, b.y)), geo_pl(geo_mul(a.x, b.y), geo_mul(a.y, b.x))};
}
GeoPoint pdiv(const GeoPoint& a, const GeoPoint& b) {
  double div = geo_pl(geo_mul(b.x, b.x), geo_mul(b.y, b.y));
  return {geo_div(geo_pl(geo_mul(a.x, b.x), geo_mul(a.y, b.y)), div),
          geo_div(geo_mi(geo_mul(a.y, b.x), geo_mul(a.x, b.y)), div)};
}

bool f8lt(double a, double b) {  // float8_lt: NaN above everything
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}

double box_closept_point(const GeoBox& box, const GeoPoint& pt) {
  if (box_contain_point(box, pt)) return 0.0;
  GeoPoint point{box.low.x, box.high.y};
  double dist = lseg_closept_point(nullptr, GeoLseg{{box.low, point}}, pt);
  double d = lseg_closept_point(nullptr, GeoLseg{{box.high, point}}, pt);
  if (f8lt(d, dist)) dist = d;
  point = {box.high.x, box.low.y};
  d = lseg_closept_point(nullptr, GeoLseg{{box.low, point}}, pt);
  if (f8lt(d, dist)) dist = d;
  d = lseg_closept_point(nullptr, GeoLseg{{box.high, point}}, pt);
  if (f8lt(d, dist)) dist = d;
  return dist;
}

double circle_ar(const GeoCircle& c) { return geo_mul(geo_mul(c.radius, c.radius), kPi); }
double dist_cpoint(const GeoCircle& c, const GeoPoint& p) {
  double r = geo_mi(point_dt(p, c.center), c.radius);
  return r < 0 ? 0.0 : r;
}
GeoCircle box_circle(const GeoBox& b) {
  GeoCircle c;
  c.center = box_center(b);
  c.radius = point_dt(c.center, b.high);
  return c;
}
GeoCircle poly_circle(const GeoPolygon& poly) {
  GeoCircle c;
  for (auto& p : poly.p) c.center = padd(c.center, p);
  double n = double(poly.p.size());
  c.center = {geo_div(c.center.x, n), geo_div(c.center.y, n)};
  for (auto& p : poly.p) c.radius = geo_pl(c.radius, point_dt(p, c.center));
  c.radius = geo_div(c.radius, n);
  return c;
}
GeoPolygon box_poly(const GeoBox& b) {
  return polygon_make({{b.low.x, b.low.y}, {b.low.x, b.high.y}, {b.high.x, b.high.y}, {b.high.x, b.low.y}});
}
GeoPolygon circle_poly(int64_t npts, const GeoCircle& c) {
  if (FPzero(c.radius))
    throw PgError(sqlstate::kFeatureNotSupported, "cannot convert circle with radius zero to polygon");
  if (npts < 2) throw PgError("22023", "must request at least 2 points");
  double step = geo_div(2.0 * kPi, double(npts));
  std::vector<GeoPoint> pts;
  for (int64_t i = 0; i < npts; i++) {
    double angle = geo_mul(step, double(i));
    pts.push_back({geo_mi(c.center.x, geo_mul(c.radius, std::cos(angle))),
                   geo_pl(c.center.y, geo_mul(c.radius, std::sin(angle)))});
  }
  return polygon_make(std::move(pts));
}
double path_length(const GeoPath& p) {
  double r = 0;
  for (size_t i = 0; i < p.p.size(); i++) {
    size_t prev;
    if (i > 0) prev = i - 1;
    else if (!p.closed) continue;
    else prev = p.p.size() - 1;
    r = geo_pl(r, point_dt(p.p[prev], p.p[i]));
  }
  return r;
}
GeoPoint lseg_center(const GeoLseg& l) {
  return {geo_div(geo_pl(l.p[0].x, l.p[1].x), 2.0), geo_div(geo_pl(l.p[0].y, l.p[1].y), 2.0)};
}
bool circle_same(const GeoCircle& a, const GeoCircle& b) {
  return ((std::isnan(a.radius) && std::isnan(b.radius)) || FPeq(a.radius, b.radius)) && point_eq(a.center, b.center);
}

bool lseg_inside_poly(const GeoPoint& a, const GeoPoint& b, const GeoPolygon& poly, size_t start, int depth);

bool touched_lseg_inside_poly(const GeoPoint& a, const GeoPoint& b, const GeoLseg& s, const GeoPolygon& poly, size_t start,
                              int depth) {
  GeoLseg t{{a, b}};
  if (point_eq(a, s.p[0])) {
    if (lseg_contain_point(t, s.p[1])) return lseg_inside_poly(b, s.p[1], poly, start, depth + 1);
  } else if (point_eq(a, s.p[1])) {
    if (lseg_contain_point(t, s.p[0])) return lseg_inside_poly(b, s.p[0], poly, start, depth + 1);
  } else if (lseg_contain_point(t, s.p[0])) {
    return lseg_inside_poly(b, s.p[0], poly, start, depth + 1);
  } else if (lseg_contain_point(t, s.p[1])) {
    return lseg_inside_poly(b, s.p[1], poly, start, depth + 1);
  }
  return true;
}

bool lseg_inside_poly(const GeoPoint& a, const GeoPoint& b, const GeoPolygon& poly, size_t start, int depth) {
  if (depth > 10000) throw PgError("54001", "stack depth limit exceeded");
  GeoLseg t{{a, b}}, s;
  bool res = true, intersection = false;
  s.p[0] = poly.p[start == 0 ? poly.p.size() - 1 : start - 1];
  for (size_t i = start; i < poly.p.size() && res; i++) {
    GeoPoint interpt;
    s.p[1] = poly.p[i];
    if (lseg_contain_point(s, t.p[0])) {
      if (lseg_contain_point(s, t.p[1])) return true;
      res = touched_lseg_inside_poly(t.p[0], t.p[1], s, poly, i + 1, depth);
    } else if (lseg_contain_point(s, t.p[1])) {
      res = touched_lseg_inside_poly(t.p[1], t.p[0], s, poly, i + 1, depth);
    } else if (lseg_interpt_lseg(&interpt, t, s)) {
      intersection = true;
      res = lseg_inside_poly(t.p[0], interpt, poly, i + 1, depth + 1);
      if (res) res = lseg_inside_poly(t.p[1], interpt, poly, i + 1, depth + 1);
    }
    s.p[0] = s.p[1];
  }
  if (res && !intersection) {
    GeoPoint p{geo_div(geo_pl(t.p[0].x, t.p[1].x), 2.0), geo_div(geo_pl(t.p[0].y, t.p[1].y), 2.0)};
    res = point_inside(p, poly.p) != 0;
  }
  return res;
}

bool poly_contain_poly(const GeoPolygon& a, const GeoPolygon& b) {
  if (a.p.empty() || b.p.empty()) return false;
  if (!box_contain_box(a.bound, b.bound)) return false;
  GeoLseg s;
  s.p[0] = b.p.back();
  for (size_t i = 0; i < b.p.size(); i++) {
    s.p[1] = b.p[i];
    if (!lseg_inside_poly(s.p[0], s.p[1], a, 0, 0)) return false;
    s.p[0] = s.p[1];
  }
  return true;
}

bool plist_same(const std::vector<GeoPoint>& p1, const std::vector<GeoPoint>& p2) {
  long n = long(p1.size());
  for (long i = 0; i < n; i++) {
    if (!point_eq(p2[i], p1[0])) continue;
    long ii, j;
    for (ii = 1, j = i + 1; ii < n; ii++, j++) {
      if (j >= n) j = 0;
      if (!point_eq(p2[j], p1[ii])) break;
    }
    if (ii == n) return true;
    for (ii = 1, j = i - 1; ii < n; ii++, j--) {
      if (j < 0) j = n - 1;
      if (!point_eq(p2[j], p1[ii])) break;
    }
    if (ii == n) return true;
  }
  return false;
}

bool on_ppath(const GeoPoint& pt, const GeoPath& path) {
  if (!path.closed) {
    if (path.p.empty()) return false;
    double a = point_dt(pt, path.p[0]);
    for (size_t i = 0; i + 1 < path.p.size(); i++) {
      double b = point_dt(pt, path.p[i + 1]);
      if (FPeq(geo_pl(a, b), point_dt(path.p[i], path.p[i + 1]))) return true;
      a = b;
    }
    return false;
  }
  return point_inside(pt, path.p) != 0;
}

bool f8eq(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool line_eq(const GeoLine& l1, const GeoLine& l2) {
  if (std::isnan(l1.A) || std::isnan(l1.B) || std::isnan(l1.C) || std::isnan(l2.A) || std::isnan(l2.B) || std::isnan(l2.C))
    return f8eq(l1.A, l2.A) && f8eq(l1.B, l2.B) && f8eq(l1.C, l2.C);
  double ratio;
  if (!FPzero(l2.A)) ratio = geo_div(l1.A, l2.A);
  else if (!FPzero(l2.B)) ratio = geo_div(l1.B, l2.B);
  else if (!FPzero(l2.C)) ratio = geo_div(l1.C, l2.C);
  else ratio = 1.0;
  return FPeq(l1.A, geo_mul(ratio, l2.A)) && FPeq(l1.B, geo_mul(ratio, l2.B)) && FPeq(l1.C, geo_mul(ratio, l2.C));
}

using Fn = std::function<void(const Out&, Args)>;

const std::unordered_map<std::string, Fn>& table() {
  static const std::unordered_map<std::string, Fn> t = {
      // point
      {"construct_point", [](const Out& o, Args a) { o.t(point_text({F(a[0]), F(a[1])})); }},
      {"point_add", [](const Out& o, Args a) { o.t(point_text(padd(P(a[0]), P(a[1])))); }},
      {"point_sub", [](const Out& o, Args a) { o.t(point_text(psub(P(a[0]), P(a[1])))); }},
      {"point_mul", [](const Out& o, Args a) { o.t(point_text(pmul(P(a[0]), P(a[1])))); }},
      {"point_div", [](const Out& o, Args a) { o.t(point_text(pdiv(P(a[0]), P(a[1])))); }},
      {"point_distance", [](const Out& o, Args a) { o.f(point_dt(P(a[0]), P(a[1]))); }},
      {"point_left", [](const Out& o, Args a) { o.b(FPlt(P(a[0]).x, P(a[1]).x)); }},
      {"point_right", [](const Out& o, Args a) { o.b(FPgt(P(a[0]).x, P(a[1]).x)); }},
      {"point_above", [](const Out& o, Args a) { o.b(FPgt(P(a[0]).y, P(a[1]).y)); }},
      {"point_below", [](const Out& o, Args a) { o.b(FPlt(P(a[0]).y, P(a[1]).y)); }},
      {"point_vert", [](const Out& o, Args a) { o.b(FPeq(P(a[0]).x, P(a[1]).x)); }},
      {"point_horiz", [](const Out& o, Args a) { o.b(FPeq(P(a[0]).y, P(a[1]).y)); }},
      {"point_eq", [](const Out& o, Args a) { o.b(point_eq(P(a[0]), P(a[1]))); }},
      {"point_ne", [](const Out& o, Args a) { o.b(!point_eq(P(a[0]), P(a[1]))); }},
      {"point_slope", [](const Out& o, Args a) { o.f(point_sl(P(a[0]), P(a[1]))); }},
      {"on_pb", [](const Out& o, Args a) { o.b(box_contain_point(B(a[1]), P(a[0]))); }},
      {"box_contain_pt", [](const Out& o, Args a) { o.b(box_contain_point(B(a[0]), P(a[1]))); }},
      {"pt_contained_poly", [](const Out& o, Args a) { o.b(point_inside(P(a[0]), PG(a[1]).p) != 0); }},
      {"poly_contain_pt", [](const Out& o, Args a) { o.b(point_inside(P(a[1]), PG(a[0]).p) != 0); }},
      {"pt_contained_circle", [](const Out& o, Args a) { auto c = C(a[1]); o.b(point_dt(c.center, P(a[0])) <= c.radius); }},
      {"circle_contain_pt", [](const Out& o, Args a) { auto c = C(a[0]); o.b(point_dt(c.center, P(a[1])) <= c.radius); }},
      {"on_ps", [](const Out& o, Args a) { o.b(lseg_contain_point(L(a[1]), P(a[0]))); }},
      {"dist_pb", [](const Out& o, Args a) { o.f(box_closept_point(B(a[1]), P(a[0]))); }},
      {"dist_bp", [](const Out& o, Args a) { o.f(box_closept_point(B(a[0]), P(a[1]))); }},
      {"dist_ps", [](const Out& o, Args a) { o.f(lseg_closept_point(nullptr, L(a[1]), P(a[0]))); }},
      {"dist_sp", [](const Out& o, Args a) { o.f(lseg_closept_point(nullptr, L(a[0]), P(a[1]))); }},
      {"dist_pl", [](const Out& o, Args a) { o.f(line_closept_point(nullptr, LN(a[1]), P(a[0]))); }},
      {"dist_lp", [](const Out& o, Args a) { o.f(line_closept_point(nullptr, LN(a[0]), P(a[1]))); }},
      {"dist_ppoly", [](const Out& o, Args a) { o.f(dist_ppoly(P(a[0]), PG(a[1]))); }},
      {"dist_polyp", [](const Out& o, Args a) { o.f(dist_ppoly(P(a[1]), PG(a[0]))); }},
      {"dist_pc", [](const Out& o, Args a) { o.f(dist_cpoint(C(a[1]), P(a[0]))); }},
      {"dist_cpoint", [](const Out& o, Args a) { o.f(dist_cpoint(C(a[0]), P(a[1]))); }},
      // box
      {"points_box", [](const Out& o, Args a) { o.t(box_text(box_make(P(a[0]), P(a[1])))); }},
      {"point_box", [](const Out& o, Args a) { auto p = P(a[0]); o.t(box_text({p, p})); }},
      {"boxes_bound_box", [](const Out& o, Args a) {
         auto x = B(a[0]), y = B(a[1]);
         o.t(box_text({{std::fmax(x.high.x, y.high.x), std::fmax(x.high.y, y.high.y)},
                       {std::fmin(x.low.x, y.low.x), std::fmin(x.low.y, y.low.y)}}));
       }},
      {"box_overlap", [](const Out& o, Args a) { o.b(box_ov(B(a[0]), B(a[1]))); }},
      {"box_same", [](const Out& o, Args a) { auto x = B(a[0]), y = B(a[1]); o.b(point_eq(x.high, y.high) && point_eq(x.low, y.low)); }},
      {"box_contain", [](const Out& o, Args a) { o.b(box_contain_box(B(a[0]), B(a[1]))); }},
      {"box_contained", [](const Out& o, Args a) { o.b(box_contain_box(B(a[1]), B(a[0]))); }},
      {"box_left", [](const Out& o, Args a) { o.b(FPlt(B(a[0]).high.x, B(a[1]).low.x)); }},
      {"box_overleft", [](const Out& o, Args a) { o.b(FPle(B(a[0]).high.x, B(a[1]).high.x)); }},
      {"box_right", [](const Out& o, Args a) { o.b(FPgt(B(a[0]).low.x, B(a[1]).high.x)); }},
      {"box_overright", [](const Out& o, Args a) { o.b(FPge(B(a[0]).low.x, B(a[1]).low.x)); }},
      {"box_below", [](const Out& o, Args a) { o.b(FPlt(B(a[0]).high.y, B(a[1]).low.y)); }},
      {"box_overbelow", [](const Out& o, Args a) { o.b(FPle(B(a[0]).high.y, B(a[1]).high.y)); }},
      {"box_above", [](const Out& o, Args a) { o.b(FPgt(B(a[0]).low.y, B(a[1]).high.y)); }},
      {"box_overabove", [](const Out& o, Args a) { o.b(FPge(B(a[0]).low.y, B(a[1]).low.y)); }},
      {"box_below_eq", [](const Out& o, Args a) { o.b(FPle(B(a[0]).high.y, B(a[1]).low.y)); }},
      {"box_above_eq", [](const Out& o, Args a) { o.b(FPge(B(a[0]).low.y, B(a[1]).high.y)); }},
      {"box_eq", [](const Out& o, Args a) { o.b(FPeq(box_area(B(a[0])), box_area(B(a[1])))); }},
      {"box_lt", [](const Out& o, Args a) { o.b(FPlt(box_area(B(a[0])), box_area(B(a[1])))); }},
      {"box_gt", [](const Out& o, Args a) { o.b(FPgt(box_area(B(a[0])), box_area(B(a[1])))); }},
      {"box_le", [](const Out& o, Args a) { o.b(FPle(box_area(B(a[0])), box_area(B(a[1])))); }},
      {"box_ge", [](const Out& o, Args a) { o.b(FPge(box_area(B(a[0])), box_area(B(a[1])))); }},
      {"box_center", [](const Out& o, Args a) { o.t(point_text(box_center(B(a[0])))); }},
      {"box_area", [](const Out& o, Args a) { o.f(box_area(B(a[0]))); }},
      {"box_width", [](const Out& o, Args a) { auto b = B(a[0]); o.f(geo_mi(b.high.x, b.low.x)); }},
      {"box_height", [](const Out& o, Args a) { auto b = B(a[0]); o.f(geo_mi(b.high.y, b.low.y)); }},
      {"box_diagonal", [](const Out& o, Args a) { auto b = B(a[0]); o.t(lseg_text({{b.high, b.low}})); }},
      {"box_distance", [](const Out& o, Args a) { o.f(point_dt(box_center(B(a[0])), box_center(B(a[1])))); }},
      {"box_intersect", [](const Out& o, Args a) {
         auto x = B(a[0]), y = B(a[1]);
         if (!box_ov(x, y)) return o.null();
         o.t(box_text({{std::fmin(x.high.x, y.high.x), std::fmin(x.high.y, y.high.y)},
                       {std::fmax(x.low.x, y.low.x), std::fmax(x.low.y, y.low.y)}}));
       }},
      {"box_add", [](const Out& o, Args a) { auto b = B(a[0]); auto p = P(a[1]); o.t(box_text(box_make(padd(b.high, p), padd(b.low, p)))); }},
      {"box_sub", [](const Out& o, Args a) { auto b = B(a[0]); auto p = P(a[1]); o.t(box_text(box_make(psub(b.high, p), psub(b.low, p)))); }},
      {"box_mul", [](const Out& o, Args a) { auto b = B(a[0]); auto p = P(a[1]); o.t(box_text(box_make(pmul(b.high, p), pmul(b.low, p)))); }},
      {"box_div", [](const Out& o, Args a) { auto b = B(a[0]); auto p = P(a[1]); o.t(box_text(box_make(pdiv(b.high, p), pdiv(b.low, p)))); }},
      {"box_poly", [](const Out& o, Args a) { o.t(polygon_text(box_poly(B(a[0])))); }},
      {"box_circle", [](const Out& o, Args a) { o.t(circle_text(box_circle(B(a[0])))); }},
      // circle
      {"cr_circle", [](const Out& o, Args a) { o.t(circle_text({P(a[0]), F(a[1])})); }},
      {"circle_center", [](const Out& o, Args a) { o.t(point_text(C(a[0]).center)); }},
      {"circle_radius", [](const Out& o, Args a) { o.f(C(a[0]).radius); }},
      {"circle_diameter", [](const Out& o, Args a) { o.f(geo_mul(C(a[0]).radius, 2.0)); }},
      {"circle_area", [](const Out& o, Args a) { o.f(circle_ar(C(a[0]))); }},
      {"circle_overlap", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPle(point_dt(x.center, y.center), geo_pl(x.radius, y.radius))); }},
      {"circle_same", [](const Out& o, Args a) { o.b(circle_same(C(a[0]), C(a[1]))); }},
      {"circle_contain", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPle(geo_pl(point_dt(x.center, y.center), y.radius), x.radius)); }},
      {"circle_contained", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPle(geo_pl(point_dt(x.center, y.center), x.radius), y.radius)); }},
      {"circle_left", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPlt(geo_pl(x.center.x, x.radius), geo_mi(y.center.x, y.radius))); }},
      {"circle_overleft", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPle(geo_pl(x.center.x, x.radius), geo_pl(y.center.x, y.radius))); }},
      {"circle_right", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPgt(geo_mi(x.center.x, x.radius), geo_pl(y.center.x, y.radius))); }},
      {"circle_overright", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPge(geo_mi(x.center.x, x.radius), geo_mi(y.center.x, y.radius))); }},
      {"circle_below", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPlt(geo_pl(x.center.y, x.radius), geo_mi(y.center.y, y.radius))); }},
      {"circle_above", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPgt(geo_mi(x.center.y, x.radius), geo_pl(y.center.y, y.radius))); }},
      {"circle_overbelow", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPle(geo_pl(x.center.y, x.radius), geo_pl(y.center.y, y.radius))); }},
      {"circle_overabove", [](const Out& o, Args a) { auto x = C(a[0]), y = C(a[1]); o.b(FPge(geo_mi(x.center.y, x.radius), geo_mi(y.center.y, y.radius))); }},
      {"circle_eq", [](const Out& o, Args a) { o.b(FPeq(circle_ar(C(a[0])), circle_ar(C(a[1])))); }},
      {"circle_ne", [](const Out& o, Args a) { o.b(!FPeq(circle_ar(C(a[0])), circle_ar(C(a[1])))); }},
      {"circle_lt", [](const Out& o, Args a) { o.b(FPlt(circle_ar(C(a[0])), circle_ar(C(a[1])))); }},
      {"circle_gt", [](const Out& o, Args a) { o.b(FPgt(circle_ar(C(a[0])), circle_ar(C(a[1])))); }},
      {"circle_le", [](const Out& o, Args a) { o.b(FPle(circle_ar(C(a[0])), circle_ar(C(a[1])))); }},
      {"circle_ge", [](const Out& o, Args a) { o.b(FPge(circle_ar(C(a[0])), circle_ar(C(a[1])))); }},
      {"circle_distance", [](const Out& o, Args a) {
         auto x = C(a[0]), y = C(a[1]);
         double r = geo_mi(point_dt(x.center, y.center), geo_pl(x.radius, y.radius));
         o.f(r < 0 ? 0.0 : r);
       }},
      {"circle_add_pt", [](const Out& o, Args a) { auto c = C(a[0]); c.center = padd(c.center, P(a[1])); o.t(circle_text(c)); }},
      {"circle_sub_pt", [](const Out& o, Args a) { auto c = C(a[0]); c.center = psub(c.center, P(a[1])); o.t(circle_text(c)); }},
      {"circle_mul_pt", [](const Out& o, Args a) {
         auto c = C(a[0]); auto p = P(a[1]);
         c.center = pmul(c.center, p);
         c.radius = geo_mul(c.radius, geo_hypot(p.x, p.y));
         o.t(circle_text(c));
       }},
      {"circle_div_pt", [](const Out& o, Args a) {
         auto c = C(a[0]); auto p = P(a[1]);
         c.center = pdiv(c.center, p);
         c.radius = geo_div(c.radius, geo_hypot(p.x, p.y));
         o.t(circle_text(c));
       }},
      {"circle_box", [](const Out& o, Args a) {
         auto c = C(a[0]);
         double d = geo_div(c.radius, std::sqrt(2.0));
         o.t(box_text({{geo_pl(c.center.x, d), geo_pl(c.center.y, d)}, {geo_mi(c.center.x, d), geo_mi(c.center.y, d)}}));
       }},
      {"circle_poly", [](const Out& o, Args a) { o.t(polygon_text(circle_poly(sqlite3_value_int64(a[0]), C(a[1])))); }},
      {"circle_poly12", [](const Out& o, Args a) { o.t(polygon_text(circle_poly(12, C(a[0])))); }},
      // polygon
      {"poly_overlap", [](const Out& o, Args a) { o.b(poly_overlap(PG(a[0]), PG(a[1]))); }},
      {"poly_left", [](const Out& o, Args a) { o.b(PG(a[0]).bound.high.x < PG(a[1]).bound.low.x); }},
      {"poly_overleft", [](const Out& o, Args a) { o.b(PG(a[0]).bound.high.x <= PG(a[1]).bound.high.x); }},
      {"poly_right", [](const Out& o, Args a) { o.b(PG(a[0]).bound.low.x > PG(a[1]).bound.high.x); }},
      {"poly_overright", [](const Out& o, Args a) { o.b(PG(a[0]).bound.low.x >= PG(a[1]).bound.low.x); }},
      {"poly_below", [](const Out& o, Args a) { o.b(PG(a[0]).bound.high.y < PG(a[1]).bound.low.y); }},
      {"poly_overbelow", [](const Out& o, Args a) { o.b(PG(a[0]).bound.high.y <= PG(a[1]).bound.high.y); }},
      {"poly_above", [](const Out& o, Args a) { o.b(PG(a[0]).bound.low.y > PG(a[1]).bound.high.y); }},
      {"poly_overabove", [](const Out& o, Args a) { o.b(PG(a[0]).bound.low.y >= PG(a[1]).bound.low.y); }},
      {"poly_npoints", [](const Out& o, Args a) { o.i(int64_t(PG(a[0]).p.size())); }},
      {"poly_center", [](const Out& o, Args a) { o.t(point_text(poly_circle(PG(a[0])).center)); }},
      {"poly_circle", [](const Out& o, Args a) { o.t(circle_text(poly_circle(PG(a[0])))); }},
      {"poly_box", [](const Out& o, Args a) { o.t(box_text(PG(a[0]).bound)); }},
      {"poly_path", [](const Out& o, Args a) { GeoPath p; p.closed = true; p.p = PG(a[0]).p; o.t(path_text(p)); }},
      // path
      {"path_npoints", [](const Out& o, Args a) { o.i(int64_t(PA(a[0]).p.size())); }},
      {"path_isclosed", [](const Out& o, Args a) { o.b(PA(a[0]).closed); }},
      {"path_isopen", [](const Out& o, Args a) { o.b(!PA(a[0]).closed); }},
      {"path_close", [](const Out& o, Args a) { auto p = PA(a[0]); p.closed = true; o.t(path_text(p)); }},
      {"path_open", [](const Out& o, Args a) { auto p = PA(a[0]); p.closed = false; o.t(path_text(p)); }},
      {"path_length", [](const Out& o, Args a) { o.f(path_length(PA(a[0]))); }},
      {"path_poly", [](const Out& o, Args a) {
         auto p = PA(a[0]);
         if (!p.closed) throw PgError("22023", "open path cannot be converted to polygon");
         o.t(polygon_text(polygon_make(p.p)));
       }},
      {"path_n_lt", [](const Out& o, Args a) { o.b(PA(a[0]).p.size() < PA(a[1]).p.size()); }},
      {"path_n_gt", [](const Out& o, Args a) { o.b(PA(a[0]).p.size() > PA(a[1]).p.size()); }},
      {"path_n_eq", [](const Out& o, Args a) { o.b(PA(a[0]).p.size() == PA(a[1]).p.size()); }},
      {"path_n_le", [](const Out& o, Args a) { o.b(PA(a[0]).p.size() <= PA(a[1]).p.size()); }},
      {"path_n_ge", [](const Out& o, Args a) { o.b(PA(a[0]).p.size() >= PA(a[1]).p.size()); }},
      {"path_add_pt", [](const Out& o, Args a) { auto p = PA(a[0]); auto q = P(a[1]); for (auto& x : p.p) x = padd(x, q); o.t(path_text(p)); }},
      {"path_sub_pt", [](const Out& o, Args a) { auto p = PA(a[0]); auto q = P(a[1]); for (auto& x : p.p) x = psub(x, q); o.t(path_text(p)); }},
      {"path_mul_pt", [](const Out& o, Args a) { auto p = PA(a[0]); auto q = P(a[1]); for (auto& x : p.p) x = pmul(x, q); o.t(path_text(p)); }},
      {"path_div_pt", [](const Out& o, Args a) { auto p = PA(a[0]); auto q = P(a[1]); for (auto& x : p.p) x = pdiv(x, q); o.t(path_text(p)); }},
      // lseg
      {"lseg_construct", [](const Out& o, Args a) { o.t(lseg_text({{P(a[0]), P(a[1])}})); }},
      {"lseg_length", [](const Out& o, Args a) { auto l = L(a[0]); o.f(point_dt(l.p[0], l.p[1])); }},
      {"lseg_center", [](const Out& o, Args a) { o.t(point_text(lseg_center(L(a[0])))); }},
      {"lseg_eq", [](const Out& o, Args a) { auto x = L(a[0]), y = L(a[1]); o.b(point_eq(x.p[0], y.p[0]) && point_eq(x.p[1], y.p[1])); }},
      {"lseg_ne", [](const Out& o, Args a) { auto x = L(a[0]), y = L(a[1]); o.b(!point_eq(x.p[0], y.p[0]) || !point_eq(x.p[1], y.p[1])); }},
      {"lseg_vertical", [](const Out& o, Args a) { auto l = L(a[0]); o.b(FPeq(l.p[0].x, l.p[1].x)); }},
      {"lseg_horizontal", [](const Out& o, Args a) { auto l = L(a[0]); o.b(FPeq(l.p[0].y, l.p[1].y)); }},
      {"lseg_intersect", [](const Out& o, Args a) { o.b(lseg_interpt_lseg(nullptr, L(a[0]), L(a[1]))); }},
      {"lseg_interpt", [](const Out& o, Args a) {
         GeoPoint r;
         if (!lseg_interpt_lseg(&r, L(a[0]), L(a[1]))) return o.null();
         o.t(point_text(r));
       }},
      // line
      {"line_construct_pp", [](const Out& o, Args a) {
         auto p = P(a[0]), q = P(a[1]);
         if (point_eq(p, q)) throw PgError("22023", "invalid line specification: must be two distinct points");
         o.t(line_text(line_construct(p, point_sl(p, q))));
       }},
      {"line_vertical", [](const Out& o, Args a) { o.b(FPzero(LN(a[0]).B)); }},
      {"line_horizontal", [](const Out& o, Args a) { o.b(FPzero(LN(a[0]).A)); }},
      {"line_interpt", [](const Out& o, Args a) {
         GeoPoint r;
         if (!line_interpt_line(&r, LN(a[0]), LN(a[1]))) return o.null();
         o.t(point_text(r));
       }},
      {"line_intersect", [](const Out& o, Args a) { o.b(line_interpt_line(nullptr, LN(a[0]), LN(a[1]))); }},
      // polygon containment and sameness, point on path, line equality
      {"poly_contain", [](const Out& o, Args a) { o.b(poly_contain_poly(PG(a[0]), PG(a[1]))); }},
      {"poly_contained", [](const Out& o, Args a) { o.b(poly_contain_poly(PG(a[1]), PG(a[0]))); }},
      {"poly_same", [](const Out& o, Args a) {
         auto x = PG(a[0]), y = PG(a[1]);
         o.b(x.p.size() == y.p.size() && plist_same(x.p, y.p));
       }},
      {"on_ppath", [](const Out& o, Args a) { o.b(on_ppath(P(a[0]), PA(a[1]))); }},
      {"line_eq", [](const Out& o, Args a) { o.b(line_eq(LN(a[0]), LN(a[1]))); }},
  };
  return t;
}

// Subscripts of point (float8 x/y), box and lseg (points): out of range gives NULL.
void geo_subscript(const Out& o, Args a) {
  int64_t type = sqlite3_value_int64(a[1]);
  int64_t i = sqlite3_value_int64(a[2]);
  if (i < 0 || i > 1) return o.null();
  std::string s = text_of(a[0]);
  if (type == oid::kPoint) {
    GeoPoint p = point_parse(s);
    return o.f(i == 0 ? p.x : p.y);
  }
  if (type == oid::kBox) {
    GeoBox b = box_parse(s);
    return o.t(point_text(i == 0 ? b.high : b.low));
  }
  if (type == oid::kLseg) return o.t(point_text(lseg_parse(s).p[i]));
  if (type == oid::kLine) {
    return o.null();
  }
  o.null();
}

void pg_geo(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  guarded(ctx, [&] {
    for (int i = 1; i < argc; i++)
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    std::string name = text_of(argv[0]);
    Out o{ctx};
    if (name == "subscript") return geo_subscript(o, argv + 1);
    auto it = table().find(name);
    if (it == table().end()) unsupported("geometric function " + name);
    it->second(o, argv + 1);
  });
}

}  // namespace

void register_geo_functions(sqlite3* db, RuntimeContext* rc) {
  sqlite3_create_function_v2(db, "pg_geo", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, rc, pg_geo, nullptr, nullptr, nullptr);
}

}  // namespace pgmicro
