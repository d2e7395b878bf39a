#include "form_texts.h"

#include <algorithm>

#include "form_library.h"
#include "form_pages.h"
#include "forms/expr/evaluator.h"

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;
namespace v1 = phum::v1;

// The engine's words when an expression cannot be evaluated (a fault of the form, not the answer).
constexpr std::string_view kCannotCheck = "the form cannot check this answer: ";

bool isSelect(v1::FieldType type) {
  return type == v1::FIELD_TYPE_SELECT_ONE || type == v1::FIELD_TYPE_SELECT_MULTIPLE;
}

QString text(const std::string& utf8) { return QString::fromStdString(utf8); }

}  // namespace

bool choicesOffered(const engine::CompiledField& field, const engine::FieldState& state) {
  if (!isSelect(field.def->type())) return true;
  // An external list that is not on the tablet offers nothing and checks nothing.
  if (field.choices == nullptr && state.choices.empty()) return true;
  for (const auto& name : forms::expr::splitSelected(state.value)) {
    const bool offered =
        std::find(state.choices.begin(), state.choices.end(), name) != state.choices.end();
    if (!offered && !(field.def->or_other() && name == "other")) return false;
  }
  return true;
}

FormTexts::FormTexts(const engine::FormModel& model, std::string language)
    : model_(model), language_(std::move(language)) {}

QString FormTexts::formTitle() const {
  return text(formTitleIn(model_.definition().title(), language_));
}

QString FormTexts::hint(const engine::CompiledField& field) const {
  return text(
      engine::textIn(field.def->hints(), language_, model_.definition().default_language()));
}

QString FormTexts::choiceLabel(const v1::ChoiceList& list, const std::string& name) const {
  auto& index = choiceIndex_[&list];
  if (index.empty()) {
    for (const auto& choice : list.choices()) index.emplace(choice.name(), &choice);
  }
  auto found = index.find(name);
  if (found == index.end()) return text(name);
  const std::string label =
      engine::textIn(found->second->labels(), language_, model_.definition().default_language());
  return text(label.empty() ? name : label);
}

std::string FormTexts::valueText(int field, const std::string& prefix,
                                 const engine::FormSession& session) const {
  const auto& target = model_.field(field);
  const std::string path = scopedPath(model_, field, prefix);
  if (path.empty()) return {};
  try {
    const auto& state = session.state(path);
    if (!state.relevant) return {};
    if (target.choices != nullptr && isSelect(target.def->type())) {
      std::string out;
      for (const auto& name : forms::expr::splitSelected(state.value)) {
        if (!out.empty()) out += ", ";
        out += choiceLabel(*target.choices, name).toStdString();
      }
      return out;
    }
    return state.value;
  } catch (const std::invalid_argument&) {
    return {};  // a repeat or group named in a label: nothing to show
  }
}

QString FormTexts::label(const engine::CompiledField& field, const std::string& prefix,
                         const engine::FormSession& session) const {
  std::string label =
      engine::textIn(field.def->labels(), language_, model_.definition().default_language());
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto open = label.find("${", at);
    const auto close = open == std::string::npos ? open : label.find('}', open);
    if (close == std::string::npos) break;
    out += label.substr(at, open - at);
    const int referenced = model_.indexOf(label.substr(open + 2, close - open - 2));
    if (referenced >= 0) out += valueText(referenced, prefix, session);
    at = close + 1;
  }
  out += label.substr(at);
  return text(out);
}

QString FormTexts::typeProblem(v1::FieldType type) const {
  switch (type) {
    case v1::FIELD_TYPE_INTEGER:
      return tr("Write a whole number, for example 25.");
    case v1::FIELD_TYPE_DECIMAL:
      return tr("Write a number, for example 2.5.");
    case v1::FIELD_TYPE_DATE:
      return tr("Choose the date again.");
    case v1::FIELD_TYPE_DATETIME:
      return tr("Choose the date and the time again.");
    case v1::FIELD_TYPE_TIME:
      return tr("Choose the time again.");
    case v1::FIELD_TYPE_GEOPOINT:
      return tr("Write the latitude (-90 to 90) and the longitude (-180 to 180).");
    default:
      return tr("This answer cannot be used. Please answer again.");
  }
}

QString FormTexts::problem(const engine::CompiledField& field,
                           const engine::FieldState& state) const {
  if (state.valid || !state.relevant) return {};
  const auto& def = *field.def;
  const std::string& fallback = model_.definition().default_language();
  if (!state.typeError.empty()) return typeProblem(def.type());
  if (state.value.empty()) {
    const std::string custom = engine::textIn(def.required_messages(), language_, fallback);
    return custom.empty() ? tr("Please answer this question.") : text(custom);
  }
  if (!choicesOffered(field, state)) return tr("Choose one of the answers shown.");
  if (state.message.rfind(kCannotCheck, 0) == 0) {
    return tr("The form cannot check this answer (%1). Tell your supervisor.")
        .arg(text(state.message.substr(kCannotCheck.size())));
  }
  const std::string custom = engine::textIn(def.constraint_messages(), language_, fallback);
  return custom.empty() ? tr("This answer is not allowed by the form's rules.") : text(custom);
}

}  // namespace phum::app
