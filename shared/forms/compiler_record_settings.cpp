// Phum's own settings columns: which field files a record under a place (`location_field`) and who
// fills the form in (`roles`). Both travel in the FormDefinition, so a form published by the office
// decides them for every tablet without an app release.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

// The roles that use a tablet (phum.v1.Role, as phum-admin users add --role names them).
constexpr std::array<std::string_view, 3> kTabletRoles{"enumerator", "outreach_worker",
                                                       "counsellor"};
constexpr std::array<std::string_view, 2> kOfficeRoles{"reviewer", "administrator"};

struct Found {
  const phum::v1::Field* field = nullptr;
  bool inRepeat = false;
};

Found findField(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
                const std::string& name, bool inRepeat) {
  for (const auto& field : fields) {
    if (field.name() == name && field.type() != phum::v1::FIELD_TYPE_GROUP &&
        field.type() != phum::v1::FIELD_TYPE_REPEAT)
      return {&field, inRepeat};
    const bool repeat = inRepeat || field.type() == phum::v1::FIELD_TYPE_REPEAT;
    if (Found found = findField(field.children(), name, repeat); found.field) return found;
  }
  return {};
}

std::vector<std::string> fieldNames(const google::protobuf::RepeatedPtrField<phum::v1::Field>& in,
                                    std::vector<std::string> out = {}) {
  for (const auto& field : in) {
    out.push_back(field.name());
    out = fieldNames(field.children(), std::move(out));
  }
  return out;
}

void checkLocationField(const Settings& settings, Diagnostics& diagnostics,
                        phum::v1::FormDefinition& form) {
  const std::string& name = settings.locationField;
  if (name.empty() || settings.row == nullptr) return;
  const Location at = settings.columns->at(*settings.row, "location_field");
  const Found found = findField(form.fields(), name, false);
  if (found.field == nullptr) {
    std::string message = "location_field '" + name + "' names no question of this form";
    if (auto close = closestMatch(name, fieldNames(form.fields())))
      message += "; did you mean '" + *close + "'?";
    diagnostics.error(at, message);
    return;
  }
  if (found.inRepeat) {
    diagnostics.error(at, "location_field '" + name +
                              "' is inside a repeat, so a record would have several places; name "
                              "a question outside any repeat");
    return;
  }
  const auto type = found.field->type();
  if (type != phum::v1::FIELD_TYPE_SELECT_ONE && type != phum::v1::FIELD_TYPE_TEXT &&
      type != phum::v1::FIELD_TYPE_CALCULATE) {
    diagnostics.error(at, "location_field '" + name +
                              "' must be a select_one (e.g. select_one_from_file gazetteer.csv or "
                              "crossing_points.csv), a text or a calculate question whose answer "
                              "is a place code");
    return;
  }
  form.set_location_field(name);
}

void readRoles(const Settings& settings, Diagnostics& diagnostics, phum::v1::FormDefinition& form) {
  if (settings.roles.empty() || settings.row == nullptr) return;
  const Location at = settings.columns->at(*settings.row, "roles");
  std::string text = settings.roles;
  std::replace(text.begin(), text.end(), ',', ' ');
  std::vector<std::string> known(kTabletRoles.begin(), kTabletRoles.end());
  std::size_t start = 0;
  while ((start = text.find_first_not_of(' ', start)) != std::string::npos) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string role = toLowerAscii(text.substr(start, end - start));
    start = end;
    if (std::find(known.begin(), known.end(), role) != known.end()) {
      if (std::find(form.roles().begin(), form.roles().end(), role) == form.roles().end())
        form.add_roles(role);
    } else if (std::find(kOfficeRoles.begin(), kOfficeRoles.end(), role) != kOfficeRoles.end()) {
      diagnostics.error(at, "roles: " + role +
                                "s do not fill in forms on a tablet; name enumerator, "
                                "outreach_worker or counsellor");
    } else {
      std::string message = "roles: '" + role + "' is not a role";
      if (auto close = closestMatch(role, known)) message += "; did you mean '" + *close + "'?";
      diagnostics.error(at, message + " (enumerator, outreach_worker, counsellor)");
    }
  }
}

}  // namespace

void applyRecordSettings(const Settings& settings, Diagnostics& diagnostics,
                         phum::v1::FormDefinition& form) {
  checkLocationField(settings, diagnostics, form);
  readRoles(settings, diagnostics, form);
}

}  // namespace phum::forms::detail
