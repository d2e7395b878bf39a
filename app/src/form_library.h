#pragma once
// The forms this tablet can fill in, as the shared validation engine sees them: the quick
// registration form compiled from forms/quick_registration.xlsform.md (built into the app as a
// resource, so a brand-new tablet can register people before its first sync) and every
// FormDefinition downloaded from the server into the LocalStore. The app and the server judge
// answers with the same FormModel, so a record the tablet accepts is a record the server accepts.
#include <memory>
#include <string>
#include <vector>

#include "forms/engine/form_model.h"
#include "phum/v1/account.pb.h"

namespace phum::store {
class LocalStore;
}

namespace phum::app {

inline constexpr const char* kQuickRegistrationFormId = "quick_registration";

// The built-in version, compiled once. Throws std::runtime_error naming the compiler's problems
// when the embedded form does not compile (a packaging fault).
std::shared_ptr<const forms::engine::FormModel> builtInQuickRegistration();

// Whether version `a` is newer than `b` (numbers compared as numbers, e.g. "10" > "9").
bool isNewerVersion(const std::string& a, const std::string& b);

struct AvailableForm {
  std::string formId;
  std::string version;
  std::string title;
  std::vector<std::string> roles;  // settings `roles`; empty = every tablet role
  bool operator==(const AvailableForm&) const = default;
};

// Whether a user with `role` fills `form` in (ROLE_UNSPECIFIED, e.g. --open mode: every form).
bool offeredTo(const AvailableForm& form, phum::v1::Role role);

// Every form that can be started here, newest version of each, quick registration first, the
// others by form id. Reads the store (throws StorageError when it cannot).
std::vector<AvailableForm> availableForms(const store::LocalStore* store);

// The newest version of `formId` (downloaded, or built in), or nullptr when the tablet has none.
// Throws forms::engine::FormError when that definition cannot be evaluated.
std::shared_ptr<const forms::engine::FormModel> newestForm(const store::LocalStore* store,
                                                           const std::string& formId);

// Exactly `formId` at `version`, or nullptr when this tablet does not have it (any more). A draft
// or a record keeps the version it was made with. Compiled models are cached for the process
// (a published version never changes).
std::shared_ptr<const forms::engine::FormModel> findForm(const store::LocalStore* store,
                                                         const std::string& formId,
                                                         const std::string& version);

// "ការស្ទង់មតិ... (Household migration survey)" in `language`: our forms write the title as
// "Khmer (English)"; other titles are shown as written.
std::string formTitleIn(const std::string& title, const std::string& language);

}  // namespace phum::app
