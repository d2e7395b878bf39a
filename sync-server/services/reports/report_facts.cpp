#include "services/reports/report_facts.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace phum::server::reports {

namespace {

namespace v1 = phum::v1;
using storage::FactRow;
using storage::FactTable;

const v1::Value* find(const v1::AnswerSet& set, std::string_view name) {
  for (const auto& answer : set.answers()) {
    if (answer.name() == name) return &answer.value();
  }
  return nullptr;
}

// The answer as text: a choice name, a date, a number written out; "" when unanswered.
std::string text(const v1::AnswerSet& set, std::string_view name) {
  const v1::Value* value = find(set, name);
  if (!value) return {};
  switch (value->kind_case()) {
    case v1::Value::kText:
      return value->text();
    case v1::Value::kInteger:
      return std::to_string(value->integer());
    case v1::Value::kChoices:
      return value->choices().items_size() ? value->choices().items(0) : std::string();
    default:
      return {};
  }
}

std::vector<std::string> choices(const v1::AnswerSet& set, std::string_view name) {
  const v1::Value* value = find(set, name);
  std::vector<std::string> out;
  if (!value) return out;
  if (value->kind_case() == v1::Value::kChoices) {
    for (const auto& item : value->choices().items()) out.push_back(item);
  } else if (value->kind_case() == v1::Value::kText && !value->text().empty()) {
    out.push_back(value->text());
  }
  return out;
}

std::int64_t number(const v1::AnswerSet& set, std::string_view name) {
  const v1::Value* value = find(set, name);
  if (!value) return -1;
  if (value->kind_case() == v1::Value::kInteger) return value->integer();
  if (value->kind_case() == v1::Value::kDecimal) return std::llround(value->decimal());
  if (value->kind_case() == v1::Value::kText) {
    try {
      return std::stoll(value->text());
    } catch (const std::exception&) {
      return -1;
    }
  }
  return -1;
}

// The record's day in Cambodia (UTC+7) when the form's own date is missing.
std::string createdDay(const v1::Record& record) {
  const std::int64_t days = (record.created_at_ms() + 7LL * 3600 * 1000) / 86400000;
  const auto ymd = std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days)));
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

std::string dayOf(const v1::Record& record, std::string_view field) {
  const std::string answer = text(record.answers(), field);
  return answer.size() >= 10 ? answer.substr(0, 10) : createdDay(record);
}

FactRow baseRow(const v1::Record& record, std::string day) {
  FactRow row;
  row.day = std::move(day);
  row.location = record.location_code();
  return row;
}

void members(const v1::Record& record, storage::RecordFacts& facts) {
  const std::string day = dayOf(record, "today");
  for (const auto& group : record.answers().repeats()) {
    if (group.name() != "member") continue;
    for (const auto& person : group.instances()) {
      FactRow row = baseRow(record, day);
      row.sex = sexKey(text(person, "sex"));
      row.age = number(person, "age");
      for (const char* name : {"marital_status", "education", "is_migrant", "destination",
                               "channel", "sector", "reason", "decided_by"}) {
        std::string column = name;
        if (column == "marital_status") column = "marital";
        if (column == "is_migrant") column = "migrant";
        row.text.emplace_back(column, text(person, name));
      }
      const std::int64_t year = number(person, "year_left");
      if (year > 0) row.numbers.emplace_back("year_left", year);
      facts.rows.push_back(std::move(row));
    }
  }
}

// Table 2.4: one row per household that received money (its uses as extra rows), counted under
// the destination, sector and sex of its first migrant member: the survey asks the household,
// not each migrant, how much was sent.
void remittances(const v1::Record& record, storage::RecordFacts& facts) {
  const auto& a = record.answers();
  if (text(a, "received_remittances") != "yes") return;
  FactRow row = baseRow(record, dayOf(record, "today"));
  std::string destination, sector;
  for (const auto& group : a.repeats()) {
    if (group.name() != "member") continue;
    for (const auto& person : group.instances()) {
      if (text(person, "is_migrant") != "yes" || !destination.empty()) continue;
      destination = text(person, "destination");
      sector = text(person, "sector");
      row.sex = sexKey(text(person, "sex"));
      row.age = number(person, "age");
    }
  }
  if (destination.empty()) row.sex = "other";
  const std::int64_t amount = number(a, "remittance_usd");
  if (amount > 0) row.numbers.emplace_back("amount_usd", amount);
  auto uses = choices(a, "remittance_uses");
  if (uses.empty()) uses.push_back("");
  for (std::size_t i = 0; i < uses.size(); ++i) {
    FactRow copy = row;
    copy.counted = i == 0;
    copy.text = {{"destination", destination},
                 {"sector", sector},
                 {"channel", text(a, "remittance_channel")},
                 {"spent_on", uses[i]}};
    facts.rows.push_back(std::move(copy));
  }
}

