#include "console_photo_fixture.h"

#include <fstream>

#include "attachment_bytes.h"
#include "core/uuid.h"
#include "phum/v1/sync.pb.h"

namespace phum::testing {

namespace {

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

}  // namespace

void ConsolePhotoTest::SetUp() {
  ConsoleServerTest::SetUp();
  if (HasFatalFailure()) return;
  photo_ = photoBytes(40000, 7);
  const std::string form = dir_.file("photo_check.xlsform.md");
  std::ofstream(form) << kPhotoForm;
  const auto published = tools::runAdmin(server_->dataDir(), {"forms", "publish", form});
  ASSERT_EQ(published.exitCode, 0) << published.err << published.out;
  homeUuid_ = pushWithPhotos(records_[0].location_code());
  awayUuid_ = pushWithPhotos(records_.back().location_code());
}

std::string ConsolePhotoTest::pushWithPhotos(const std::string& location) {
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
  pushAccepted({record});
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

}  // namespace phum::testing
