// phum-admin forms: compile, check and convert XLSForms (.xlsx and .xlsform.md).

#include <fstream>
#include <iostream>
#include <optional>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "forms/form_summary.h"
#include "forms/xlsform_compiler.h"

namespace phum::admin {
namespace {

void printFormsUsage() {
  std::cerr
      << "usage: phum-admin forms <command>\n"
         "  check FILE            compile an XLSForm (.xlsx or .xlsform.md); print its errors\n"
         "                        or a summary (exit 0 ok, 1 the form has errors)\n"
         "  convert IN OUT        .xlsform.md -> .xlsx or .xlsx -> .xlsform.md\n"
         "  compile FILE OUT.pb   write the compiled FormDefinition that devices download\n"
         "  publish FILE... [--data DIR|--db URL]\n"
         "                        store the forms on the server and send them to the\n"
         "                        tablets (nothing is stored if any form has errors)\n"
         "  list [--data DIR|--db URL]\n"
         "                        the form versions published on the server\n";
}

void printDiagnostics(const std::vector<forms::Diagnostic>& diagnostics,
                      const std::string& sourceName) {
  for (const forms::Diagnostic& diagnostic : diagnostics) {
    std::cerr << forms::formatDiagnostic(diagnostic, sourceName) << "\n";
  }
}

// Compiles and reports (the console shows the same lines, from compileReport); returns the result
// only when the form has no errors.
std::optional<forms::CompileResult> compileAndReport(const std::string& path) {
  forms::CompileResult result = forms::compileFormFile(path);
  const std::string sourceName = path.substr(path.find_last_of('/') + 1);
  for (const std::string& line : forms::compileReport(result, sourceName))
    std::cerr << line << "\n";
  if (!result.ok()) return std::nullopt;
  return result;
}

int check(const std::string& path) {
  const auto result = compileAndReport(path);
  if (!result) return 1;
  std::cout << forms::describeForm(result->form);
  return 0;
}

int convert(const std::string& in, const std::string& out) {
  const forms::Workbook workbook = forms::loadWorkbookFile(in);
  if (forms::hasErrors(workbook.diagnostics)) {
    printDiagnostics(workbook.diagnostics, workbook.sourceName);
    std::cerr << in << ": not converted; fix the errors above first\n";
    return 1;
  }
  forms::saveWorkbookFile(workbook, out);
  std::cout << "wrote " << out << "\n";
  return 0;
}

int compile(const std::string& path, const std::string& out) {
  const auto result = compileAndReport(path);
  if (!result) return 1;
  const std::string bytes = canonicalBytes(result->form);  // same form, same bytes
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << bytes;
  file.close();
  if (!file) {
    std::cerr << "phum-admin forms compile: cannot write " << out << "\n";
    return 1;
  }
  std::cout << "wrote " << out << " (" << bytes.size() << " bytes)\n";
  return 0;
}

// Compiles every file first, so one broken form stores nothing; then stores each version.
int publish(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  if (options.positional().empty()) throw UsageError("forms publish needs at least one FILE");
  std::vector<phum::v1::FormDefinition> compiled;
  for (const std::string& path : options.positional()) {
    auto result = compileAndReport(path);
    if (!result) return 1;
    compiled.push_back(std::move(result->form));
  }
  auto server = openServices(options, false);
  int status = 0;
  for (const auto& form : compiled) {
    const auto outcome = server->catalog().publishForm(form, adminOrigin());
    if (outcome == server::PublishOutcome::DifferentContent) {
      std::cerr << "phum-admin forms publish: " << server::publishMessage(form, outcome) << "\n";
      status = 1;
    } else {
      std::cout << server::publishMessage(form, outcome) << "\n";
    }
  }
  return status;
}

int list(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  auto server = openServices(options, true);
  const auto forms = server->catalog().listForms();
  for (const auto& form : forms) {
    std::cout << form.formId << "  " << form.version << "  " << formatIsoUtc(form.publishedAtMs)
              << "  " << form.title << "\n";
  }
  std::cout << forms.size() << " form version(s)\n";
  return 0;
}

}  // namespace

int runFormsCommand(const std::vector<std::string>& args) {
  if (args.empty()) {
    printFormsUsage();
    return 2;
  }
  const std::string& command = args[0];
  try {
    if (command == "check" && args.size() == 2) return check(args[1]);
    if (command == "convert" && args.size() == 3) return convert(args[1], args[2]);
    if (command == "compile" && args.size() == 3) return compile(args[1], args[2]);
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "publish") return publish(rest);
    if (command == "list") return list(rest);
  } catch (const forms::FormReadError& e) {
    std::cerr << "phum-admin forms " << command << ": " << e.what() << "\n";
    return 1;
  }
  if (command != "-h" && command != "--help") {
    std::cerr << "phum-admin forms: unknown command or wrong arguments: " << command << "\n";
  }
  printFormsUsage();
  return 2;
}

}  // namespace phum::admin
