// Demo trafficking case reports and recruitment-agency complaints (demo_data.h). The mix follows
// what Cambodian outreach workers report: forced labour on Thai fishing boats and building sites,
// domestic servitude in Malaysia, brokered marriages abroad, begging children in Thailand, and
// complaints about passports kept and wages unpaid by a few agencies that draw most of them.
#include <array>
#include <set>
#include <vector>

#include "services/reports/demo_data.h"
#include "services/reports/demo_writer.h"

namespace phum::server::reports {

namespace {

namespace v1 = phum::v1;
using namespace demo;

struct CaseProfile {
  const char* destination;
  const char* exploitation;  // vic_TypeOfExploitation (one or two names)
  const char* industry;      // vic_ForcedLabourIndustry
  double weight;
  double femaleShare;
  double minorShare;
};

constexpr std::array<CaseProfile, 8> kCases = {{
    {"thailand", "ForcedLabourFishing", "A_AgricultureForestryAndFishing", 30, 0.02, 0.08},
    {"thailand", "ForcedLabour DebtBondage", "F_Construction", 15, 0.3, 0.05},
    {"thailand", "ForcedBegging ChildLabour", "S_OtherServiceActivities", 6, 0.5, 0.9},
    {"malaysia", "Servitude", "T_ActivitiesOfHouseholdsAsEmployers", 18, 0.97, 0.1},
    {"malaysia", "ForcedLabour", "C_Manufacturing", 6, 0.5, 0.03},
    {"other_country", "ForcedMarriage", "T_ActivitiesOfHouseholdsAsEmployers", 12, 1.0, 0.15},
    {"within_cambodia", "SexualExploitation", "R_ArtsEntertainmentAndRecreation", 8, 0.95, 0.35},
    {"within_cambodia", "DebtBondage", "C_Manufacturing", 5, 0.4, 0.2},
}};
constexpr std::array<Weighted, 5> kRecruiters = {
    {{"broker", 45}, {"licensed_agency", 20}, {"relative", 15}, {"friend", 15}, {"other", 5}}};
constexpr std::array<Weighted, 3> kApproached = {{{"ThroughFriendsOrSocialEvents", 45},
                                                  {"ThroughFamilyOrFamilyEvents", 35},
                                                  {"ThroughOnlineSocialNetworks", 20}}};
constexpr std::array<Weighted, 4> kSituations = {
    {{"repatriated", 50}, {"escaped", 20}, {"rescued", 20}, {"still_in_situation", 10}}};
constexpr std::array<Weighted, 4> kCaseStatus = {
    {{"Active", 40}, {"FollowUp", 30}, {"Closed", 10}, {"ClosedReferred", 20}}};
constexpr std::array<Weighted, 3> kDecidedBy = {
    {{"Police", 50}, {"NGO", 35}, {"CourtOrProsecution", 15}}};
constexpr std::array<const char*, 4> kReferralKinds = {"ngo_legal_aid", "mrc", "police", "embassy"};

// Complaint issues by the job's country (Sub-decree 190 / Prakas 249 grievances).
constexpr std::array<Weighted, 9> kIssuesMalaysia = {{{"passport_confiscation", 30},
                                                      {"unpaid_salary", 25},
                                                      {"detention_training_centre", 12},
                                                      {"contract_substitution", 10},
                                                      {"family_contact_blocked", 8},
                                                      {"overcharging", 8},
                                                      {"false_job_information", 5},
                                                      {"enticement_loan", 1},
                                                      {"other", 1}}};
constexpr std::array<Weighted, 9> kIssuesElsewhere = {{{"overcharging", 30},
                                                       {"false_job_information", 20},
                                                       {"enticement_loan", 15},
                                                       {"unpaid_salary", 15},
                                                       {"contract_substitution", 10},
                                                       {"passport_confiscation", 5},
                                                       {"detention_training_centre", 2},
                                                       {"family_contact_blocked", 2},
                                                       {"other", 1}}};
constexpr std::array<Weighted, 4> kJobCountries = {
    {{"malaysia", 45}, {"thailand", 30}, {"south_korea", 15}, {"japan", 10}}};
constexpr std::array<Weighted, 4> kComplaintStatus = {
    {{"received", 40}, {"investigating", 30}, {"resolved", 20}, {"referred", 10}}};
constexpr std::array<const char*, 3> kUnlisted = {
    "Broker at Poipet market", "Unlicensed office, Battambang town", "Man from the next village"};

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : " ") + name;
  return out;
}

}  // namespace

