// FormSession: evaluating one field in one scope, and reading/writing the answers.
#include <algorithm>
#include <cmath>

#include "forms/engine/answer_codec.h"
#include "forms/engine/answer_length.h"
#include "forms/engine/session_scope.h"

namespace phum::forms::engine {
namespace {

using Scope = FormSession::Scope;
namespace v1 = phum::v1;

constexpr double kMaxRepeatInstances = 1000;

bool isSelect(v1::FieldType type) {
  return type == v1::FIELD_TYPE_SELECT_ONE || type == v1::FIELD_TYPE_SELECT_MULTIPLE ||
         type == v1::FIELD_TYPE_RANK;
}

// The choice names an answer holds: select_one's one name (which may contain a space), or the
// space-separated names of select_multiple and rank.
std::vector<std::string> chosenNames(const v1::Field& field, const std::string& value) {
  if (field.type() == v1::FIELD_TYPE_SELECT_ONE) return {value};
  return expr::splitSelected(value);
}

// NaN is what XPath gives for arithmetic on unanswered fields; a calculated value shows empty.
std::string calculatedText(const expr::Value& value) {
  if (value.type() == expr::Value::Type::Number && std::isnan(value.toNumber())) return "";
  return value.toString();
}

}  // namespace

bool FormSession::refresh(int index, Scope& scope) {
  ++evaluations_;
  const CompiledField& field = model_->field(index);
  FieldState& state = scope.state(index);
  const bool wasRelevant = state.relevant;
  bool calculatedAnew = false;  // only a calculation changes the value here
  SessionContext context(*this, scope, index);
  try {
    state.relevant = parentRelevant(field, scope) &&
                     (!field.relevant || expr::evaluateBoolean(*field.relevant, context));
    if (state.relevant && field.calculation) {
      std::string value = calculatedText(expr::evaluate(*field.calculation, context));
      calculatedAnew = value != state.value;
      state.value = std::move(value);
      state.typeError.clear();
    }
    state.required =
        state.relevant && field.required && expr::evaluateBoolean(*field.required, context);
    state.readOnly = field.readOnly && expr::evaluateBoolean(*field.readOnly, context);
    if (const auto* list = options_.listChoices ? choiceListOf(field) : nullptr) {
      refreshChoices(field, *list, scope, state);
    }
    refreshValidity(field, scope, state);
    if (field.isRepeat() && field.repeatCount && state.relevant) {
      double wanted = expr::evaluate(*field.repeatCount, context).toNumber();
      if (std::isnan(wanted) || wanted < 0) wanted = 0;
      if (wanted > kMaxRepeatInstances) {
        throw expr::EvalError("repeat_count asks for " + expr::formatNumber(wanted) +
                              " entries; at most 1000 are allowed");
      }
      resizeRepeat(index, scope, static_cast<std::size_t>(wanted));
    }
  } catch (const expr::EvalError& error) {
    state.valid = false;
    state.message = std::string("the form cannot check this answer: ") + error.what();
  }
  // What dependents see changed: the relevance, or the value of a field relevant before and now.
  return wasRelevant != state.relevant || (state.relevant && calculatedAnew);
}

const v1::ChoiceList* FormSession::choiceListOf(const CompiledField& field) const {
  if (field.choices != nullptr) return field.choices;
  if (field.def->choice_file().empty() || !options_.externalChoices) return nullptr;
  return options_.externalChoices(field.def->choice_file());
}

void FormSession::refreshChoices(const CompiledField& field, const v1::ChoiceList& list,
                                 Scope& scope, FieldState& state) {
  if (!field.choiceFilter && !state.choices.empty()) return;  // unfiltered lists never change
  state.choices.clear();
  SessionContext context(*this, scope, field.index);
  for (const auto& choice : list.choices()) {
    context.setChoice(&choice);
    if (!field.choiceFilter || expr::evaluateBoolean(*field.choiceFilter, context)) {
      state.choices.push_back(choice.name());
    }
  }
}

// Whether `name` is among the choices the field offers now: looked up in the list worked out by
// refreshChoices, or (without listChoices) the choice filter evaluated for that choice alone.
bool FormSession::offers(const CompiledField& field, const v1::ChoiceList& list, const Scope& scope,
                         const FieldState& state, const std::string& name) const {
  if (options_.listChoices) {
    return std::find(state.choices.begin(), state.choices.end(), name) != state.choices.end();
  }
  SessionContext context(*this, scope, field.index);
  for (const auto& choice : list.choices()) {
    if (choice.name() != name) continue;
    if (!field.choiceFilter) return true;
    context.setChoice(&choice);
    if (expr::evaluateBoolean(*field.choiceFilter, context)) return true;
  }
  return false;
}

void FormSession::refreshValidity(const CompiledField& field, Scope& scope, FieldState& state) {
  const auto& def = *field.def;
  const std::string& language = options_.language;
  const std::string& fallback = model_->definition().default_language();
  state.valid = true;
  state.message.clear();
  if (!state.relevant) return;
  auto reject = [&](std::string message) {
    state.valid = false;
    state.message = std::move(message);
  };
  if (!state.typeError.empty()) return reject(state.typeError);
  if (state.value.empty()) {
    if (!state.required) return;
    std::string custom = textIn(def.required_messages(), language, fallback);
    return reject(custom.empty() ? "an answer is required" : custom);
  }
  // Before the choices and the constraint, which would otherwise read a huge answer in full.
  if (auto tooLong = lengthProblem(def, state.value, language); !tooLong.empty()) {
    return reject(std::move(tooLong));
  }
  if (isSelect(def.type())) {
    const v1::ChoiceList* list = choiceListOf(field);
    const std::vector<std::string> names = chosenNames(def, state.value);
    for (const auto& name : names) {
      // An external list nobody provided cannot be checked here; the server provides it.
      bool offered = list == nullptr || offers(field, *list, scope, state, name);
      if (!offered && !(def.or_other() && name == "other")) {
        return reject("'" + name + "' is not one of the choices offered");
      }
    }
    if (def.type() == v1::FIELD_TYPE_RANK) {
      if (auto problem = rankProblem(field, list, scope, state, names); !problem.empty()) {
        return reject(std::move(problem));
      }
    }
  }
  if (field.constraint) {
    SessionContext context(*this, scope, field.index);
    if (!expr::evaluateBoolean(*field.constraint, context)) {
      std::string custom = textIn(def.constraint_messages(), language, fallback);
      return reject(custom.empty() ? "the answer breaks the form's rule " + def.constraint()
                                   : custom);
    }
  }
}

// A ranking names every offered choice exactly once.
std::string FormSession::rankProblem(const CompiledField& field, const v1::ChoiceList* list,
                                     const Scope& scope, const FieldState& state,
                                     const std::vector<std::string>& names) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i)) {
      return "'" + names[i] + "' is ranked twice";
    }
  }
  if (list == nullptr) return "";
  for (const auto& choice : list->choices()) {
    if (std::find(names.begin(), names.end(), choice.name()) != names.end()) continue;
    if (offers(field, *list, scope, state, choice.name())) {
      return "every choice must be ranked; '" + choice.name() + "' is missing";
    }
  }
  return "";
}

