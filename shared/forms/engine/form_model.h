#pragma once
// A FormDefinition prepared for evaluation, built once per form version and shared (read-only)
// by every session and every server-side validation of that version: the field tree flattened,
// every expression parsed, and the dependency graph that tells which fields to re-evaluate when
// one answer changes.
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "forms/expr/parser.h"
#include "phum/v1/form.pb.h"

namespace phum::forms::engine {

// The form definition itself is unusable (an expression that does not parse, a reference to a
// field that does not exist). The message names the field and its survey row.
class FormError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using ExprPtr = std::shared_ptr<const expr::Expr>;

struct CompiledField {
  const phum::v1::Field* def = nullptr;
  int index = 0;
  int parent = -1;                 // enclosing group or repeat; -1 at the top level
  int repeat = -1;                 // nearest enclosing repeat; -1 when not inside a repeat
  int end = 0;                     // one past its last descendant (index + 1 for a question)
  std::vector<int> repeatChain;    // enclosing repeats, outermost first
  std::vector<int> instanceChain;  // for a repeat: repeatChain plus itself (its instances' chain)
  ExprPtr relevant, required, constraint, calculation, readOnly, choiceFilter, repeatCount;
  ExprPtr dynamicDefault;       // a `default` that refers to other answers, e.g. ${village}
  bool usesPosition = false;    // position(..) appears: instance renumbering affects it
  int rank = 0;                 // topological order: a field comes after what it depends on
  std::vector<int> dependents;  // fields to re-evaluate when this one's value or relevance changes
  std::vector<int>
      referencedBy;  // the subset whose expressions name this field (not just children)
  const phum::v1::ChoiceList* choices = nullptr;  // for selects with list_name

  bool isRepeat() const { return def->type() == phum::v1::FIELD_TYPE_REPEAT; }
  bool isGroup() const { return def->type() == phum::v1::FIELD_TYPE_GROUP; }
  bool isContainer() const { return isRepeat() || isGroup(); }
  const std::string& name() const { return def->name(); }
};

class FormModel {
 public:
  // Throws FormError when the definition cannot be evaluated.
  explicit FormModel(phum::v1::FormDefinition form);
  FormModel(const FormModel&) = delete;
  FormModel& operator=(const FormModel&) = delete;

  const phum::v1::FormDefinition& definition() const { return form_; }
  const std::vector<CompiledField>& fields() const { return fields_; }
  const CompiledField& field(int index) const { return fields_[static_cast<std::size_t>(index)]; }
  int indexOf(std::string_view name) const;  // -1 when the form has no such field
  const ExprPtr& instanceName() const { return instanceName_; }  // null when not set
  // Fields in topological order, for a full evaluation pass.
  const std::vector<int>& evaluationOrder() const { return order_; }
  // Fields that live directly in a repeat instance (or the top level for -1), any group depth.
  const std::vector<int>& fieldsInScope(int repeat) const;

 private:
  void flatten(const google::protobuf::RepeatedPtrField<phum::v1::Field>& list, int parent,
               int repeat, const std::vector<int>& chain);
  void compileExpressions(CompiledField& field);
  void bindFields(expr::Expr& e) const;
  void buildDependencies();
  void rankFields();

  phum::v1::FormDefinition form_;
  std::vector<CompiledField> fields_;
  // Looked up by string_view without building a std::string: every answer of every validated
  // record is found by name.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const {
      return std::hash<std::string_view>{}(name);
    }
  };
  std::unordered_map<std::string, int, NameHash, std::equal_to<>> byName_;
  std::unordered_map<int, std::vector<int>> scopeFields_;
  std::vector<int> order_;
  ExprPtr instanceName_;
};

// Text of a per-language map in `language`, falling back to the form's default language, then
// "default", then any entry; "" when the map is empty.
std::string textIn(const google::protobuf::Map<std::string, std::string>& texts,
                   std::string_view language, std::string_view defaultLanguage);

}  // namespace phum::forms::engine
