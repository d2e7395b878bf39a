#pragma once
// The report builders, one per report key (report_tables.cpp, report_watch.cpp).
#include "services/reports/report_sections.h"

namespace phum::server::reports {

Report table21(const ReportContext& context);
Report table22(const ReportContext& context);
Report table23(const ReportContext& context);
Report table24(const ReportContext& context);
Report returnees(const ReportContext& context);
Report trafficking(const ReportContext& context);
Report complaints(const ReportContext& context);

}  // namespace phum::server::reports
