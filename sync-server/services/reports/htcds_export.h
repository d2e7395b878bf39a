#pragma once
// Trafficking case reports in IOM's Human Trafficking Case Data Standard (HTCDS), so partners who
// use it (CTDC) can take them: HTCDS field names (IOM's HTCDS XLSForm, HTCDS-Field-Definitions.md)
// and codes, Phum's additions mapped as the form's preamble says. Approved cases only, and
// without what identifies the person (name, phone, narrative, photo, place below the province).
#include <string>
#include <vector>

#include "phum/v1/record.pb.h"
#include "storage/database.h"

namespace phum::server::reports {

// The header: phum_CaseId (a Phum extension: the record's uuid, the same on every export, so a
// partner can update a case), the HTCDS case fields, then one MethodsOfControl<X> column per HTCDS
// method (1 or 0).
const std::vector<std::string>& htcdsColumns();

// One case as its HTCDS row (aligned with htcdsColumns()).
std::vector<std::string> htcdsRow(const phum::v1::Record& record);

// CSV (UTF-8, header first) of the approved trafficking case reports under `place` (a NIS
// prefix; "" = everywhere), newest first.
std::string htcdsCsv(storage::Database& db, const std::string& place);

}  // namespace phum::server::reports
