#pragma once
// Internals of FormSession: the tree of scopes (top level and repeat instances) and the
// evaluation context that resolves ${name} from a given scope.
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "forms/engine/form_session.h"
#include "forms/expr/evaluator.h"

namespace phum::forms::engine {

struct FormSession::Scope {
  Scope* parent = nullptr;
  int repeat = -1;   // the repeat this is an instance of; -1 for the record's top level
  int position = 0;  // 1-based among its siblings
  int depth = 0;     // number of enclosing repeat instances, itself included
  // Indexed by field index - first, over the range of fields that can live in this scope (all
  // of them at the top level; a repeat's descendants in an instance); only fields living
  // directly in this scope are used. Wasting the other slots keeps lookups to one array access,
  // which matters with 50+ instances.
  int first = 0;
  std::vector<FieldState> states;
  std::vector<char> queued;  // per field: waiting in the session's queue
  std::map<int, std::vector<std::unique_ptr<Scope>>> instances;  // repeat index -> instances

  FieldState& state(int field) { return states[static_cast<std::size_t>(field - first)]; }
  const FieldState& state(int field) const {
    return states[static_cast<std::size_t>(field - first)];
  }
  char& isQueued(int field) { return queued[static_cast<std::size_t>(field - first)]; }
  // Sized for the fields of `repeat` (-1: the top level) in `model`.
  void allocate(const FormModel& model, int repeat) {
    first = repeat < 0 ? 0 : repeat + 1;
    const int end = repeat < 0 ? static_cast<int>(model.fields().size()) : model.field(repeat).end;
    states.resize(static_cast<std::size_t>(end - first));
    queued.resize(static_cast<std::size_t>(end - first));
  }

  const Scope* ancestorAtDepth(int wanted) const {
    const Scope* scope = this;
    while (scope->depth > wanted) scope = scope->parent;
    return scope;
  }
  bool within(const Scope* other) const {
    for (const Scope* s = this; s != nullptr; s = s->parent) {
      if (s == other) return true;
    }
    return false;
  }
};

// Pending (field, scope) evaluations, lowest topological rank first: one bucket per rank, and a
// flag per (scope, field) so nothing is queued twice. Cheaper than an ordered set by far.
struct FormSession::Queue {
  std::vector<std::vector<Scope*>> byRank;
  std::size_t lowest = 0;  // no bucket below this one holds work
  std::size_t size = 0;

  void purgeWithin(const Scope* doomed) {
    for (auto& bucket : byRank) {
      size -= std::erase_if(bucket, [doomed](const Scope* s) { return s->within(doomed); });
    }
  }
  void clear() {
    for (auto& bucket : byRank) bucket.clear();
    size = 0;
  }
};

// The repeat chain of a scope: the repeats of its enclosing instances, outermost first.
const std::vector<int>& scopeChain(const FormModel& model, const FormSession::Scope& scope);

// Visits every scope below `from` along chain[level..] (every instance at each step).
template <typename Visit>
void forEachScopeAlong(FormSession::Scope& from, const std::vector<int>& chain, std::size_t level,
                       Visit&& visit) {
  if (level == chain.size()) {
    visit(from);
    return;
  }
  auto found = from.instances.find(chain[level]);
  if (found == from.instances.end()) return;
  for (auto& instance : found->second) forEachScopeAlong(*instance, chain, level + 1, visit);
}

std::size_t commonPrefix(const std::vector<int>& a, const std::vector<int>& b);

class SessionContext : public expr::EvalContext {
 public:
  SessionContext(const FormSession& session, const FormSession::Scope& scope, int field)
      : session_(session), scope_(scope), field_(field) {}
  void setChoice(const phum::v1::Choice* choice) { choice_ = choice; }

  expr::Value field(std::string_view name) const override;
  expr::Value fieldReference(const expr::Expr& reference) const override;
  expr::Value self() const override;
  int position() const override { return scope_.repeat < 0 ? 0 : scope_.position; }
  expr::Value choiceColumn(std::string_view column) const override;
  std::string choiceLabel(std::string_view field, std::string_view choice) const override;
  std::string pulldata(std::string_view dataset, std::string_view column,
                       std::string_view keyColumn, std::string_view key) const override;
  expr::Value indexedRepeat(const expr::Expr& field,
                            const std::vector<RepeatIndex>& steps) const override;
  std::string formVersion() const override;
  std::int64_t nowMillis() const override;
  int utcOffsetMinutes() const override;

 private:
  const FormSession& session_;
  const FormSession::Scope& scope_;
  int field_;
  const phum::v1::Choice* choice_ = nullptr;
  expr::Value resolve(int index) const;
  int indexOfReference(const expr::Expr& reference) const;
};

}  // namespace phum::forms::engine
