#include "forms/engine/form_session.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "forms/engine/answer_codec.h"
#include "forms/engine/session_scope.h"

namespace phum::forms::engine {
namespace {

using Scope = FormSession::Scope;
namespace v1 = phum::v1;

struct PathStep {
  std::string name;
  std::size_t index = 0;  // 0 when the segment has no [n]
};

std::vector<PathStep> splitPath(std::string_view path) {
  std::vector<PathStep> steps;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string_view part =
        path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    PathStep step;
    std::size_t open = part.find('[');
    step.name = std::string(part.substr(0, open));
    if (open != std::string_view::npos) {
      if (part.back() != ']')
        throw std::invalid_argument("malformed path '" + std::string(path) + "'");
      step.index = std::strtoul(std::string(part.substr(open + 1)).c_str(), nullptr, 10);
      if (step.index == 0) {
        throw std::invalid_argument("repeat instances in '" + std::string(path) +
                                    "' are numbered from 1");
      }
    }
    steps.push_back(std::move(step));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return steps;
}

}  // namespace

FormSession::FormSession(std::shared_ptr<const FormModel> model, SessionOptions options)
    : FormSession(std::move(model), std::move(options), nullptr) {}

FormSession::FormSession(std::shared_ptr<const FormModel> model, SessionOptions options,
                         const phum::v1::AnswerSet& answers)
    : FormSession(std::move(model), std::move(options), &answers) {}

FormSession::FormSession(std::shared_ptr<const FormModel> model, SessionOptions options,
                         const phum::v1::AnswerSet* answers)
    : model_(std::move(model)), options_(std::move(options)), queue_(std::make_unique<Queue>()) {
  queue_->byRank.resize(model_->fields().size());
  if (options_.language.empty()) options_.language = model_->definition().default_language();
  if (answers != nullptr) {
    load(*answers);
    return;
  }
  root_ = std::make_unique<Scope>();
  root_->allocate(*model_, -1);
  applyDefaults(*root_);
  enqueueScope(*root_);
  drainQueue();
}

FormSession::~FormSession() = default;

FormSession::Location FormSession::locate(std::string_view path, bool wantRepeat) const {
  auto steps = splitPath(path);
  Scope* scope = root_.get();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const PathStep& step = steps[i];
    int index = model_->indexOf(step.name);
    if (index < 0) throw std::invalid_argument("this form has no field '" + step.name + "'");
    const CompiledField& field = model_->field(index);
    if (field.repeat != scope->repeat) {
      throw std::invalid_argument(
          "'" + step.name + "' is " +
          (field.repeat < 0
               ? std::string("not inside a repeat")
               : "inside the repeat '" + model_->field(field.repeat).name() + "': write e.g. " +
                     model_->field(field.repeat).name() + "[1]/" + step.name) +
          " (path '" + std::string(path) + "')");
    }
    bool last = i + 1 == steps.size();
    if (last && step.index == 0) {
      if (wantRepeat != field.isRepeat()) {
        throw std::invalid_argument(
            "'" + step.name + "' is " +
            (field.isRepeat() ? "a repeat, not a question" : "not a repeat"));
      }
      return {scope, index};
    }
    if (!field.isRepeat()) throw std::invalid_argument("'" + step.name + "' is not a repeat");
    auto found = scope->instances.find(index);
    std::size_t count = found == scope->instances.end() ? 0 : found->second.size();
    if (step.index > count) {
      throw std::invalid_argument("there is no instance " + std::to_string(step.index) + " of '" +
                                  step.name + "' (it has " + std::to_string(count) + ")");
    }
    scope = found->second[step.index - 1].get();
    if (last)
      throw std::invalid_argument("path '" + std::string(path) +
                                  "' names a repeat instance, not a field");
  }
  throw std::invalid_argument("empty field path");
}

