// The console's data side on a real phum-server: the CSV export (a ZIP read back with libzip, an
// implementation independent of the server's writer), the same export through phum-admin, and a
// record's photos served only to whom may see them.
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "console_photo_fixture.h"
#include "export_reader.h"
#include "phum/v1/changes.pb.h"
#include "phum/v1/sync.pb.h"

namespace phum::testing {
namespace {

using nlohmann::json;

int column(const Table& table, const std::string& name) {
  const auto& header = table.at(0);
  const auto found = std::find(header.begin(), header.end(), name);
  return found == header.end() ? -1 : static_cast<int>(found - header.begin());
}

class ConsoleExportTest : public ConsoleServerTest {
 protected:
  std::map<std::string, std::string> exported(const std::string& cookie, const std::string& query,
                                              long expectStatus = 200) {
    const auto reply = call("GET", "/export" + query, cookie);
    EXPECT_EQ(reply.status, expectStatus) << reply.body.substr(0, 400);
    if (reply.status != 200) return {};
    EXPECT_EQ(reply.headers.at("content-type"), "application/zip");
    EXPECT_NE(reply.headers.at("content-disposition").find("phum-export-"), std::string::npos);
    return unzip(reply.body);
  }
};

TEST_F(ConsoleExportTest, ExportIsAZipOfCsvFilesWithABomAndRepeatsLinkedByTheRecordUuid) {
  std::string csrf;
  const std::string national = signIn("rev_national", csrf);
  auto files = exported(national, "?lang=en");
  ASSERT_TRUE(files.contains("household_survey.csv")) << files.size();
  ASSERT_TRUE(files.contains("household_survey-member.csv"));
  EXPECT_TRUE(files.contains("quick_registration.csv"));  // every published form, even empty
  for (const auto& [name, bytes] : files) {
    EXPECT_TRUE(bytes.starts_with("\xEF\xBB\xBF")) << name << " has no UTF-8 BOM";
  }
  const Table main = parseCsv(files["household_survey.csv"]);
  ASSERT_EQ(main.size(), 2 + records_.size());  // names, labels, one row per record
  EXPECT_EQ(main[0][0], "record_uuid");
  EXPECT_EQ(main[1][0], "Record ID");
  EXPECT_GE(column(main, "hh_size"), 0);
  EXPECT_EQ(column(main, "gps_latitude"), -1);  // exact GPS is sensitive too
  EXPECT_EQ(column(main, "respondent_name"), -1) << "sensitive answers left out by default";
  std::set<std::string> uuids;
  for (std::size_t row = 2; row < main.size(); ++row) uuids.insert(main[row][0]);
  for (const auto& record : records_) EXPECT_TRUE(uuids.contains(uuidOf(record)));

  const Table members = parseCsv(files["household_survey-member.csv"]);
  ASSERT_GT(members.size(), 2u);
  EXPECT_EQ(members[0][0], "record_uuid");
  EXPECT_EQ(members[0][1], "parent_index");
  EXPECT_EQ(members[0][2], "index");
  EXPECT_EQ(column(members, "member_name"), -1);
  std::map<std::string, int> perRecord;
  for (std::size_t row = 2; row < members.size(); ++row) {
    EXPECT_TRUE(uuids.contains(members[row][0])) << "member row not linked to a record";
    ++perRecord[members[row][0]];
  }
  for (const auto& record : records_) {
    EXPECT_EQ(perRecord[uuidOf(record)], record.answers().repeats(0).instances_size());
  }
}

TEST_F(ConsoleExportTest, SensitiveAnswersOnlyWhenAskedForAndTheRoleAllowsThem) {
  std::string csrf;
  const std::string reviewer = signIn("rev_national", csrf);
  auto files = exported(reviewer, "?sensitive=1&form=household_survey");
  const Table main = parseCsv(files["household_survey.csv"]);
  ASSERT_GE(column(main, "respondent_name"), 0);
  EXPECT_GE(column(main, "gps_latitude"), 0);
  EXPECT_FALSE(main.at(2).at(static_cast<std::size_t>(column(main, "respondent_name"))).empty());
  EXPECT_EQ(files.size(), 2u) << "form=household_survey: its file and its repeat's";

  const std::string admin = signIn("admin1", csrf);
  const auto refused = call("GET", "/export?sensitive=1", admin);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json::parse(refused.body)["code"], "role_not_allowed");
  const Table plain = parseCsv(exported(admin, "?form=household_survey")["household_survey.csv"]);
  EXPECT_EQ(column(plain, "respondent_name"), -1);
  EXPECT_EQ(call("GET", "/export?form=no_such_form", admin).status, 400);
}

TEST_F(ConsoleExportTest, KhmerLabelsTheFiltersAndOnlyTheCallersProvince) {
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  auto files = exported(home, "?form=household_survey&lang=km");
  const std::string& text = files["household_survey.csv"];
  EXPECT_NE(text.find("លេខសម្គាល់កំណត់ត្រា"), std::string::npos) << "Khmer labels row";
  const Table main = parseCsv(text);
  ASSERT_EQ(main.size(), 2 + records_.size() - 1);
  for (std::size_t row = 2; row < main.size(); ++row) {
    EXPECT_NE(main[row][0], otherUuid_);
    EXPECT_TRUE(main[row][column(main, "location_code")].starts_with(homeProvince_));
  }
  for (std::size_t row = 2; row < parseCsv(files["household_survey-member.csv"]).size(); ++row) {
    EXPECT_NE(parseCsv(files["household_survey-member.csv"])[row][0], otherUuid_);
  }
  const Table approved = parseCsv(exported(home, "?state=approved")["household_survey.csv"]);
  EXPECT_EQ(approved.size(), 2u) << "nothing approved yet: the header rows only";
  const std::string otherProvince = records_.back().location_code().substr(0, 2);
  const Table elsewhere =
      parseCsv(exported(home, "?place=" + otherProvince)["household_survey.csv"]);
  EXPECT_EQ(elsewhere.size(), 2u);
}

TEST_F(ConsoleExportTest, PhumAdminExportsTheSameFiles) {
  const std::string out = dir_.file("export.zip");
  const auto run =
      tools::runAdmin(server_->dataDir(), {"records", "export", "--out", out, "--lang", "en"});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find(std::to_string(records_.size()) + " record(s)"), std::string::npos)
      << run.out;
  std::ifstream in(out, std::ios::binary);
  const auto files = unzip(std::string(std::istreambuf_iterator<char>(in), {}));
  std::string csrf;
  const auto online = exported(signIn("rev_national", csrf), "?lang=en");
  ASSERT_EQ(files.size(), online.size());
  for (const auto& [name, bytes] : online) {
    ASSERT_TRUE(files.contains(name)) << name;
    EXPECT_EQ(parseCsv(files.at(name)).size(), parseCsv(bytes).size()) << name;
  }
  const auto unknown =
      tools::runAdmin(server_->dataDir(), {"records", "export", "--out", out, "--form", "nope"});
  EXPECT_EQ(unknown.exitCode, 2) << unknown.err;
}

