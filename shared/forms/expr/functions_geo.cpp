// Geographic functions of ODK's XPath: area(), distance() and geofence() on geopoint, geotrace
// and geoshape answers ("lat lon [alt [accuracy]]", points separated by ';'). The Earth is a
// sphere of ODK's equatorial radius, so results agree with ODK Collect's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>

#include "forms/expr/functions_internal.h"

namespace phum::forms::expr::detail {
namespace {

constexpr double kEarthRadiusMeters = 6378100.0;

struct LatLon {
  double lat = 0, lon = 0;
};

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

std::optional<LatLon> parsePoint(std::string_view text) {
  const std::string copy(text);
  LatLon point;
  int consumed = 0;
  if (std::sscanf(copy.c_str(), " %lf %lf%n", &point.lat, &point.lon, &consumed) != 2) {
    return std::nullopt;
  }
  double extra = 0;
  int more = 0;
  // Altitude and accuracy may follow; anything else is not a point.
  while (std::sscanf(copy.c_str() + consumed, " %lf%n", &extra, &more) == 1) consumed += more;
  while (consumed < static_cast<int>(copy.size()) &&
         copy[static_cast<std::size_t>(consumed)] == ' ')
    ++consumed;
  if (consumed != static_cast<int>(copy.size())) return std::nullopt;
  if (!std::isfinite(point.lat) || !std::isfinite(point.lon) || std::fabs(point.lat) > 90 ||
      std::fabs(point.lon) > 180) {
    return std::nullopt;
  }
  return point;
}

[[noreturn]] void notCoordinates(std::string_view function, std::string_view text) {
  std::string shown(text.substr(0, 60));
  throw EvalError(std::string(function) + "() received '" + shown +
                  "', which is not GPS coordinates (latitude longitude)");
}

// Points of one geotrace/geoshape text; an empty text has none.
std::vector<LatLon> parseShape(std::string_view function, std::string_view text) {
  std::vector<LatLon> points;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(start, end - start);
    if (part.find_first_not_of(" \t") != std::string_view::npos) {
      auto point = parsePoint(part);
      if (!point) notCoordinates(function, part);
      points.push_back(*point);
    }
    start = end + 1;
  }
  return points;
}

// One shape argument, or several geopoints (arguments, or a node-set with one per repeat
// instance).
std::vector<LatLon> pointsOf(std::string_view function, const Args& args) {
  const std::vector<std::string> values = flattenStrings(args);
  if (values.size() == 1) return parseShape(function, values.front());
  std::vector<LatLon> points;
  for (const std::string& value : values) {
    if (value.empty()) return {};  // a point not captured yet: no result until it is
    auto point = parsePoint(value);
    if (!point) notCoordinates(function, value);
    points.push_back(*point);
  }
  return points;
}

double distanceBetween(const LatLon& a, const LatLon& b) {
  const double cosine =
      std::sin(radians(a.lat)) * std::sin(radians(b.lat)) +
      std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::cos(radians(a.lon - b.lon));
  return std::acos(std::clamp(cosine, -1.0, 1.0)) * kEarthRadiusMeters;
}

double pathLength(const std::vector<LatLon>& points) {
  double total = 0;
  for (std::size_t i = 1; i < points.size(); ++i)
    total += distanceBetween(points[i - 1], points[i]);
  return total;
}

// Shoelace formula on a local projection around the first point (metres east and north).
double enclosedArea(const std::vector<LatLon>& points) {
  if (points.size() < 3) return 0;
  const double metresPerDegree = 2 * std::numbers::pi * kEarthRadiusMeters / 360.0;
  std::vector<std::pair<double, double>> xy;
  for (const LatLon& p : points) {
    xy.emplace_back((p.lon - points[0].lon) * metresPerDegree * std::cos(radians(p.lat)),
                    (p.lat - points[0].lat) * metresPerDegree);
  }
  double twice = 0;
  for (std::size_t i = 0; i < xy.size(); ++i) {
    const auto& [x1, y1] = xy[i];
    const auto& [x2, y2] = xy[(i + 1) % xy.size()];
    twice += x1 * y2 - x2 * y1;
  }
  return std::fabs(twice) / 2;
}

// Ray casting: a horizontal ray from the point crosses the shape's edges an odd number of times
// when the point is inside.
bool insideShape(const LatLon& point, const std::vector<LatLon>& shape) {
  bool inside = false;
  for (std::size_t i = 0, j = shape.size() - 1; i < shape.size(); j = i++) {
    const LatLon& a = shape[i];
    const LatLon& b = shape[j];
    if ((a.lat > point.lat) != (b.lat > point.lat) &&
        point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

}  // namespace

Value callGeo(Function function, const Args& a) {
  const double nan = std::nan("");
  switch (function) {
    case Function::Area: {
      const auto points = pointsOf("area", a);
      return Value::number(points.empty() ? nan : enclosedArea(points));
    }
    case Function::Distance: {
      const auto points = pointsOf("distance", a);
      return Value::number(points.empty() ? nan : pathLength(points));
    }
    case Function::Geofence: {
      const std::string text = a[0].toString();
      const auto shape = pointsOf("geofence", Args{a[1]});
      if (text.empty() || shape.size() < 3) return Value::boolean(false);
      const auto point = parsePoint(text);
      if (!point) notCoordinates("geofence", text);
      return Value::boolean(insideShape(*point, shape));
    }
    default:
      break;
  }
  throw EvalError("internal: not a geographic function");
}

}  // namespace phum::forms::expr::detail
