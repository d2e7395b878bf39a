#include "mission_forms.h"

#include <stdexcept>

#include "forms/engine/reference_choices.h"
#include "forms/xlsform_compiler.h"
#include "refdata/dataset.h"
#include "refdata/delta.h"

namespace phum::app::testing {
namespace {

constexpr const char* kForms[] = {"quick_registration", "household_survey", "returnee_registration",
                                  "trafficking_case_report", "agency_complaint"};

std::vector<refdata::ImportResult> importReference(const std::string& sourceDir) {
  auto results = refdata::importReferenceDirectory(sourceDir + "/data/reference");
  for (const auto& result : results) {
    if (!result.ok()) throw std::runtime_error("reference data: " + result.report());
  }
  return results;
}

}  // namespace

phum::v1::FormDefinition compileMissionForm(const std::string& sourceDir, const std::string& name) {
  auto result = forms::compileFormFile(sourceDir + "/forms/" + name + ".xlsform.md");
  if (!result.ok()) throw std::runtime_error("forms/" + name + ".xlsform.md does not compile");
  return result.form;
}

void installMissionForms(store::LocalStore& store, const std::string& sourceDir) {
  phum::v1::ChangeBatch batch;
  std::uint64_t seq = 0;
  for (const char* name : kForms) {
    auto* change = batch.add_changes();
    change->set_seq(++seq);
    *change->mutable_form() = compileMissionForm(sourceDir, name);
  }
  for (const auto& result : importReference(sourceDir)) {
    auto* change = batch.add_changes();
    change->set_seq(++seq);
    *change->mutable_reference() = refdata::makeFullDelta(result.dataset);
  }
  batch.set_next_cursor(seq);
  store.applyChanges(batch);
}

ReferenceLists::ReferenceLists(const std::string& sourceDir) {
  for (const auto& result : importReference(sourceDir)) {
    const auto delta = refdata::makeFullDelta(result.dataset);
    std::vector<phum::v1::ReferenceRow> rows(delta.rows().begin(), delta.rows().end());
    lists_[delta.dataset()] = std::make_shared<phum::v1::ChoiceList>(
        forms::engine::referenceChoiceList(delta.dataset(), rows));
  }
}

forms::engine::ExternalChoiceLists ReferenceLists::provider() const {
  return [this](std::string_view file) -> const phum::v1::ChoiceList* {
    auto found = lists_.find(forms::engine::datasetForChoiceFile(file));
    return found == lists_.end() ? nullptr : found->second.get();
  };
}

}  // namespace phum::app::testing
