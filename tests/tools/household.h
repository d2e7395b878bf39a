#pragma once
// Realistic household-survey records for fault tests and benchmarks, valid against the mission
// form forms/household_survey.xlsform.md as published and the reference data in data/reference:
// the consent, a location cascade (province, district, commune, village) from the gazetteer, a
// GPS point, the household questions and a roster of 3 to 5 members (the repeat follows
// hh_size), with the migration group for each migrant member and the remittances group. Answers
// are encoded from the compiled form through the engine's answer codec, as the tablet does, so
// a server that validates every record accepts them.
#include <string>
#include <vector>

#include "phum/v1/form.pb.h"
#include "phum/v1/record.pb.h"

namespace phum::tools {

// The household survey compiled from forms/ (once per process).
const phum::v1::FormDefinition& householdForm();

// `index` varies names, ages, villages and migration so records are not identical. uuid and
// revision are left empty (LocalStore::saveRecord fills them in) unless `withIdentity` is set.
// The author is "enumerator01" (the username answer says so too).
phum::v1::Record makeHouseholdRecord(int index, bool withIdentity = false);

// The same record as an ODK Collect OpenRosa submission: multipart/form-data with the XML
// instance as "xml_submission_file", the way ODK Central receives it. Headers included.
std::string renderOpenRosaSubmission(const phum::v1::Record& record);

// data/reference/gazetteer.csv as the choice list of the form's select_one_from_file questions:
// what a server builds from its imported reference data (name = code; every column kept).
const phum::v1::ChoiceList& gazetteerChoices();

// The repository's mission forms (every forms/*.xlsform.md) and reference data folder, for
// `phum-admin forms publish` and `phum-admin refdata import`.
std::vector<std::string> missionFormFiles();
std::string referenceDataDir();

}  // namespace phum::tools
