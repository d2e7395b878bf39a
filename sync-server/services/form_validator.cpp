#include "services/form_validator.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "common/sealing_keys.h"
#include "core/canonical_bytes.h"
#include "forms/engine/form_model.h"
#include "forms/engine/reference_choices.h"
#include "forms/engine/validate.h"
#include "sealing/sealing.h"

namespace phum::server {

namespace {

using ChoiceListPtr = std::shared_ptr<const phum::v1::ChoiceList>;

// The shared reading of a dataset as choices (the tablet offers the same list).
ChoiceListPtr toChoiceList(const std::string& dataset,
                           const std::vector<phum::v1::ReferenceRow>& rows) {
  return std::make_shared<const phum::v1::ChoiceList>(
      forms::engine::referenceChoiceList(dataset, rows));
}

// What one validator looked up in the catalogue for the batch being checked on this thread (see
// batchBeingChecked()): without it every record of a batch would query the database, under its
// lock, for the same unpublished form or the same reference data versions.
struct BatchLookups {
  const void* validator = nullptr;
  std::uint64_t batch = 0;
  std::set<std::pair<std::string, std::string>> unpublished;
  std::optional<std::vector<ReferenceDatasetInfo>> datasets;
};

// The lookups of `validator` for the current batch, or null outside a batch.
BatchLookups* lookupsForThisBatch(const void* validator) {
  thread_local BatchLookups lookups;
  const std::uint64_t batch = batchBeingChecked();
  if (batch == 0) return nullptr;
  if (lookups.validator != validator || lookups.batch != batch) {
    lookups = BatchLookups{validator, batch, {}, std::nullopt};
  }
  return &lookups;
}

phum::v1::FieldError formError(const std::string& field, const std::string& message) {
  phum::v1::FieldError error;
  error.set_field(field);
  error.set_message(message);
  return error;
}

}  // namespace

struct PublishedFormValidator::Impl {
  SealingKeys* keys = nullptr;
  using SensitiveNames = std::shared_ptr<const std::set<std::string>>;
  struct CachedList {
    std::uint64_t changeSeq = 0;
    ChoiceListPtr list;
  };

  FormValidatorOptions options;
  const CatalogService* catalog = nullptr;
  mutable std::mutex mutex;  // guards the caches, never held while reading the catalogue
  mutable std::map<std::pair<std::string, std::string>,
                   std::shared_ptr<const forms::engine::FormModel>>
      models;
  mutable std::map<std::string, CachedList> lists;
  mutable std::map<const forms::engine::FormModel*, SensitiveNames> sensitive;

  // The fields `model` marks sensitive; cached for as long as the model is (forever).
  SensitiveNames sensitiveNames(const forms::engine::FormModel& model) const {
    {
      std::lock_guard lock(mutex);
      if (auto found = sensitive.find(&model); found != sensitive.end()) return found->second;
    }
    auto names = std::make_shared<const std::set<std::string>>(
        sealing::sensitiveFieldNames(model.definition()));
    std::lock_guard lock(mutex);
    return sensitive.try_emplace(&model, std::move(names)).first->second;
  }

  // The model validate() compiled for `record`'s form, without reading the database (callers in
  // a write transaction); null when it was never compiled.
  std::shared_ptr<const forms::engine::FormModel> cachedModel(
      const phum::v1::Record& record) const {
    std::lock_guard lock(mutex);
    const auto found = models.find(std::make_pair(record.form_id(), record.form_version()));
    return found == models.end() ? nullptr : found->second;
  }

  std::shared_ptr<const forms::engine::FormModel> model(const phum::v1::Record& record) const {
    const auto key = std::make_pair(record.form_id(), record.form_version());
    {
      std::lock_guard lock(mutex);
      if (auto found = models.find(key); found != models.end()) return found->second;
    }
    // Not cached: unknown forms are looked up again next batch, as they may be published later.
    BatchLookups* batch = lookupsForThisBatch(this);
    if (batch && batch->unpublished.contains(key)) return nullptr;
    auto form = catalog->findForm(record.form_id(), record.form_version());
    if (!form) {
      if (batch) batch->unpublished.insert(key);
      return nullptr;
    }
    std::shared_ptr<const forms::engine::FormModel> compiled;
    try {
      compiled = std::make_shared<const forms::engine::FormModel>(std::move(*form));
    } catch (const forms::engine::FormError& e) {
      // A stored form the engine cannot run is the server's problem, not the record's: fail the
      // push (5xx, the tablet retries) with a message the administrator can act on.
      throw std::runtime_error("published form " + key.first + " version " + key.second +
                               " cannot be evaluated (" + e.what() +
                               "); publish a corrected form under a new version");
    }
    std::lock_guard lock(mutex);
    return models.try_emplace(key, std::move(compiled)).first->second;
  }

  std::vector<ReferenceDatasetInfo> referenceDatasets() const {
    BatchLookups* batch = lookupsForThisBatch(this);
    if (!batch) return catalog->listReferenceDatasets();
    if (!batch->datasets) batch->datasets = catalog->listReferenceDatasets();
    return *batch->datasets;
  }

