#pragma once
// regex() of XLSForm expressions, on RE2: matching takes time linear in the answer's length
// whatever the pattern, so an answer pushed by anyone cannot stall or crash the server (a
// backtracking engine such as std::regex recurses per character and overflows the stack on long
// answers). Patterns are compiled once per process and shared by every thread.
#include <string>
#include <string_view>

namespace phum::forms::expr {

// Why `pattern` cannot be used by regex(), in words a form author can act on (what to change);
// "" when it can. RE2 has no backreferences (\1), lookahead or lookbehind ((?= (?! (?<= (?<!),
// atomic groups or possessive repeats: the features that need backtracking.
std::string regexPatternProblem(std::string_view pattern);

// regex(text, pattern) as ODK and XPath define it: true when the pattern matches somewhere in
// `text` (a search, not a whole-string match: anchor with ^ and $), UTF-8 aware. Throws EvalError
// naming the pattern and the problem when it cannot be used.
bool regexMatches(std::string_view text, std::string_view pattern);

}  // namespace phum::forms::expr
