#include "services/reports/duplicate_finder.h"

#include <chrono>
#include <cmath>

#include "common/sealing_keys.h"
#include "services/reports/report_facts.h"

namespace phum::server::reports {

namespace {

struct FormFields {
  const char* form;
  const char* name;
  const char* sex;
  const char* age;
  const char* day;
};

constexpr FormFields kPersonForms[] = {
    {kReturneeForm, "full_name", "sex", "age", "registration_date"},
    {kTraffickingForm, "prs_Name", "prs_Gender", "victim_age", "report_date"}};

const FormFields* fieldsOf(const std::string& formId) {
  for (const auto& fields : kPersonForms) {
    if (formId == fields.form) return &fields;
  }
  return nullptr;
}

// The registration's day; the day it was made when its date answer is not a date.
std::int64_t dayNumber(const phum::v1::Record& record, const char* field) {
  const std::string day = recordDay(record, field);
  if (day.size() != 10) return record.created_at_ms() / 86400000;
  const auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (day[i] < '0' || day[i] > '9') return -1;
      value = value * 10 + (day[i] - '0');
    }
    return value;
  };
  const std::chrono::year_month_day date{std::chrono::year(digits(0, 4)),
                                         std::chrono::month(static_cast<unsigned>(digits(5, 2))),
                                         std::chrono::day(static_cast<unsigned>(digits(8, 2)))};
  if (digits(0, 4) < 0 || !date.ok()) {
    return record.created_at_ms() / 86400000;
  }
  return std::chrono::sys_days(date).time_since_epoch().count();
}

// A name as typed holds the Khmer script and, often, the Latin spelling ("សុខ ដារ៉ា (Sok Dara)"):
// the non-ASCII letters are the Khmer name, the ASCII ones the Latin spelling.
void splitName(const std::string& name, PersonSketch& sketch) {
  for (const char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      sketch.nameKhmer.push_back(c);
    } else {
      sketch.nameLatin.push_back(c);
    }
  }
  if (latinNameKey(sketch.nameLatin).empty()) sketch.nameLatin.clear();
  if (khmerNameKey(sketch.nameKhmer).empty()) sketch.nameKhmer.clear();
}

// The share of the rules that can match (names in two scripts, sex, age, village, window).
std::int64_t scoreOf(const DuplicateVerdict& verdict) {
  return std::lround(100.0 * static_cast<double>(verdict.reasons.size()) / 6.0);
}

std::string joined(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& reason : reasons) out += (out.empty() ? "" : ",") + reason;
  return out;
}

}  // namespace

std::optional<PersonSketch> sketchOf(const phum::v1::Record& record) {
  const FormFields* fields = fieldsOf(record.form_id());
  if (!fields) return std::nullopt;
  const auto& answers = record.answers();
  PersonSketch sketch;
  splitName(answerText(answers, fields->name), sketch);
  sketch.sex = sexKey(answerText(answers, fields->sex));
  sketch.age = static_cast<int>(answerNumber(answers, fields->age));
  sketch.village = answerText(answers, "origin_village");
  sketch.day = dayNumber(record, fields->day);
  return sketch;
}

void findLikelyDuplicates(storage::Transaction& tx, const phum::v1::Record& record,
                          SealingKeys& keys, std::int64_t nowMs, const DuplicateRules& rules) {
  if (!fieldsOf(record.form_id())) return;
  phum::v1::Record opened = record;
  const bool named = keys.open(opened);
  const auto mine = sketchOf(opened);
  auto& reports = tx.reports();
  const storage::PersonKey key{record.uuid(), record.revision(),     record.form_id(),
                               mine->sex,     mine->village,         mine->day,
                               mine->age,     record.location_code()};
  reports.replacePersonKey(key);
  if (!named || mine->village.empty() || mine->sex == "other") return;
  for (const auto& other : reports.personKeysNear(key, rules.windowDays)) {
    auto stored = tx.records().find(other.uuid, other.revision);
    if (!stored || !keys.open(*stored)) continue;
    const auto theirs = sketchOf(*stored);
    if (!theirs) continue;
    const auto verdict = compareSketches(*mine, *theirs, rules);
    if (!verdict.likely) continue;
    storage::DuplicatePair pair;
    const bool mineFirst = key.uuid < other.uuid;
    pair.uuidA = mineFirst ? key.uuid : other.uuid;
    pair.uuidB = mineFirst ? other.uuid : key.uuid;
    pair.revisionA = mineFirst ? key.revision : other.revision;
    pair.revisionB = mineFirst ? other.revision : key.revision;
    pair.locationA = mineFirst ? key.location : other.location;
    pair.locationB = mineFirst ? other.location : key.location;
    pair.formId = record.form_id();
    pair.score = scoreOf(verdict);
    pair.rules = joined(verdict.reasons);
    pair.foundAtMs = nowMs;
    reports.recordDuplicatePair(pair);
  }
}

}  // namespace phum::server::reports
