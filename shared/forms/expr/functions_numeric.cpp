// Number functions of ODK's XPath, including XPath 3.0's math: and the checklists.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <random>

#include "forms/expr/functions_internal.h"

namespace phum::forms::expr::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The numbers of one node-set argument or of several scalar arguments (min, max, sum).
std::vector<double> numbersOf(const Args& args) {
  std::vector<double> numbers;
  for (const auto& arg : args) {
    if (arg.type() == Value::Type::NodeSet) {
      for (const auto& node : arg.nodes()) numbers.push_back(Value::string(node).toNumber());
    } else {
      numbers.push_back(arg.toNumber());
    }
  }
  return numbers;
}

double extreme(const Args& args, bool wantMax) {
  auto numbers = numbersOf(args);
  if (numbers.empty()) return kNaN;
  double best = numbers.front();
  for (double n : numbers) {
    if (std::isnan(n)) return kNaN;
    best = wantMax ? std::max(best, n) : std::min(best, n);
  }
  return best;
}

double roundHalfUp(double number, double digits) {
  if (std::isnan(digits) || digits == 0) return std::floor(number + 0.5);
  double scale = std::pow(10.0, std::trunc(digits));
  return std::floor(number * scale + 0.5) / scale;
}

// random(): a fresh number in [0, 1) each time, as in ODK (wrap it in once() to keep it).
double randomUnit() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

// A node-set argument is one value per node, as JavaRosa flattens them.
std::vector<Value> flattenValues(const Args& args, std::size_t from) {
  std::vector<Value> out;
  for (std::size_t i = from; i < args.size(); ++i) {
    if (args[i].type() != Value::Type::NodeSet) {
      out.push_back(args[i]);
      continue;
    }
    for (const auto& node : args[i].nodes()) out.push_back(Value::string(node));
  }
  return out;
}

// checklist(min, max, v...): how many v are true is within [min, max]; -1 means no bound.
bool checklist(const Args& a) {
  const double min = std::trunc(a[0].toNumber());
  const double max = std::trunc(a[1].toNumber());
  double count = 0;
  for (const Value& v : flattenValues(a, 2)) count += v.toBoolean() ? 1 : 0;
  return (min < 0 || count >= min) && (max < 0 || count <= max);
}

// weighted-checklist(min, max, v1, w1, v2, w2...): the weights of the true values add up to a
// total within [min, max]. With exactly two node-sets they are paired node by node.
bool weightedChecklist(const Args& a) {
  std::vector<Value> flags, weights;
  if (a.size() == 4 && a[2].type() == Value::Type::NodeSet && a[3].type() == Value::Type::NodeSet) {
    if (a[2].nodes().size() != a[3].nodes().size()) {
      throw EvalError("weighted-checklist() needs as many weights as values");
    }
    flags = flattenValues(a, 2);
    flags.resize(a[2].nodes().size());
    for (const auto& node : a[3].nodes()) weights.push_back(Value::string(node));
  } else {
    for (std::size_t i = 2; i + 1 < a.size(); i += 2) {
      flags.push_back(a[i]);
      weights.push_back(a[i + 1]);
    }
  }
  double total = 0;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (flags[i].toBoolean()) total += weights[i].toNumber();
  }
  return total >= a[0].toNumber() && total <= a[1].toNumber();
}

double countNonEmpty(const Value& value) {
  if (value.type() != Value::Type::NodeSet) return value.toString().empty() ? 0 : 1;
  return static_cast<double>(std::count_if(value.nodes().begin(), value.nodes().end(),
                                           [](const std::string& node) { return !node.empty(); }));
}

std::optional<double> math(Function function, const Args& a) {
  auto num = [&](std::size_t i) { return a[i].toNumber(); };
  switch (function) {
    case Function::Sqrt:
      return std::sqrt(num(0));
    case Function::Exp:
      return std::exp(num(0));
    case Function::Exp10:
      return std::pow(10.0, num(0));
    case Function::Log:
      return std::log(num(0));
    case Function::Log10:
      return std::log10(num(0));
    case Function::Sin:
      return std::sin(num(0));
    case Function::Cos:
      return std::cos(num(0));
    case Function::Tan:
      return std::tan(num(0));
    case Function::Asin:
      return std::asin(num(0));
    case Function::Acos:
      return std::acos(num(0));
    case Function::Atan:
      return std::atan(num(0));
    case Function::Atan2:
      return std::atan2(num(0), num(1));
    case Function::Pi:
      return std::numbers::pi;
    case Function::Pow:
      return std::pow(num(0), num(1));
    case Function::Abs:
      return std::fabs(num(0));
    case Function::Int:
      return std::trunc(num(0));
    case Function::Floor:
      return std::floor(num(0));
    case Function::Ceiling:
      return std::ceil(num(0));
    case Function::Round:
      return roundHalfUp(num(0), a.size() > 1 ? num(1) : 0);
    default:
      return std::nullopt;
  }
}

}  // namespace

Value callNumeric(Function function, const Args& a, const EvalContext& context) {
  if (auto result = math(function, a)) return Value::number(*result);
  switch (function) {
    case Function::Count:
      return Value::number(
          a[0].type() == Value::Type::NodeSet ? static_cast<double>(a[0].nodes().size()) : 1.0);
    case Function::CountNonEmpty:
      return Value::number(countNonEmpty(a[0]));
    case Function::Sum: {
      double total = 0;
      for (double n : numbersOf(a)) total += n;
      return Value::number(total);
    }
    case Function::Min:
      return Value::number(extreme(a, false));
    case Function::Max:
      return Value::number(extreme(a, true));
    case Function::Position:
      return Value::number(context.position());
    case Function::Number:
      return Value::number(a.empty() ? context.self().toNumber() : a[0].toNumber());
    case Function::Random:
      return Value::number(randomUnit());
    case Function::Checklist:
      return Value::boolean(checklist(a));
    case Function::WeightedChecklist:
      return Value::boolean(weightedChecklist(a));
    default:
      break;
  }
  throw EvalError("internal: not a numeric function");
}

}  // namespace phum::forms::expr::detail
