#pragma once
// The console fixture plus a small form with two photo questions (one sensitive) and a record of
// it, photos uploaded, in the home province and in another one.
#include "console_fixture.h"

namespace phum::testing {

class ConsolePhotoTest : public ConsoleServerTest {
 public:
  using ConsoleServerTest::call;
  using ConsoleServerTest::pushAccepted;
  using ConsoleServerTest::signIn;
  const std::string& homeProvince() const { return homeProvince_; }
  std::string otherProvince() const { return records_.back().location_code().substr(0, 2); }
  // The records of the other province: a household and a photo record.
  std::vector<std::string> awayRecords() const { return {otherUuid_, awayUuid_}; }
  const std::string& awayPhotoRecord() const { return awayUuid_; }

 protected:
  void SetUp() override;
  // A record with both photos answered and uploaded; returns its uuid as text.
  std::string pushWithPhotos(const std::string& location);

  std::string photo_;
  std::string homeUuid_, awayUuid_;
};

}  // namespace phum::testing
