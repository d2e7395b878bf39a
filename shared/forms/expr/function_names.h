// The XPath functions the parser knows: those Phum evaluates (with their number of arguments),
// those of ODK it names as not supported (with what to write instead), and typo suggestions.
#pragma once

#include <string_view>

#include "forms/expr/parser.h"

namespace phum::forms::expr::detail {

struct FunctionInfo {
  std::string_view name;
  Function function;
  int minArgs;
  int maxArgs;  // -1: any number
};

// Functions of ODK's XPath that Phum cannot evaluate, with what to do instead. They are named as
// such (not "unknown") so a form author knows the form is fine for ODK but not for Phum yet.
struct UnsupportedInfo {
  std::string_view name;
  std::string_view advice;
};

const FunctionInfo* findFunction(std::string_view name);
const UnsupportedInfo* findUnsupported(std::string_view name);
// "substring" -> "substr": the closest known function when it is a likely typo, else "".
std::string_view suggestFunction(std::string_view name);

}  // namespace phum::forms::expr::detail
