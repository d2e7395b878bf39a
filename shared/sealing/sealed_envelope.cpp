// Reading sealed answers (v1 and v2 envelopes) and extending them at a correction; see sealing.h.
#include <sodium.h>

#include <algorithm>
#include <iterator>

#include "core/canonical_bytes.h"
#include "sealing/sealing.h"
#include "sealing/sealing_detail.h"

namespace phum::sealing {
namespace {

namespace v1 = phum::v1;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string instancePrefix(const std::string& prefix, const std::string& repeat, int index) {
  return prefix + repeat + "[" + std::to_string(index + 1) + "]/";
}

void collectSlots(const v1::AnswerSet& answers, const std::string& prefix,
                  std::set<std::string>& into) {
  for (const auto& answer : answers.answers()) into.insert(prefix + answer.name());
  for (const auto& repeat : answers.repeats()) {
    for (int i = 0; i < repeat.instances_size(); ++i)
      collectSlots(repeat.instances(i), instancePrefix(prefix, repeat.name(), i), into);
  }
}

bool isEmpty(const v1::AnswerSet& answers) {
  return answers.answers().empty() &&
         std::ranges::all_of(answers.repeats(), [](const v1::RepeatGroup& repeat) {
           return std::ranges::all_of(repeat.instances(), isEmpty);
         });
}

// Removes the answers of `slots` from `answers`; an instance left empty stays (positions count).
void removeSlots(v1::AnswerSet& answers, const std::string& prefix,
                 const std::set<std::string>& slots) {
  auto* list = answers.mutable_answers();
  for (int i = list->size() - 1; i >= 0; --i) {
    if (slots.contains(prefix + list->Get(i).name())) list->DeleteSubrange(i, 1);
  }
  for (auto& repeat : *answers.mutable_repeats()) {
    for (int i = 0; i < repeat.instances_size(); ++i)
      removeSlots(*repeat.mutable_instances(i), instancePrefix(prefix, repeat.name(), i), slots);
  }
}

// Puts sealed answers back at their places. An empty sealed instance adds no instance: after a
// correction removed a repeat's last entry and cleared its slots, none comes back.
void mergeBack(v1::AnswerSet& into, const v1::AnswerSet& sealed) {
  for (const auto& answer : sealed.answers()) *into.add_answers() = answer;
  for (const auto& sealedRepeat : sealed.repeats()) {
    v1::RepeatGroup* target = nullptr;
    for (auto& repeat : *into.mutable_repeats()) {
      if (repeat.name() == sealedRepeat.name()) target = &repeat;
    }
    for (int i = 0; i < sealedRepeat.instances_size(); ++i) {
      if (isEmpty(sealedRepeat.instances(i))) continue;
      if (target == nullptr) {
        target = into.add_repeats();
        target->set_name(sealedRepeat.name());
      }
      while (target->instances_size() <= i) target->add_instances();
      mergeBack(*target->mutable_instances(i), sealedRepeat.instances(i));
    }
  }
}

v1::SealedEnvelope parseV1(std::string_view sealed) {
  const std::size_t magic = detail::kMagicV1.size();
  if (sealed.size() < magic + 1) throw SealingError("the record's sealed answers are cut short");
  const std::size_t idLength = static_cast<unsigned char>(sealed[magic]);
  const std::size_t boxStart = magic + 1 + idLength;
  if (sealed.size() < boxStart + crypto_box_SEALBYTES) {
    throw SealingError("the record's sealed answers are cut short");
  }
  v1::SealedEnvelope envelope;
  auto* box = envelope.add_boxes();
  box->set_key_id(std::string(sealed.substr(magic + 1, idLength)));
  box->set_box(std::string(sealed.substr(boxStart)));
  box->set_slots_known(false);
  return envelope;
}

// The boxes of either format, oldest first (a v1 envelope is one box, its slots unknown).
v1::SealedEnvelope parseEnvelope(std::string_view sealed) {
  if (sealed.starts_with(detail::kMagicV1)) return parseV1(sealed);
  v1::SealedEnvelope envelope;
  if (!sealed.starts_with(detail::kMagicV2) ||
      !envelope.ParseFromString(std::string(sealed.substr(detail::kMagicV2.size())))) {
    throw SealingError("the record's sealed answers are not in a format this program knows");
  }
  if (envelope.boxes().empty()) throw SealingError("the record's sealed answers have no box");
  for (const auto& box : envelope.boxes()) {
    if (box.key_id().empty() || box.box().size() < crypto_box_SEALBYTES) {
      throw SealingError("the record's sealed answers are cut short");
    }
  }
  return envelope;
}

v1::AnswerSet openBox(const v1::SealedBox& box, const KeyPair& key) {
  std::string plain(box.box().size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), bytes(box.box()),
                           box.box().size(), bytes(key.publicKey), bytes(key.secretKey)) != 0) {
    throw SealingError("the sealed answers of this record do not open with key " + key.keyId +
                       " (wrong key, or the bytes were changed)");
  }
  v1::AnswerSet answers;
  const bool parsed = answers.ParseFromString(plain);
  sodium_memzero(plain.data(), plain.size());
  if (!parsed) throw SealingError("the sealed answers of this record are corrupt");
  return answers;
}

// A box of `answers` sealed to `key` (crypto_box_seal: only the server's secret key opens it).
v1::SealedBox sealBox(const v1::AnswerSet& answers, const PublicKey& key) {
  if (key.bytes.size() != crypto_box_PUBLICKEYBYTES || key.keyId.empty()) {
    throw SealingError("the server's public key is not valid; sync again to receive it");
  }
  std::string plain = canonicalBytes(answers);
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), bytes(plain), plain.size(),
                  bytes(key.bytes));
  sodium_memzero(plain.data(), plain.size());
  v1::SealedBox box;
  box.set_key_id(key.keyId);
  box.set_box(std::move(sealed));
  return box;
}

