#pragma once
// The summary tables' approved flag (report_storage.h): each row says whether its record's last
// review approved exactly the row's revision. It is set when the row is extracted and again
// whenever a review decision is stored (in the same transaction), so a report reads the summary
// table alone instead of joining review_state.
#include <string>
#include <vector>

#include "storage/report_storage.h"

namespace phum::server::storage {

// The statements that set the approved flag of a record's rows when a review decision is stored,
// one per summary table. Parameters: 1 the uuid, 2 the reviewed revision, 3 the flag for that
// revision (1 approved, 0 not); rows of any other revision are not approved.
const std::vector<std::string>& factApprovalSql(SqlDialect dialect);

}  // namespace phum::server::storage
