#pragma once
// The form the app fills in, as the shared validation engine sees it: the quick registration
// form compiled from forms/quick_registration.xlsform.md (built into the app as a resource), or a
// newer version of it downloaded from the server. The app and the server then judge answers with
// the same FormModel, so a record the tablet accepts is a record the server accepts.
#include <memory>
#include <string>

#include "forms/engine/form_model.h"

namespace phum::store {
class LocalStore;
}

namespace phum::app {

inline constexpr const char* kQuickRegistrationFormId = "quick_registration";
// The answer that also becomes Record.location_code (the NIS village code).
inline constexpr const char* kLocationField = "village_code";

// The built-in version, compiled once. Throws std::runtime_error naming the compiler's problems
// when the embedded form does not compile (a packaging fault).
std::shared_ptr<const forms::engine::FormModel> builtInQuickRegistration();

// The newest version of `formId` known on this tablet: a downloaded FormDefinition in `store`
// when it is newer than the built-in one, else the built-in form.
std::shared_ptr<const forms::engine::FormModel> newestQuickRegistration(
    const store::LocalStore* store);

// Whether version `a` is newer than `b` (numbers compared as numbers, e.g. "10" > "9").
bool isNewerVersion(const std::string& a, const std::string& b);

}  // namespace phum::app
