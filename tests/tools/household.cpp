#include "household.h"

#include <array>

#include "core/clock.h"
#include "core/uuid.h"

namespace phum::tools {
namespace {

void addText(phum::v1::AnswerSet& set, const std::string& name, const std::string& value) {
  auto* answer = set.add_answers();
  answer->set_name(name);
  answer->mutable_value()->set_text(value);
}

void addInteger(phum::v1::AnswerSet& set, const std::string& name, std::int64_t value) {
  auto* answer = set.add_answers();
  answer->set_name(name);
  answer->mutable_value()->set_integer(value);
}

void addChoices(phum::v1::AnswerSet& set, const std::string& name,
                const std::vector<std::string>& items) {
  auto* answer = set.add_answers();
  answer->set_name(name);
  for (const auto& item : items) answer->mutable_value()->mutable_choices()->add_items(item);
}

constexpr std::array<const char*, 6> kNames = {"Sok Dara", "Chan Sophea", "Kim Vanna",
                                               "Srey Mom", "Heng Rith",   "Pich Sreyneang"};
constexpr std::array<const char*, 4> kVillages = {"12010203", "14020511", "06040302", "17030108"};

void addMember(phum::v1::RepeatGroup& members, int index, int member) {
  auto& person = *members.add_instances();
  addText(person, "member_name", kNames[static_cast<std::size_t>(index + member) % kNames.size()]);
  addInteger(person, "member_age", 18 + (index * 7 + member * 13) % 50);
  addText(person, "member_sex", member % 2 ? "female" : "male");
  addText(person, "relationship", member == 0 ? "head" : "child");
  addText(person, "migrated", member == 1 ? "yes" : "no");
  addText(person, "destination_country", member == 1 ? "thailand" : "");
  addInteger(person, "months_away", member == 1 ? 6 + index % 30 : 0);
}

}  // namespace

phum::v1::Record makeHouseholdRecord(int index, bool withIdentity) {
  phum::v1::Record record;
  if (withIdentity) {
    record.set_uuid(Uuid::generate().toBytes());
    record.set_revision(1);
    record.set_created_at_ms(nowMillis());
    record.set_updated_at_ms(record.created_at_ms());
  }
  record.set_form_id("household_survey");
  record.set_form_version("2026110101");
  record.set_author("enumerator01");
  record.set_device_id("tab-0001");
  record.set_location_code(kVillages[static_cast<std::size_t>(index) % kVillages.size()]);
  auto& answers = *record.mutable_answers();
  addText(answers, "interview_date", "2026-11-28");
  addText(answers, "respondent_name", kNames[static_cast<std::size_t>(index) % kNames.size()]);
  addText(answers, "respondent_phone", "012 345 " + std::to_string(100 + index % 900));
  addText(answers, "consent", "yes");
  addText(answers, "province", "prey_veng");
  addText(answers, "district", "kamchay_mear");
  addText(answers, "commune", "smaong");
  addText(answers, "village", record.location_code());
  auto* gps = answers.add_answers();
  gps->set_name("household_gps");
  auto& point = *gps->mutable_value()->mutable_geopoint();
  point.set_latitude(11.5 + index * 1e-5);
  point.set_longitude(105.3 + index * 1e-5);
  point.set_altitude_m(12);
  point.set_accuracy_m(4.5);
  addInteger(answers, "household_size", 3 + index % 6);
  addInteger(answers, "members_abroad", 1 + index % 2);
  addText(answers, "house_type", "wood");
  addText(answers, "roof_material", "zinc");
  addText(answers, "water_source", "tube_well");
  addText(answers, "toilet", "pour_flush");
  addChoices(answers, "income_sources", {"rice_farming", "remittances", "day_labour"});
  addInteger(answers, "monthly_income_riel", 800'000 + index % 1000 * 1000);
  addInteger(answers, "remittance_usd_last_month", 150 + index % 200);
  addText(answers, "remittance_channel", "wing");
  addText(answers, "debt", "yes");
  addText(answers, "debt_lender", "microfinance");
  addInteger(answers, "debt_usd", 2000 + index % 3000);
  addText(answers, "land_title", "yes");
  addText(answers, "broker_used", index % 3 == 0 ? "yes" : "no");
  addText(answers, "broker_fee_paid", index % 3 == 0 ? "yes" : "no");
  addText(answers, "documents_held_by_employer", "no");
  addText(answers, "knows_hotline_1280", index % 2 ? "yes" : "no");
  addText(answers, "wants_referral", "no");
  addText(answers, "interview_language", "khmer");
  addText(answers, "notes", "Son works in construction in Rayong; sends money monthly.");
  auto& members = *answers.add_repeats();
  members.set_name("members");
  for (int member = 0; member < 3; ++member) addMember(members, index, member);
  return record;
}

namespace {

std::string xmlValue(const phum::v1::Value& value) {
  switch (value.kind_case()) {
    case phum::v1::Value::kText:
      return value.text();
    case phum::v1::Value::kInteger:
      return std::to_string(value.integer());
    case phum::v1::Value::kDecimal:
      return std::to_string(value.decimal());
    case phum::v1::Value::kChoices: {
      std::string joined;
      for (const auto& item : value.choices().items()) joined += (joined.empty() ? "" : " ") + item;
      return joined;
    }
    case phum::v1::Value::kGeopoint: {
      const auto& p = value.geopoint();
      return std::to_string(p.latitude()) + " " + std::to_string(p.longitude()) + " " +
             std::to_string(p.altitude_m()) + " " + std::to_string(p.accuracy_m());
    }
    default:
      return "";
  }
}

void renderAnswers(const phum::v1::AnswerSet& set, std::string& xml) {
  for (const auto& answer : set.answers()) {
    xml += "<" + answer.name() + ">" + xmlValue(answer.value()) + "</" + answer.name() + ">\n";
  }
  for (const auto& group : set.repeats()) {
    for (const auto& instance : group.instances()) {
      xml += "<" + group.name() + ">\n";
      renderAnswers(instance, xml);
      xml += "</" + group.name() + ">\n";
    }
  }
}

}  // namespace

std::string renderOpenRosaSubmission(const phum::v1::Record& record) {
  const std::string instanceId =
      "uuid:" + Uuid::fromBytes(record.uuid()).value_or(Uuid{}).toString();
  std::string xml = "<?xml version='1.0' ?><data id=\"" + record.form_id() + "\" version=\"" +
                    record.form_version() +
                    "\" xmlns:jr=\"http://openrosa.org/javarosa\" "
                    "xmlns:orx=\"http://openrosa.org/xforms\">\n"
                    "<start>" +
                    formatIsoUtc(record.created_at_ms()) +
                    "</start>\n"
                    "<end>" +
                    formatIsoUtc(record.updated_at_ms()) +
                    "</end>\n"
                    "<deviceid>collect:" +
                    record.device_id() +
                    "</deviceid>\n"
                    "<username>" +
                    record.author() + "</username>\n";
  renderAnswers(record.answers(), xml);
  xml += "<meta>\n<instanceID>" + instanceId + "</instanceID>\n</meta>\n</data>\n";
  const std::string boundary = "----ODKBoundary7f3a9c2e51d84b6f";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; "
                     "filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n" +
                     xml + "\r\n--" + boundary + "--\r\n";
  const std::string headers =
      "POST /v1/projects/1/submission HTTP/1.1\r\n"
      "Host: central.example.org\r\n"
      "User-Agent: org.odk.collect.android/v2024.2.4 okhttp/4.12.0\r\n"
      "X-OpenRosa-Version: 1.0\r\n"
      "Date: Sat, 28 Nov 2026 09:00:00 GMT\r\n"
      "Authorization: Basic ZW51bWVyYXRvcjAxOnNlY3JldHBhc3N3b3Jk\r\n"
      "Content-Type: multipart/form-data; boundary=" +
      boundary +
      "\r\n"
      "Content-Length: " +
      std::to_string(body.size()) +
      "\r\n"
      "Accept-Encoding: gzip\r\n\r\n";
  return headers + body;
}

}  // namespace phum::tools
