#include "household.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "core/clock.h"
#include "core/uuid.h"
#include "forms/engine/answer_codec.h"
#include "forms/expr/value.h"
#include "forms/xlsform_compiler.h"
#include "refdata/csv.h"

namespace phum::tools {
namespace {

namespace v1 = phum::v1;
constexpr const char* kSourceDir = PHUM_SOURCE_DIR;

constexpr std::array<const char*, 6> kNames = {"Sok Dara", "Chan Sophea", "Kim Vanna",
                                               "Srey Mom", "Heng Rith",   "Pich Sreyneang"};
constexpr std::array<const char*, 6> kDestinations = {
    "thailand", "malaysia", "south_korea", "japan", "other_country", "within_cambodia"};
constexpr std::array<const char*, 5> kChannels = {"regular_agency", "regular_mou_eps",
                                                  "irregular_broker", "irregular_relatives",
                                                  "irregular_alone"};
constexpr std::array<const char*, 5> kSectors = {"construction", "fisheries", "manufacturing",
                                                 "farming_livestock", "domestic_work"};
constexpr std::array<const char*, 4> kEducation = {"none", "primary", "secondary", "higher"};
constexpr std::array<const char*, 5> kRemitChannels = {"mto_phone", "middleman", "bank",
                                                       "relatives_friends", "carried_on_return"};

template <std::size_t N>
const char* pick(const std::array<const char*, N>& list, int index) {
  return list[static_cast<std::size_t>(index) % N];
}

// One village of the gazetteer with the codes of the units above it.
struct Village {
  std::string province, district, commune, village;
};

// The compiled form, its fields by name, and the gazetteer's villages: built once per process.
class HouseholdFixture {
 public:
  HouseholdFixture() {
    const std::string path = std::string(kSourceDir) + "/forms/household_survey.xlsform.md";
    auto compiled = forms::compileFormFile(path);
    if (!compiled.ok())
      throw std::runtime_error("the household form " + path + " does not compile");
    form_ = std::move(compiled.form);
    index(form_.fields());
    readVillages();
  }

  const v1::FormDefinition& form() const { return form_; }
  const Village& village(int index) const {
    return villages_[static_cast<std::size_t>(index) % villages_.size()];
  }

  // Adds the answer `text` (canonical text, as the tablet holds it) to `field`, encoded for the
  // wire by the engine's codec from the field's type in the published form.
  void add(v1::AnswerSet& set, const std::string& field, const std::string& text) const {
    const auto found = fields_.find(field);
    if (found == fields_.end()) {
      throw std::logic_error("forms/household_survey.xlsform.md has no field '" + field + "'");
    }
    auto* answer = set.add_answers();
    answer->set_name(field);
    *answer->mutable_value() = forms::engine::encodeAnswer(*found->second, text);
  }

  const v1::ChoiceList& gazetteer() const { return gazetteer_; }

 private:
  void index(const google::protobuf::RepeatedPtrField<v1::Field>& fields) {
    for (const auto& field : fields) {
      fields_[field.name()] = &field;
      index(field.children());
    }
  }

  void readVillages() {
    const auto table = refdata::readCsvFile(referenceDataDir() + "/gazetteer.csv");
    gazetteer_.set_list_name("gazetteer");
    std::map<std::string, std::string> parentOf;
    std::vector<std::string> villageCodes;
    for (const auto& row : table.records) {
      // code, level, parent, name_en, name_km
      auto* choice = gazetteer_.add_choices();
      choice->set_name(row.fields.at(0));
      for (std::size_t i = 0; i < table.header.size() && i < row.fields.size(); ++i) {
        (*choice->mutable_columns())[table.header[i]] = row.fields[i];
      }
      parentOf[row.fields.at(0)] = row.fields.at(2);
      if (row.fields.at(1) == "village") villageCodes.push_back(row.fields.at(0));
    }
    for (const auto& code : villageCodes) {
      Village v;
      v.village = code;
      v.commune = parentOf.at(v.village);
      v.district = parentOf.at(v.commune);
      v.province = parentOf.at(v.district);
      villages_.push_back(std::move(v));
    }
    if (villages_.empty()) throw std::runtime_error("the gazetteer has no villages");
  }

