#include "forms/engine/answer_codec.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "forms/expr/evaluator.h"

namespace phum::forms::engine {
namespace {

using phum::v1::FieldType;
namespace ft = phum::v1;

// Built by appending: GCC 12 -O3 misreports `"'" + std::string` as overlapping memcpy. A long
// answer is cut (at a character boundary) so a rejection does not echo megabytes back.
std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 60;
  std::string out(1, '\'');
  if (text.size() <= kShown) {
    out.append(text);
  } else {
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(0, cut));
    out.append("…");
  }
  out.push_back('\'');
  return out;
}

bool isTime(std::string_view text) {
  // HH:MM, HH:MM:SS, optional fraction and zone; checked loosely beyond the clock digits.
  if (text.size() < 5 || text[2] != ':') return false;
  auto two = [&](std::size_t at) {
    return at + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) &&
           std::isdigit(static_cast<unsigned char>(text[at + 1]));
  };
  if (!two(0) || !two(3)) return false;
  int hour = std::atoi(std::string(text.substr(0, 2)).c_str());
  int minute = std::atoi(std::string(text.substr(3, 2)).c_str());
  return hour < 24 && minute < 60;
}

DecodedAnswer checkNumber(FieldType type, std::string_view raw) {
  std::string text = expr::normalizeDigits(raw);
  auto number = expr::parseNumber(text);
  if (!number) {
    return {"", quoted(raw) + (type == ft::FIELD_TYPE_INTEGER ? " is not a whole number"
                                                              : " is not a number")};
  }
  if (type == ft::FIELD_TYPE_INTEGER) {
    if (*number != std::floor(*number) || std::fabs(*number) > 9.0e15) {
      return {"", quoted(raw) + " is not a whole number"};
    }
    return {expr::formatNumber(*number), ""};
  }
  return {expr::formatNumber(*number), ""};
}

DecodedAnswer checkGeopoint(double lat, double lon, double alt, double acc) {
  if (!std::isfinite(lat) || lat < -90 || lat > 90) {
    return {"", "latitude " + expr::formatNumber(lat) + " is outside -90..90"};
  }
  if (!std::isfinite(lon) || lon < -180 || lon > 180) {
    return {"", "longitude " + expr::formatNumber(lon) + " is outside -180..180"};
  }
  if (!std::isfinite(alt) || !std::isfinite(acc) || acc < 0) {
    return {"", "the GPS altitude or accuracy is not a valid measurement"};
  }
  return {expr::formatNumber(lat) + " " + expr::formatNumber(lon) + " " + expr::formatNumber(alt) +
              " " + expr::formatNumber(acc),
          ""};
}

bool integralScale(const phum::v1::RangeScale& scale) {
  return scale.start() == std::floor(scale.start()) && scale.end() == std::floor(scale.end()) &&
         scale.step() == std::floor(scale.step());
}

// A range answer: a number of the scale, i.e. between start and end and on one of its steps.
DecodedAnswer checkRange(const phum::v1::Field& field, std::string_view raw) {
  const phum::v1::RangeScale& scale = field.range();
  DecodedAnswer number =
      checkNumber(integralScale(scale) ? ft::FIELD_TYPE_INTEGER : ft::FIELD_TYPE_DECIMAL, raw);
  if (!number.error.empty()) return number;
  const double value = *expr::parseNumber(number.text);
  const double low = std::min(scale.start(), scale.end());
  const double high = std::max(scale.start(), scale.end());
  const std::string scaleText =
      expr::formatNumber(scale.start()) + " to " + expr::formatNumber(scale.end());
  if (value < low || value > high) {
    return {"", quoted(raw) + " is outside the scale " + scaleText};
  }
  if (scale.step() > 0) {
    const double steps = (value - scale.start()) / scale.step();
    if (std::fabs(steps - std::round(steps)) > 1e-6) {
      return {"", quoted(raw) + " is not a point of the scale " + scaleText + " in steps of " +
                      expr::formatNumber(scale.step())};
    }
  }
  return number;
}

std::string joinedChoices(std::string_view text) {
  std::string joined;
  for (const auto& name : expr::splitSelected(text)) joined += (joined.empty() ? "" : " ") + name;
  return joined;
}

