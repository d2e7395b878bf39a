#include "services/reports/demo_data.h"

#include <array>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/clock.h"
#include "core/uuid.h"
#include "forms/expr/value.h"
#include "services/reports/demo_writer.h"

namespace phum::server::reports {

namespace {

namespace v1 = phum::v1;
using namespace demo;

// Hing & Ly (2014), Table 2.1 totals 1998-2013: workers sent per destination, and men among them.
constexpr std::array<Weighted, 4> kDestinations = {
    {{"thailand", 77790}, {"south_korea", 27304}, {"malaysia", 21076}, {"japan", 333}}};
const std::map<std::string, double> kMaleShare = {{"thailand", 49091.0 / 77790},
                                                  {"south_korea", 22570.0 / 27304},
                                                  {"malaysia", 6002.0 / 21076},
                                                  {"japan", 212.0 / 333}};
// Table 2.1, all destinations by year: the year of leaving, moved so 2013 is last year.
constexpr std::array<Weighted, 16> kYears = {{{"1998", 120},
                                              {"1999", 86},
                                              {"2000", 502},
                                              {"2001", 846},
                                              {"2002", 1049},
                                              {"2003", 1329},
                                              {"2004", 1483},
                                              {"2005", 2244},
                                              {"2006", 7307},
                                              {"2007", 8514},
                                              {"2008", 9017},
                                              {"2009", 6814},
                                              {"2010", 17865},
                                              {"2011", 22709},
                                              {"2012", 34804},
                                              {"2013", 11814}}};
// Table 2.2: irregular migrants by industry ("farming and livestock" twice in the paper: summed).
constexpr std::array<Weighted, 9> kIrregularSectors = {{{"fisheries", 14969},
                                                        {"fisheries_related", 6020},
                                                        {"farming_livestock", 24085 + 7077},
                                                        {"construction", 32465},
                                                        {"mining", 61},
                                                        {"wholesale_retail", 4778},
                                                        {"food_beverage", 4483},
                                                        {"domestic_work", 6578},
                                                        {"other", 24245}}};
// Table 2.3, by sex (male, female).
constexpr std::array<Weighted, 4> kAgeMale = {
    {{"under_18", 6.3}, {"18_24", 47.8}, {"25_34", 33}, {"35_plus", 13}}};
constexpr std::array<Weighted, 4> kAgeFemale = {
    {{"under_18", 9.5}, {"18_24", 48.2}, {"25_34", 30.4}, {"35_plus", 11.9}}};
constexpr std::array<Weighted, 3> kMaritalMale = {
    {{"never", 62.6}, {"currently", 35.1}, {"formerly", 2.3}}};
constexpr std::array<Weighted, 3> kMaritalFemale = {
    {{"never", 55.9}, {"currently", 32.5}, {"formerly", 11.5}}};
constexpr std::array<Weighted, 4> kEducationMale = {
    {{"none", 7.3}, {"primary", 50.2}, {"secondary", 39.7}, {"higher", 2.8}}};
constexpr std::array<Weighted, 4> kEducationFemale = {
    {{"none", 11.3}, {"primary", 56.9}, {"secondary", 30.1}, {"higher", 1.6}}};
constexpr std::array<Weighted, 4> kReasonMale = {
    {{"work", 97.6}, {"education", 1.5}, {"marriage", 0.6}, {"other", 0.3}}};
constexpr std::array<Weighted, 4> kReasonFemale = {
    {{"work", 91.8}, {"education", 1.2}, {"marriage", 6.3}, {"other", 0.7}}};
constexpr std::array<Weighted, 3> kDecidedMale = {
    {{"self", 20.9}, {"parents", 70.9}, {"others", 8.1}}};
constexpr std::array<Weighted, 3> kDecidedFemale = {
    {{"self", 20.7}, {"parents", 72.7}, {"others", 6.6}}};
// Section 2.4: money-transfer operators by phone lead in Thailand, middlemen in Malaysia.
constexpr std::array<Weighted, 5> kRemitChannels = {{{"mto_phone", 45},
                                                     {"middleman", 20},
                                                     {"bank", 10},
                                                     {"relatives_friends", 15},
                                                     {"carried_on_return", 10}}};

// Khmer names with their usual Latin spelling.
constexpr std::array<std::pair<const char*, const char*>, 14> kFamilyNames = {{{"សុខ", "Sok"},
                                                                               {"ចាន់", "Chan"},
                                                                               {"គឹម", "Kim"},
                                                                               {"ហេង", "Heng"},
                                                                               {"ពេជ្រ", "Pich"},
                                                                               {"ស៊ុន", "Sun"},
                                                                               {"លី", "Ly"},
                                                                               {"ម៉ៅ", "Mao"},
                                                                               {"ឈឹម", "Chhim"},
                                                                               {"កែវ", "Keo"},
                                                                               {"សៅ", "Sao"},
                                                                               {"ញឹម", "Nhim"},
                                                                               {"ទេព", "Tep"},
                                                                               {"អ៊ុំ", "Um"}}};
constexpr std::array<std::pair<const char*, const char*>, 10> kMaleNames = {{{"ដារ៉ា", "Dara"},
                                                                             {"រិទ្ធ", "Rith"},
                                                                             {"សុផល", "Sophal"},
                                                                             {"វិចិត្រ", "Vichet"},
                                                                             {"សំណាង", "Samnang"},
                                                                             {"វាសនា", "Veasna"},
                                                                             {"ពិសិដ្ឋ", "Piseth"},
                                                                             {"បូរ៉ា", "Bora"},
                                                                             {"សុវណ្ណ", "Sovann"},
                                                                             {"ចន្ទា", "Chanda"}}};
constexpr std::array<std::pair<const char*, const char*>, 10> kFemaleNames = {
    {{"សុភា", "Sophea"},
     {"វណ្ណា", "Vanna"},
     {"ស្រីមុំ", "Srey Mom"},
     {"ស្រីនាង", "Sreyneang"},
     {"បុប្ផា", "Bopha"},
     {"ធារី", "Theary"},
     {"ចន្ថា", "Chantha"},
     {"សុខា", "Sokha"},
     {"ស្រីពៅ", "Srey Pov"},
     {"រតនា", "Ratana"}}};

}  // namespace

DemoGenerator::DemoGenerator(DemoInputs inputs, DemoOptions options)
    : inputs_(std::move(inputs)), options_(std::move(options)), random_(options_.seed) {
  if (options_.nowMs == 0) options_.nowMs = nowMillis();
  year_ =
      forms::expr::civilFromDays(static_cast<double>(options_.nowMs) / 86400000.0 + 7.0 / 24).year;
  std::map<std::string, std::string> parentOf;
  std::vector<std::string> codes;
  for (const auto& row : inputs_.gazetteer) {
    parentOf[row.key()] = column(row, "parent");
    if (column(row, "level") == "village") codes.push_back(row.key());
  }
  for (const auto& code : codes) {
    Village v{"", "", parentOf[code], code};
    v.district = parentOf[v.commune];
    v.province = parentOf[v.district];
    villages_.push_back(std::move(v));
  }
  if (villages_.empty()) throw std::runtime_error("the gazetteer has no villages: import it first");
}

DemoGenerator::~DemoGenerator() = default;

std::string DemoGenerator::pickName(bool female) {
  const auto& family = kFamilyNames[random_() % kFamilyNames.size()];
  const auto& given = female ? kFemaleNames[random_() % kFemaleNames.size()]
                             : kMaleNames[random_() % kMaleNames.size()];
  return std::string(family.first) + " " + given.first + " (" + family.second + " " + given.second +
         ")";
}

const DemoGenerator::Village& DemoGenerator::pickVillage() {
  return villages_[random_() % villages_.size()];
}

v1::Record DemoGenerator::start(const std::string& formId, std::int64_t createdMs) {
  const auto found = inputs_.forms.find(formId);
  if (found == inputs_.forms.end())
    throw std::runtime_error("form " + formId + " is not published");
  v1::Record record;
  record.set_uuid(Uuid::generate().toBytes());
  record.set_revision(1);
  record.set_form_id(formId);
  record.set_form_version(found->second.version());
  record.set_created_at_ms(createdMs);
  record.set_updated_at_ms(createdMs);
  record.set_author(options_.author);
  record.set_device_id(options_.deviceId);
  Writer w(found->second);
  auto& a = *record.mutable_answers();
  w.add(a, "start", formatIsoUtc(createdMs - 15 * 60 * 1000));
  w.add(a, "end", formatIsoUtc(createdMs));
  w.add(a, "today", dateOf(createdMs));
  w.add(a, "deviceid", options_.deviceId);
  w.add(a, "username", options_.author);
  return record;
}

void DemoGenerator::addMigration(Writer& w, v1::AnswerSet& person, const std::string& destination,
                                 bool female, int age) {
  w.add(person, "destination", destination);
  std::string channel = "regular_agency";
  if (destination == "thailand") {
    channel = chance(random_, 0.7)
                  ? (chance(random_, 0.6) ? "irregular_broker" : "irregular_relatives")
                  : "regular_mou_eps";
  } else if (destination == "south_korea") {
    channel = "regular_mou_eps";
  } else if (destination == "malaysia" && chance(random_, 0.2)) {
    channel = "irregular_broker";
  }
  w.add(person, "channel", channel);
  int year = std::stoi(pick(random_, kYears)) + (year_ - 2014);
  year = std::max({year, year_ - age, 1980});
  w.add(person, "year_left", std::to_string(std::min(year, year_)));
  std::string sector = "manufacturing";
  if (channel.starts_with("irregular")) {
    sector = pick(random_, kIrregularSectors);
  } else if (destination == "south_korea") {
    sector = chance(random_, 0.646) ? "manufacturing"
                                    : (chance(random_, 0.97) ? "farming_livestock" : "fisheries");
  } else if (destination == "malaysia") {
    sector = female ? (chance(random_, 0.9) ? "domestic_work" : "manufacturing")
                    : (chance(random_, 0.5) ? "construction" : "manufacturing");
  }
  w.add(person, "sector", sector);
  w.add(person, "reason", pick(random_, female ? kReasonFemale : kReasonMale));
  w.add(person, "decided_by", pick(random_, female ? kDecidedFemale : kDecidedMale));
  const bool regular = channel.starts_with("regular");
  const int cost = regular ? uniform(random_, 500, 900) : uniform(random_, 0, 200);
  w.add(person, "cost_usd", std::to_string(cost));
  if (cost == 0) return;
  const bool loan = chance(random_, 0.5);
  w.add(person, "took_loan", loan ? "yes" : "no");
  if (loan) w.add(person, "loan_usd", std::to_string(std::max(1, cost / 2)));
}

void DemoGenerator::addMember(Writer& w, v1::AnswerSet& person, bool migrant, int& migrants) {
  // A migrant's destination comes first (Table 2.1's shares), then the sex by that destination's
  // share of men (Table 2.1), then the age band and the rest by sex (Table 2.3).
  bool female = chance(random_, 0.5);
  int age = uniform(random_, 1, 75);
  std::string destination;
  if (migrant) {
    destination = pick(random_, kDestinations);
    female = !chance(random_, kMaleShare.at(destination));
    const std::string band = pick(random_, female ? kAgeFemale : kAgeMale);
    age = band == "under_18" ? uniform(random_, 15, 17)
          : band == "18_24"  ? uniform(random_, 18, 24)
          : band == "25_34"  ? uniform(random_, 25, 34)
                             : uniform(random_, 35, 54);
  }
  w.add(person, "member_name", pickName(female));
  w.add(person, "sex", female ? "female" : "male");
  w.add(person, "age", std::to_string(age));
  if (age >= 15) {
    w.add(person, "marital_status",
          migrant ? pick(random_, female ? kMaritalFemale : kMaritalMale)
                  : (age < 20 ? "never" : "currently"));
  }
  if (age >= 6) {
    w.add(person, "education", pick(random_, female ? kEducationFemale : kEducationMale));
  }
  w.add(person, "is_migrant", migrant ? "yes" : "no");
  w.add(person, "migrant_flag", migrant ? "1" : "0");
  if (migrant) {
    addMigration(w, person, destination, female, age);
    ++migrants;
  }
}

v1::Record DemoGenerator::household(int& migrants) {
  const std::int64_t day = 86400000;
  const std::int64_t created = options_.nowMs - uniform(random_, 0, options_.days - 1) * day -
                               uniform(random_, 0, 36000) * 1000LL;
  v1::Record record = start("household_survey", created);
  Writer w(inputs_.forms.at("household_survey"));
  const Village& place = pickVillage();
  record.set_location_code(place.village);
  auto& a = *record.mutable_answers();
  w.add(a, "consent", "yes");
  w.add(a, "province", place.province);
  w.add(a, "district", place.district);
  w.add(a, "commune", place.commune);
  w.add(a, "village", place.village);
  w.add(a, "gps",
        std::to_string(11 + uniform(random_, 0, 3000) / 1000.0) + " " +
            std::to_string(103 + uniform(random_, 0, 4000) / 1000.0) + " 10 5");
  w.add(a, "respondent_name", pickName(chance(random_, 0.5)));
  const int size = uniform(random_, 3, 6);
  w.add(a, "hh_size", std::to_string(size));
  w.add(a, "land_ha", std::to_string(uniform(random_, 0, 30) / 10.0));
  const bool debt = chance(random_, 0.4);
  w.add(a, "has_debt", debt ? "yes" : "no");
  if (debt) w.add(a, "debt_usd", std::to_string(uniform(random_, 100, 5000)));
  auto& members = *a.add_repeats();
  members.set_name("member");
  const int migrating = chance(random_, 0.35) ? 2 : 1;
  int here = 0;
  for (int m = 0; m < size; ++m)
    addMember(w, *members.add_instances(), m >= size - migrating, here);
  migrants += here;
  w.add(a, "migrant_count", std::to_string(here));
  const bool received = chance(random_, 0.71);  // MOP (2011): 71% of migrants send money home
  w.add(a, "received_remittances", received ? "yes" : "no");
  if (received) {
    w.add(a, "remittance_usd", std::to_string(uniform(random_, 100, 700)));
    w.add(a, "remittance_channel", pick(random_, kRemitChannels));
    w.add(
        a, "remittance_uses",
        chance(random_, 0.87) ? "consumption_food debt_repayment health" : "farm_inputs business");
  }
  return record;
}

v1::Record DemoGenerator::returnee() {
  const std::int64_t day = 86400000;
  // A surge week weighs 8 times an ordinary one, all of it at Poipet: about 250,000 were sent
  // back from Thailand through the northwest in June 2014.
  const double surgeShare = 7.0 * 7 / (options_.days + 7.0 * 7);
  const bool surge = chance(random_, surgeShare);
  const int daysAgo = surge ? options_.surgeStartsDaysAgo - uniform(random_, 0, 6)
                            : uniform(random_, 0, options_.days - 1);
  const std::int64_t created = options_.nowMs - daysAgo * day;
  v1::Record record = start("returnee_registration", created);
  Writer w(inputs_.forms.at("returnee_registration"));
  auto& a = *record.mutable_answers();
  std::string crossing = "POIPET";
  if (!surge && !chance(random_, 0.4) && !inputs_.crossingPoints.empty()) {
    crossing = inputs_.crossingPoints[random_() % inputs_.crossingPoints.size()].key();
  }
  const Village& place = pickVillage();
  record.set_location_code(place.village);
  const bool female = chance(random_, 0.4);
  const int age = chance(random_, 0.06) ? uniform(random_, 14, 17) : uniform(random_, 18, 50);
  const bool consent = chance(random_, 0.8);
  w.add(a, "registration_date", dateOf(created));
  w.add(a, "crossing_point", crossing);
  w.add(a, "consent", consent ? "yes" : "no");
  if (consent) w.add(a, "full_name", pickName(female));
  w.add(a, "sex", female ? "female" : "male");
  w.add(a, "age", std::to_string(age));
  w.add(a, "is_minor", age < 18 ? "yes" : "no");
  w.add(a, "origin_province", place.province);
  w.add(a, "origin_district", place.district);
  w.add(a, "origin_commune", place.commune);
  w.add(a, "origin_village", place.village);
  w.add(a, "destination_country", surge || chance(random_, 0.8) ? "thailand" : "malaysia");
  w.add(a, "sector", pick(random_, kIrregularSectors));
  w.add(a, "months_abroad", std::to_string(uniform(random_, 1, 48)));
  const bool irregular = surge || chance(random_, 0.6);
  w.add(a, "legal_status", irregular ? "irregular" : "regular_documents");
  w.add(a, "return_reason",
        surge                               ? "mass_repatriation"
        : irregular && chance(random_, 0.5) ? "arrested_deported"
                                            : "contract_ended");
  const bool owed = chance(random_, 0.3);
  w.add(a, "wages_owed", owed ? "yes" : "no");
  if (owed) w.add(a, "wages_owed_usd", std::to_string(uniform(random_, 50, 900)));
  w.add(a, "documents_holder",
        irregular ? "lost_none" : (chance(random_, 0.3) ? "employer" : "self"));
  const bool abused = chance(random_, 0.15);
  w.add(a, "abuses", abused ? "unpaid_wages threats" : "none");
  w.add(a, "trafficking_signs", "no");
  w.add(a, "needs", surge ? "transport_home food" : (chance(random_, 0.5) ? "job" : "none"));
  const bool referred = chance(random_, 0.3) && !inputs_.referrals.empty();
  w.add(a, "referral_made", referred ? "yes" : "no");
  if (referred)
    w.add(a, "referred_to", inputs_.referrals[random_() % inputs_.referrals.size()].key());
  if (consent) w.add(a, "consent_followup", chance(random_, 0.7) ? "yes" : "no");
  return record;
}

}  // namespace phum::server::reports