// Defaults of a new scope: literals as written, dynamic defaults evaluated once, now.
void FormSession::applyDefaults(Scope& scope) {
  for (int index : model_->fieldsInScope(scope.repeat)) {
    const CompiledField& field = model_->field(index);
    const auto& def = *field.def;
    if (def.default_value().empty() || !holdsAnswer(def.type())) continue;
    FieldState& state = scope.state(index);
    if (!field.dynamicDefault) {
      state.value = decodeText(def, def.default_value()).text;
      continue;
    }
    try {
      expr::Value value =
          expr::evaluate(*field.dynamicDefault, SessionContext(*this, scope, index));
      state.value = decodeText(def, value.toString()).text;
    } catch (const expr::EvalError& error) {
      state.typeError = std::string("the default could not be worked out: ") + error.what();
    }
  }
}

void FormSession::setAnswer(std::string_view path, std::string_view value) {
  Location at = locate(path, false);
  const CompiledField& field = model_->field(at.field);
  if (!holdsAnswer(field.def->type())) {
    throw std::invalid_argument("'" + field.name() + "' is a group or note and takes no answer");
  }
  FieldState& state = at.scope->state(at.field);
  std::string before = state.relevant ? state.value : "";
  DecodedAnswer decoded = decodeText(*field.def, value);
  state.value = decoded.error.empty() ? decoded.text : std::string(value);
  state.typeError = decoded.error;
  refresh(at.field, *at.scope);
  if ((state.relevant ? state.value : "") != before) enqueueDependents(at.field, *at.scope);
  drainQueue();
}

const FieldState& FormSession::state(std::string_view path) const {
  Location at = locate(path, false);
  return at.scope->state(at.field);
}

const FieldState& FormSession::repeatState(std::string_view repeatPath) const {
  Location at = locate(repeatPath, true);
  return at.scope->states[static_cast<std::size_t>(at.field)];
}

std::size_t FormSession::instanceCount(std::string_view repeatPath) const {
  Location at = locate(repeatPath, true);
  auto found = at.scope->instances.find(at.field);
  return found == at.scope->instances.end() ? 0 : found->second.size();
}

void FormSession::addRepeatInstance(std::string_view repeatPath) {
  Location at = locate(repeatPath, true);
  if (model_->field(at.field).repeatCount && options_.followRepeatCount) {
    throw std::invalid_argument("the number of '" + model_->field(at.field).name() +
                                "' entries is set by the form (repeat_count)");
  }
  Scope& added = newInstance(*at.scope, at.field);
  enqueueScope(added);
  afterInstancesChanged(at.field, *at.scope);
  drainQueue();
}

void FormSession::removeRepeatInstance(std::string_view repeatPath, std::size_t position) {
  Location at = locate(repeatPath, true);
  auto& list = at.scope->instances[at.field];
  if (position == 0 || position > list.size()) {
    throw std::invalid_argument("there is no instance " + std::to_string(position) + " of '" +
                                model_->field(at.field).name() + "'");
  }
  Scope* doomed = list[position - 1].get();
  queue_->purgeWithin(doomed);
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(position - 1));
  for (std::size_t i = 0; i < list.size(); ++i) list[i]->position = static_cast<int>(i + 1);
  afterInstancesChanged(at.field, *at.scope);
  drainQueue();
}

Scope& FormSession::newInstance(Scope& parent, int repeat) {
  auto scope = std::make_unique<Scope>();
  scope->parent = &parent;
  scope->repeat = repeat;
  scope->depth = parent.depth + 1;
  scope->allocate(*model_, repeat);
  auto& list = parent.instances[repeat];
  scope->position = static_cast<int>(list.size() + 1);
  list.push_back(std::move(scope));
  if (!loading_) applyDefaults(*list.back());
  return *list.back();
}