  // The current choice list of a dataset, reloaded when a newer delta was imported.
  ChoiceListPtr choiceList(const std::string& dataset) const {
    std::uint64_t seq = 0;
    for (const auto& info : referenceDatasets()) {
      if (info.name == dataset) seq = info.lastChangeSeq;
    }
    if (seq == 0) return nullptr;  // no such data on this server: answers cannot be checked
    {
      std::lock_guard lock(mutex);
      auto found = lists.find(dataset);
      if (found != lists.end() && found->second.changeSeq == seq) return found->second.list;
    }
    auto list = toChoiceList(dataset, catalog->referenceRows(dataset));
    std::lock_guard lock(mutex);
    lists[dataset] = CachedList{seq, list};
    return list;
  }
};

PublishedFormValidator::PublishedFormValidator(const CatalogService& catalog, SealingKeys& keys,
                                               FormValidatorOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->keys = &keys;
  impl_->options = options;
  impl_->catalog = &catalog;
}

PublishedFormValidator::~PublishedFormValidator() = default;

ValidatorVerdict PublishedFormValidator::validate(const phum::v1::Record& record) const {
  if (!record.sealed_answers().empty()) {
    // Sealed answers are checked like the others, opened in memory only; the record is stored
    // as sent, sealed. A correction's envelope opens to the earlier answers it kept merged with
    // the new ones, so a required sensitive question is checked against that union: the tablet,
    // which cannot read the earlier answers, does not ask for them again.
    phum::v1::Record opened = record;
    if (!impl_->keys->open(opened)) {
      return ValidatorVerdict(
          phum::v1::ACK_REASON_INVALID_ANSWERS,
          {formError("sealed_answers",
                     "the sensitive answers are sealed to a key this server does not have; an "
                     "administrator must restore the server's key file")});
    }
    return validate(opened);
  }
  auto model = impl_->model(record);
  if (!model) {
    if (impl_->options.acceptUnpublishedForms) return {};
    return ValidatorVerdict(
        phum::v1::ACK_REASON_UNKNOWN_FORM_VERSION,
        {formError("form_version",
                   "Form " + record.form_id() + " version " + record.form_version() +
                       " is not published on this server; ask an administrator to publish "
                       "it (phum-admin forms publish) or update the tablet's forms")});
  }
  // Lists used by this record, kept alive for the whole validation.
  auto used = std::make_shared<std::map<std::string, ChoiceListPtr>>();
  forms::engine::ValidationOptions options;
  options.externalChoices = [this, used](std::string_view file) -> const phum::v1::ChoiceList* {
    const std::string dataset = forms::engine::datasetForChoiceFile(file);
    auto found = used->find(dataset);
    if (found == used->end()) found = used->emplace(dataset, impl_->choiceList(dataset)).first;
    return found->second.get();
  };
  return forms::engine::validateRecord(std::move(model), record, options);
}

RecordValidator PublishedFormValidator::hook() const {
  return [this](const phum::v1::Record& record) { return validate(record); };
}

std::optional<phum::v1::Record> PublishedFormValidator::sealedOnReceipt(
    const phum::v1::Record& record) const {
  const auto ring = impl_->keys->ring();
  if (!ring) return std::nullopt;
  const auto model = impl_->model(record);
  if (!model) return std::nullopt;
  const auto names = impl_->sensitiveNames(*model);
  if (!sealing::hasSensitiveAnswers(record.answers(), *names)) return std::nullopt;
  phum::v1::Record sealed = record;
  // validate() has opened these already: a record they do not open was rejected.
  if (!impl_->keys->open(sealed)) return std::nullopt;
  sealing::sealOnReceipt(sealed, *names, ring->current());
  return sealed;
}

ReceiptSealer PublishedFormValidator::sealerHook() const {
  return [this](const phum::v1::Record& record) { return sealedOnReceipt(record); };
}

bool PublishedFormValidator::sameAsStored(const phum::v1::Record& pushed,
                                          const std::string& storedBody) const {
  phum::v1::Record stored;
  if (!stored.ParseFromString(storedBody)) return false;
  try {
    // What the server sealed on receipt is one box (v1) under one key; a stored correction
    // envelope (v2) was stored as sent, so a push with other bytes is not it.
    const std::string keyId = sealing::sealingKeyId(stored);
    if (keyId.empty()) return canonicalBytes(pushed) == storedBody;
    // The keys in memory: no key file read (Argon2id) inside the write transaction.
    const auto ring = impl_->keys->ring();
    const sealing::KeyPair* key = ring ? ring->find(keyId) : nullptr;
    // Called in the push's write transaction: validate() has compiled the form already.
    const auto model = impl_->cachedModel(pushed);
    if (key == nullptr || !model) return false;
    phum::v1::Record again = pushed;
    if (!impl_->keys->open(again)) return false;
    return sealing::sealOnReceipt(again, *impl_->sensitiveNames(*model), *key) &&
           canonicalBytes(again) == storedBody;
  } catch (const sealing::SealingError&) {
    return false;  // a stored copy or a push this server cannot read is not the same
  }
}

SameRevision PublishedFormValidator::sameRevisionHook() const {
  return [this](const phum::v1::Record& pushed, const std::string& storedBody) {
    return sameAsStored(pushed, storedBody);
  };
}

}  // namespace phum::server
