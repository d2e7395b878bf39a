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
  std::set<std::string> repeats;
  std::vector<std::string> fieldList;  // for "did you mean"
  std::set<std::string> lists;
  std::vector<std::string> listList;
  std::set<std::string> externalLists;  // lists of the external_choices sheet
  // "Did you mean" costs an edit distance per name: offered for the first mistakes only, so a
  // form with thousands of wrong references is still checked quickly.
  mutable int suggestionsLeft = 200;
  std::optional<std::string> suggest(const std::string& word,
                                     const std::vector<std::string>& candidates) const {
    if (suggestionsLeft <= 0) return std::nullopt;
    --suggestionsLeft;
    return closestMatch(word, candidates);
  }
};

void reportUnknownField(const std::string& ref, const FormNames& names, const Location& at,
                        Diagnostics& diagnostics) {
  const auto suggestion = names.suggest(ref, names.fieldList);
  diagnostics.error(at, "unknown field ${" + ref + "}: no survey row is named '" + ref + "'" +
                            (suggestion ? "; did you mean ${" + *suggestion + "}?" : ""));
}

bool isLiteral(const expr::Expr& e) { return e.kind == expr::Expr::Kind::String; }

// Literal regex() patterns are checked now, so a form officer hears about a pattern the engine
// cannot run (a backreference, a lookahead) before any field worker meets it. ODK Collect
// matches the whole answer, Phum (like Enketo and XPath) searches in it: a pattern without ^ and
// $ may accept more here than there.
void checkRegex(const expr::Expr& call, const Location& at, Diagnostics& diagnostics) {
  if (call.args.size() != 2 || !isLiteral(call.args[1])) return;
  const std::string& pattern = call.args[1].text;
  const std::string problem = expr::regexPatternProblem(pattern);
  if (!problem.empty()) {
    diagnostics.error(at, "the regex() pattern '" + pattern + "' cannot be used: " + problem);
  } else if (!pattern.starts_with("^") || !pattern.ends_with("$")) {
    diagnostics.warning(at, "the regex() pattern '" + pattern +
                                "' is found anywhere in the answer, while ODK Collect requires "
                                "it to match the whole answer; write it as '^" +
                                (pattern.starts_with("^") ? pattern.substr(1) : pattern) +
                                (pattern.ends_with("$") ? "" : "$") +
                                "' to mean the same everywhere");
  }
}

void checkDigest(const expr::Expr& call, const Location& at, Diagnostics& diagnostics) {
  static const std::set<std::string> kAlgorithms = {"MD5", "SHA-1", "SHA-256", "SHA-384",
                                                    "SHA-512"};
  if (call.args.size() >= 2 && isLiteral(call.args[1]) &&
      kAlgorithms.count(call.args[1].text) == 0) {
    diagnostics.error(at, "digest() takes one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, not '" +
                              call.args[1].text + "'");
  }
  if (call.args.size() == 3 && isLiteral(call.args[2]) && call.args[2].text != "base64" &&
      call.args[2].text != "hex") {
    diagnostics.error(at, "digest() encodes as 'base64' or 'hex', not '" + call.args[2].text + "'");
  }
}

// indexed-repeat(${field}, ${repeat}, n, ...): the ${repeat} arguments must name repeats.
void checkIndexedRepeat(const expr::Expr& call, const FormNames& names, const Location& at,
                        Diagnostics& diagnostics) {
  for (std::size_t i = 1; i < call.args.size(); i += 2) {
    const std::string& name = call.args[i].text;
    if (names.fields.count(name) > 0 && names.repeats.count(name) == 0) {
      diagnostics.error(at, "indexed-repeat(): ${" + name +
                                "} is not a repeat; name the 'begin "
                                "repeat' row that holds the question");
    }
  }
}

void checkCalls(const expr::Expr& e, const FormNames& names, const Location& at,
                Diagnostics& diagnostics) {
  if (e.kind == expr::Expr::Kind::Call) {
    if (e.function == expr::Function::Regex) checkRegex(e, at, diagnostics);
    if (e.function == expr::Function::Digest) checkDigest(e, at, diagnostics);
    if (e.function == expr::Function::IndexedRepeat) checkIndexedRepeat(e, names, at, diagnostics);
  }
  for (const expr::Expr& arg : e.args) checkCalls(arg, names, at, diagnostics);
}

