#pragma once
// A record's answers as a reviewer reads them: in form order, labelled in the chosen language from
// the form version the record was made with (the shared form engine's model), choice names turned
// into their labels, repeats as tables, sensitive answers hidden unless the reader may see them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "forms/engine/form_model.h"
#include "phum/v1/record.pb.h"

namespace phum::server {

struct AnswerView {
  std::string name;
  std::string label;
  std::string type;     // "text", "select_one", "geopoint", "image", ...
  std::string display;  // the answer as text ("" when hidden)
  bool hidden = false;  // sensitive, and the reader may not see it
  std::optional<phum::v1::GeoPoint> geopoint;
  std::string attachment;  // file name of a photo or file answer
};

struct ViewItem {
  enum class Kind { Group, Answer, Repeat };
  Kind kind = Kind::Answer;
  AnswerView answer;                          // Answer; Group and Repeat use name and label
  std::vector<AnswerView> columns;            // Repeat: one per question, name + label
  std::vector<std::vector<AnswerView>> rows;  // Repeat: one per instance, aligned with columns
};

// An answer whose text changed between two revisions; repeat answers are named
// "members[2].member_age" (instances counted from 1).
struct AnswerChange {
  std::string name;
  std::string label;
  std::string before;
  std::string after;
};

// The label of a choice of a select_*_from_file question (file "gazetteer.csv", value "0102"),
// or "" to show the value as it is.
using FileChoiceLabel =
    std::function<std::string(const std::string& file, const std::string& value)>;

// A question whose answer a reviewer reads (the record view, the diff, the export): not a note,
// not what the tablet fills in by itself, not a group or repeat (their questions are).
bool holdsReadableAnswer(const phum::v1::Field& field);

std::vector<ViewItem> viewRecord(const phum::forms::engine::FormModel& form,
                                 const phum::v1::AnswerSet& answers, const std::string& language,
                                 bool showSensitive, const FileChoiceLabel& fileChoices = {});

std::vector<AnswerChange> diffAnswers(const phum::forms::engine::FormModel& form,
                                      const phum::v1::AnswerSet& before,
                                      const phum::v1::AnswerSet& after, const std::string& language,
                                      bool showSensitive);

// The label of field `name` in `language`, or the name itself when the form has no such field.
std::string fieldLabel(const phum::forms::engine::FormModel& form, const std::string& name,
                       const std::string& language);

}  // namespace phum::server
