#pragma once
// Server-side check of a received record against the exact form version it names. It runs the
// same FormSession the tablet runs, so the server and the app can never disagree on a rule.
#include <memory>
#include <string>
#include <vector>

#include "forms/engine/form_session.h"
#include "phum/v1/record.pb.h"
#include "phum/v1/sync.pb.h"

namespace phum::forms::engine {

struct ValidationOptions {
  std::string language;        // of the messages; "" = the form's default language
  int utcOffsetMinutes = 420;  // the devices' offset (Cambodia) for today() and now()
  // Rows of choice_file datasets, for select_*_from_file answers (and their choice filters);
  // without it those answers are not checked against the list.
  ExternalChoiceLists externalChoices;
};

// Everything wrong with the record, in form order; empty when it is acceptable. Reasons: answers
// that do not fit the question type, choices not offered, GPS points out of range, required
// answers missing, constraints broken, answers for fields the form does not have, repeat
// entries that disagree with repeat_count, a record made for another form or version. Answers
// to questions that are not relevant are ignored. today()/now() are taken at the record's
// updated_at_ms, so a record is judged as it was on the day it was saved.
std::vector<phum::v1::FieldError> validateRecord(std::shared_ptr<const FormModel> model,
                                                 const phum::v1::Record& record,
                                                 const ValidationOptions& options = {});
// Convenience that prepares the form first (servers should cache a FormModel per version).
std::vector<phum::v1::FieldError> validateRecord(const phum::v1::FormDefinition& form,
                                                 const phum::v1::Record& record,
                                                 const ValidationOptions& options = {});

}  // namespace phum::forms::engine
