// Checks that need the whole form: expressions parse, ${references} name real fields, select
// lists exist, and calculations do not depend on themselves.
#include <map>
#include <set>

#include "forms/compiler_internal.h"
#include "forms/expr/parser.h"
#include "forms/expr/regex_match.h"

namespace phum::forms::detail {
namespace {

using phum::v1::Field;

struct FormNames {
  std::set<std::string> fields;
  std::vector<std::string> fieldList;  // for "did you mean"
  std::set<std::string> lists;
  std::vector<std::string> listList;
};

void reportUnknownField(const std::string& ref, const FormNames& names, const Location& at,
                        Diagnostics& diagnostics) {
  const auto suggestion = closestMatch(ref, names.fieldList);
  diagnostics.error(at, "unknown field ${" + ref + "}: no survey row is named '" + ref + "'" +
                            (suggestion ? "; did you mean ${" + *suggestion + "}?" : ""));
}

// Literal regex() patterns are checked now, so a form officer hears about a pattern the engine
// cannot run (a backreference, a lookahead) before any field worker meets it.
void checkRegexPatterns(const expr::Expr& e, const Location& at, Diagnostics& diagnostics) {
  if (e.kind == expr::Expr::Kind::Call && e.function == expr::Function::Regex &&
      e.args.size() == 2 && e.args[1].kind == expr::Expr::Kind::String) {
    const std::string problem = expr::regexPatternProblem(e.args[1].text);
    if (!problem.empty()) {
      diagnostics.error(at,
                        "the regex() pattern '" + e.args[1].text + "' cannot be used: " + problem);
    }
  }
  for (const expr::Expr& arg : e.args) checkRegexPatterns(arg, at, diagnostics);
}

// Returns the references of a parsed expression, or nothing when it does not parse.
std::vector<std::string> checkExpression(const std::string& source, expr::Dialect dialect,
                                         const FormNames& names, const Location& at,
                                         Diagnostics& diagnostics) {
  const expr::ParseResult parsed = expr::parseExpression(source, dialect);
  if (!parsed.ok()) {
    const expr::ParseError& error = *parsed.error;
    diagnostics.error(at, "bad expression '" + source + "': " + error.message + " (at character " +
                              std::to_string(error.column) + ")");
    return {};
  }
  checkRegexPatterns(*parsed.expr, at, diagnostics);
  std::vector<std::string> refs = expr::referencedFields(*parsed.expr);
  for (const std::string& ref : refs) {
    if (names.fields.count(ref) == 0) reportUnknownField(ref, names, at, diagnostics);
  }
  return refs;
}

// Labels and hints may show answers with ${name}; they are text, not expressions.
void checkTextReferences(const std::string& text, const FormNames& names, const Location& at,
                         Diagnostics& diagnostics) {
  for (std::size_t start = text.find("${"); start != std::string::npos;
       start = text.find("${", start + 2)) {
    const std::size_t end = text.find('}', start);
    if (end == std::string::npos) {
      diagnostics.error(at, "'${' without a closing '}'; write ${name} to show an answer");
      return;
    }
    const std::string ref = text.substr(start + 2, end - start - 2);
    if (names.fields.count(ref) == 0) reportUnknownField(ref, names, at, diagnostics);
  }
}

Location columnLocation(const FieldSource& source, std::string_view key) {
  return source.columns->at(*source.location.row, key);
}

void checkTranslations(const FieldSource& source, const FormNames& names,
                       Diagnostics& diagnostics) {
  const SheetColumns& columns = *source.columns;
  const SheetRow& row = *source.location.row;
  for (const char* key : {"label", "hint", "required_message", "constraint_message"}) {
    for (const Column* column : columns.translations(key)) {
      if (column->index >= row.cells.size()) continue;
      checkTextReferences(row.cells[column->index], names,
                          Location{columns.sheetName(), &row, column}, diagnostics);
    }
  }
}

void checkMissingTranslations(const FieldSource& source, const phum::v1::FormDefinition& form,
                              Diagnostics& diagnostics) {
  const Field& field = *source.field;
  if (field.labels().empty() || form.languages_size() < 2) return;
  for (const std::string& code : form.languages()) {
    if (field.labels().count(code) > 0) continue;
    diagnostics.warning(columnLocation(source, "label"),
                        "'" + field.name() + "' has no label in language '" + code +
                            "'; field workers using that language will see another language");
  }
}

void checkSelectList(const FieldSource& source, const FormNames& names, Diagnostics& diagnostics) {
  const Field& field = *source.field;
  if (field.list_name().empty() || names.lists.count(field.list_name()) > 0) return;
  const auto suggestion = closestMatch(field.list_name(), names.listList);
  diagnostics.error(columnLocation(source, "type"),
                    "list '" + field.list_name() +
                        "' is not on the choices sheet; add choices with list_name '" +
                        field.list_name() + "' or fix the spelling" +
                        (suggestion ? " (did you mean '" + *suggestion + "'?)" : ""));
}

// Expression columns of one field; returns the calculation's references for the cycle check.
std::vector<std::string> checkFieldExpressions(const FieldSource& source, const FormNames& names,
                                               Diagnostics& diagnostics) {
  const Field& field = *source.field;
  const std::pair<const char*, const std::string*> columns[] = {
      {"required", &field.required()},         {"read_only", &field.read_only()},
      {"relevant", &field.relevant()},         {"constraint", &field.constraint()},
      {"repeat_count", &field.repeat_count()},
  };
  for (const auto& [key, text] : columns) {
    if (!text->empty()) {
      checkExpression(*text, expr::Dialect::Field, names, columnLocation(source, key), diagnostics);
    }
  }
  if (!field.choice_filter().empty()) {
    checkExpression(field.choice_filter(), expr::Dialect::ChoiceFilter, names,
                    columnLocation(source, "choice_filter"), diagnostics);
  }
  // A default is a literal unless it refers to other answers (a dynamic default).
  if (field.default_value().find("${") != std::string::npos) {
    checkExpression(field.default_value(), expr::Dialect::Field, names,
                    columnLocation(source, "default"), diagnostics);
  }
  if (field.calculation().empty()) return {};
  return checkExpression(field.calculation(), expr::Dialect::Field, names,
                         columnLocation(source, "calculation"), diagnostics);
}

class CycleFinder {
 public:
  CycleFinder(const std::map<std::string, std::vector<std::string>>& edges) : edges_(edges) {}

