#pragma once
// Synthetic records for demonstrations, tests and benchmarks, valid against the mission forms as
// published: household surveys whose migrants follow the paper's distributions (Hing & Ly 2014:
// destination and sex by destination from Table 2.1, irregular migrants' sectors from Table 2.2,
// age band, marital status, education, reason and who decided by sex from Table 2.3), and
// returnee registrations with a mass return in one week, trafficking case reports and complaints
// against recruitment agencies from the agencies registry (demo_cases.cpp). Names are Khmer in
// Khmer script with a Latin spelling; villages come from the gazetteer. Seeded: the same seed gives
// the same records.
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"
#include "phum/v1/record.pb.h"

namespace phum::server::reports {

struct DemoInputs {
  std::map<std::string, phum::v1::FormDefinition> forms;  // by form id, newest version
  std::vector<phum::v1::ReferenceRow> gazetteer;
  std::vector<phum::v1::ReferenceRow> crossingPoints;
  std::vector<phum::v1::ReferenceRow> referrals;
  std::vector<phum::v1::ReferenceRow> agencies;
};

struct DemoOptions {
  std::uint32_t seed = 2014;
  std::int64_t nowMs = 0;       // "today" of the records
  int days = 120;               // records fall in the days before nowMs
  int surgeStartsDaysAgo = 30;  // the mass return's first day; it lasts 7 days
  std::string author = "demo";
  std::string deviceId = "demo-generator";
};

class DemoGenerator {
 public:
  DemoGenerator(DemoInputs inputs, DemoOptions options);
  ~DemoGenerator();
  DemoGenerator(const DemoGenerator&) = delete;
  DemoGenerator& operator=(const DemoGenerator&) = delete;

  // A household survey; `migrants` counts the migrant members it holds (added to, not reset).
  phum::v1::Record household(int& migrants);
  // A returnee registration on a day of the period (the surge week at Poipet weighs 8 times).
  phum::v1::Record returnee();
  // A trafficking case report (exploitation type by destination, some minors, referral states).
  phum::v1::Record traffickingCase();
  // A complaint against a recruitment agency of the registry (a few agencies draw most of them).
  phum::v1::Record agencyComplaint();
  bool hasForm(const std::string& formId) const { return inputs_.forms.count(formId) > 0; }

 private:
  struct Writer;
  struct Village {
    std::string province, district, commune, village;
  };
  std::string pickName(bool female);
  const Village& pickVillage();
  phum::v1::Record start(const std::string& formId, std::int64_t createdMs);
  void addMember(Writer& w, phum::v1::AnswerSet& person, bool migrant, int& migrants);
  std::int64_t pickDay();
  void addOrigin(Writer& w, phum::v1::AnswerSet& a, phum::v1::Record& record);
  std::string pickAgency();
  void addMigration(Writer& w, phum::v1::AnswerSet& person, const std::string& destination,
                    bool female, int age);

  DemoInputs inputs_;
  DemoOptions options_;
  std::mt19937_64 random_;
  std::vector<Village> villages_;
  int year_ = 0;
};

}  // namespace phum::server::reports