void FormSession::resizeRepeat(int repeat, Scope& scope, std::size_t wanted) {
  auto& list = scope.instances[repeat];
  if (list.size() == wanted) return;
  FieldState& state = scope.state(repeat);
  if (!options_.followRepeatCount) {
    // Validation of a received record: report, never change what the field worker sent.
    state.valid = false;
    state.message = "the form expects " + std::to_string(wanted) +
                    " entries here, the record has " + std::to_string(list.size());
    return;
  }
  while (list.size() < wanted) enqueueScope(newInstance(scope, repeat));
  while (list.size() > wanted) {
    Scope* doomed = list.back().get();
    queue_->purgeWithin(doomed);
    list.pop_back();
  }
  afterInstancesChanged(repeat, scope);
}

std::string FormSession::instanceName() const {
  if (!model_->instanceName()) return "";
  try {
    // Evaluated at the top level; `.` has no meaning there (field -1 is never read).
    return calculatedText(
        expr::evaluate(*model_->instanceName(), SessionContext(*this, *root_, 0)));
  } catch (const expr::EvalError&) {
    return "";  // a title is a convenience: the record itself is unaffected
  }
}

std::string FormSession::pathOf(const Scope& scope, int field) const {
  std::string path = model_->field(field).name();
  for (const Scope* s = &scope; s->repeat >= 0; s = s->parent) {
    path = model_->field(s->repeat).name() + "[" + std::to_string(s->position) + "]/" + path;
  }
  return path;
}