// Everything retained for a tablet that starts from cursor 0: the forms (by id and version) and
// the reference rows (by dataset and key) that the feed carries for every device.
struct Catalogue {
  std::set<std::pair<std::string, std::string>> forms;
  std::map<std::string, std::set<std::string>> rows;
  std::uint64_t cursor = 0;
};

Catalogue pullFromZero(const std::string& serverUrl) {
  Catalogue seen;
  for (bool more = true; more;) {
    const auto reply = httpRequest(
        "GET", serverUrl + "/v1/changes?limit=500&cursor=" + std::to_string(seen.cursor), {},
        {"Accept: application/x-protobuf"});
    EXPECT_EQ(reply.status, 200) << reply.body;
    phum::v1::ChangeBatch batch;
    if (reply.status != 200 || !batch.ParseFromString(reply.body)) break;
    for (const auto& change : batch.changes()) {
      if (change.has_form()) seen.forms.insert({change.form().form_id(), change.form().version()});
      if (change.has_reference()) {
        for (const auto& row : change.reference().rows()) {
          seen.rows[change.reference().dataset()].insert(row.key());
        }
      }
    }
    seen.cursor = batch.next_cursor();
    more = batch.has_more();
  }
  return seen;
}

TEST_F(ConsoleServerTest, PruningKeepsReviewsAndTheCatalogueForATabletStartingFromZero) {
  const Catalogue before = pullFromZero(server_->url());
  ASSERT_FALSE(before.forms.empty());
  ASSERT_TRUE(before.rows.contains("gazetteer"));
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  const std::string uuid = uuidOf(records_[0]);
  ASSERT_EQ(call("POST", "/records/" + uuid + "/reviews", home, csrf,
                 R"({"revision":1,"decision":"return","comment":"check the ages"})")
                .status,
            201);

  const auto pruned =
      tools::runAdmin(server_->dataDir(), {"changes", "prune", "--through", "1000000"});
  ASSERT_EQ(pruned.exitCode, 0) << pruned.err;
  const Catalogue after = pullFromZero(server_->url());
  EXPECT_EQ(after.forms, before.forms) << "a new tablet must still get every published form";
  EXPECT_EQ(after.rows, before.rows) << "and every reference row";
  // Pruning again, past the republished catalogue, still leaves it reachable.
  const auto again = tools::runAdmin(
      server_->dataDir(), {"changes", "prune", "--through", std::to_string(after.cursor)});
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(pullFromZero(server_->url()).rows, before.rows);

  const auto view = json::parse(call("GET", "/records/" + uuid, home).body);
  ASSERT_EQ(view["reviews"].size(), 1u) << "the review is a row of its own";
  EXPECT_EQ(view["reviews"][0]["comment"], "check the ages");
  EXPECT_EQ(view["state"], "returned");
}

