// The geometric types point, lseg, line, box, path, polygon and circle (PostgreSQL's
// geo_ops.c): text input with PostgreSQL's spellings and 22P02 errors, output with float8out's
// rules, and the geometry the operators need (fuzzy comparisons with EPSILON 1e-6, float8
// arithmetic with overflow/underflow errors). Stored as the output text with shortest
// round-trip digits (docs/storage-format.md); runtime/geo_functions.cpp is the SQL side.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "types/types.h"

namespace pgmicro {

struct GeoPoint { double x = 0, y = 0; };
struct GeoBox { GeoPoint high, low; };
struct GeoLseg { GeoPoint p[2]; };
struct GeoLine { double A = 0, B = 0, C = 0; };
struct GeoPath { bool closed = false; std::vector<GeoPoint> p; };
struct GeoPolygon { std::vector<GeoPoint> p; GeoBox bound; };
struct GeoCircle { GeoPoint center; double radius = 0; };

bool is_geo_type(Oid type);
// Input of any geometric type to its storage text (22P02/22003 errors as PostgreSQL's).
std::string geo_input(Oid type, std::string_view text);
// Storage text to output text under the session's extra_float_digits.
void geo_output(Oid type, std::string_view stored, std::string& out);

GeoPoint point_parse(std::string_view s);
GeoBox box_parse(std::string_view s);
GeoLseg lseg_parse(std::string_view s);
GeoLine line_parse(std::string_view s);
GeoPath path_parse(std::string_view s);
GeoPolygon polygon_parse(std::string_view s);
GeoCircle circle_parse(std::string_view s);

// Output text; shortest = storage form (extra_float_digits 1 whatever the session says).
std::string point_text(const GeoPoint& p, bool shortest = true);
std::string box_text(const GeoBox& b, bool shortest = true);
std::string lseg_text(const GeoLseg& l, bool shortest = true);
std::string line_text(const GeoLine& l, bool shortest = true);
std::string path_text(const GeoPath& p, bool shortest = true);
std::string polygon_text(const GeoPolygon& p, bool shortest = true);
std::string circle_text(const GeoCircle& c, bool shortest = true);

// float8 arithmetic with PostgreSQL's overflow/underflow/division-by-zero errors.
double geo_pl(double a, double b);
double geo_mi(double a, double b);
double geo_mul(double a, double b);
double geo_div(double a, double b);
double geo_hypot(double x, double y);
// Fuzzy comparisons (geo_decls.h).
bool FPzero(double a);
bool FPeq(double a, double b);
bool FPlt(double a, double b);
bool FPle(double a, double b);
bool FPgt(double a, double b);
bool FPge(double a, double b);

bool point_eq(const GeoPoint& a, const GeoPoint& b);
double point_dt(const GeoPoint& a, const GeoPoint& b);
double point_sl(const GeoPoint& a, const GeoPoint& b);
GeoBox box_make(GeoPoint a, GeoPoint b);  // corners sorted
GeoPolygon polygon_make(std::vector<GeoPoint> pts);
GeoLine line_construct(const GeoPoint& pt, double m);
bool line_interpt_line(GeoPoint* result, const GeoLine& l1, const GeoLine& l2);
bool lseg_contain_point(const GeoLseg& l, const GeoPoint& pt);
bool lseg_interpt_line(GeoPoint* result, const GeoLseg& l, const GeoLine& line);
bool lseg_interpt_lseg(GeoPoint* result, const GeoLseg& l1, const GeoLseg& l2);
double line_closept_point(GeoPoint* result, const GeoLine& line, const GeoPoint& pt);
double lseg_closept_point(GeoPoint* result, const GeoLseg& l, const GeoPoint& pt);
// 0 outside, 1 inside, 2 on the boundary.
int point_inside(const GeoPoint& p, const std::vector<GeoPoint>& plist);
bool box_ov(const GeoBox& a, const GeoBox& b);
bool box_contain_box(const GeoBox& outer, const GeoBox& inner);
bool box_contain_point(const GeoBox& b, const GeoPoint& p);
bool poly_overlap(const GeoPolygon& a, const GeoPolygon& b);
double dist_ppoly(const GeoPoint& pt, const GeoPolygon& poly);
double box_area(const GeoBox& b);
GeoPoint box_center(const GeoBox& b);

}  // namespace pgmicro
