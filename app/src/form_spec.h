#pragma once
// What a form asks: field names, kinds and limits. Today only the built-in quick registration form;
// later a FormDefinition downloaded from the server is turned into the same FormSpec, so
// RecordDraft and the validation below do not change when the generic renderer arrives.
#include <QString>
#include <QStringList>
#include <vector>

namespace phum::app {

enum class FieldKind {
  Text,          // free text
  Integer,       // whole number; Khmer digits accepted
  SelectOne,     // one of `choices` (stored as the choice name)
  LocationCode,  // NIS code of an administrative unit; also becomes Record.location_code
};

struct FieldSpec {
  QString name;  // the answer name on the wire (XLSForm field name)
  FieldKind kind = FieldKind::Text;
  bool required = true;
  int minimum = 0;      // Integer only
  int maximum = 0;      // Integer only
  int digits = 0;       // LocationCode only: exact number of digits
  QStringList choices;  // SelectOne only
  int maxLength = 200;  // Text only
};

struct FormSpec {
  QString formId;
  QString version;
  QString titleField;  // the answer that names the record in lists
  std::vector<FieldSpec> fields;

  const FieldSpec* field(const QString& name) const;
};

// form_id "quick_registration", version "1": respondent_name, sex, age, village_code.
const FormSpec& quickRegistrationForm();

}  // namespace phum::app
