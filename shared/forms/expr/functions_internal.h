#pragma once
// The function families of the evaluator and what they share (internal to expr/).
#include <string>
#include <string_view>
#include <vector>

#include "forms/expr/evaluator.h"

namespace phum::forms::expr::detail {

using Args = std::vector<Value>;

// Byte offsets where the code points of UTF-8 text start: Khmer is measured and cut in
// characters, not bytes.
std::vector<std::size_t> codePointStarts(std::string_view text);
// The string values of args[from..], a node-set contributing one entry per node.
std::vector<std::string> flattenStrings(const Args& args, std::size_t from = 0);
std::string normalizeSpace(std::string_view text);

Value callText(Function function, const Args& args, const EvalContext& context);
Value callSelect(Function function, const Args& args, const EvalContext& context);
Value callNumeric(Function function, const Args& args, const EvalContext& context);
Value callDate(Function function, const Args& args, const EvalContext& context);
Value callGeo(Function function, const Args& args);
Value callData(Function function, const Args& args);  // uuid, digest, base64-decode

}  // namespace phum::forms::expr::detail
