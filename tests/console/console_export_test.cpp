// The console's data side on a real phum-server: the CSV export (a ZIP read back with libzip, an
// implementation independent of the server's writer), the same export through phum-admin, and a
// record's photos served only to whom may see them.
#include <zip.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "attachment_bytes.h"
#include "console_fixture.h"
#include "core/uuid.h"
#include "phum/v1/sync.pb.h"

namespace phum::testing {
namespace {

using nlohmann::json;
using Table = std::vector<std::vector<std::string>>;

std::map<std::string, std::string> unzip(const std::string& archive) {
  std::map<std::string, std::string> files;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  if (source == nullptr) return files;
  zip_t* zip = zip_open_from_source(source, ZIP_CHECKCONS | ZIP_RDONLY, &error);
  if (zip == nullptr) {
    ADD_FAILURE() << "not a valid ZIP: " << zip_error_strerror(&error);
    zip_source_free(source);
    return files;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t stat;
    zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string bytes(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr) << stat.name;
    if (file == nullptr) continue;
    EXPECT_EQ(zip_fread(file, bytes.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);  // checks the CRC
    files[stat.name] = std::move(bytes);
  }
  zip_close(zip);
  return files;
}

// RFC 4180 rows (quoted cells with doubled quotes and line breaks), after the BOM.
Table parseCsv(std::string_view text) {
  Table rows;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      cell.push_back(c);
    }
  }
  return rows;
}

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

// A small form with two photo questions, one of them sensitive.
constexpr const char* kPhotoForm = R"(# Photo check

## survey

| type | name | label::English (en) | label::Khmer (km) | required | sensitive |
|---|---|---|---|---|---|
| text | village_code | Village code | លេខកូដភូមិ | yes |  |
| image | house_photo | Photo of the house | រូបថតផ្ទះ |  |  |
| image | id_photo | Photo of the ID card | រូបថតអត្តសញ្ញាណប័ណ្ណ |  | yes |

## settings

| form_id | form_title | version | default_language |
|---|---|---|---|
| photo_check | Photo check | 1 | Khmer (km) |
)";

class ConsolePhotoTest : public ConsoleServerTest {
 protected:
  void SetUp() override {
    ConsoleServerTest::SetUp();
    const std::string form = dir_.file("photo_check.xlsform.md");
    std::ofstream(form) << kPhotoForm;
    const auto published = tools::runAdmin(server_->dataDir(), {"forms", "publish", form});
    ASSERT_EQ(published.exitCode, 0) << published.err << published.out;
    homeUuid_ = pushWithPhotos(records_[0].location_code());
    awayUuid_ = pushWithPhotos(records_.back().location_code());
  }

  // A record with both photos answered and uploaded; returns its uuid as text.
  std::string pushWithPhotos(const std::string& location) {
    phum::v1::Record record;
    record.set_uuid(Uuid::generate().toBytes());
    record.set_form_id("photo_check");
    record.set_form_version("1");
    record.set_revision(1);
    record.set_created_at_ms(1700000000000);
    record.set_updated_at_ms(1700000000000);
    record.set_author("enumerator01");
    record.set_device_id("tablet-1");
    record.set_location_code(location);
    const auto answer = [&](const std::string& name, const std::string& text, bool file) {
      auto* item = record.mutable_answers()->add_answers();
      item->set_name(name);
      if (file) {
        item->mutable_value()->set_attachment(text);
      } else {
        item->mutable_value()->set_text(text);
      }
    };
    answer("village_code", location, false);
    answer("house_photo", "house.jpg", true);
    answer("id_photo", "id.jpg", true);
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    *batch.add_records() = record;
    const auto pushed =
        httpRequest("POST", server_->url() + "/v1/push", batch.SerializeAsString(),
                    {"Content-Type: application/x-protobuf", "Accept: application/x-protobuf"});
    EXPECT_EQ(pushed.status, 200) << pushed.body;
    phum::v1::PushAck ack;
    EXPECT_TRUE(ack.ParseFromString(pushed.body));
    EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.DebugString();
    const std::string uuid = uuidOf(record);
    for (const char* name : {"house.jpg", "id.jpg"}) {
      const std::string at = server_->url() + "/v1/attachments/" + uuid + "/" + name;
      EXPECT_EQ(httpRequest("PATCH", at, photo_, {"Upload-Offset: 0"}).status, 204);
      EXPECT_EQ(httpRequest("POST", at + "/complete", completeBody(photo_),
                            {"Content-Type: application/x-protobuf"})
                    .status,
                204);
    }
    return uuid;
  }

  std::string photo_ = photoBytes(40000, 7);
  std::string homeUuid_, awayUuid_;
};

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
