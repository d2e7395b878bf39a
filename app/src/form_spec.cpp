#include "form_spec.h"

namespace phum::app {

const FieldSpec* FormSpec::field(const QString& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const FormSpec& quickRegistrationForm() {
  static const FormSpec form = [] {
    FormSpec spec;
    spec.formId = QStringLiteral("quick_registration");
    spec.version = QStringLiteral("1");
    spec.titleField = QStringLiteral("respondent_name");

    FieldSpec name{QStringLiteral("respondent_name"), FieldKind::Text};
    name.maxLength = 100;
    FieldSpec sex{QStringLiteral("sex"), FieldKind::SelectOne};
    sex.choices = {QStringLiteral("female"), QStringLiteral("male")};
    FieldSpec age{QStringLiteral("age"), FieldKind::Integer};
    age.minimum = 0;
    age.maximum = 120;
    // Village level: the smallest unit of the NIS gazetteer (province 2, district 4, commune 6).
    FieldSpec village{QStringLiteral("village_code"), FieldKind::LocationCode};
    village.digits = 8;

    spec.fields = {name, sex, age, village};
    return spec;
  }();
  return form;
}

}  // namespace phum::app
