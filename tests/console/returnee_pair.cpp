#include "returnee_pair.h"

#include <chrono>

#include "core/uuid.h"
#include "forms/xlsform_compiler.h"
#include "household.h"
#include "refdata/csv.h"
#include "services/reports/demo_data.h"

namespace phum::testing {

namespace {

namespace v1 = phum::v1;

std::vector<v1::ReferenceRow> referenceRows(const std::string& dataset) {
  const auto table = refdata::readCsvFile(tools::referenceDataDir() + "/" + dataset + ".csv");
  std::vector<v1::ReferenceRow> rows;
  for (const auto& record : table.records) {
    v1::ReferenceRow row;
    row.set_key(record.fields.at(0));
    for (std::size_t i = 0; i < table.header.size() && i < record.fields.size(); ++i) {
      (*row.mutable_columns())[table.header[i]] = record.fields[i];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// What the server under test has published and imported: the repository's forms and data.
server::reports::DemoInputs demoInputs() {
  server::reports::DemoInputs inputs;
  for (const auto& file : tools::missionFormFiles()) {
    auto compiled = forms::compileFormFile(file);
    if (compiled.ok()) inputs.forms[compiled.form.form_id()] = compiled.form;
  }
  inputs.gazetteer = referenceRows("gazetteer");
  inputs.crossingPoints = referenceRows("crossing_points");
  inputs.referrals = referenceRows("referral_directory");
  return inputs;
}

std::chrono::year_month_day parseDay(const std::string& day) {
  return std::chrono::year(std::stoi(day.substr(0, 4))) /
         std::chrono::month(static_cast<unsigned>(std::stoi(day.substr(5, 2)))) /
         std::chrono::day(static_cast<unsigned>(std::stoi(day.substr(8, 2))));
}

}  // namespace

v1::Value* answerValue(v1::Record& record, const std::string& name) {
  for (auto& item : *record.mutable_answers()->mutable_answers()) {
    if (item.name() == name) return item.mutable_value();
  }
  return nullptr;
}

std::string answerText(const v1::Record& record, const std::string& name) {
  for (const auto& item : record.answers().answers()) {
    if (item.name() == name) return item.value().text();
  }
  return {};
}

std::vector<v1::Record> makeReturnees(int count, const std::string& province, bool inside,
                                      const std::string& day) {
  server::reports::DemoOptions options;
  options.nowMs = 1780000000000;  // 2026-05-28
  options.seed = static_cast<std::uint32_t>(Uuid::generate().toBytes()[0]);
  server::reports::DemoGenerator generator(demoInputs(), options);
  std::vector<v1::Record> out;
  while (static_cast<int>(out.size()) < count) {
    auto record = generator.returnee();
    if (answerText(record, "full_name").empty() ||
        record.location_code().starts_with(province) != inside) {
      continue;
    }
    // Made on `day` too: the form's "today()" (no registration in the future) is the record's.
    const std::int64_t noon = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::sys_days(parseDay(day)).time_since_epoch())
                                  .count() +
                              5 * 3600 * 1000;
    record.set_created_at_ms(noon);
    record.set_updated_at_ms(noon);
    answerValue(record, "registration_date")->set_text(day);
    out.push_back(std::move(record));
  }
  return out;
}

v1::Record registeredAgain(const v1::Record& first) {
  v1::Record again = first;
  again.set_uuid(Uuid::generate().toBytes());
  again.set_author("outreach02");
  const std::string name = answerText(again, "full_name");  // "ខ្មែរ ឈ្មោះ (Family Given)"
  const auto open = name.find(" (");
  std::string khmer = name.substr(0, open);
  khmer.erase(khmer.find(' '), 1);
  const std::string latin = name.substr(open + 2, name.size() - open - 3);
  const auto space = latin.find(' ');
  answerValue(again, "full_name")
      ->set_text(khmer + " (" + latin.substr(space + 1) + " " + latin.substr(0, space) + ")");
  auto* age = answerValue(again, "age");
  age->set_integer(age->integer() + 1);
  return again;
}

}  // namespace phum::testing
