// The audit log on a real phum-server (both backends): console sign-ins (failed ones too), views of
// sensitive answers, reviews, exports and revocations are recorded with who and from where, the
// table refuses UPDATE and DELETE, and `phum-admin audit verify` names the first entry someone
// changed behind the triggers' back.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "console_fixture.h"
#include "sqlite/sqlite_db.h"
#include "storage_backend.h"

namespace phum::testing {
namespace {

class AuditLogTest : public ConsoleServerTest {
 protected:
  tools::AdminRun admin(const std::vector<std::string>& args) {
    return tools::runAdmin(server_->dataDir(), args);
  }

  // Runs `sql` on the server's own database, as someone with the database's tools would.
  void execOnServerDatabase(const std::string& sql) {
    if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
      tools::queryPostgres(tools::postgresConninfoFor(server_->dataDir()), sql);
      return;
    }
    phum::sqlite::Database db(
        server_->dataDir() + "/phum-server.sqlite",
        {.wording = phum::sqlite::ErrorWording::Server, .readOnly = false, .busyTimeoutMs = 10000});
    db.exec(sql);
  }

  // Makes the database refuse (or accept again) every new audit entry, as a full disk or a broken
  // table would.
  void refuseAuditEntries(bool refuse) {
    const bool postgres = tools::testStorageBackend() == tools::StorageBackend::Postgres;
    if (!refuse) {
      execOnServerDatabase(postgres ? "DROP TRIGGER refuse_audit ON audit_log"
                                    : "DROP TRIGGER refuse_audit");
    } else if (postgres) {
      execOnServerDatabase(
          "CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          "RAISE EXCEPTION 'audit entry refused'; END $$; CREATE TRIGGER refuse_audit BEFORE "
          "INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()");
    } else {
      execOnServerDatabase(
          "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, "
          "'audit entry refused'); END");
    }
  }

  // A console call as the administrator with a file as its body (a form, a reference CSV).
  HttpResponse upload(const std::string& path, const std::string& cookie, const std::string& csrf,
                      const std::string& bytes) {
    return httpRequest("POST", server_->url() + "/v1/console" + path, bytes,
                       {"Cookie: " + cookie, "X-Phum-CSRF: " + csrf, "Accept: application/json",
                        "Content-Type: application/octet-stream"});
  }

