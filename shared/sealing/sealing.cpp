#include "sealing/sealing.h"

#include <sodium.h>

#include <cstdint>

#include "core/canonical_bytes.h"
#include "sealing/deterministic_box.h"
#include "sealing/sealing_detail.h"

namespace phum::sealing {
namespace detail {

void initSodium() {
  if (sodium_init() < 0) throw SealingError("libsodium could not be initialised");
}

bool moveSensitive(phum::v1::AnswerSet& from, phum::v1::AnswerSet& to,
                   const std::set<std::string>& sensitive) {
  bool moved = false;
  auto* answers = from.mutable_answers();
  for (int i = 0; i < answers->size();) {
    if (sensitive.contains(answers->Get(i).name())) {
      *to.add_answers() = std::move(*answers->Mutable(i));
      answers->DeleteSubrange(i, 1);
      moved = true;
    } else {
      ++i;
    }
  }
  for (auto& repeat : *from.mutable_repeats()) {
    phum::v1::RepeatGroup sealedRepeat;
    sealedRepeat.set_name(repeat.name());
    bool any = false;
    for (auto& instance : *repeat.mutable_instances()) {
      any = moveSensitive(instance, *sealedRepeat.add_instances(), sensitive) || any;
    }
    if (any) *to.add_repeats() = std::move(sealedRepeat);
    moved = moved || any;
  }
  return moved;
}

}  // namespace detail

namespace {

using detail::initSodium;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

void collectSensitive(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
                      std::set<std::string>& into) {
  for (const auto& field : fields) {
    if (field.sensitive()) into.insert(field.name());
    collectSensitive(field.children(), into);
  }
}

// Moves the sensitive answers out of `record` and puts them back sealed by `seal`, which writes
// crypto_box_SEALBYTES more bytes than the plaintext it is given.
template <typename Seal>
bool sealWith(phum::v1::Record& record, const std::set<std::string>& sensitive,
              const PublicKey& key, Seal seal) {
  if (!record.sealed_answers().empty()) throw SealingError("the record is already sealed");
  if (key.bytes.size() != crypto_box_PUBLICKEYBYTES || key.keyId.empty() ||
      key.keyId.size() > 255) {
    throw SealingError("the server's public key is not valid; sync again to receive it");
  }
  initSodium();
  phum::v1::AnswerSet sealedSet;
  phum::v1::AnswerSet remaining = record.answers();
  if (!detail::moveSensitive(remaining, sealedSet, sensitive)) return false;
  std::string plain = canonicalBytes(sealedSet);
  std::string box(plain.size() + crypto_box_SEALBYTES, '\0');
  seal(plain, reinterpret_cast<unsigned char*>(box.data()));
  sodium_memzero(plain.data(), plain.size());
  std::string sealed(detail::kMagicV1);
  sealed += static_cast<char>(key.keyId.size());
  sealed += key.keyId;
  sealed += box;
  *record.mutable_answers() = std::move(remaining);
  record.set_sealed_answers(std::move(sealed));
  return true;
}

}  // namespace

void sealDeterministically(std::string_view context, std::initializer_list<std::string_view> parts,
                           std::string_view plain, const KeyPair& serverKey, unsigned char* box) {
  initSodium();
  unsigned char seed[crypto_box_SEEDBYTES];
  keyedHash(context, parts, serverKey, seed, sizeof seed);
  unsigned char ephemeralSecret[crypto_box_SECRETKEYBYTES];
  unsigned char* ephemeralPublic = box;
  crypto_box_seed_keypair(ephemeralPublic, ephemeralSecret, seed);
  unsigned char nonce[crypto_box_NONCEBYTES];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof nonce);
  crypto_generichash_update(&state, ephemeralPublic, crypto_box_PUBLICKEYBYTES);
  crypto_generichash_update(&state, bytes(serverKey.publicKey), serverKey.publicKey.size());
  crypto_generichash_final(&state, nonce, sizeof nonce);
  const int failed = crypto_box_easy(box + crypto_box_PUBLICKEYBYTES, bytes(plain), plain.size(),
                                     nonce, bytes(serverKey.publicKey), ephemeralSecret);
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(ephemeralSecret, sizeof ephemeralSecret);
  if (failed != 0) throw SealingError("the sensitive answers could not be sealed");
}

