#include "services/reports/duplicate_finder.h"

#include <chrono>
#include <cmath>
#include <set>

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

storage::DuplicatePair pairOf(const storage::PersonKey& mine, const storage::PersonKey& other,
                              const DuplicateVerdict& verdict, std::int64_t nowMs) {
  const bool mineFirst = mine.uuid < other.uuid;
  const storage::PersonKey& first = mineFirst ? mine : other;
  const storage::PersonKey& second = mineFirst ? other : mine;
  storage::DuplicatePair pair;
  pair.uuidA = first.uuid;
  pair.uuidB = second.uuid;
  pair.revisionA = first.revision;
  pair.revisionB = second.revision;
  pair.locationA = first.location;
  pair.locationB = second.location;
  pair.formId = mine.formId;
  pair.score = scoreOf(verdict);
  pair.rules = joined(verdict.reasons);
  pair.foundAtMs = nowMs;
  return pair;
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
  auto& reports = tx.reports();
  const auto keyed = reports.personKeyRevision(record.uuid());
  // An older revision read after a newer one changes nothing.
  if (keyed && *keyed > record.revision()) return;
  phum::v1::Record opened = record;
  const bool named = keys.open(opened);
  const auto mine = sketchOf(opened);
  const storage::PersonKey key{record.uuid(), record.revision(),     record.form_id(),
                               mine->sex,     mine->village,         mine->day,
                               mine->age,     record.location_code()};
  reports.replacePersonKey(key);
  // Without names nothing can be compared: the record's pairs stay as they were.
  if (!named) return;
  std::set<std::string> matched;
  if (!mine->village.empty() && mine->sex != "other") {
    for (const auto& other : reports.personKeysNear(key, rules.windowDays)) {
      auto stored = tx.records().find(other.uuid, other.revision);
      if (!stored || !keys.open(*stored)) continue;
      const auto theirs = sketchOf(*stored);
      if (!theirs) continue;
      const auto verdict = compareSketches(*mine, *theirs, rules);
      if (!verdict.likely) continue;
      reports.recordDuplicatePair(pairOf(key, other, verdict, nowMs));
      matched.insert(other.uuid);
    }
  }
  // A record read before (a newer revision now) may no longer match the records it was paired
  // with: those open pairs go. A reviewer's decision stays, whatever changed since.
  if (!keyed) return;
  for (const auto& pair : reports.duplicatePairsOf(record.uuid())) {
    const std::string& other = pair.uuidA == record.uuid() ? pair.uuidB : pair.uuidA;
    if (pair.state == "open" && !matched.contains(other)) reports.deleteDuplicatePair(pair.id);
  }
}

}  // namespace phum::server::reports