void returnee(const v1::Record& record, storage::RecordFacts& facts) {
  const auto& a = record.answers();
  FactRow row = baseRow(record, dayOf(record, "registration_date"));
  row.sex = sexKey(text(a, "sex"));
  row.age = number(a, "age");
  row.text = {{"crossing_point", text(a, "crossing_point")},
              {"destination", text(a, "destination_country")},
              {"legal_status", text(a, "legal_status")},
              {"return_reason", text(a, "return_reason")},
              {"sector", text(a, "sector")}};
  facts.rows.push_back(std::move(row));
}

// One row per exploitation type; the first is the case (counted), the others let a report count
// cases per type.
void trafficking(const v1::Record& record, storage::RecordFacts& facts) {
  const auto& a = record.answers();
  FactRow row = baseRow(record, dayOf(record, "report_date"));
  row.sex = sexKey(text(a, "prs_Gender"));
  row.age = number(a, "victim_age");
  const bool minor = text(a, "is_minor") == "yes" || (row.age >= 0 && row.age < 18);
  const auto referrals = choices(a, "referral");
  const bool referred = !referrals.empty() && referrals != std::vector<std::string>{"none"};
  auto types = choices(a, "vic_TypeOfExploitation");
  if (types.empty()) types.push_back("");
  for (std::size_t i = 0; i < types.size(); ++i) {
    FactRow copy = row;
    copy.counted = i == 0;
    copy.text = {{"exploitation", types[i]},
                 {"destination", text(a, "destination_country")},
                 {"minor", minor ? "yes" : "no"},
                 {"referral", referrals.empty() ? "" : (referred ? "referred" : "not_referred")},
                 {"situation", text(a, "current_situation")}};
    facts.rows.push_back(std::move(copy));
  }
}

void complaint(const v1::Record& record, storage::RecordFacts& facts) {
  const auto& a = record.answers();
  FactRow row = baseRow(record, dayOf(record, "complaint_date"));
  // The form asks the worker's sex only when someone else complains for them.
  const bool byWorker = text(a, "complainant_role") == "worker";
  row.sex = sexKey(text(a, byWorker ? "complainant_sex" : "worker_sex"));
  row.age = number(a, "worker_age");
  auto issues = choices(a, "issues");
  if (issues.empty()) issues.push_back("");
  for (std::size_t i = 0; i < issues.size(); ++i) {
    FactRow copy = row;
    copy.counted = i == 0;
    copy.text = {{"agency", text(a, "agency")},
                 {"issue", issues[i]},
                 {"case_status", text(a, "case_status")}};
    facts.rows.push_back(std::move(copy));
  }
}

}  // namespace

std::string answerText(const v1::AnswerSet& set, std::string_view name) { return text(set, name); }

std::int64_t answerNumber(const v1::AnswerSet& set, std::string_view name) {
  return number(set, name);
}

std::string recordDay(const v1::Record& record, std::string_view field) {
  return dayOf(record, field);
}

std::string sexKey(const std::string& answer) {
  if (answer == "male" || answer == "Masculine") return "male";
  if (answer == "female" || answer == "Feminine") return "female";
  return "other";
}

std::vector<storage::RecordFacts> extractFacts(const v1::Record& record) {
  const auto facts = [&record](FactTable table,
                               void (*extract)(const v1::Record&, storage::RecordFacts&)) {
    storage::RecordFacts out;
    out.table = table;
    out.uuid = record.uuid();
    out.revision = record.revision();
    extract(record, out);
    return out;
  };
  const std::string& form = record.form_id();
  if (form == kHouseholdForm) {
    return {facts(FactTable::Members, members), facts(FactTable::Remittances, remittances)};
  }
  if (form == kReturneeForm) return {facts(FactTable::Returnees, returnee)};
  if (form == kTraffickingForm) return {facts(FactTable::Trafficking, trafficking)};
  if (form == kComplaintForm) return {facts(FactTable::Complaints, complaint)};
  return {};
}

}  // namespace phum::server::reports