std::vector<FieldError> FormSession::errors() const {
  std::vector<FieldError> out;
  collectErrors(*root_, out);
  return out;
}

void FormSession::collectErrors(const Scope& scope, std::vector<FieldError>& out) const {
  for (int index : model_->fieldsInScope(scope.repeat)) {
    const FieldState& state = scope.state(index);
    if (state.relevant && !state.valid) out.push_back({pathOf(scope, index), state.message});
    auto found = scope.instances.find(index);
    if (found == scope.instances.end() || !state.relevant) continue;
    for (const auto& instance : found->second) collectErrors(*instance, out);
  }
}

v1::AnswerSet FormSession::answers(bool onlyRelevant) const {
  v1::AnswerSet out;
  exportScope(*root_, onlyRelevant, out);
  return out;
}

void FormSession::exportScope(const Scope& scope, bool onlyRelevant, v1::AnswerSet& out) const {
  for (int index : model_->fieldsInScope(scope.repeat)) {
    const CompiledField& field = model_->field(index);
    const FieldState& state = scope.state(index);
    if (onlyRelevant && !state.relevant) continue;
    if (field.isRepeat()) {
      auto found = scope.instances.find(index);
      if (found == scope.instances.end() || found->second.empty()) continue;
      auto* group = out.add_repeats();
      group->set_name(field.name());
      for (const auto& instance : found->second) {
        exportScope(*instance, onlyRelevant, *group->add_instances());
      }
    } else if (holdsAnswer(field.def->type()) && !state.value.empty()) {
      auto* answer = out.add_answers();
      answer->set_name(field.name());
      if (state.typeError.empty()) {
        *answer->mutable_value() = encodeAnswer(*field.def, state.value);
      } else {
        answer->mutable_value()->set_text(state.value);  // keep what was typed, as typed
      }
    }
  }
}

void FormSession::load(const v1::AnswerSet& answers) {
  queue_->clear();
  loadErrors_.clear();
  root_ = std::make_unique<Scope>();
  root_->allocate(*model_, -1);
  loading_ = true;
  importScope(*root_, -1, answers, "");
  loading_ = false;
  reevaluateAll();
}

void FormSession::importScope(Scope& scope, int repeat, const v1::AnswerSet& in,
                              const std::string& prefix) {
  std::vector<bool> seen(model_->fields().size(), false);
  auto misplaced = [&](const std::string& name, int index) -> std::string {
    if (index < 0) return "this form has no field '" + name + "'";
    const CompiledField& field = model_->field(index);
    if (seen[static_cast<std::size_t>(index)]) return "answered more than once";
    if (field.repeat != repeat) {
      return field.repeat < 0
                 ? "belongs at the top level of the record, not inside a repeat"
                 : "belongs inside the repeat '" + model_->field(field.repeat).name() + "'";
    }
    return "";
  };
  for (const auto& answer : in.answers()) {
    int index = model_->indexOf(answer.name());
    std::string problem = misplaced(answer.name(), index);
    if (problem.empty() && !holdsAnswer(model_->field(index).def->type())) {
      problem = "is a group or note and takes no answer";
    }
    if (!problem.empty()) {
      loadErrors_.push_back({prefix + answer.name(), problem});
      continue;
    }
    seen[static_cast<std::size_t>(index)] = true;
    DecodedAnswer decoded = decodeAnswer(*model_->field(index).def, answer.value());
    FieldState& state = scope.state(index);
    state.value = decoded.text;
    state.typeError = decoded.error;
  }
  for (const auto& group : in.repeats()) {
    int index = model_->indexOf(group.name());
    std::string problem = misplaced(group.name(), index);
    if (problem.empty() && !model_->field(index).isRepeat()) problem = "is not a repeat";
    if (!problem.empty()) {
      loadErrors_.push_back({prefix + group.name(), problem});
      continue;
    }
    seen[static_cast<std::size_t>(index)] = true;
    for (const auto& instanceAnswers : group.instances()) {
      Scope& instance = newInstance(scope, index);
      importScope(instance, index, instanceAnswers,
                  prefix + group.name() + "[" + std::to_string(instance.position) + "]/");
    }
  }
}

}  // namespace phum::forms::engine