// After instances of `repeat` appear or disappear: everything outside the repeat that counts or
// sums over it, and every position(..) inside it, must be looked at again.
void FormSession::afterInstancesChanged(int repeat, Scope& parent) {
  const CompiledField& owner = model_->field(repeat);
  std::vector<int> inside;
  for (const auto& field : model_->fields()) {
    const auto& chain = field.repeatChain;
    if (std::find(chain.begin(), chain.end(), repeat) != chain.end()) inside.push_back(field.index);
  }
  auto enqueueOutside = [&](int source) {
    for (int dependent : model_->field(source).referencedBy) {
      const auto& chain = model_->field(dependent).repeatChain;
      bool outside = std::find(chain.begin(), chain.end(), repeat) == chain.end();
      if (outside || source == repeat) {
        auto scopes = model_->field(dependent).repeatChain;
        std::size_t shared = commonPrefix(scopes, scopeChain(*model_, parent));
        Scope* anchor = const_cast<Scope*>(parent.ancestorAtDepth(static_cast<int>(shared)));
        forEachScopeAlong(*anchor, scopes, shared, [&](Scope& s) { enqueue(dependent, s); });
      }
    }
  };
  enqueueOutside(repeat);
  for (int field : inside) enqueueOutside(field);
  std::vector<int> chain = owner.repeatChain;
  chain.push_back(repeat);
  for (int field : inside) {
    if (!model_->field(field).usesPosition) continue;
    std::vector<int> fieldChain = model_->field(field).repeatChain;
    forEachScopeAlong(parent, fieldChain, chain.size() - 1, [&](Scope& s) { enqueue(field, s); });
  }
}

void FormSession::enqueue(int field, Scope& scope) {
  auto& queued = scope.isQueued(field);
  if (queued) return;
  queued = 1;
  auto rank = static_cast<std::size_t>(model_->field(field).rank);
  queue_->byRank[rank].push_back(&scope);
  queue_->lowest = std::min(queue_->lowest, rank);
  ++queue_->size;
}

void FormSession::enqueueScope(Scope& scope) {
  for (int field : model_->fieldsInScope(scope.repeat)) enqueue(field, scope);
  for (auto& [repeat, list] : scope.instances) {
    for (auto& instance : list) enqueueScope(*instance);
  }
}

void FormSession::enqueueDependents(int field, Scope& where) {
  const std::vector<int>& whereChain = scopeChain(*model_, where);
  for (int dependent : model_->field(field).dependents) {
    const auto& chain = model_->field(dependent).repeatChain;
    std::size_t shared = commonPrefix(chain, whereChain);
    Scope* anchor = const_cast<Scope*>(where.ancestorAtDepth(static_cast<int>(shared)));
    forEachScopeAlong(*anchor, chain, shared, [&](Scope& s) { enqueue(dependent, s); });
  }
}

void FormSession::drainQueue() {
  // Bounded so that a dependency cycle (refused by the compiler) cannot hang the tablet.
  std::uint64_t budget = 1000000;
  Queue& queue = *queue_;
  while (queue.size > 0 && budget-- > 0) {
    while (queue.byRank[queue.lowest].empty()) ++queue.lowest;
    Scope* scope = queue.byRank[queue.lowest].back();
    queue.byRank[queue.lowest].pop_back();
    --queue.size;
    int field = model_->evaluationOrder()[queue.lowest];
    scope->isQueued(field) = 0;
    if (refresh(field, *scope)) enqueueDependents(field, *scope);
  }
  if (queue.size > 0) {  // budget exhausted by a cycle: forget the rest
    for (auto& bucket : queue.byRank) {
      for (Scope* scope : bucket) std::fill(scope->queued.begin(), scope->queued.end(), 0);
    }
    queue.clear();
  }
}

void FormSession::reevaluateAll() {
  enqueueScope(*root_);
  drainQueue();
}

bool FormSession::parentRelevant(const CompiledField& field, const Scope& scope) const {
  if (field.parent < 0) return true;
  const Scope& holder = model_->field(field.parent).isRepeat() ? *scope.parent : scope;
  return holder.state(field.parent).relevant;
}

}  // namespace phum::forms::engine
