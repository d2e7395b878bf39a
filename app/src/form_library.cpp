#include "form_library.h"

#include <QFile>
#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"
#include "store/local_store.h"

namespace phum::app {
namespace {

using ModelPtr = std::shared_ptr<const forms::engine::FormModel>;

constexpr const char* kBuiltInResource = ":/forms/quick_registration.xlsform.md";

ModelPtr compileBuiltIn() {
  QFile file(QString::fromLatin1(kBuiltInResource));
  if (!file.open(QIODevice::ReadOnly))
    throw std::runtime_error(std::string("The app's built-in form ") + kBuiltInResource +
                             " is missing: " + file.errorString().toStdString());
  const QByteArray text = file.readAll();
  const auto workbook = forms::readMarkdownWorkbook(
      std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
      "quick_registration.xlsform.md");
  auto result = forms::compileWorkbook(workbook);
  if (!result.ok()) {
    std::string problems;
    for (const auto& diagnostic : result.diagnostics)
      problems += "\n" + forms::formatDiagnostic(diagnostic, workbook.sourceName);
    throw std::runtime_error("The app's built-in quick registration form does not compile:" +
                             problems);
  }
  return std::make_shared<const forms::engine::FormModel>(std::move(result.form));
}

bool parseNumber(const std::string& text, long long& out) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end;
}

// Compiled models by (form id, version): opening a form again must not compile it again, and a
// published version never changes its content (the server refuses that).
class ModelCache {
 public:
  ModelPtr find(const std::string& formId, const std::string& version) {
    std::lock_guard lock(mutex_);
    auto found = models_.find({formId, version});
    return found == models_.end() ? nullptr : found->second;
  }
  ModelPtr add(const phum::v1::FormDefinition& form) {
    auto model = std::make_shared<const forms::engine::FormModel>(form);
    std::lock_guard lock(mutex_);
    return models_.try_emplace({form.form_id(), form.version()}, std::move(model)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, ModelPtr> models_;
};

ModelCache& cache() {
  static ModelCache instance;
  return instance;
}

bool hasKhmer(std::string_view text) {
  // U+1780..U+17FF is E1 9E 80 .. E1 9F BF in UTF-8.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (lead == 0xE1 && (next == 0x9E || next == 0x9F)) return true;
  }
  return false;
}

}  // namespace

bool isNewerVersion(const std::string& a, const std::string& b) {
  long long left = 0;
  long long right = 0;
  if (parseNumber(a, left) && parseNumber(b, right)) return left > right;
  // XLSForm versions are often dates such as 2026112801: same length compares as text.
  if (a.size() != b.size()) return a.size() > b.size();
  return a > b;
}

ModelPtr builtInQuickRegistration() {
  static const auto model = compileBuiltIn();
  return model;
}

std::vector<AvailableForm> availableForms(const store::LocalStore* store) {
  const auto& builtIn = builtInQuickRegistration()->definition();
  std::map<std::string, AvailableForm> newest;
  newest[builtIn.form_id()] = {builtIn.form_id(), builtIn.version(), builtIn.title()};
  if (store) {
    for (const auto& form : store->formDefinitions()) {
      auto found = newest.find(form.form_id());
      if (found == newest.end() || isNewerVersion(form.version(), found->second.version))
        newest[form.form_id()] = {form.form_id(),
                                  form.version(),
                                  form.title(),
                                  {form.roles().begin(), form.roles().end()}};
    }
  }
  std::vector<AvailableForm> out;
  out.push_back(newest[kQuickRegistrationFormId]);
  for (auto& [id, form] : newest) {
    if (id != kQuickRegistrationFormId) out.push_back(std::move(form));
  }
  return out;
}

bool offeredTo(const AvailableForm& form, phum::v1::Role role) {
  if (form.roles.empty() || role == phum::v1::ROLE_UNSPECIFIED) return true;
  // The names the compiler accepts in settings `roles`.
  const char* name = role == phum::v1::ROLE_ENUMERATOR        ? "enumerator"
                     : role == phum::v1::ROLE_OUTREACH_WORKER ? "outreach_worker"
                     : role == phum::v1::ROLE_COUNSELLOR      ? "counsellor"
                                                              : "";
  return std::find(form.roles.begin(), form.roles.end(), name) != form.roles.end();
}

ModelPtr newestForm(const store::LocalStore* store, const std::string& formId) {
  for (const auto& form : availableForms(store)) {
    if (form.formId == formId) return findForm(store, formId, form.version);
  }
  return nullptr;
}

ModelPtr findForm(const store::LocalStore* store, const std::string& formId,
                  const std::string& version) {
  auto builtIn = builtInQuickRegistration();
  if (builtIn->definition().form_id() == formId && builtIn->definition().version() == version)
    return builtIn;
  if (!store) return nullptr;
  // The tablet must still hold this version (a full refresh of the feed may have dropped it);
  // only its compiled model is cached.
  for (const auto& form : store->formDefinitions()) {
    if (form.form_id() != formId || form.version() != version) continue;
    if (auto cached = cache().find(formId, version)) return cached;
    return cache().add(form);
  }
  return nullptr;
}

std::string formTitleIn(const std::string& title, const std::string& language) {
  const auto open = title.rfind(" (");
  if (open == std::string::npos || title.empty() || title.back() != ')') return title;
  std::string khmer = title.substr(0, open);
  std::string english = title.substr(open + 2, title.size() - open - 3);
  if (!hasKhmer(khmer) || hasKhmer(english) || english.empty()) return title;
  return language == "km" ? khmer : english;
}

}  // namespace phum::app
