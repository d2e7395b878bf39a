#pragma once
// Deterministic protobuf bytes: the same content always serialises to the same bytes (map order
// fixed), so equality is a byte comparison (duplicate vs conflicting record, re-publishing the same
// form) and compiled forms diff and cache cleanly.
#include <google/protobuf/message.h>

#include <string>

namespace phum {

std::string canonicalBytes(const google::protobuf::Message& message);

}  // namespace phum
