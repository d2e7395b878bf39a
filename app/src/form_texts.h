#pragma once
// A form's words in the UI language: labels (with ${field} references filled in), hints, choice
// labels, and what is wrong with an answer. The form's own required and constraint messages come
// in the UI language when the form has them (Khmer and English in our forms); where the form says
// nothing, or the engine speaks (type errors, choices no longer offered), the field worker gets
// the app's translated words instead of the engine's English.
#include <QCoreApplication>
#include <QString>
#include <string>
#include <unordered_map>

#include "forms/engine/form_session.h"

namespace phum::app {

class FormTexts {
  Q_DECLARE_TR_FUNCTIONS(FormTexts)

 public:
  FormTexts(const forms::engine::FormModel& model, std::string language);

  const std::string& language() const { return language_; }
  // The label with every ${name} replaced by that answer (a choice by its label), as seen from the
  // scope `prefix` ("" or "member[2]/").
  QString label(const forms::engine::CompiledField& field, const std::string& prefix,
                const forms::engine::FormSession& session) const;
  QString hint(const forms::engine::CompiledField& field) const;
  QString choiceLabel(const phum::v1::ChoiceList& list, const std::string& name) const;
  QString formTitle() const;
  // What is wrong with the answer, for the field worker; "" when it is fine.
  QString problem(const forms::engine::CompiledField& field,
                  const forms::engine::FieldState& state) const;

 private:
  QString typeProblem(phum::v1::FieldType type) const;
  std::string valueText(int field, const std::string& prefix,
                        const forms::engine::FormSession& session) const;

  const forms::engine::FormModel& model_;
  std::string language_;
  // Choice name -> choice, per list, built on first use (reference lists have thousands).
  mutable std::unordered_map<const phum::v1::ChoiceList*,
                             std::unordered_map<std::string, const phum::v1::Choice*>>
      choiceIndex_;
};

// Whether the answer `value` of a select offers only choices among `offered`.
bool choicesOffered(const forms::engine::CompiledField& field,
                    const forms::engine::FieldState& state);

}  // namespace phum::app
