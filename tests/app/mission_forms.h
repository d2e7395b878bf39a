#pragma once
// The repository's mission forms (forms/*.xlsform.md, compiled by the same compiler the server
// publishes with) and reference data (data/reference), put into a tablet store the way the change
// feed puts them, and the choice lists the server validates select_*_from_file answers with.
#include <map>
#include <memory>
#include <string>

#include "forms/engine/form_session.h"
#include "phum/v1/form.pb.h"
#include "store/local_store.h"

namespace phum::app::testing {

// Compiles forms/<name>.xlsform.md of the source tree. Throws std::runtime_error on problems.
phum::v1::FormDefinition compileMissionForm(const std::string& sourceDir, const std::string& name);

// Applies every mission form and every reference dataset to `store` in one change batch.
void installMissionForms(store::LocalStore& store, const std::string& sourceDir);

// The reference datasets as the server's validator sees them.
class ReferenceLists {
 public:
  explicit ReferenceLists(const std::string& sourceDir);
  forms::engine::ExternalChoiceLists provider() const;

 private:
  std::map<std::string, std::shared_ptr<phum::v1::ChoiceList>> lists_;
};

}  // namespace phum::app::testing
