#pragma once
// Published form versions (their exact bytes, so a re-publish can be compared) and the server's
// copy of each reference dataset. Ids and keys sort bytewise on every backend.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"

namespace phum::server::storage {

// A form version stored by `phum-admin forms publish`.
struct PublishedForm {
  std::string formId;
  std::string version;
  std::string title;
  std::int64_t publishedAtMs = 0;
};

// One reference dataset as the server holds it.
struct ReferenceDatasetInfo {
  std::string name;  // "gazetteer", "agencies", ...
  std::int64_t rows = 0;
  std::uint64_t lastChangeSeq = 0;  // feed seq of the delta that last changed it
};

class CatalogStorage {
 public:
  virtual ~CatalogStorage() = default;

  // Stores `form` as `bytes` unless its (form_id, version) is taken: then false. A concurrent
  // insert of the same version (any server instance) waits for the first to commit.
  virtual bool insertFormIfAbsent(const phum::v1::FormDefinition& form, std::string_view bytes,
                                  std::int64_t publishedAtMs) = 0;
  // The exact bytes stored for a form version.
  virtual std::optional<std::string> formBytes(std::string_view formId,
                                               std::string_view version) = 0;
  virtual std::optional<phum::v1::FormDefinition> form(std::string_view formId,
                                                       std::string_view version) = 0;
  // Ordered by form id, then publication time.
  virtual std::vector<PublishedForm> forms() = 0;

  // Writes `rows` of `dataset` in the order given: a deleted row is removed, any other stored
  // (replacing the row of the same key).
  virtual void writeReferenceRows(std::string_view dataset,
                                  const std::vector<const phum::v1::ReferenceRow*>& rows) = 0;
  virtual void markDatasetChanged(std::string_view dataset, std::uint64_t changeSeq) = 0;
  // Ordered by key.
  virtual std::vector<phum::v1::ReferenceRow> referenceRows(std::string_view dataset) = 0;
  // Ordered by name.
  virtual std::vector<ReferenceDatasetInfo> datasets() = 0;
};

}  // namespace phum::server::storage
