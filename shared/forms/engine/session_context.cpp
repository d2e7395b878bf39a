#include <algorithm>
#include <cmath>

#include "forms/engine/answer_codec.h"
#include "forms/engine/session_scope.h"

namespace phum::forms::engine {
namespace {

using Scope = FormSession::Scope;

// The string values a reference selects when it reaches into repeat instances: one node per
// relevant instance (non-relevant answers do not count, as if they were never given).
void collectNodes(const FormModel& model, const Scope& scope, const std::vector<int>& target,
                  std::size_t level, int field, std::vector<std::string>& out) {
  if (level == target.size()) {
    if (model.field(field).isRepeat()) {
      if (scope.parent->state(field).relevant) out.emplace_back();
    } else {
      const FieldState& state = scope.state(field);
      if (state.relevant) out.push_back(state.value);
    }
    return;
  }
  auto found = scope.instances.find(target[level]);
  if (found == scope.instances.end()) return;
  for (const auto& instance : found->second) {
    collectNodes(model, *instance, target, level + 1, field, out);
  }
}

}  // namespace

const std::vector<int>& scopeChain(const FormModel& model, const Scope& scope) {
  static const std::vector<int> kTopLevel;
  return scope.repeat < 0 ? kTopLevel : model.field(scope.repeat).instanceChain;
}

std::size_t commonPrefix(const std::vector<int>& a, const std::vector<int>& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

expr::Value SessionContext::field(std::string_view name) const {
  int index = session_.model().indexOf(name);
  if (index < 0) throw expr::EvalError("${" + std::string(name) + "} is not a field of this form");
  return resolve(index);
}

expr::Value SessionContext::fieldReference(const expr::Expr& reference) const {
  return reference.binding >= 0 ? resolve(reference.binding) : field(reference.text);
}

expr::Value SessionContext::resolve(int index) const {
  const FormModel& model = session_.model();
  const CompiledField& target = model.field(index);
  const std::vector<int>& chain = target.isRepeat() ? target.instanceChain : target.repeatChain;
  std::size_t shared = commonPrefix(scopeChain(model, scope_), chain);
  // A repeat's own name always means all of its instances, even from inside one of them.
  if (target.isRepeat()) shared = std::min(shared, chain.size() - 1);
  const Scope* anchor = scope_.ancestorAtDepth(static_cast<int>(shared));
  if (!target.isRepeat() && shared == chain.size()) {
    const FieldState& state = anchor->state(index);
    return state.relevant ? typedValue(target.def->type(), state.value) : expr::Value();
  }
  std::vector<std::string> nodes;
  collectNodes(model, *anchor, chain, shared, index, nodes);
  return expr::Value::nodeSet(std::move(nodes));
}

expr::Value SessionContext::self() const {
  const CompiledField& field = session_.model().field(field_);
  return typedValue(field.def->type(), scope_.state(field_).value);
}

expr::Value SessionContext::choiceColumn(std::string_view column) const {
  if (choice_ == nullptr) return expr::Value();
  if (column == "name") return expr::Value::string(choice_->name());
  auto found = choice_->columns().find(std::string(column));
  return found == choice_->columns().end() ? expr::Value() : expr::Value::string(found->second);
}

std::string SessionContext::choiceLabel(std::string_view fieldName, std::string_view choice) const {
  const FormModel& model = session_.model();
  int index = model.indexOf(fieldName);
  const phum::v1::ChoiceList* list =
      index < 0 ? nullptr : session_.choiceListOf(model.field(index));
  if (list == nullptr) return std::string(choice);
  for (const auto& candidate : list->choices()) {
    if (candidate.name() == choice) {
      std::string label = textIn(candidate.labels(), session_.options_.language,
                                 model.definition().default_language());
      return label.empty() ? std::string(choice) : label;
    }
  }
  return std::string(choice);
}

namespace {

std::string choiceText(const phum::v1::Choice& choice, std::string_view column,
                       const std::string& language, const std::string& defaultLanguage) {
  if (column == "name") return choice.name();
  auto found = choice.columns().find(std::string(column));
  if (found != choice.columns().end()) return found->second;
  if (column == "label") return textIn(choice.labels(), language, defaultLanguage);
  return "";
}

}  // namespace

std::string SessionContext::pulldata(std::string_view dataset, std::string_view column,
                                     std::string_view keyColumn, std::string_view key) const {
  const auto& provider = session_.options_.externalChoices;
  if (!provider) return "";
  std::string file(dataset);
  if (!file.ends_with(".csv")) file += ".csv";
  const phum::v1::ChoiceList* list = provider(file);
  if (list == nullptr) return "";
  const std::string& language = session_.options_.language;
  const std::string& fallback = session_.model().definition().default_language();
  for (const auto& choice : list->choices()) {
    if (choiceText(choice, keyColumn, language, fallback) == key) {
      return choiceText(choice, column, language, fallback);
    }
  }
  return "";
}

int SessionContext::indexOfReference(const expr::Expr& reference) const {
  const int index =
      reference.binding >= 0 ? reference.binding : session_.model().indexOf(reference.text);
  if (index < 0) {
    throw expr::EvalError("${" + reference.text + "} is not a field of this form");
  }
  return index;
}

// Walks from where the first repeat's instances live down the chosen instances; an index that
// names no instance (yet) gives the empty value, as an unanswered question does.
expr::Value SessionContext::indexedRepeat(const expr::Expr& field,
                                          const std::vector<RepeatIndex>& steps) const {
  const FormModel& model = session_.model();
  const CompiledField& outer = model.field(indexOfReference(*steps.front().repeat));
  if (commonPrefix(scopeChain(model, scope_), outer.repeatChain) < outer.repeatChain.size()) {
    throw expr::EvalError("indexed-repeat(): ${" + outer.name() +
                          "} is inside another repeat; name that repeat first");
  }
  const Scope* scope = scope_.ancestorAtDepth(static_cast<int>(outer.repeatChain.size()));
  for (const RepeatIndex& step : steps) {
    const CompiledField& repeat = model.field(indexOfReference(*step.repeat));
    if (!repeat.isRepeat() || repeat.repeat != scope->repeat) {
      throw expr::EvalError("indexed-repeat(): ${" + repeat.name() +
                            "} is not a repeat directly inside the one before it");
    }
    auto found = scope->instances.find(repeat.index);
    const std::size_t count = found == scope->instances.end() ? 0 : found->second.size();
    if (!scope->state(repeat.index).relevant || std::isnan(step.index) || step.index < 1 ||
        step.index > static_cast<double>(count)) {
      return expr::Value();
    }
    scope = found->second[static_cast<std::size_t>(step.index) - 1].get();
  }
  const int index = indexOfReference(field);
  const CompiledField& target = model.field(index);
  const std::vector<int>& chain = target.isRepeat() ? target.instanceChain : target.repeatChain;
  if (std::find(chain.begin(), chain.end(), scope->repeat) == chain.end() ||
      (target.isRepeat() && target.index == scope->repeat)) {
    throw expr::EvalError("indexed-repeat(): ${" + target.name() + "} is not inside ${" +
                          model.field(scope->repeat).name() + "}");
  }
  if (!target.isRepeat() && target.repeat == scope->repeat) {
    const FieldState& state = scope->state(index);
    return state.relevant ? typedValue(target.def->type(), state.value) : expr::Value();
  }
  std::vector<std::string> nodes;
  collectNodes(model, *scope, chain, static_cast<std::size_t>(scope->depth), index, nodes);
  return expr::Value::nodeSet(std::move(nodes));
}

std::string SessionContext::formVersion() const { return session_.model().definition().version(); }

std::int64_t SessionContext::nowMillis() const {
  return session_.options_.nowMillis != 0 ? session_.options_.nowMillis
                                          : expr::EvalContext::nowMillis();
}

int SessionContext::utcOffsetMinutes() const { return session_.options_.utcOffsetMinutes; }

}  // namespace phum::forms::engine
