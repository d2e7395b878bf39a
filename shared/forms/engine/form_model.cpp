#include "forms/engine/form_model.h"

#include <algorithm>
#include <queue>

namespace phum::forms::engine {
namespace {

bool usesPosition(const expr::Expr& e) {
  if (e.kind == expr::Expr::Kind::Call && e.function == expr::Function::Position) return true;
  return std::any_of(e.args.begin(), e.args.end(), [](const auto& a) { return usesPosition(a); });
}

std::string where(const phum::v1::Field& field) {
  std::string text = "field '" + field.name() + "'";
  if (field.source_row() != 0) text += " (survey row " + std::to_string(field.source_row()) + ")";
  return text;
}

}  // namespace

FormModel::FormModel(phum::v1::FormDefinition form) : form_(std::move(form)) {
  flatten(form_.fields(), -1, -1, {});
  for (auto& field : fields_) compileExpressions(field);
  if (!form_.instance_name().empty()) {
    auto parsed = expr::parseExpression(form_.instance_name());
    if (!parsed.ok()) {
      throw FormError("the settings instance_name does not parse: " + parsed.error->message);
    }
    auto bound = std::make_shared<expr::Expr>(*parsed.expr);
    bindFields(*bound);
    instanceName_ = bound;
  }
  buildDependencies();
  rankFields();
}

int FormModel::indexOf(std::string_view name) const {
  auto found = byName_.find(name);
  return found == byName_.end() ? -1 : found->second;
}

const std::vector<int>& FormModel::fieldsInScope(int repeat) const {
  static const std::vector<int> kNone;
  auto found = scopeFields_.find(repeat);
  return found == scopeFields_.end() ? kNone : found->second;
}

void FormModel::flatten(const google::protobuf::RepeatedPtrField<phum::v1::Field>& list, int parent,
                        int repeat, const std::vector<int>& chain) {
  for (const auto& def : list) {
    CompiledField field;
    field.def = &def;
    field.index = static_cast<int>(fields_.size());
    field.parent = parent;
    field.repeat = repeat;
    field.repeatChain = chain;
    field.instanceChain = chain;
    field.instanceChain.push_back(field.index);
    if (!byName_.emplace(def.name(), field.index).second) {
      throw FormError("the form has two fields named '" + def.name() + "'");
    }
    scopeFields_[repeat].push_back(field.index);
    fields_.push_back(field);
    if (def.type() == phum::v1::FIELD_TYPE_REPEAT) {
      std::vector<int> inner = chain;
      inner.push_back(field.index);
      flatten(def.children(), field.index, field.index, inner);
    } else if (def.type() == phum::v1::FIELD_TYPE_GROUP) {
      flatten(def.children(), field.index, repeat, chain);
    }
    fields_[static_cast<std::size_t>(field.index)].end = static_cast<int>(fields_.size());
  }
}

void FormModel::bindFields(expr::Expr& e) const {
  if (e.kind == expr::Expr::Kind::Field) e.binding = indexOf(e.text);
  for (auto& arg : e.args) bindFields(arg);
}

void FormModel::compileExpressions(CompiledField& field) {
  const auto& def = *field.def;
  auto compile = [&](const std::string& source, const char* column,
                     expr::Dialect dialect = expr::Dialect::Field) -> ExprPtr {
    if (source.empty()) return nullptr;
    auto parsed = expr::parseExpression(source, dialect);
    if (!parsed.ok()) {
      throw FormError("the " + std::string(column) + " of " + where(def) +
                      " does not parse: " + parsed.error->message + " (column " +
                      std::to_string(parsed.error->column) + ")");
    }
    for (const auto& name : expr::referencedFields(*parsed.expr)) {
      if (byName_.find(name) == byName_.end()) {
        throw FormError("the " + std::string(column) + " of " + where(def) + " refers to ${" +
                        name + "}, which is not a field of this form");
      }
    }
    if (usesPosition(*parsed.expr)) field.usesPosition = true;
    auto bound = std::make_shared<expr::Expr>(*parsed.expr);
    bindFields(*bound);
    return bound;
  };
  field.relevant = compile(def.relevant(), "relevant");
  field.required = compile(def.required(), "required");
  field.constraint = compile(def.constraint(), "constraint");
  field.calculation = compile(def.calculation(), "calculation");
  field.readOnly = compile(def.read_only(), "read_only");
  field.choiceFilter = compile(def.choice_filter(), "choice_filter", expr::Dialect::ChoiceFilter);
  field.repeatCount = compile(def.repeat_count(), "repeat_count");
  // Same rule as the compiler: a default is a literal unless it refers to other answers.
  if (def.default_value().find("${") != std::string::npos) {
    field.dynamicDefault = compile(def.default_value(), "default");
  }
  if (!def.list_name().empty()) {
    for (const auto& list : form_.choice_lists()) {
      if (list.list_name() == def.list_name()) field.choices = &list;
    }
    if (field.choices == nullptr) {
      throw FormError(where(def) + " uses the choice list '" + def.list_name() +
                      "', which the form does not define");
    }
  }
}

void FormModel::buildDependencies() {
  for (auto& field : fields_) {
    std::vector<int> sources;
    for (const ExprPtr& e : {field.relevant, field.required, field.constraint, field.calculation,
                             field.readOnly, field.choiceFilter, field.repeatCount}) {
      if (!e) continue;
      for (const auto& name : expr::referencedFields(*e)) sources.push_back(byName_.at(name));
    }
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    for (int source : sources) {
      if (source != field.index)
        fields_[static_cast<std::size_t>(source)].referencedBy.push_back(field.index);
    }
    // Relevance is inherited: a group's children follow it.
    if (field.parent >= 0) sources.push_back(field.parent);
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    for (int source : sources) {
      // A field's own value is handled directly by setAnswer; a self edge would be a cycle.
      if (source != field.index)
        fields_[static_cast<std::size_t>(source)].dependents.push_back(field.index);
    }
  }
}

// Kahn's algorithm; fields caught in a cycle (which the compiler should have refused) keep
// form order after the others, and propagation stops after a bounded number of rounds.
void FormModel::rankFields() {
  std::vector<int> indegree(fields_.size(), 0);
  for (const auto& field : fields_) {
    for (int d : field.dependents) ++indegree[static_cast<std::size_t>(d)];
  }
  std::priority_queue<int, std::vector<int>, std::greater<>> ready;
  for (const auto& field : fields_) {
    if (indegree[static_cast<std::size_t>(field.index)] == 0) ready.push(field.index);
  }
  std::vector<bool> placed(fields_.size(), false);
  while (!ready.empty()) {
    int next = ready.top();
    ready.pop();
    placed[static_cast<std::size_t>(next)] = true;
    order_.push_back(next);
    for (int d : fields_[static_cast<std::size_t>(next)].dependents) {
      if (--indegree[static_cast<std::size_t>(d)] == 0) ready.push(d);
    }
  }
  for (const auto& field : fields_) {
    if (!placed[static_cast<std::size_t>(field.index)]) order_.push_back(field.index);
  }
  for (std::size_t i = 0; i < order_.size(); ++i) {
    fields_[static_cast<std::size_t>(order_[i])].rank = static_cast<int>(i);
  }
}

std::string textIn(const google::protobuf::Map<std::string, std::string>& texts,
                   std::string_view language, std::string_view defaultLanguage) {
  for (std::string_view key : {language, defaultLanguage, std::string_view("default")}) {
    auto found = texts.find(std::string(key));
    if (found != texts.end() && !found->second.empty()) return found->second;
  }
  // Map order is unspecified: take the smallest language code so the choice is stable.
  const std::string* best = nullptr;
  const std::string* bestKey = nullptr;
  for (const auto& [key, text] : texts) {
    if (bestKey == nullptr || key < *bestKey) bestKey = &key, best = &text;
  }
  return best == nullptr ? "" : *best;
}

}  // namespace phum::forms::engine
