#pragma once
// Sensitive answers sealed to the server's public key (libsodium crypto_box_seal), so that once a
// record is finalized neither the tablet nor anyone who copies its files or the server database
// can read them; only the server, holding the secret key, opens them for roles allowed to see
// them.
//
// Record.sealed_answers holds "phum-sealed-v1", the key id (length-prefixed) and the sealed box of
// an AnswerSet with the sensitive answers only; repeats keep their names and instance positions
// so the answers go back where they were. The key id says which of the server's keys (after
// rotations) opens it.
//
// A correction that answers some sealed questions again cannot re-seal the others: the tablet
// cannot read them. It sends "phum-sealed-v2" and a SealedEnvelope (proto/phum/v1/sealed.proto):
// the earlier boxes unchanged, then a box with the new answers that names, in clear, the slots it
// replaces (slot: a question's name, inside repeats "repeat[n]/name" with n from 1, as the form
// engine's paths), also those it clears. Opening applies the boxes in order, each replacing the
// earlier answers of its slots. A v1 envelope stays readable: one box, its slots unknown.
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"
#include "phum/v1/record.pb.h"

namespace phum::sealing {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 32;

class SealingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PublicKey {
  std::string keyId;
  std::string bytes;  // kPublicKeyBytes
};

struct KeyPair {
  std::string keyId;
  std::string publicKey;  // kPublicKeyBytes
  std::string secretKey;  // kSecretKeyBytes
};

// A fresh X25519 key pair; its id is derived from the public key (16 hex digits).
KeyPair newKeyPair();
std::string keyIdOf(std::string_view publicKey);

// The names of the fields marked sensitive in `form` (groups and repeats included).
std::set<std::string> sensitiveFieldNames(const phum::v1::FormDefinition& form);

// Moves the answers named in `sensitive` out of record.answers into record.sealed_answers, sealed
// to `key`. Returns false (and changes nothing) when the record has none of them. Throws
// SealingError if the record is already sealed or the key is not a public key.
bool sealSensitiveAnswers(phum::v1::Record& record, const std::set<std::string>& sensitive,
                          const PublicKey& key);

// The server's counterpart of sealSensitiveAnswers, for answers a tablet sent in clear: the same
// format, opened the same way, but the same answers of the same record revision always seal to
// the same bytes under the same key (a re-push is then recognised byte for byte), and only the
// holder of `serverKey`'s secret key could derive the box's ephemeral key.
bool sealOnReceipt(phum::v1::Record& record, const std::set<std::string>& sensitive,
                   const KeyPair& serverKey);

// Whether `answers` (repeat instances included) holds an answer named in `sensitive`.
bool hasSensitiveAnswers(const phum::v1::AnswerSet& answers,
                         const std::set<std::string>& sensitive);

// The key id of a sealed record's newest box ("" when it has no sealed answers). Throws
// SealingError if sealed_answers is not in a format above.
std::string sealingKeyId(const phum::v1::Record& record);
// The key ids of all its boxes, oldest first (after a rotation they differ). Throws SealingError.
std::vector<std::string> sealingKeyIds(const phum::v1::Record& record);

// The slots of the answers in `answers` (repeat instances included), in the format above.
std::set<std::string> answerSlots(const phum::v1::AnswerSet& answers);

// The slots the boxes of an envelope name in clear; `allKnown` is false when a box does not
// name them (a v1 envelope, or a v2 one that kept it). `emptied`: the named slots whose latest
// box holds no answers (sealCorrection seals the slots it clears in a box of their own), so
// nothing is sealed for them. Throws SealingError.
struct EnvelopeSlots {
  std::set<std::string> named;
  std::set<std::string> emptied;
  bool allKnown = true;
};
EnvelopeSlots envelopeSlots(std::string_view sealedAnswers);

// The tablet's call at finalize of a correction of a record sealed as `earlier` (its envelope;
// empty when it was never sealed): the answers named in `sensitive` still in `record` (those
// answered again) go into a new box sealed to `key`, after the earlier boxes, and the slots in
// `cleared` (emptied in the correction) not answered into a box of their own with no answers; a box
// every later one replaces is dropped, so the envelope does not grow with each correction. With
// nothing answered again or cleared the earlier envelope is kept byte for byte. With no earlier
// envelope this is sealSensitiveAnswers (nothing sealed without a key). Returns whether a new box
// was sealed. Throws SealingError if a new box is needed and there is no key (`key` empty), or
// `earlier` is not an envelope.
bool sealCorrection(phum::v1::Record& record, const std::set<std::string>& sensitive,
                    std::string_view earlier, const std::set<std::string>& cleared,
                    const std::optional<PublicKey>& key);

// The reference dataset the server publishes its public keys in (one row per key: key_id,
// public_key in hex, current "1" for the key to seal to), and the current key among its rows.
inline constexpr const char* kSealingKeysDataset = "sealing_keys";
std::optional<PublicKey> currentKey(const std::vector<phum::v1::ReferenceRow>& rows);

// The tablet's one call at finalize: seals the sensitive answers of `form` to the current key of
// `keyRows` (the tablet's copy of the dataset above). False when nothing was sealed: the form has
// no sensitive answer in this record, or the tablet has no key yet (a server without sealing).
bool sealForServer(phum::v1::Record& record, const phum::v1::FormDefinition& form,
                   const std::vector<phum::v1::ReferenceRow>& keyRows);

// The server's key pair with this id, or null.
using KeyFinder = std::function<const KeyPair*(const std::string& keyId)>;

// Opens record.sealed_answers, each box with the key its id names, and puts the answers back
// into record.answers (a later box's answers replacing an earlier box's slots), then clears
// sealed_answers. Throws SealingError, record unchanged, if a key is missing or a box does not
// open (wrong key, changed bytes).
void unsealAnswers(phum::v1::Record& record, const KeyFinder& keys);
// The same with one key for every box, whatever id it names.
void unsealAnswers(phum::v1::Record& record, const KeyPair& keys);

}  // namespace phum::sealing