  v1::FormDefinition form_;
  std::map<std::string, const v1::Field*> fields_;
  std::vector<Village> villages_;
  v1::ChoiceList gazetteer_;
};

const HouseholdFixture& fixture() {
  static const HouseholdFixture instance;
  return instance;
}

int yearAt(std::int64_t epochMillis) {
  constexpr double kCambodia = 7.0 / 24;  // UTC+7, as the form's today() sees it
  return forms::expr::civilFromDays(static_cast<double>(epochMillis) / 86400000.0 + kCambodia).year;
}

std::string dateAt(std::int64_t epochMillis) {
  return forms::expr::formatDate(
      std::floor(static_cast<double>(epochMillis) / 86400000.0 + 7.0 / 24));
}

// The migration group of a migrant member: every rule of the form holds for these answers.
void addMigration(v1::AnswerSet& person, int index, int age, int year) {
  const HouseholdFixture& f = fixture();
  const char* destination = pick(kDestinations, index);
  f.add(person, "destination", destination);
  if (std::string(destination) == "other_country") f.add(person, "destination_other", "Singapore");
  f.add(person, "channel", pick(kChannels, index / 2));
  // Last year or earlier, after 1979, and after the person was born (members here are 18+).
  f.add(person, "year_left", std::to_string(std::max(1980, year - 1 - index % std::min(age, 5))));
  f.add(person, "sector", pick(kSectors, index / 3));
  f.add(person, "reason", index % 7 == 0 ? "education" : "work");
  f.add(person, "decided_by", index % 3 == 0 ? "parents" : "self");
  const int cost = index % 1500;
  f.add(person, "cost_usd", std::to_string(cost));
  if (cost == 0) return;
  const bool loan = index % 2 == 0;
  f.add(person, "took_loan", loan ? "yes" : "no");
  if (loan) f.add(person, "loan_usd", std::to_string((cost + 1) / 2));
}

// Member 0 heads the household, member 1 is the migrant, the others are children or elders.
void addMember(v1::RepeatGroup& members, int index, int member, int year) {
  const HouseholdFixture& f = fixture();
  auto& person = *members.add_instances();
  const int age = member == 0   ? 30 + index * 7 % 30
                  : member == 1 ? 18 + index * 5 % 20
                                : 3 + (index * 3 + member * 11) % 60;
  const bool migrant = member == 1;
  f.add(person, "member_name", pick(kNames, index + member));
  f.add(person, "sex", member % 2 ? "female" : "male");
  f.add(person, "age", std::to_string(age));
  if (age >= 15) f.add(person, "marital_status", member == 0 ? "currently" : "never");
  if (age >= 6) f.add(person, "education", pick(kEducation, index + member));
  f.add(person, "is_migrant", migrant ? "yes" : "no");
  f.add(person, "migrant_flag", migrant ? "1" : "0");  // the tablet sends its calculations too
  if (migrant) addMigration(person, index, age, year);
}

void addRemittances(v1::AnswerSet& answers, int index) {
  const HouseholdFixture& f = fixture();
  const bool received = index % 4 != 3;
  f.add(answers, "received_remittances", received ? "yes" : "no");
  if (!received) return;
  f.add(answers, "remittance_usd", std::to_string(150 + index % 2000));
  f.add(answers, "remittance_channel", pick(kRemitChannels, index));
  f.add(answers, "remittance_uses",
        index % 2 ? "consumption_food debt_repayment" : "consumption_food education housing");
}

}  // namespace

const v1::FormDefinition& householdForm() { return fixture().form(); }

const v1::ChoiceList& gazetteerChoices() { return fixture().gazetteer(); }

std::vector<std::string> missionFormFiles() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(kSourceDir) + "/forms")) {
    if (entry.path().string().ends_with(".xlsform.md")) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string referenceDataDir() { return std::string(kSourceDir) + "/data/reference"; }

v1::Record makeHouseholdRecord(int index, bool withIdentity) {
  const HouseholdFixture& f = fixture();
  const std::int64_t now = nowMillis();
  v1::Record record;
  if (withIdentity) {
    record.set_uuid(Uuid::generate().toBytes());
    record.set_revision(1);
    record.set_created_at_ms(now);
    record.set_updated_at_ms(now);
  }
  const Village& place = f.village(index);
  record.set_form_id(f.form().form_id());
  record.set_form_version(f.form().version());
  record.set_author("enumerator01");
  record.set_device_id("tab-0001");
  record.set_location_code(place.village);
  auto& answers = *record.mutable_answers();
  f.add(answers, "start", formatIsoUtc(now - 20 * 60 * 1000));
  f.add(answers, "end", formatIsoUtc(now));
  f.add(answers, "today", dateAt(now));
  f.add(answers, "deviceid", record.device_id());
  f.add(answers, "username", record.author());
  f.add(answers, "consent", "yes");
  f.add(answers, "province", place.province);
  f.add(answers, "district", place.district);
  f.add(answers, "commune", place.commune);
  f.add(answers, "village", place.village);
  f.add(answers, "gps",
        forms::expr::formatNumber(11.5 + index * 1e-5) + " " +
            forms::expr::formatNumber(105.3 + index * 1e-5) + " 12 4.5");
  f.add(answers, "respondent_name", pick(kNames, index));
  const int size = 3 + index % 3;
  f.add(answers, "hh_size", std::to_string(size));
  f.add(answers, "land_ha", forms::expr::formatNumber((index % 40) / 4.0));
  const bool debt = index % 3 == 0;
  f.add(answers, "has_debt", debt ? "yes" : "no");
  if (debt) f.add(answers, "debt_usd", std::to_string(2000 + index % 3000));
  auto& members = *answers.add_repeats();
  members.set_name("member");
  for (int member = 0; member < size; ++member) addMember(members, index, member, yearAt(now));
  f.add(answers, "migrant_count", "1");
  addRemittances(answers, index);
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
