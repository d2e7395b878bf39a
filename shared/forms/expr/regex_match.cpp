#include "forms/expr/regex_match.h"

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "forms/expr/evaluator.h"

namespace phum::forms::expr {
namespace {

// Patterns usually are literals of the form, so there are few. A pattern built from answers could
// make the set grow without end; past this many the cache starts again.
constexpr std::size_t kMaxCachedPatterns = 512;

RE2::Options patternOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);  // Khmer is matched per character
  options.set_log_errors(false);  // errors are reported to the form author, not to stderr
  // Perl syntax (\d, \w, \s, non-greedy repeats, (?i)), case-sensitive, and '.' does not match a
  // line break, as in Java's and XPath's default mode. The default memory budget (8 MiB per
  // pattern) bounds what a huge {n,m} can cost; such patterns fail to compile instead.
  return options;
}

class PatternCache {
 public:
  std::shared_ptr<const RE2> get(std::string_view pattern) {
    const std::string key(pattern);
    {
      std::shared_lock lock(mutex_);
      if (auto found = patterns_.find(key); found != patterns_.end()) return found->second;
    }
    auto compiled = std::make_shared<const RE2>(key, patternOptions());  // outside the lock
    std::unique_lock lock(mutex_);
    if (patterns_.size() >= kMaxCachedPatterns) patterns_.clear();
    return patterns_.try_emplace(key, std::move(compiled)).first->second;
  }

 private:
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const RE2>> patterns_;
};

PatternCache& cache() {
  static PatternCache instance;
  return instance;
}

std::string describeProblem(const RE2& re) {
  const std::string& arg = re.error_arg();
  if (re.error_code() == RE2::ErrorBadEscape && arg.size() == 2 && arg[1] >= '1' && arg[1] <= '9') {
    return "it uses the backreference " + arg +
           ", which is not supported (matching must stay fast on any answer); write the "
           "repeated part out, or check it with a separate rule";
  }
  if (re.error_code() == RE2::ErrorBadPerlOp &&
      (arg.starts_with("(?=") || arg.starts_with("(?!") || arg.starts_with("(?<"))) {
    return "it uses lookahead or lookbehind (" + arg +
           "), which is not supported; split the rule into several regex() checks joined with "
           "'and', using not(regex(...)) for what must not appear";
  }
  if (re.error_code() == RE2::ErrorBadPerlOp && arg.starts_with("(?>")) {
    return "it uses an atomic group (?>...), which is not supported; use a plain group (...)";
  }
  if (re.error_code() == RE2::ErrorRepeatOp && (arg.ends_with("+") && arg.size() == 2)) {
    return "it uses the possessive repeat " + arg + ", which is not supported; drop the second '" +
           arg.substr(1) + "'";
  }
  if (re.error_code() == RE2::ErrorRepeatSize) {
    return "the repeat " + arg +
           " is too large (at most {1000}, and nested repeats count "
           "together); use + or * or a smaller count";
  }
  return "it is not a valid regular expression (" + re.error() + ")";
}

}  // namespace

std::string regexPatternProblem(std::string_view pattern) {
  const auto re = cache().get(pattern);
  return re->ok() ? std::string() : describeProblem(*re);
}

bool regexMatches(std::string_view text, std::string_view pattern) {
  const auto re = cache().get(pattern);
  if (!re->ok()) {
    throw EvalError("the pattern '" + std::string(pattern) +
                    "' in regex() cannot be used: " + describeProblem(*re));
  }
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

}  // namespace phum::forms::expr
