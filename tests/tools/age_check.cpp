#include "age_check.h"

#include "core/uuid.h"

namespace phum::tools {

phum::v1::FormDefinition ageForm(const std::string& version) {
  phum::v1::FormDefinition form;
  form.set_form_id("age_check");
  form.set_version(version);
  form.set_title("Age check");
  auto* age = form.add_fields();
  age->set_type(phum::v1::FIELD_TYPE_INTEGER);
  age->set_name("age");
  age->set_constraint(". >= 0 and . <= 120");
  auto* village = form.add_fields();
  village->set_type(phum::v1::FIELD_TYPE_SELECT_ONE);
  village->set_name("village");
  village->set_choice_file("gazetteer.csv");
  return form;
}

phum::v1::Record ageRecord(const std::string& version, std::int64_t age,
                           const std::string& village) {
  phum::v1::Record record;
  record.set_uuid(Uuid::generate().toBytes());
  record.set_form_id("age_check");
  record.set_form_version(version);
  record.set_revision(1);
  record.set_author("sokha");
  record.set_location_code("01020101");
  auto* answer = record.mutable_answers()->add_answers();
  answer->set_name("age");
  answer->mutable_value()->set_integer(age);
  auto* place = record.mutable_answers()->add_answers();
  place->set_name("village");
  place->mutable_value()->set_text(village);
  return record;
}

phum::v1::ReferenceDelta villages(std::initializer_list<const char*> codes) {
  phum::v1::ReferenceDelta delta;
  delta.set_dataset("gazetteer");
  for (const char* code : codes) {
    auto* row = delta.add_rows();
    row->set_key(code);
    (*row->mutable_columns())["level"] = "village";
    (*row->mutable_columns())["name_en"] = std::string("Village ") + code;
  }
  return delta;
}

}  // namespace phum::tools
