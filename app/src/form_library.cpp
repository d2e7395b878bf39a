#include "app_form.h"

#include <QFile>
#include <charconv>
#include <stdexcept>

#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"
#include "store/local_store.h"

namespace phum::app {
namespace {

constexpr const char* kBuiltInResource = ":/forms/quick_registration.xlsform.md";

std::shared_ptr<const forms::engine::FormModel> compileBuiltIn() {
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

}  // namespace

bool isNewerVersion(const std::string& a, const std::string& b) {
  long long left = 0;
  long long right = 0;
  if (parseNumber(a, left) && parseNumber(b, right)) return left > right;
  // XLSForm versions are often dates such as 2026112801: same length compares as text.
  if (a.size() != b.size()) return a.size() > b.size();
  return a > b;
}

std::shared_ptr<const forms::engine::FormModel> builtInQuickRegistration() {
  static const auto model = compileBuiltIn();
  return model;
}

std::shared_ptr<const forms::engine::FormModel> newestQuickRegistration(
    const store::LocalStore* store) {
  auto newest = builtInQuickRegistration();
  if (!store) return newest;
  const phum::v1::FormDefinition* best = nullptr;
  const auto downloaded = store->formDefinitions();
  for (const auto& form : downloaded) {
    if (form.form_id() != kQuickRegistrationFormId) continue;
    const std::string& bestVersion = best ? best->version() : newest->definition().version();
    if (isNewerVersion(form.version(), bestVersion)) best = &form;
  }
  if (!best) return newest;
  // A downloaded form comes from our own server's compiler; a FormError here is still reported
  // by the caller rather than hidden behind the built-in version.
  return std::make_shared<const forms::engine::FormModel>(*best);
}

}  // namespace phum::app
