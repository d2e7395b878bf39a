#pragma once
// The bytes of test attachments and the claim that completes an upload of them, for the
// attachment tests on either backend.
#include <cstddef>
#include <string>

namespace phum::testing {

// Deterministic bytes: the same test sends the same "photo" every run.
std::string photoBytes(std::size_t size, unsigned seed);

// The raw (not hex) SHA-256 digest of `bytes`, as AttachmentComplete carries it.
std::string sha256(const std::string& bytes);

// The body of POST .../complete (an AttachmentComplete) claiming exactly `bytes`.
std::string completeBody(const std::string& bytes);

}  // namespace phum::testing