std::int64_t DemoGenerator::pickDay() {
  const std::int64_t day = 86400000;
  return options_.nowMs - uniform(random_, 0, options_.days - 1) * day -
         uniform(random_, 0, 36000) * 1000LL;
}

void DemoGenerator::addOrigin(Writer& w, v1::AnswerSet& a, v1::Record& record) {
  const Village& place = pickVillage();
  record.set_location_code(place.village);
  w.add(a, "origin_province", place.province);
  w.add(a, "origin_district", place.district);
  w.add(a, "origin_commune", place.commune);
  w.add(a, "origin_village", place.village);
}

// Agencies on the watch list draw four times the complaints of the others.
std::string DemoGenerator::pickAgency() {
  double total = 0;
  for (const auto& row : inputs_.agencies) total += column(row, "watch") == "yes" ? 4 : 1;
  double x = std::uniform_real_distribution<double>(0, total)(random_);
  for (const auto& row : inputs_.agencies) {
    if ((x -= column(row, "watch") == "yes" ? 4 : 1) < 0) return row.key();
  }
  return inputs_.agencies.back().key();
}

v1::Record DemoGenerator::traffickingCase() {
  double total = 0;
  for (const auto& c : kCases) total += c.weight;
  double x = std::uniform_real_distribution<double>(0, total)(random_);
  const CaseProfile* profile = &kCases.back();
  for (const auto& c : kCases) {
    if ((x -= c.weight) < 0) {
      profile = &c;
      break;
    }
  }
  const std::int64_t created = pickDay();
  v1::Record record = start("trafficking_case_report", created);
  Writer w(inputs_.forms.at("trafficking_case_report"));
  auto& a = *record.mutable_answers();
  const bool minor = chance(random_, profile->minorShare);
  const int age = minor ? uniform(random_, 11, 17) : uniform(random_, 18, 45);
  const bool consent = chance(random_, 0.92);
  const bool guardian = minor && consent && chance(random_, 0.85);
  const bool proceed = consent && (!minor || guardian);
  w.add(a, "report_date", dateOf(created));
  w.add(a, "victim_age", std::to_string(age));
  w.add(a, "is_minor", minor ? "yes" : "no");
  w.add(a, "con_Consent", consent ? "TRUE" : "FALSE");
  if (minor && consent) w.add(a, "guardian_consent", guardian ? "TRUE" : "FALSE");
  if (guardian) w.add(a, "guardian_relation", chance(random_, 0.8) ? "parent" : "relative");
  w.add(a, "may_proceed", proceed ? "yes" : "no");
  if (!proceed) return record;
  const bool female = chance(random_, profile->femaleShare);
  w.add(a, "prs_Name", pickName(female));
  w.add(a, "prs_Gender", female ? "Feminine" : "Masculine");
  w.add(a, "prs_Citizenship", "KH");
  addOrigin(w, a, record);
  w.add(a, "vic_TypeOfExploitation", profile->exploitation);
  std::set<std::string> control = {chance(random_, 0.6) ? "TakesEarnings" : "FalsePromises"};
  if (chance(random_, 0.5)) control.insert("WithholdsDocuments");
  if (chance(random_, 0.4)) control.insert("DebtBondage");
  if (chance(random_, 0.3)) control.insert("PhysicalThreats");
  if (chance(random_, 0.3)) control.insert("RestrictsMovement");
  w.add(a, "vic_MethodsOfControl", join(control));
  const std::string recruiter =
      inputs_.agencies.empty() ? std::string("broker") : pick(random_, kRecruiters);
  w.add(a, "recruiter_type", recruiter);
  if (recruiter == "licensed_agency") w.add(a, "recruiter_agency", pickAgency());
  w.add(a, "vic_MethodOfRecruitment", pick(random_, kApproached));
  w.add(a, "destination_country", profile->destination);
  w.add(a, "vic_ForcedLabourIndustry", profile->industry);
  const double s = std::uniform_real_distribution<double>(0, 1)(random_);
  const char* status = s < 0.7    ? "PossibleVictimOfTrafficking"
                       : s < 0.95 ? "ActualVictimOfTrafficking"
                                  : "NotAVictimOfTrafficking";
  w.add(a, "vic_TraffickingStatus", status);
  if (s >= 0.7) w.add(a, "vic_TraffickingStatusDecisionMakingOrg", pick(random_, kDecidedBy));
  const std::string situation = pick(random_, kSituations);
  w.add(a, "current_situation", situation);
  w.add(a, "urgency",
        situation == "still_in_situation" ? (chance(random_, 0.5) ? "immediate_danger" : "urgent")
                                          : (chance(random_, 0.3) ? "urgent" : "routine"));
  const bool referred = chance(random_, 0.75);
  std::set<std::string> referral;
  if (referred) {
    referral.insert(minor ? "shelter" : kReferralKinds[random_() % kReferralKinds.size()]);
    if (chance(random_, 0.3)) referral.insert(kReferralKinds[random_() % kReferralKinds.size()]);
  }
  w.add(a, "referral", referred ? join(referral) : "none");
  if (referred && !inputs_.referrals.empty() && chance(random_, 0.7)) {
    w.add(a, "referral_service", inputs_.referrals[random_() % inputs_.referrals.size()].key());
  }
  w.add(a, "cas_Status", referred ? pick(random_, kCaseStatus) : "Active");
  return record;
}