// Returns the references of a parsed expression, or nothing when it does not parse.
std::vector<std::string> checkExpression(const std::string& source, expr::Dialect dialect,
                                         const FormNames& names, const Location& at,
                                         Diagnostics& diagnostics) {
  const expr::ParseResult parsed = expr::parseExpression(source, dialect);
  if (!parsed.ok()) {
    for (const expr::ParseError& error : parsed.problems) {
      std::string message = (error.unsupported.empty() ? "bad expression '" : "expression '") +
                            source + "': " + error.message + " (at character " +
                            std::to_string(error.column) + ")";
      if (error.unsupported.empty()) {
        diagnostics.error(at, std::move(message));
      } else {
        diagnostics.unsupported(at, error.unsupported, std::move(message));
      }
    }
    return {};
  }
  checkCalls(*parsed.expr, names, at, diagnostics);
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
  for (const char* key :
       {"label", "hint", "guidance_hint", "required_message", "constraint_message"}) {
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
  if (source.external && names.lists.count(field.list_name()) > 0 &&
      names.externalLists.count(field.list_name()) == 0) {
    diagnostics.error(columnLocation(source, "type"),
                      "select_one_external takes its list from the external_choices sheet, but '" +
                          field.list_name() + "' is on the choices sheet; use select_one instead");
  }
  if (field.type() == phum::v1::FIELD_TYPE_RANGE) {
    const auto parameters = parameterMap(field.parameters());
    const auto labels = parameters.find("tick_labelset");
    if (labels != parameters.end() && names.lists.count(labels->second) == 0) {
      diagnostics.error(
          columnLocation(source, "parameters"),
          "tick_labelset '" + labels->second + "' is not a list of the choices sheet");
    }
  }
  if (field.list_name().empty() || names.lists.count(field.list_name()) > 0) return;
  const auto suggestion = names.suggest(field.list_name(), names.listList);
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

// Depth-first search with an explicit stack: a form may chain thousands of calculations, and
// recursion that deep would overflow the stack.
class CycleFinder {
 public:
  CycleFinder(const std::map<std::string, std::vector<std::string>>& edges) : edges_(edges) {}

  // Returns the first cycle reachable from `start` as a path "a -> b -> a", or "".
  std::string cycleFrom(const std::string& start) {
    struct Frame {
      const std::string* node;
      const std::vector<std::string>* next;
      std::size_t index;
    };
    std::vector<Frame> stack;
    std::set<std::string> onPath;
    auto enter = [&](const std::string& node) {
      const auto found = edges_.find(node);
      if (found == edges_.end() || done_.count(node) > 0) return;
      stack.push_back(Frame{&found->first, &found->second, 0});
      onPath.insert(node);
    };
    enter(start);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.index == top.next->size()) {
        done_.insert(*top.node);
        onPath.erase(*top.node);
        stack.pop_back();
        continue;
      }
      const std::string& next = (*top.next)[top.index++];
      if (onPath.count(next) > 0) return describeCycle(stack, next);
      enter(next);
    }
    return "";
  }

 private:
  template <typename Stack>
  static std::string describeCycle(const Stack& stack, const std::string& again) {
    std::string cycle;
    bool inCycle = false;
    for (const auto& frame : stack) {
      inCycle = inCycle || *frame.node == again;
      if (inCycle) cycle += *frame.node + " -> ";
    }
    return cycle + again;
  }

  const std::map<std::string, std::vector<std::string>>& edges_;
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

FormNames collectNames(const SurveyResult& survey, const ChoicesResult& choices,
                       const phum::v1::FormDefinition& form) {
  FormNames names;
  for (const FieldSource& source : survey.fields) {
    if (source.field->name().empty()) continue;
    names.fields.insert(source.field->name());
    names.fieldList.push_back(source.field->name());
    if (source.field->type() == phum::v1::FIELD_TYPE_REPEAT) {
      names.repeats.insert(source.field->name());
    }
  }
  for (const auto& list : form.choice_lists()) {
    names.lists.insert(list.list_name());
    names.listList.push_back(list.list_name());
  }
  names.externalLists.insert(choices.externalLists.begin(), choices.externalLists.end());
  return names;
}

// A choice name with a space cannot be told apart in a select_multiple or rank answer, whose
// names are separated by spaces (pyxform refuses it there too); select_one takes it.
void checkSpacedChoiceNames(const SurveyResult& survey, const ChoicesResult& choices,
                            Diagnostics& diagnostics) {
  if (choices.spacedNames.empty()) return;
  std::map<std::string, const phum::v1::Field*> multipleUsers;  // list -> first such select
  for (const FieldSource& source : survey.fields) {
    const auto type = source.field->type();
    if (type == phum::v1::FIELD_TYPE_SELECT_MULTIPLE || type == phum::v1::FIELD_TYPE_RANK) {
      multipleUsers.emplace(source.field->list_name(), source.field);
    }
  }
  for (const ChoiceSource& choice : choices.spacedNames) {
    const auto user = multipleUsers.find(choice.listName);
    if (user == multipleUsers.end()) continue;
    diagnostics.error(choice.location,
                      "choice name '" + choice.name + "' contains a space, but list '" +
                          choice.listName + "' is used by the select_multiple or rank '" +
                          user->second->name() + "' (survey row " +
                          std::to_string(user->second->source_row()) +
                          "), whose answers separate choices with spaces; write it with '_'");
  }
}

// instance_name only titles records: when it cannot be used, records get the default title.
void checkInstanceName(const FormNames& names, Settings& settings, phum::v1::FormDefinition& form,
                       Diagnostics& diagnostics) {
  if (settings.instanceName.empty() || settings.row == nullptr) return;
  const Location at = settings.columns->at(*settings.row, "instance_name");
  const expr::ParseResult parsed = expr::parseExpression(settings.instanceName);
  if (!parsed.ok()) {
    diagnostics.warning(at, "instance_name '" + settings.instanceName + "' is ignored: " +
                                parsed.error->message + "; records get the default title");
    form.set_instance_name("");
    return;
  }
  checkExpression(settings.instanceName, expr::Dialect::Field, names, at, diagnostics);
}

}  // namespace

void checkSurvey(const SurveyResult& survey, const ChoicesResult& choices, Settings& settings,
                 phum::v1::FormDefinition& form, Diagnostics& diagnostics) {
  const FormNames names = collectNames(survey, choices, form);
  std::map<std::string, std::vector<std::string>> calculationEdges;
  for (const FieldSource& source : survey.fields) {
    checkSelectList(source, names, diagnostics);
    std::vector<std::string> refs = checkFieldExpressions(source, names, diagnostics);
    if (!refs.empty()) calculationEdges[source.field->name()] = std::move(refs);
    if (source.generated) continue;
    checkTranslations(source, names, diagnostics);
    checkMissingTranslations(source, form, diagnostics);
  }
  checkCalculationCycles(survey, calculationEdges, diagnostics);
  checkSpacedChoiceNames(survey, choices, diagnostics);
  checkInstanceName(names, settings, form, diagnostics);
}

}  // namespace phum::forms::detail
