#pragma once
// Subcommands of phum-admin. Each lives in its own file and returns a process exit code
// (0 ok, 1 the thing checked is wrong, 2 usage error). `args` excludes "phum-admin <group>".
#include <string>
#include <vector>

namespace phum::admin {

int runRecordsCommand(const std::vector<std::string>& args);  // records_command.cpp
// `records export --out FILE.zip [filters]` (args after "export"); export_command.cpp
int runRecordsExport(const std::vector<std::string>& args);
int runFormsCommand(const std::vector<std::string>& args);    // forms_command.cpp
int runDevicesCommand(const std::vector<std::string>& args);  // devices_command.cpp
int runUsersCommand(const std::vector<std::string>& args);    // users_command.cpp
int runChangesCommand(const std::vector<std::string>& args);  // changes_command.cpp
int runRefdataCommand(const std::vector<std::string>& args);  // refdata_command.cpp
// `records review UUID ...` (args after "review"); review_command.cpp
int runRecordReview(const std::vector<std::string>& args);
// `attachments prune ...`; attachments_command.cpp
int runAttachmentsCommand(const std::vector<std::string>& args);
// `reports KEY [--from D --to D --province P ...]` as CSV; reports_command.cpp
int runReportsCommand(const std::vector<std::string>& args);
// `demo generate --records N`; reports_command.cpp
int runDemoCommand(const std::vector<std::string>& args);
// `audit verify | list ...`; audit_command.cpp
int runAuditCommand(const std::vector<std::string>& args);
// `keys create | rotate | list`; keys_command.cpp
int runKeysCommand(const std::vector<std::string>& args);

}  // namespace phum::admin