v1::Record DemoGenerator::agencyComplaint() {
  const std::int64_t created = pickDay();
  v1::Record record = start("agency_complaint", created);
  Writer w(inputs_.forms.at("agency_complaint"));
  auto& a = *record.mutable_answers();
  w.add(a, "complaint_date", dateOf(created));
  const bool consent = chance(random_, 0.95);
  w.add(a, "consent", consent ? "yes" : "no");
  if (!consent) return record;
  const double r = std::uniform_real_distribution<double>(0, 1)(random_);
  const std::string role = r < 0.5 ? "worker" : r < 0.9 ? "family" : "other";
  const std::string country = pick(random_, kJobCountries);
  const bool workerFemale = chance(random_, country == "malaysia" ? 0.8 : 0.35);
  const bool complainantFemale = role == "worker" ? workerFemale : chance(random_, 0.6);
  w.add(a, "complainant_role", role);
  w.add(a, "complainant_name", pickName(complainantFemale));
  w.add(a, "complainant_sex", complainantFemale ? "female" : "male");
  if (chance(random_, 0.6)) {
    w.add(a, "complainant_phone", "0" + std::to_string(uniform(random_, 10000000, 99999999)));
  }
  if (role != "worker") {
    w.add(a, "worker_name", pickName(workerFemale));
    w.add(a, "worker_sex", workerFemale ? "female" : "male");
  }
  w.add(
      a, "worker_age",
      std::to_string(chance(random_, 0.04) ? uniform(random_, 15, 17) : uniform(random_, 18, 45)));
  addOrigin(w, a, record);
  const bool listed = !inputs_.agencies.empty() && chance(random_, 0.85);
  w.add(a, "agency_in_registry", listed ? "yes" : "no");
  if (listed) {
    w.add(a, "agency", pickAgency());
  } else {
    w.add(a, "unlisted_agency", kUnlisted[random_() % kUnlisted.size()]);
  }
  w.add(a, "destination_country", country);
  std::set<std::string> issues;
  const int count = chance(random_, 0.5) ? 1 : uniform(random_, 2, 3);
  for (int i = 0; i < count; ++i) {
    issues.insert(country == "malaysia" ? pick(random_, kIssuesMalaysia)
                                        : pick(random_, kIssuesElsewhere));
  }
  w.add(a, "issues", join(issues));
  if (issues.count("other")) w.add(a, "issue_other", "Agency office closed, fees not returned");
  w.add(a, "amount_paid_usd", std::to_string(uniform(random_, 0, 30) * 50));
  if (issues.count("unpaid_salary")) {
    w.add(a, "unpaid_salary_usd", std::to_string(uniform(random_, 2, 60) * 50));
  }
  const bool serious = issues.count("passport_confiscation") ||
                       issues.count("detention_training_centre") ||
                       issues.count("enticement_loan") || issues.size() >= 3;
  w.add(a, "suggest_watch", serious ? "yes" : "no");
  std::set<std::string> wanted = {"refund"};
  if (issues.count("unpaid_salary")) wanted.insert("unpaid_wages");
  if (issues.count("passport_confiscation")) wanted.insert("return_documents");
  if (serious && chance(random_, 0.5)) wanted.insert("sanction_agency");
  w.add(a, "desired_resolution", join(wanted));
  std::string status = pick(random_, kComplaintStatus);
  if (status == "referred" && inputs_.referrals.empty()) status = "received";
  w.add(a, "case_status", status);
  if (status == "referred") {
    w.add(a, "referred_to", inputs_.referrals[random_() % inputs_.referrals.size()].key());
  }
  w.add(a, "consent_followup", chance(random_, 0.8) ? "yes" : "no");
  return record;
}

}  // namespace phum::server::reports
