#pragma once
// Which answers of each mission form the reports count, read once from a stored record into the
// summary tables (storage/report_storage.h): household members (Tables 2.1-2.3), returnees,
// trafficking cases and agency complaints. Field names are the mission forms' (forms/*.xlsform.md).
#include <optional>

#include "phum/v1/record.pb.h"
#include "storage/report_storage.h"

namespace phum::server::reports {

inline constexpr const char* kHouseholdForm = "household_survey";
inline constexpr const char* kReturneeForm = "returnee_registration";
inline constexpr const char* kTraffickingForm = "trafficking_case_report";
inline constexpr const char* kComplaintForm = "agency_complaint";

// The rows of each summary table the record feeds (a household survey feeds the members and the
// remittances tables); nothing for a form the reports do not count. A table's facts are given
// even without rows, so a revision that no longer has them replaces the older rows.
std::vector<storage::RecordFacts> extractFacts(const phum::v1::Record& record);

// An answer as text (a choice name, a date, a number written out; "" when unanswered) and as a
// number (-1 when unanswered or not a number), as the summary tables read them.
std::string answerText(const phum::v1::AnswerSet& set, std::string_view name);
std::int64_t answerNumber(const phum::v1::AnswerSet& set, std::string_view name);
// The day (YYYY-MM-DD) the reports count a record on: the date answer `field`, or the day
// (in Cambodia) the record was made.
std::string recordDay(const phum::v1::Record& record, std::string_view field);

// "male", "female", or "other" (HTCDS genders beyond the two, unknown, missing).
std::string sexKey(const std::string& answer);

}  // namespace phum::server::reports