  static std::string sourceFile(const std::string& relative) {
    std::ifstream in(std::string(PHUM_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    EXPECT_FALSE(bytes.str().empty()) << relative;
    return bytes.str();
  }

  // The entries' lines of `phum-admin audit list` with these options.
  std::vector<std::string> entries(std::vector<std::string> options = {}) {
    options.insert(options.begin(), {"audit", "list", "--limit", "1000"});
    const auto run = admin(options);
    EXPECT_EQ(run.exitCode, 0) << run.err;
    std::vector<std::string> lines;
    std::size_t start = run.out.find('\n') + 1;  // after the heading
    while (start < run.out.size()) {
      const auto end = run.out.find('\n', start);
      lines.push_back(run.out.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }

  static bool anyHas(const std::vector<std::string>& lines, const std::vector<std::string>& parts) {
    for (const auto& line : lines) {
      bool all = true;
      for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
      if (all) return true;
    }
    return false;
  }
};

TEST_F(AuditLogTest, RecordsWhoDidWhatFromWhere) {
  const auto failed = httpRequest("POST", server_->url() + "/v1/console/session",
                                  R"({"username":"rev_home","password":"not-the-password"})",
                                  {"Content-Type: application/json"});
  ASSERT_EQ(failed.status, 401);
  std::string csrf;
  const std::string reviewer = signIn("rev_home", csrf);
  const std::string uuid = uuidOf(records_[0]);
  ASSERT_EQ(call("GET", "/records/" + uuid, reviewer).status, 200);
  const auto decided = call("POST", "/records/" + uuid + "/reviews", reviewer, csrf,
                            R"({"revision":1,"decision":"approve"})");
  ASSERT_EQ(decided.status, 201) << decided.body;
  ASSERT_EQ(call("GET", "/export?sensitive=1&form=household_survey", reviewer).status, 200);
  std::string adminCsrf;
  const std::string administrator = signIn("admin1", adminCsrf);
  ASSERT_EQ(call("GET", "/records/" + uuid, administrator).status, 200);  // sees no sensitive

  const auto lines = entries();
  EXPECT_TRUE(anyHas(lines, {"console_sign_in_failed", "rev_home", "127.0.0.1"}));
  EXPECT_TRUE(anyHas(lines, {"\tconsole_sign_in\t", "rev_home", "127.0.0.1"}));
  EXPECT_TRUE(anyHas(lines, {"sensitive_view", "rev_home", uuid}));
  EXPECT_TRUE(anyHas(lines, {"\treview\t", "rev_home", uuid, "approve"}));
  EXPECT_TRUE(anyHas(lines, {"\texport\t", "rev_home", "sensitive=1"}));
  EXPECT_FALSE(anyHas(lines, {"sensitive_view", "admin1"}));
  EXPECT_EQ(entries({"--action", "console_sign_in_failed"}).size(), 1u);
  EXPECT_EQ(entries({"--actor", "admin1"}).size(), 1u);

  // phum-admin's own actions carry its operating-system user and "local".
  const auto exported = admin({"records", "export", "--out", dir_.file("all.zip")});
  ASSERT_EQ(exported.exitCode, 0) << exported.err;
  EXPECT_TRUE(anyHas(entries(), {"\texport\t", "phum-admin (", "local", "--out"}));
}

TEST_F(AuditLogTest, VerifyNamesTheFirstEntryChangedBehindTheTriggers) {
  std::string csrf;
  // The fixture's accounts were created with entries of their own.
  const auto created = tools::countServerRows(server_->dataDir(), "audit_log");
  for (int i = 0; i < 3; ++i) signIn("rev_national", csrf);
  const auto intact = admin({"audit", "verify"});
  EXPECT_EQ(intact.exitCode, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("intact: " + std::to_string(created + 3) + " entries"),
            std::string::npos)
      << intact.out;

  // Append-only: the database refuses to change or remove an entry.
  EXPECT_ANY_THROW(execOnServerDatabase("UPDATE audit_log SET actor = 'someone' WHERE seq = 2"));
  EXPECT_ANY_THROW(execOnServerDatabase("DELETE FROM audit_log WHERE seq = 2"));

  // Someone with the database's own tools goes around that.
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    execOnServerDatabase("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
  } else {
    execOnServerDatabase("DROP TRIGGER audit_log_no_update");
  }
  execOnServerDatabase("UPDATE audit_log SET actor = 'someone' WHERE seq = 2");
  const auto broken = admin({"audit", "verify"});
  EXPECT_EQ(broken.exitCode, 1) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("BROKEN at entry 2"), std::string::npos) << broken.out;
}

TEST_F(AuditLogTest, VerifyFindsARemovedEntry) {
  std::string csrf;
  for (int i = 0; i < 4; ++i) signIn("rev_national", csrf);
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    execOnServerDatabase("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
  } else {
    execOnServerDatabase("DROP TRIGGER audit_log_no_delete");
  }
  execOnServerDatabase("DELETE FROM audit_log WHERE seq = 3");
  const auto broken = admin({"audit", "verify"});
  EXPECT_EQ(broken.exitCode, 1) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("BROKEN at entry 4"), std::string::npos) << broken.out;
}

// An action and its audit entry are one transaction: when the database refuses the entry (here a
// trigger, as a full disk or a broken table would), the review, the account change and the
// enrolment code are not stored either; and an action that fails writes no entry.
TEST_F(AuditLogTest, AnActionWhoseEntryCannotBeWrittenIsUndone) {
  std::string csrf;
  const std::string reviewer = signIn("rev_home", csrf);
  std::string adminCsrf;
  const std::string administrator = signIn("admin1", adminCsrf);
  const std::string uuid = uuidOf(records_[0]);
  const std::string data = server_->dataDir();
  const auto reviews = tools::countServerRows(data, "reviews");
  const auto codes = tools::countServerRows(data, "enrollment_codes");
  const auto entriesBefore = tools::countServerRows(data, "audit_log");

  refuseAuditEntries(true);
  const auto decided = call("POST", "/records/" + uuid + "/reviews", reviewer, csrf,
                            R"({"revision":1,"decision":"approve"})");
  EXPECT_GE(decided.status, 500) << decided.body;
  const auto disabled =
      call("PATCH", "/users/rev_national", administrator, adminCsrf, R"({"disabled":true})");
  EXPECT_GE(disabled.status, 500) << disabled.body;
  const auto code = call("POST", "/devices/enrolment-codes", administrator, adminCsrf,
                         R"({"name":"Battambang office"})");
  EXPECT_GE(code.status, 500) << code.body;
  EXPECT_EQ(tools::countServerRows(data, "reviews"), reviews);
  EXPECT_EQ(tools::countServerRows(data, "enrollment_codes"), codes);

  refuseAuditEntries(false);
  EXPECT_EQ(tools::countServerRows(data, "audit_log"), entriesBefore);
  const auto users = call("GET", "/users", administrator);
  ASSERT_EQ(users.status, 200) << users.body;
  const auto listed = nlohmann::json::parse(users.body)["users"];
  for (const auto& user : listed) {
    if (user["username"] == "rev_national") {
      EXPECT_FALSE(user["disabled"].get<bool>()) << user;
    }
  }
  // The other way round: a decision refused (stale revision) and a revocation of no device
  // write no entry; a stored decision writes its entry.
  EXPECT_EQ(call("POST", "/records/" + uuid + "/reviews", reviewer, csrf,
                 R"({"revision":7,"decision":"approve"})")
                .status,
            409);
  EXPECT_EQ(call("POST", "/devices/dev-none/revoke", administrator, adminCsrf, "{}").status, 404);
  EXPECT_EQ(call("POST", "/records/" + uuid + "/reviews", reviewer, csrf,
                 R"({"revision":1,"decision":"approve"})")
                .status,
            201);
  const auto lines = entries();
  EXPECT_FALSE(anyHas(lines, {"\treview\t", "revision 7"}));
  EXPECT_FALSE(anyHas(lines, {"device_revoked", "dev-none"}));
  EXPECT_TRUE(anyHas(lines, {"\treview\t", "rev_home", uuid, "approve revision 1"}));
  EXPECT_EQ(tools::countServerRows(data, "reviews"), reviews + 1);
}

// Publishing a form, changing reference data, signing in (or failing to) and signing out are one
// transaction with their audit entry: while the database refuses entries none of them happens
// (no session, no failure counted, no form, no rows, the session still open); afterwards each is
// audited, by the console's administrator or by phum-admin's user.
TEST_F(AuditLogTest, CatalogChangesAndSignInsAreUndoneWithoutTheirEntry) {
  std::string csrf;
  const std::string reviewer = signIn("rev_home", csrf);
  std::string adminCsrf;
  const std::string administrator = signIn("admin1", adminCsrf);
  const std::string data = server_->dataDir();
  const auto sessions = tools::countServerRows(data, "sessions");
  const auto failures = tools::countServerRows(data, "sign_in_failures");
  const auto entriesBefore = tools::countServerRows(data, "audit_log");
  const std::string form = sourceFile("tests/forms/data/htcds_xlsform.xlsx");
  std::string agencies = sourceFile("data/reference/agencies.csv");
  agencies += "SAMPLE-0999,Added Agency (sample),ក្រុមហ៊ុន បន្ថែម,no,12\n";
  const auto consoleSignIn = [&](const std::string& password) {
    return httpRequest("POST", server_->url() + "/v1/console/session",
                       R"({"username":"rev_national","password":")" + password + R"("})",
                       {"Content-Type: application/json"});
  };

  refuseAuditEntries(true);
  EXPECT_GE(consoleSignIn(kConsolePassword).status, 500);
  EXPECT_GE(consoleSignIn("not-the-password").status, 500);
  EXPECT_GE(upload("/forms?name=htcds_xlsform.xlsx", administrator, adminCsrf, form).status, 500);
  EXPECT_GE(upload("/refdata/agencies", administrator, adminCsrf, agencies).status, 500);
  EXPECT_GE(call("DELETE", "/session", reviewer, csrf).status, 500);
  refuseAuditEntries(false);

  EXPECT_EQ(tools::countServerRows(data, "sessions"), sessions);
  EXPECT_EQ(tools::countServerRows(data, "sign_in_failures"), failures);
  EXPECT_EQ(tools::countServerRows(data, "audit_log"), entriesBefore);
  EXPECT_EQ(call("GET", "/forms", administrator).body.find("htcds_xlsform"), std::string::npos);
  EXPECT_EQ(call("GET", "/session", reviewer).status, 200);  // still signed in

  EXPECT_EQ(consoleSignIn("not-the-password").status, 401);
  EXPECT_EQ(consoleSignIn(kConsolePassword).status, 200);
  EXPECT_EQ(upload("/forms?name=htcds_xlsform.xlsx", administrator, adminCsrf, form).status, 201);
  EXPECT_EQ(upload("/refdata/agencies", administrator, adminCsrf, agencies).status, 200);
  EXPECT_EQ(call("DELETE", "/session", reviewer, csrf).status, 204);
  const auto published =
      admin({"forms", "publish",
             std::string(PHUM_SOURCE_DIR) + "/tests/forms/data/all_features.xlsform.md"});
  EXPECT_EQ(published.exitCode, 0) << published.err;

  const auto lines = entries();
  EXPECT_TRUE(anyHas(lines, {"console_sign_in_failed", "rev_national", "127.0.0.1"}));
  EXPECT_TRUE(anyHas(lines, {"\tconsole_sign_in\t", "rev_national", "127.0.0.1"}));
  EXPECT_TRUE(anyHas(lines, {"form_published", "admin1", "htcds_xlsform", "127.0.0.1"}));
  EXPECT_TRUE(anyHas(lines, {"reference_data_changed", "admin1", "agencies", "1 row(s) added"}));
  EXPECT_TRUE(anyHas(lines, {"console_sign_out", "rev_home", "127.0.0.1"}));
  EXPECT_TRUE(anyHas(lines, {"form_published", "phum-admin (", "local", "all_features"}));
  const auto verified = admin({"audit", "verify"});
  EXPECT_EQ(verified.exitCode, 0) << verified.out << verified.err;
}

}  // namespace
}  // namespace phum::testing