std::string kindName(const phum::v1::Value& value) {
  switch (value.kind_case()) {
    case phum::v1::Value::kText:
      return "text";
    case phum::v1::Value::kInteger:
      return "a whole number";
    case phum::v1::Value::kDecimal:
      return "a decimal number";
    case phum::v1::Value::kChoices:
      return "a list of choices";
    case phum::v1::Value::kGeopoint:
      return "a GPS point";
    case phum::v1::Value::kAttachment:
      return "an attachment";
    case phum::v1::Value::kAcknowledged:
      return "an acknowledgement";
    default:
      return "an empty value";
  }
}

}  // namespace

bool holdsAnswer(FieldType type) {
  return type != ft::FIELD_TYPE_GROUP && type != ft::FIELD_TYPE_REPEAT &&
         type != ft::FIELD_TYPE_NOTE;
}

DecodedAnswer decodeText(const phum::v1::Field& field, std::string_view text) {
  if (text.empty()) return {"", ""};
  switch (field.type()) {
    case ft::FIELD_TYPE_INTEGER:
    case ft::FIELD_TYPE_DECIMAL:
      return checkNumber(field.type(), text);
    case ft::FIELD_TYPE_DATE:
    case ft::FIELD_TYPE_TODAY:
      if (!expr::isIsoDate(text)) return {"", quoted(text) + " is not a date (YYYY-MM-DD)"};
      return {std::string(text), ""};
    case ft::FIELD_TYPE_DATETIME:
    case ft::FIELD_TYPE_START:
    case ft::FIELD_TYPE_END:
      if (!expr::parseIsoDateTime(text)) {
        return {"", quoted(text) + " is not a date and time (YYYY-MM-DDTHH:MM:SS)"};
      }
      return {std::string(text), ""};
    case ft::FIELD_TYPE_TIME:
      if (!isTime(text)) return {"", quoted(text) + " is not a time of day (HH:MM)"};
      return {std::string(text), ""};
    case ft::FIELD_TYPE_GEOPOINT: {
      double p[4] = {0, 0, 0, 0};
      int read =
          std::sscanf(std::string(text).c_str(), "%lf %lf %lf %lf", &p[0], &p[1], &p[2], &p[3]);
      if (read < 2) return {"", quoted(text) + " is not a GPS point (latitude longitude)"};
      return checkGeopoint(p[0], p[1], p[2], p[3]);
    }
    case ft::FIELD_TYPE_SELECT_MULTIPLE:
    case ft::FIELD_TYPE_RANK:
      return {joinedChoices(text), ""};
    case ft::FIELD_TYPE_RANGE:
      return checkRange(field, text);
    default:
      return {std::string(text), ""};
  }
}

