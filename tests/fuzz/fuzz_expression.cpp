// The expression parser on any text, in both dialects, and the evaluator on what parses, with a
// record whose answers are derived from the field names (so comparisons, arithmetic, dates and
// regular expressions all see values). Evaluation may refuse with EvalError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "forms/expr/evaluator.h"
#include "forms/expr/parser.h"

namespace {

using phum::forms::expr::EvalContext;
using phum::forms::expr::Value;

class SampleAnswers final : public EvalContext {
 public:
  Value field(std::string_view name) const override {
    switch (name.size() % 5) {
      case 0:
        return Value::string("2014-06-15");
      case 1:
        return Value::number(static_cast<double>(name.size()));
      case 2:
        return Value::string("yes no");
      case 3:
        return Value::nodeSet({"1", "២", std::string(name)});
      default:
        return Value::string(std::string(name));
    }
  }
  Value self() const override { return Value::string("៣"); }
  int position() const override { return 1; }
  std::int64_t nowMillis() const override { return 1402790400000; }
  int utcOffsetMinutes() const override { return 420; }
};

void parseAndEvaluate(std::string_view source, phum::forms::expr::Dialect dialect) {
  const auto parsed = phum::forms::expr::parseExpression(source, dialect);
  if (!parsed.ok()) return;
  phum::forms::expr::referencedFields(*parsed.expr);
  try {
    phum::forms::expr::evaluate(*parsed.expr, SampleAnswers());
  } catch (const phum::forms::expr::EvalError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  parseAndEvaluate(source, phum::forms::expr::Dialect::Field);
  parseAndEvaluate(source, phum::forms::expr::Dialect::ChoiceFilter);
  return 0;
}
