#pragma once
// Photos (and other files) that answer sensitive questions: which they are, and the server's keys
// that seal and open them (shared/sealing/sealed_photo.h). The upload seals them before storage
// holds a byte of them; the console opens them for roles allowed to see sensitive answers.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/sealing_keys.h"
#include "storage/database.h"

namespace phum::server {

// The name of the question whose answer is the file `file`, or "".
std::string questionHolding(const phum::v1::AnswerSet& answers, const std::string& file);

// The newest stored revision of a record whose answers name a file.
struct FileHolder {
  phum::v1::Record record;   // its sealed answers opened, when the server's keys open them
  std::string question;      // the question answered by the file
  std::string locationCode;  // of the record's newest revision
};

class SensitivePhotos {
 public:
  explicit SensitivePhotos(SealingKeys& keys) : keys_(keys) {}

  // The newest revision of record `uuid` (16 bytes) naming `name`, or nothing.
  std::optional<FileHolder> holder(storage::Transaction& tx, std::string_view uuid,
                                   const std::string& name);
  // The keys to seal upload `name` of record `uuid` with, or null: the server has no key, or the
  // file does not answer a sensitive question of a published form. Files of forms the server has
  // not published are stored as sent, as their answers are.
  std::shared_ptr<const SealingKeyring> sealingFor(storage::Transaction& tx, std::string_view uuid,
                                                   const std::string& name);
  // The photo `sealed` holds, with the key it names (the key file read again if it rotated).
  // Throws sealing::SealingError when no key of this server opens it.
  std::string open(std::string_view sealed);
  // The key id a tablet sealed the photo beginning with `head` to, when this server has no such
  // key (the photo would never open); "" when it has it, or `head` is not (yet) a sealed photo's
  // header.
  std::string unknownSealingKey(std::string_view head);

 private:
  SealingKeys& keys_;
};

}  // namespace phum::server
