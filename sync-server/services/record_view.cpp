#include "services/record_view.h"

#include <cstdio>
#include <map>

namespace phum::server {

namespace engine = phum::forms::engine;

namespace {

std::string typeName(phum::v1::FieldType type) {
  std::string name = phum::v1::FieldType_Name(type);  // FIELD_TYPE_SELECT_ONE
  name = name.substr(std::string("FIELD_TYPE_").size());
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string formatNumber(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

class Labeller {
 public:
  Labeller(const engine::FormModel& form, const std::string& language, bool showSensitive,
           const FileChoiceLabel& fileChoices = {})
      : form_(form),
        language_(language),
        showSensitive_(showSensitive),
        fileChoices_(fileChoices) {}

  std::string label(const phum::v1::Field& field) const {
    const std::string text =
        engine::textIn(field.labels(), language_, form_.definition().default_language());
    return text.empty() ? field.name() : text;
  }

  std::string choiceLabel(const phum::v1::Field& field, const std::string& choice) const {
    if (!field.choice_file().empty() && fileChoices_) {
      const std::string label = fileChoices_(field.choice_file(), choice);
      return label.empty() ? choice : label + " (" + choice + ")";
    }
    const int index = form_.indexOf(field.name());
    const auto* list = index < 0 ? nullptr : form_.field(index).choices;
    if (list != nullptr) {
      for (const auto& candidate : list->choices()) {
        if (candidate.name() == choice) {
          const std::string text =
              engine::textIn(candidate.labels(), language_, form_.definition().default_language());
          return text.empty() ? choice : text;
        }
      }
    }
    return choice;
  }

  AnswerView answer(const phum::v1::Field& field, const phum::v1::Value* value) const {
    AnswerView view;
    view.name = field.name();
    view.label = label(field);
    view.type = typeName(field.type());
    if (value == nullptr) return view;
    if (field.sensitive() && !showSensitive_) {
      view.hidden = true;
      return view;
    }
    view.display = display(field, *value);
    if (value->has_geopoint()) view.geopoint = value->geopoint();
    if (value->kind_case() == phum::v1::Value::kAttachment) view.attachment = value->attachment();
    return view;
  }

  std::string display(const phum::v1::Field& field, const phum::v1::Value& value) const {
    switch (value.kind_case()) {
      case phum::v1::Value::kText:
        return field.type() == phum::v1::FIELD_TYPE_SELECT_ONE ? choiceLabel(field, value.text())
                                                               : value.text();
      case phum::v1::Value::kInteger:
        return std::to_string(value.integer());
      case phum::v1::Value::kDecimal:
        return formatNumber(value.decimal());
      case phum::v1::Value::kChoices: {
        std::string text;
        for (const auto& choice : value.choices().items()) {
          text += (text.empty() ? "" : ", ") + choiceLabel(field, choice);
        }
        return text;
      }
      case phum::v1::Value::kGeopoint:
        return formatNumber(value.geopoint().latitude()) + ", " +
               formatNumber(value.geopoint().longitude());
      case phum::v1::Value::kAttachment:
        return value.attachment();
      case phum::v1::Value::kAcknowledged:
        return value.acknowledged() ? "✓" : "";
      case phum::v1::Value::KIND_NOT_SET:
        break;
    }
    return "";
  }

 private:
  const engine::FormModel& form_;
  const std::string& language_;
  bool showSensitive_;
  FileChoiceLabel fileChoices_;  // a copy: callers may pass a temporary
};

const phum::v1::Value* findAnswer(const phum::v1::AnswerSet& answers, const std::string& name) {
  for (const auto& answer : answers.answers()) {
    if (answer.name() == name) return &answer.value();
  }
  return nullptr;
}

const phum::v1::RepeatGroup* findRepeat(const phum::v1::AnswerSet& answers,
                                        const std::string& name) {
  for (const auto& repeat : answers.repeats()) {
    if (repeat.name() == name) return &repeat;
  }
  return nullptr;
}

// The questions of one repeat instance, through groups but not into nested repeats.
void repeatColumns(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
                   std::vector<const phum::v1::Field*>& out) {
  for (const auto& field : fields) {
    if (field.type() == phum::v1::FIELD_TYPE_GROUP) {
      repeatColumns(field.children(), out);
    } else if (holdsReadableAnswer(field)) {
      out.push_back(&field);
    }
  }
}

void walk(const Labeller& labeller,
          const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
          const phum::v1::AnswerSet& answers, std::vector<ViewItem>& out) {
  for (const auto& field : fields) {
    if (field.type() == phum::v1::FIELD_TYPE_GROUP) {
      std::vector<ViewItem> inside;
      walk(labeller, field.children(), answers, inside);
      if (inside.empty()) continue;
      ViewItem group{ViewItem::Kind::Group, labeller.answer(field, nullptr), {}, {}};
      out.push_back(std::move(group));
      for (auto& item : inside) out.push_back(std::move(item));
    } else if (field.type() == phum::v1::FIELD_TYPE_REPEAT) {
      const auto* repeat = findRepeat(answers, field.name());
      if (repeat == nullptr || repeat->instances().empty()) continue;
      ViewItem table{ViewItem::Kind::Repeat, labeller.answer(field, nullptr), {}, {}};
      std::vector<const phum::v1::Field*> columns;
      repeatColumns(field.children(), columns);
      for (const auto* column : columns) table.columns.push_back(labeller.answer(*column, nullptr));
      for (const auto& instance : repeat->instances()) {
        std::vector<AnswerView> row;
        for (const auto* column : columns) {
          row.push_back(labeller.answer(*column, findAnswer(instance, column->name())));
        }
        table.rows.push_back(std::move(row));
      }
      out.push_back(std::move(table));
    } else if (holdsReadableAnswer(field)) {
      const auto* value = findAnswer(answers, field.name());
      if (value == nullptr) continue;
      out.push_back({ViewItem::Kind::Answer, labeller.answer(field, value), {}, {}});
    }
  }
}

// Every answer as text by path, for a diff.
void flatten(const Labeller& labeller,
             const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
             const phum::v1::AnswerSet& answers, const std::string& prefix,
             std::map<std::string, std::pair<std::string, std::string>>& out) {
  for (const auto& field : fields) {
    if (field.type() == phum::v1::FIELD_TYPE_GROUP) {
      flatten(labeller, field.children(), answers, prefix, out);
    } else if (field.type() == phum::v1::FIELD_TYPE_REPEAT) {
      const auto* repeat = findRepeat(answers, field.name());
      if (repeat == nullptr) continue;
      for (int i = 0; i < repeat->instances_size(); ++i) {
        flatten(labeller, field.children(), repeat->instances(i),
                prefix + field.name() + "[" + std::to_string(i + 1) + "].", out);
      }
    } else if (holdsReadableAnswer(field)) {
      const auto view = labeller.answer(field, findAnswer(answers, field.name()));
      const std::string label =
          prefix.empty() ? view.label : prefix.substr(0, prefix.size() - 1) + " · " + view.label;
      out[prefix + field.name()] = {label, view.hidden ? "•••" : view.display};
    }
  }
}

}  // namespace

bool holdsReadableAnswer(const phum::v1::Field& field) {
  switch (field.type()) {
    case phum::v1::FIELD_TYPE_NOTE:
    case phum::v1::FIELD_TYPE_CALCULATE:
    case phum::v1::FIELD_TYPE_START:
    case phum::v1::FIELD_TYPE_END:
    case phum::v1::FIELD_TYPE_DEVICEID:
    case phum::v1::FIELD_TYPE_USERNAME:
    case phum::v1::FIELD_TYPE_TODAY:
    case phum::v1::FIELD_TYPE_GROUP:
    case phum::v1::FIELD_TYPE_REPEAT:
      return false;
    default:
      return true;
  }
}

std::vector<ViewItem> viewRecord(const engine::FormModel& form, const phum::v1::AnswerSet& answers,
                                 const std::string& language, bool showSensitive,
                                 const FileChoiceLabel& fileChoices) {
  const Labeller labeller(form, language, showSensitive, fileChoices);
  std::vector<ViewItem> items;
  walk(labeller, form.definition().fields(), answers, items);
  return items;
}

std::vector<AnswerChange> diffAnswers(const engine::FormModel& form,
                                      const phum::v1::AnswerSet& before,
                                      const phum::v1::AnswerSet& after, const std::string& language,
                                      bool showSensitive) {
  const Labeller labeller(form, language, showSensitive);
  std::map<std::string, std::pair<std::string, std::string>> old, now;
  flatten(labeller, form.definition().fields(), before, "", old);
  flatten(labeller, form.definition().fields(), after, "", now);
  std::vector<AnswerChange> changes;
  for (const auto& [name, entry] : now) {
    const auto previous = old.find(name);
    const std::string was = previous == old.end() ? "" : previous->second.second;
    if (was != entry.second) changes.push_back({name, entry.first, was, entry.second});
  }
  for (const auto& [name, entry] : old) {
    if (!now.contains(name) && !entry.second.empty()) {
      changes.push_back({name, entry.first, entry.second, ""});
    }
  }
  return changes;
}

std::string fieldLabel(const engine::FormModel& form, const std::string& name,
                       const std::string& language) {
  const int index = form.indexOf(name);
  if (index < 0) return name;
  const Labeller labeller(form, language, false);
  return labeller.label(*form.field(index).def);
}

}  // namespace phum::server
