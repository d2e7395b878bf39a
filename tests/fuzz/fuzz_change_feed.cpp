// A page of the change feed as the tablet takes it from whatever answered: parsed as a
// ChangeBatch, applied to a real local store, and every cached form prepared for the form engine
// the way the app opens it. A hostile or broken answer may be refused with StorageError or
// FormError, never crash the tablet or corrupt what it holds.
#include <google/protobuf/stubs/logging.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/errors.h"
#include "forms/engine/form_model.h"
#include "phum/v1/changes.pb.h"
#include "store/local_store.h"

namespace {

phum::store::LocalStore& tabletStore() {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("phum-fuzz-feed-" + std::to_string(::getpid()) + ".sqlite"))
                                      .string();
  static const auto store = [] {
    std::filesystem::remove(path);
    return phum::store::LocalStore::open(path);
  }();
  return *store;
}

void prepareForms(const phum::store::LocalStore& store) {
  for (const auto& form : store.formDefinitions()) {
    try {
      phum::forms::engine::FormModel model(form);
    } catch (const phum::forms::engine::FormError&) {
      // A form the engine refuses is reported to the user; the app keeps going.
    }
  }
}

}  // namespace

// Invalid UTF-8 in string fields is expected here; protobuf's log line for each is noise.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  phum::v1::ChangeBatch batch;
  if (!batch.ParseFromArray(data, static_cast<int>(size))) return 0;
  auto& store = tabletStore();
  const std::string username = size % 2 ? "enumerator" : "";
  try {
    store.applyChanges(batch, username);
  } catch (const phum::StorageError&) {
    return 0;
  }
  prepareForms(store);
  for (const auto& change : batch.changes()) {
    if (change.has_review()) {
      if (const auto uuid = phum::Uuid::fromBytes(change.review().record_uuid())) {
        store.reviewDecisions(*uuid);
      }
    }
    if (change.has_reference()) store.referenceRows(change.reference().dataset());
  }
  return 0;
}