// Drops each box whose slots are all replaced by later boxes: it adds nothing to the opened
// answers. A box with unknown slots always stays.
void dropReplacedBoxes(v1::SealedEnvelope& envelope) {
  std::set<std::string> later;
  auto* boxes = envelope.mutable_boxes();
  for (int i = boxes->size() - 1; i >= 0; --i) {
    const auto& box = boxes->Get(i);
    const bool replaced =
        box.slots_known() && std::ranges::all_of(box.slots(), [&](const std::string& slot) {
          return later.contains(slot);
        });
    if (replaced && i != boxes->size() - 1) {
      boxes->DeleteSubrange(i, 1);
      continue;
    }
    later.insert(box.slots().begin(), box.slots().end());
  }
}

}  // namespace

std::vector<std::string> sealingKeyIds(const v1::Record& record) {
  std::vector<std::string> ids;
  if (record.sealed_answers().empty()) return ids;
  const v1::SealedEnvelope envelope = parseEnvelope(record.sealed_answers());
  for (const auto& box : envelope.boxes()) ids.push_back(box.key_id());
  return ids;
}

std::string sealingKeyId(const v1::Record& record) {
  const auto ids = sealingKeyIds(record);
  return ids.empty() ? std::string() : ids.back();
}

std::set<std::string> answerSlots(const v1::AnswerSet& answers) {
  std::set<std::string> slots;
  collectSlots(answers, "", slots);
  return slots;
}

EnvelopeSlots envelopeSlots(std::string_view sealedAnswers) {
  EnvelopeSlots found;
  if (sealedAnswers.empty()) return found;
  const v1::SealedEnvelope envelope = parseEnvelope(sealedAnswers);
  for (const auto& box : envelope.boxes()) {
    found.allKnown = found.allKnown && box.slots_known();
    found.named.insert(box.slots().begin(), box.slots().end());
    if (!box.slots_known()) continue;
    const bool empty = box.box().size() == crypto_box_SEALBYTES;  // sealed no answer at all
    for (const auto& slot : box.slots()) {
      if (empty)
        found.emptied.insert(slot);
      else
        found.emptied.erase(slot);
    }
  }
  return found;
}

void unsealAnswers(v1::Record& record, const KeyFinder& keys) {
  if (record.sealed_answers().empty()) return;
  detail::initSodium();
  v1::AnswerSet opened;
  const v1::SealedEnvelope envelope = parseEnvelope(record.sealed_answers());
  for (const auto& box : envelope.boxes()) {
    const KeyPair* key = keys(box.key_id());
    if (key == nullptr) {
      throw SealingError("the sealed answers of this record need key " + box.key_id() +
                         ", which this server does not have");
    }
    const v1::AnswerSet answers = openBox(box, *key);
    // Named slots cover cleared answers; the box's own answers cover a box that names none.
    std::set<std::string> replaced(box.slots().begin(), box.slots().end());
    collectSlots(answers, "", replaced);
    removeSlots(opened, "", replaced);
    mergeBack(opened, answers);
  }
  mergeBack(*record.mutable_answers(), opened);
  record.clear_sealed_answers();
}

void unsealAnswers(v1::Record& record, const KeyPair& keys) {
  unsealAnswers(record, [&keys](const std::string&) { return &keys; });
}

bool sealCorrection(v1::Record& record, const std::set<std::string>& sensitive,
                    std::string_view earlier, const std::set<std::string>& cleared,
                    const std::optional<PublicKey>& key) {
  if (earlier.empty()) return key && sealSensitiveAnswers(record, sensitive, *key);
  if (!record.sealed_answers().empty()) throw SealingError("the record is already sealed");
  detail::initSodium();
  v1::SealedEnvelope envelope = parseEnvelope(earlier);
  v1::AnswerSet answered;
  v1::AnswerSet remaining = record.answers();
  detail::moveSensitive(remaining, answered, sensitive);
  std::set<std::string> slots = answerSlots(answered);
  slots.insert(cleared.begin(), cleared.end());
  if (slots.empty()) {
    record.set_sealed_answers(std::string(earlier));  // untouched: the same envelope goes again
    return false;
  }
  if (!key) {
    throw SealingError(
        "the server's public key is not on this tablet, so the answers given again cannot be "
        "sealed; sync, then finalize again");
  }
  // The answers given again in one box, the slots emptied in another that seals no answer: the
  // tablet then tells an emptied question from a sealed one by that box's size (envelopeSlots).
  const std::set<std::string> answeredSlots = answerSlots(answered);
  std::set<std::string> emptied;
  std::ranges::set_difference(slots, answeredSlots, std::inserter(emptied, emptied.end()));
  const auto addBox = [&](const v1::AnswerSet& answers, const std::set<std::string>& named) {
    if (named.empty()) return;
    v1::SealedBox box = sealBox(answers, *key);
    box.set_slots_known(true);
    for (const auto& slot : named) box.add_slots(slot);
    *envelope.add_boxes() = std::move(box);
  };
  addBox(answered, answeredSlots);
  addBox(v1::AnswerSet(), emptied);
  dropReplacedBoxes(envelope);
  *record.mutable_answers() = std::move(remaining);
  record.set_sealed_answers(std::string(detail::kMagicV2) + canonicalBytes(envelope));
  return true;
}

}  // namespace phum::sealing
