#pragma once
// Realistic records for tests: a household migration survey with a roster (repeat group).
#include <string>

#include "phum/v1/record.pb.h"

namespace phum::test {

inline void addText(phum::v1::AnswerSet& set, const std::string& name, const std::string& text) {
  auto* a = set.add_answers();
  a->set_name(name);
  a->mutable_value()->set_text(text);
}

inline void addInteger(phum::v1::AnswerSet& set, const std::string& name, long long value) {
  auto* a = set.add_answers();
  a->set_name(name);
  a->mutable_value()->set_integer(value);
}

inline phum::v1::Record householdSurvey(const std::string& author = "sokha",
                                        const std::string& head = "Chan Dara") {
  phum::v1::Record r;
  r.set_form_id("household_migration");
  r.set_form_version("2026.1");
  r.set_author(author);
  r.set_device_id("tab-07");
  r.set_location_code("01020304");  // village-level NIS code
  auto* answers = r.mutable_answers();
  addText(*answers, "household_head", head);
  addInteger(*answers, "household_size", 5);
  auto* gps = answers->add_answers();
  gps->set_name("gps");
  gps->mutable_value()->mutable_geopoint()->set_latitude(13.6);
  gps->mutable_value()->mutable_geopoint()->set_longitude(102.98);
  auto* roster = answers->add_repeats();
  roster->set_name("members");
  auto* m1 = roster->add_instances();
  addText(*m1, "sex", "female");
  addInteger(*m1, "age", 24);
  addText(*m1, "destination", "thailand");
  auto* uses = m1->add_answers();
  uses->set_name("remittance_uses");
  uses->mutable_value()->mutable_choices()->add_items("debt_repayment");
  uses->mutable_value()->mutable_choices()->add_items("education");
  auto* m2 = roster->add_instances();
  addText(*m2, "sex", "male");
  addInteger(*m2, "age", 31);
  addText(*m2, "destination", "malaysia");
  return r;
}

}  // namespace phum::test