TEST_F(ConsolePhotoTest, APhotoIsServedInlineOnlyWithinScopeAndNotWhenSensitiveForTheRole) {
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  const auto view = json::parse(call("GET", "/records/" + homeUuid_ + "?lang=en", home).body);
  std::string url;
  for (const auto& item : view["items"]) {
    if (item.value("name", "") == "house_photo") url = item["attachment"]["url"];
  }
  ASSERT_EQ(url, "/v1/console/records/" + homeUuid_ + "/attachments/house.jpg") << view.dump();
  const auto photo = call("GET", "/records/" + homeUuid_ + "/attachments/house.jpg", home);
  ASSERT_EQ(photo.status, 200) << photo.body;
  EXPECT_EQ(photo.headers.at("content-type"), "image/jpeg");
  EXPECT_TRUE(photo.body == photo_);
  EXPECT_EQ(call("GET", "/records/" + homeUuid_ + "/attachments/id.jpg", home).status, 200)
      << "a reviewer may see sensitive answers";

  // Another province's record: the same 404 as a record that does not exist.
  EXPECT_EQ(call("GET", "/records/" + awayUuid_ + "/attachments/house.jpg", home).status, 404);
  // A file no answer names, even one uploaded for the record: 404.
  EXPECT_EQ(call("GET", "/records/" + homeUuid_ + "/attachments/other.jpg", home).status, 404);
  // Not signed in: 401.
  EXPECT_EQ(call("GET", "/records/" + homeUuid_ + "/attachments/house.jpg", "").status, 401);

  const std::string admin = signIn("admin1", csrf);
  EXPECT_EQ(call("GET", "/records/" + awayUuid_ + "/attachments/house.jpg", admin).status, 200);
  EXPECT_EQ(call("GET", "/records/" + awayUuid_ + "/attachments/id.jpg", admin).status, 403)
      << "an administrator may not see a sensitive question's photo";
}

}  // namespace
}  // namespace phum::testing