DecodedAnswer decodeAnswer(const phum::v1::Field& field, const phum::v1::Value& value) {
  using V = phum::v1::Value;
  const auto kind = value.kind_case();
  const FieldType type = field.type();
  auto wrongKind = [&]() {
    return DecodedAnswer{"",
                         "the answer is " + kindName(value) + ", which does not fit this question"};
  };
  if (kind == V::KIND_NOT_SET) return {"", ""};
  switch (type) {
    case ft::FIELD_TYPE_INTEGER:
    case ft::FIELD_TYPE_DECIMAL:
      if (kind == V::kInteger) return {std::to_string(value.integer()), ""};
      if (kind == V::kDecimal) {
        if (!std::isfinite(value.decimal())) return {"", "the number is not finite"};
        return checkNumber(type, expr::formatNumber(value.decimal()));
      }
      if (kind == V::kText) return checkNumber(type, value.text());
      return wrongKind();
    case ft::FIELD_TYPE_RANGE:
      if (kind == V::kInteger) return checkRange(field, std::to_string(value.integer()));
      if (kind == V::kDecimal) {
        if (!std::isfinite(value.decimal())) return {"", "the number is not finite"};
        return checkRange(field, expr::formatNumber(value.decimal()));
      }
      if (kind == V::kText) return checkRange(field, value.text());
      return wrongKind();
    case ft::FIELD_TYPE_SELECT_MULTIPLE:
    case ft::FIELD_TYPE_RANK: {
      if (kind == V::kText) return decodeText(field, value.text());
      if (kind != V::kChoices) return wrongKind();
      std::string joined;
      for (const auto& name : value.choices().items()) {
        if (name.empty() || name.find(' ') != std::string::npos) {
          return {"", quoted(name) + " is not a valid choice name"};
        }
        joined += (joined.empty() ? "" : " ") + name;
      }
      return {joined, ""};
    }
    case ft::FIELD_TYPE_GEOPOINT:
      if (kind != V::kGeopoint) return wrongKind();
      return checkGeopoint(value.geopoint().latitude(), value.geopoint().longitude(),
                           value.geopoint().altitude_m(), value.geopoint().accuracy_m());
    case ft::FIELD_TYPE_IMAGE:
      if (kind != V::kAttachment) return wrongKind();
      return {value.attachment(), ""};
    case ft::FIELD_TYPE_ACKNOWLEDGE:
      if (kind == V::kAcknowledged) return {value.acknowledged() ? "OK" : "", ""};
      if (kind == V::kText) return {value.text(), ""};
      return wrongKind();
    case ft::FIELD_TYPE_CALCULATE:
      if (kind == V::kInteger) return {std::to_string(value.integer()), ""};
      if (kind == V::kDecimal) return {expr::formatNumber(value.decimal()), ""};
      if (kind == V::kText) return {value.text(), ""};
      return wrongKind();
    default:
      if (kind != V::kText) return wrongKind();
      return decodeText(field, value.text());
  }
}

phum::v1::Value encodeAnswer(const phum::v1::Field& field, std::string_view text) {
  phum::v1::Value value;
  switch (field.type()) {
    case ft::FIELD_TYPE_INTEGER:
      value.set_integer(std::strtoll(std::string(text).c_str(), nullptr, 10));
      break;
    case ft::FIELD_TYPE_DECIMAL:
      value.set_decimal(std::strtod(std::string(text).c_str(), nullptr));
      break;
    case ft::FIELD_TYPE_RANGE:
      if (integralScale(field.range())) {
        value.set_integer(std::strtoll(std::string(text).c_str(), nullptr, 10));
      } else {
        value.set_decimal(std::strtod(std::string(text).c_str(), nullptr));
      }
      break;
    case ft::FIELD_TYPE_SELECT_MULTIPLE:
    case ft::FIELD_TYPE_RANK:
      for (const auto& name : expr::splitSelected(text)) value.mutable_choices()->add_items(name);
      break;
    case ft::FIELD_TYPE_GEOPOINT: {
      double p[4] = {0, 0, 0, 0};
      std::sscanf(std::string(text).c_str(), "%lf %lf %lf %lf", &p[0], &p[1], &p[2], &p[3]);
      auto* point = value.mutable_geopoint();
      point->set_latitude(p[0]);
      point->set_longitude(p[1]);
      point->set_altitude_m(p[2]);
      point->set_accuracy_m(p[3]);
      break;
    }
    case ft::FIELD_TYPE_IMAGE:
      value.set_attachment(std::string(text));
      break;
    case ft::FIELD_TYPE_ACKNOWLEDGE:
      value.set_acknowledged(text == "OK");
      break;
    default:
      value.set_text(std::string(text));
  }
  return value;
}

expr::Value typedValue(FieldType type, const std::string& text) {
  if (text.empty()) return expr::Value();
  switch (type) {
    case ft::FIELD_TYPE_INTEGER:
    case ft::FIELD_TYPE_DECIMAL:
    case ft::FIELD_TYPE_RANGE:
      if (auto n = expr::parseNumber(text)) return expr::Value::number(*n);
      return expr::Value::string(text);
    case ft::FIELD_TYPE_DATE:
    case ft::FIELD_TYPE_TODAY:
      if (auto d = expr::parseIsoDate(text)) return expr::Value::date(*d);
      return expr::Value::string(text);
    default:
      return expr::Value::string(text);
  }
}

}  // namespace phum::forms::engine