  // Returns the first cycle reachable from `start` as a path "a -> b -> a", or "".
  std::string cycleFrom(const std::string& start) {
    path_.clear();
    return visit(start);
  }

 private:
  std::string visit(const std::string& node) {
    const auto onPath = std::find(path_.begin(), path_.end(), node);
    if (onPath != path_.end()) {
      std::string cycle;
      for (auto it = onPath; it != path_.end(); ++it) cycle += *it + " -> ";
      return cycle + node;
    }
    if (done_.count(node) > 0) return "";
    const auto found = edges_.find(node);
    if (found == edges_.end()) return "";
    path_.push_back(node);
    for (const std::string& next : found->second) {
      std::string cycle = visit(next);
      if (!cycle.empty()) return cycle;
    }
    path_.pop_back();
    done_.insert(node);
    return "";
  }

  const std::map<std::string, std::vector<std::string>>& edges_;
  std::vector<std::string> path_;
  std::set<std::string> done_;
};

void checkCalculationCycles(const SurveyResult& survey,
                            const std::map<std::string, std::vector<std::string>>& edges,
                            Diagnostics& diagnostics) {
  CycleFinder finder(edges);
  std::set<std::string> reported;
  for (const FieldSource& source : survey.fields) {
    const std::string& name = source.field->name();
    if (edges.count(name) == 0 || reported.count(name) > 0) continue;
    const std::string cycle = finder.cycleFrom(name);
    if (cycle.empty()) continue;
    // Report a cycle once, at its first field in form order.
    for (std::size_t pos = 0; pos < cycle.size();) {
      const std::size_t arrow = cycle.find(" -> ", pos);
      reported.insert(cycle.substr(pos, arrow - pos));
      pos = arrow == std::string::npos ? cycle.size() : arrow + 4;
    }
    diagnostics.error(columnLocation(source, "calculation"),
                      "calculation cycle: " + cycle +
                          "; a calculation cannot depend on itself, directly or through other "
                          "calculations");
  }
}

FormNames collectNames(const SurveyResult& survey, const phum::v1::FormDefinition& form) {
  FormNames names;
  for (const FieldSource& source : survey.fields) {
    if (source.field->name().empty()) continue;
    names.fields.insert(source.field->name());
    names.fieldList.push_back(source.field->name());
  }
  for (const auto& list : form.choice_lists()) {
    names.lists.insert(list.list_name());
    names.listList.push_back(list.list_name());
  }
  return names;
}

}  // namespace

void checkSurvey(const SurveyResult& survey, const Settings& settings,
                 const phum::v1::FormDefinition& form, Diagnostics& diagnostics) {
  const FormNames names = collectNames(survey, form);
  std::map<std::string, std::vector<std::string>> calculationEdges;
  for (const FieldSource& source : survey.fields) {
    checkSelectList(source, names, diagnostics);
    std::vector<std::string> refs = checkFieldExpressions(source, names, diagnostics);
    if (!refs.empty()) calculationEdges[source.field->name()] = std::move(refs);
    checkTranslations(source, names, diagnostics);
    checkMissingTranslations(source, form, diagnostics);
  }
  checkCalculationCycles(survey, calculationEdges, diagnostics);
  if (!settings.instanceName.empty() && settings.row != nullptr) {
    const Column* column = settings.instanceNameColumn ? &*settings.instanceNameColumn : nullptr;
    checkExpression(settings.instanceName, expr::Dialect::Field, names,
                    Location{"settings", settings.row, column}, diagnostics);
  }
}

}  // namespace phum::forms::detail
