#pragma once
// Passwords never reach a reply or a log line. A PostgreSQL connection string may carry one
// (`--db postgresql://user:pass@host/db`, `password=...`), and libpq's messages and our own quote
// the connection string: every message that can leave the process goes through redactSecrets.
#include <string>
#include <string_view>

namespace phum::server {

// `text` with the password of every connection string in it (a postgres:// or postgresql://
// URI's user:password@ or ?password=, a key=value `password=...`) replaced by "***".
std::string redactConnectionStrings(std::string_view text);

// Remembers the password that `conninfo` carries (and PGPASSWORD's) so that redactSecrets also
// removes it where it appears alone, e.g. quoted back by libpq. Thread-safe.
void rememberSecretsOf(std::string_view conninfo);

// redactConnectionStrings, then every remembered password replaced by "***".
std::string redactSecrets(std::string_view text);

}  // namespace phum::server
