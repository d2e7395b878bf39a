#pragma once
// The answers of one record being filled in, and what the form says about each of them. Setting
// an answer re-evaluates only what depends on it (through the model's dependency graph), so large
// forms with many repeat instances stay responsive on a tablet.
//
// Paths name a field from the top level: "age", or "members[2]/age" for the second instance of
// the repeat "members" (1-based, as in FieldError). A repeat itself is "members" or
// "members[2]/trips" when nested.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "forms/engine/form_model.h"
#include "phum/v1/record.pb.h"

namespace phum::forms::engine {

struct FieldState {
  bool relevant = true;
  bool required = false;
  bool readOnly = false;
  bool valid = true;
  std::string message;    // why the answer is not valid, in the session language
  std::string value;      // the answer, or the calculated value (kept while not relevant)
  std::string typeError;  // set when the answer did not fit the question type
  std::vector<std::string> choices;  // choice names offered now (after choice_filter)
  bool hasAnswer() const { return !value.empty(); }
};

struct FieldError {
  std::string field;  // path, e.g. "members[2]/age"
  std::string message;
};

// The rows of a choice_file dataset (e.g. "gazetteer.csv") as a ChoiceList: name, labels and the
// extra columns choice filters use. Server: the reference data; app: the downloaded file. Return
// nullptr when the dataset is unknown; without a provider, external selects are not checked and
// offer no choices. The list must outlive the session.
using ExternalChoiceLists = std::function<const phum::v1::ChoiceList*(std::string_view choiceFile)>;

struct SessionOptions {
  std::string language;        // "" = the form's default language
  std::int64_t nowMillis = 0;  // 0 = the real clock; else today()/now() use this instant
  int utcOffsetMinutes = 420;  // Cambodia (UTC+7)
  ExternalChoiceLists externalChoices;
  // When loading a record, keep its repeat instances even if repeat_count disagrees (so the
  // server can report the disagreement instead of silently changing the record).
  bool followRepeatCount = true;
  // Work out every choice a select offers now (FieldState::choices, for display). Validation
  // only needs to know whether the chosen ones are offered and checks just those: with a
  // gazetteer behind choice filters that is most of its work saved.
  bool listChoices = true;
};

class FormSession {
 public:
  FormSession(std::shared_ptr<const FormModel> model, SessionOptions options = {});
  // A session of saved answers, as load(answers) would leave it, without first evaluating the
  // empty form.
  FormSession(std::shared_ptr<const FormModel> model, SessionOptions options,
              const phum::v1::AnswerSet& answers);
  ~FormSession();
  FormSession(const FormSession&) = delete;
  FormSession& operator=(const FormSession&) = delete;

  // Sets (or, with "", clears) an answer. Throws std::invalid_argument when the path does not
  // name an answerable field of this form. A value that does not fit the type is kept and
  // reported through the field's state.
  void setAnswer(std::string_view path, std::string_view value);
  const FieldState& state(std::string_view path) const;

  // The state of a repeat itself: whether it is relevant (a form shows no entries of a repeat
  // that is not), and the repeat_count message of a validated record. Groups use state().
  const FieldState& repeatState(std::string_view repeatPath) const;
  std::size_t instanceCount(std::string_view repeatPath) const;
  void addRepeatInstance(std::string_view repeatPath);  // appends one instance
  void removeRepeatInstance(std::string_view repeatPath, std::size_t position);  // 1-based

  // Loads saved answers (replacing the current ones); answers that do not fit their field are
  // reported by loadErrors(). Unknown fields are reported too, never silently dropped.
  void load(const phum::v1::AnswerSet& answers);
  const std::vector<FieldError>& loadErrors() const { return loadErrors_; }

  // Every relevant field that is invalid or required and empty, in form order.
  std::vector<FieldError> errors() const;
  // Answers to save or send; non-relevant answers are left out when onlyRelevant.
  phum::v1::AnswerSet answers(bool onlyRelevant = true) const;

  // The form's instance_name expression evaluated now (e.g. "Household of Sokha"); "" when the
  // form has none or it cannot be worked out.
  std::string instanceName() const;

  // Re-evaluates everything from scratch (after load; also the benchmark's baseline).
  void reevaluateAll();
  // Field evaluations done so far (for benchmarks and tests of incremental re-evaluation).
  std::uint64_t evaluationCount() const { return evaluations_; }
  const FormModel& model() const { return *model_; }

  struct Scope;  // the top level or one repeat instance (defined in form_session.cpp)

 private:
  friend class SessionContext;
  FormSession(std::shared_ptr<const FormModel> model, SessionOptions options,
              const phum::v1::AnswerSet* answers);
  struct Location {
    Scope* scope;
    int field;
  };
  Location locate(std::string_view path, bool wantRepeat) const;
  Scope& newInstance(Scope& parent, int repeat);
  void applyDefaults(Scope& scope);
  void enqueueDependents(int field, Scope& where);
  void enqueueScope(Scope& scope);
  void enqueue(int field, Scope& scope);
  void drainQueue();
  bool refresh(int field, Scope& scope);
  void refreshChoices(const CompiledField& field, const phum::v1::ChoiceList& list, Scope& scope,
                      FieldState& state);
  const phum::v1::ChoiceList* choiceListOf(const CompiledField& field) const;
  bool offers(const CompiledField& field, const phum::v1::ChoiceList& list, const Scope& scope,
              const FieldState& state, const std::string& name) const;
  void refreshValidity(const CompiledField& field, Scope& scope, FieldState& state);
  void resizeRepeat(int repeat, Scope& scope, std::size_t wanted);
  void afterInstancesChanged(int repeat, Scope& parent);
  std::string pathOf(const Scope& scope, int field) const;
  void collectErrors(const Scope& scope, std::vector<FieldError>& out) const;
  void exportScope(const Scope& scope, bool onlyRelevant, phum::v1::AnswerSet& out) const;
  void importScope(Scope& scope, int repeat, const phum::v1::AnswerSet& in,
                   const std::string& prefix);
  bool parentRelevant(const CompiledField& field, const Scope& scope) const;

  std::shared_ptr<const FormModel> model_;
  SessionOptions options_;
  std::unique_ptr<Scope> root_;
  struct Queue;
  std::unique_ptr<Queue> queue_;
  std::vector<FieldError> loadErrors_;
  std::uint64_t evaluations_ = 0;
  bool loading_ = false;  // no defaults while a saved record is being read back
};

}  // namespace phum::forms::engine