void keyedHash(std::string_view context, std::initializer_list<std::string_view> parts,
               const KeyPair& serverKey, unsigned char* out, std::size_t outBytes) {
  initSodium();
  unsigned char subkey[crypto_generichash_KEYBYTES];
  crypto_generichash(subkey, sizeof subkey, bytes(context), context.size(),
                     bytes(serverKey.secretKey), serverKey.secretKey.size());
  crypto_generichash_state state;
  crypto_generichash_init(&state, subkey, sizeof subkey, outBytes);
  for (const std::string_view part : parts) {
    const auto length = static_cast<std::uint64_t>(part.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&length),
                              sizeof length);
    crypto_generichash_update(&state, bytes(part), part.size());
  }
  crypto_generichash_final(&state, out, outBytes);
  sodium_memzero(subkey, sizeof subkey);
}

std::string keyIdOf(std::string_view publicKey) {
  initSodium();
  unsigned char hash[8];
  crypto_generichash(hash, sizeof hash, bytes(publicKey), publicKey.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

KeyPair newKeyPair() {
  initSodium();
  KeyPair pair;
  pair.publicKey.resize(crypto_box_PUBLICKEYBYTES);
  pair.secretKey.resize(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(reinterpret_cast<unsigned char*>(pair.publicKey.data()),
                     reinterpret_cast<unsigned char*>(pair.secretKey.data()));
  pair.keyId = keyIdOf(pair.publicKey);
  return pair;
}

std::set<std::string> sensitiveFieldNames(const phum::v1::FormDefinition& form) {
  std::set<std::string> names;
  collectSensitive(form.fields(), names);
  return names;
}

bool sealSensitiveAnswers(phum::v1::Record& record, const std::set<std::string>& sensitive,
                          const PublicKey& key) {
  return sealWith(record, sensitive, key, [&](const std::string& plain, unsigned char* box) {
    crypto_box_seal(box, bytes(plain), plain.size(), bytes(key.bytes));
  });
}

bool sealOnReceipt(phum::v1::Record& record, const std::set<std::string>& sensitive,
                   const KeyPair& serverKey) {
  if (serverKey.secretKey.size() != crypto_box_SECRETKEYBYTES) {
    throw SealingError("the server's sealing key " + serverKey.keyId + " is not a secret key");
  }
  const PublicKey key{serverKey.keyId, serverKey.publicKey};
  return sealWith(record, sensitive, key, [&](const std::string& plain, unsigned char* box) {
    const std::string revision = std::to_string(record.revision());
    // The record's uuid, revision, the public key and the answers: one box per record revision.
    sealDeterministically("phum sealed on receipt v1",
                          {record.uuid(), revision, serverKey.publicKey, plain}, plain, serverKey,
                          box);
  });
}

bool hasSensitiveAnswers(const phum::v1::AnswerSet& answers,
                         const std::set<std::string>& sensitive) {
  for (const auto& answer : answers.answers()) {
    if (sensitive.contains(answer.name())) return true;
  }
  for (const auto& repeat : answers.repeats()) {
    for (const auto& instance : repeat.instances()) {
      if (hasSensitiveAnswers(instance, sensitive)) return true;
    }
  }
  return false;
}

std::optional<PublicKey> currentKey(const std::vector<phum::v1::ReferenceRow>& rows) {
  for (const auto& row : rows) {
    const auto current = row.columns().find("current");
    const auto hex = row.columns().find("public_key");
    if (row.deleted() || current == row.columns().end() || current->second != "1" ||
        hex == row.columns().end()) {
      continue;
    }
    std::string raw(kPublicKeyBytes, '\0');
    std::size_t length = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex->second.data(),
                       hex->second.size(), nullptr, &length, nullptr) != 0 ||
        length != kPublicKeyBytes || keyIdOf(raw) != row.key()) {
      throw SealingError("the server's public key " + row.key() +
                         " arrived damaged; sync again before finalizing");
    }
    return PublicKey{row.key(), raw};
  }
  return std::nullopt;
}

bool sealForServer(phum::v1::Record& record, const phum::v1::FormDefinition& form,
                   const std::vector<phum::v1::ReferenceRow>& keyRows) {
  const auto key = currentKey(keyRows);
  if (!key) return false;
  return sealSensitiveAnswers(record, sensitiveFieldNames(form), *key);
}

}  // namespace phum::sealing
