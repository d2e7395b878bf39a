#include "services/reports/htcds_export.h"

#include <algorithm>
#include <set>

#include "core/uuid.h"
#include "services/csv_cell.h"
#include "services/reports/report_facts.h"

namespace phum::server::reports {

namespace {

namespace v1 = phum::v1;

// HTCDS's methods of control (HTCDS-Field-Definitions.md, "Methods Of Control").
const std::vector<std::string>& controlMethods() {
  static const std::vector<std::string> methods = {"DebtBondage",
                                                   "TakesEarnings",
                                                   "RestrictsFinancialAccess",
                                                   "Threats",
                                                   "PsychologicalAbuse",
                                                   "PhysicalAbuse",
                                                   "SexualAbuse",
                                                   "FalsePromises",
                                                   "PsychoactiveSubstances",
                                                   "RestrictsMovement",
                                                   "RestrictsMedicalCare",
                                                   "ExcessiveWorkingHours",
                                                   "UsesChildren",
                                                   "ThreatOfLawEnforcement",
                                                   "WithholdsNecessities",
                                                   "WithholdsDocuments",
                                                   "Other"};
  return methods;
}

// The form's methodsofcontrol choices that HTCDS names differently or does not have.
std::string controlMethodOf(const std::string& choice) {
  static const std::pair<const char*, const char*> kMapped[] = {
      {"PhysicalThreats", "Threats"},
      {"ThreatensChildrenFamily", "Threats"},
      {"ThreatsLawEnforcement", "ThreatOfLawEnforcement"},
      {"PsychoactiveSubstance", "PsychoactiveSubstances"},
      {"ConfinedInTrainingCentre", "RestrictsMovement"},
      {"CutOffFromFamily", "RestrictsMovement"},
      {"ForcedContractExtension", "Other"}};
  for (const auto& [from, to] : kMapped) {
    if (choice == from) return to;
  }
  return choice;
}

const v1::Value* find(const v1::AnswerSet& set, std::string_view name) {
  for (const auto& answer : set.answers()) {
    if (answer.name() == name) return &answer.value();
  }
  return nullptr;
}

std::vector<std::string> choicesOf(const v1::AnswerSet& set, std::string_view name) {
  const v1::Value* value = find(set, name);
  std::vector<std::string> out;
  if (value && value->kind_case() == v1::Value::kChoices) {
    out.assign(value->choices().items().begin(), value->choices().items().end());
  } else if (value && value->kind_case() == v1::Value::kText && !value->text().empty()) {
    out.push_back(value->text());
  }
  return out;
}

std::string textOf(const v1::AnswerSet& set, std::string_view name) {
  const auto values = choicesOf(set, name);
  return values.empty() ? std::string() : values.front();
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : " ") + value;
  return out;
}

void addUnique(std::vector<std::string>& values, const std::string& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

}  // namespace

const std::vector<std::string>& htcdsColumns() {
  static const std::vector<std::string> columns = [] {
    // HTCDS has no case identifier: phum_CaseId (the record's uuid, which says nothing about the
    // person) lets a partner update a case it took from an earlier export.
    std::vector<std::string> out = {"phum_CaseId",
                                    "con_Consent",
                                    "prs_Gender",
                                    "prs_Citizenship",
                                    "prs_MailingState",
                                    "vic_MethodOfRecruitment",
                                    "vic_TypeOfExploitation",
                                    "vic_ForcedLabourIndustry",
                                    "vic_LocationOfExploitation",
                                    "vic_TraffickingStatus",
                                    "vic_TraffickingStatusDecisionMakingOrg",
                                    "cas_Status"};
    for (const auto& method : controlMethods()) out.push_back("MethodsOfControl" + method);
    return out;
  }();
  return columns;
}

std::vector<std::string> htcdsRow(const v1::Record& record) {
  const auto& a = record.answers();
  // Phum's exploitation types that HTCDS files under forced labour (the form's preamble).
  std::vector<std::string> types, industries;
  for (const auto& industry : choicesOf(a, "vic_ForcedLabourIndustry"))
    addUnique(industries, industry);
  std::set<std::string> methods;
  for (const auto& type : choicesOf(a, "vic_TypeOfExploitation")) {
    if (type == "ForcedLabourFishing") {
      addUnique(types, "ForcedLabour");
      addUnique(industries, "A_AgricultureForestryAndFishing");
    } else if (type == "DebtBondage") {
      addUnique(types, "ForcedLabour");
      methods.insert("DebtBondage");
    } else {
      addUnique(types, type);
    }
  }
  for (const auto& choice : choicesOf(a, "vic_MethodsOfControl"))
    methods.insert(controlMethodOf(choice));
  const auto uuid = Uuid::fromBytes(record.uuid());
  std::vector<std::string> row = {
      uuid ? uuid->toString() : std::string(), textOf(a, "con_Consent"), textOf(a, "prs_Gender"),
      textOf(a, "prs_Citizenship"),
      // The province only: the village would point at the person.
      textOf(a, "origin_province"), joined(choicesOf(a, "vic_MethodOfRecruitment")), joined(types),
      joined(industries), textOf(a, "vic_LocationOfExploitation"),
      textOf(a, "vic_TraffickingStatus"), textOf(a, "vic_TraffickingStatusDecisionMakingOrg"),
      textOf(a, "cas_Status")};
  for (const auto& method : controlMethods()) row.push_back(methods.count(method) ? "1" : "0");
  return row;
}

std::string htcdsCsv(storage::Database& db, const std::string& place) {
  std::string out = "\xEF\xBB\xBF";
  appendCsvLine(out, htcdsColumns(), true);
  storage::QueueQuery query;
  query.formId = kTraffickingForm;
  query.placePrefix = place;
  query.state = storage::QueueState::Approved;
  query.withBody = true;
  query.limit = 500;
  for (;;) {
    const auto page =
        storage::read(db, [&](storage::Transaction& tx) { return tx.reviews().queue(query); });
    for (const auto& item : page) {
      v1::Record record;
      if (record.ParseFromString(item.body)) appendCsvLine(out, htcdsRow(record), true);
    }
    if (page.size() < static_cast<std::size_t>(query.limit)) return out;
    query.after = storage::QueueKey{page.back().record.receivedAtMs, page.back().record.serverSeq};
  }
}

}  // namespace phum::server::reports
