#include "forms/expr/evaluator.h"

#include <cmath>
#include <ctime>

#include "core/clock.h"
#include "forms/expr/functions.h"

namespace phum::forms::expr {
namespace {

bool isNumeric(Value::Type type) {
  return type == Value::Type::Number || type == Value::Type::Date || type == Value::Type::DateTime;
}

bool compareNumbers(double a, double b, BinaryOp op) {
  switch (op) {
    case BinaryOp::Eq:
      return a == b;
    case BinaryOp::Ne:
      return a != b;
    case BinaryOp::Lt:
      return a < b;
    case BinaryOp::Le:
      return a <= b;
    case BinaryOp::Gt:
      return a > b;
    case BinaryOp::Ge:
      return a >= b;
    default:
      return false;
  }
}

bool isEquality(BinaryOp op) { return op == BinaryOp::Eq || op == BinaryOp::Ne; }

// XPath 1.0 comparison of two single values.
bool compareScalars(const Value& a, const Value& b, BinaryOp op) {
  if (!isEquality(op)) return compareNumbers(a.toNumber(), b.toNumber(), op);
  if (a.type() == Value::Type::Boolean || b.type() == Value::Type::Boolean) {
    bool equal = a.toBoolean() == b.toBoolean();
    return op == BinaryOp::Eq ? equal : !equal;
  }
  if (isNumeric(a.type()) || isNumeric(b.type())) {
    return compareNumbers(a.toNumber(), b.toNumber(), op);
  }
  bool equal = a.toString() == b.toString();
  return op == BinaryOp::Eq ? equal : !equal;
}

// A node-set compares true when any of its nodes does (XPath 1.0 section 3.4).
bool compareValues(const Value& a, const Value& b, BinaryOp op) {
  if (a.type() == Value::Type::NodeSet && b.type() == Value::Type::Boolean) {
    return compareScalars(Value::boolean(a.toBoolean()), b, op);
  }
  if (b.type() == Value::Type::NodeSet && a.type() == Value::Type::Boolean) {
    return compareScalars(a, Value::boolean(b.toBoolean()), op);
  }
  if (a.type() == Value::Type::NodeSet) {
    for (const auto& node : a.nodes()) {
      if (compareValues(Value::string(node), b, op)) return true;
    }
    return false;
  }
  if (b.type() == Value::Type::NodeSet) {
    for (const auto& node : b.nodes()) {
      if (compareValues(a, Value::string(node), op)) return true;
    }
    return false;
  }
  return compareScalars(a, b, op);
}

double arithmetic(double a, double b, BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return a + b;
    case BinaryOp::Sub:
      return a - b;
    case BinaryOp::Mul:
      return a * b;
    case BinaryOp::Div:
      return a / b;  // IEEE: 1 div 0 is Infinity, 0 div 0 is NaN, as in XPath
    case BinaryOp::Mod:
      return std::fmod(a, b);
    default:
      return std::nan("");
  }
}

Value evaluateBinary(const Expr& expr, const EvalContext& context) {
  const BinaryOp op = expr.op;
  if (op == BinaryOp::Or) {
    return Value::boolean(evaluateBoolean(expr.args[0], context) ||
                          evaluateBoolean(expr.args[1], context));
  }
  if (op == BinaryOp::And) {
    return Value::boolean(evaluateBoolean(expr.args[0], context) &&
                          evaluateBoolean(expr.args[1], context));
  }
  Value left = evaluate(expr.args[0], context);
  Value right = evaluate(expr.args[1], context);
  switch (op) {
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge:
      return Value::boolean(compareValues(left, right, op));
    default:
      return Value::number(arithmetic(left.toNumber(), right.toNumber(), op));
  }
}

}  // namespace

Value EvalContext::choiceColumn(std::string_view) const { return Value(); }

std::string EvalContext::choiceLabel(std::string_view, std::string_view choice) const {
  return std::string(choice);
}

std::string EvalContext::pulldata(std::string_view, std::string_view, std::string_view,
                                  std::string_view) const {
  return "";
}

Value EvalContext::indexedRepeat(const Expr&, const std::vector<RepeatIndex>&) const {
  throw EvalError("indexed-repeat() needs the answers of a form");
}

std::string EvalContext::formVersion() const { return ""; }

std::int64_t EvalContext::nowMillis() const { return phum::nowMillis(); }

int EvalContext::utcOffsetMinutes() const {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  if (localtime_r(&now, &local) == nullptr) return 0;
  return static_cast<int>(local.tm_gmtoff / 60);
}

Value evaluate(const Expr& expr, const EvalContext& context) {
  switch (expr.kind) {
    case Expr::Kind::Number:
      return Value::number(expr.number);
    case Expr::Kind::String:
      return Value::string(expr.text);
    case Expr::Kind::Field:
      return context.fieldReference(expr);
    case Expr::Kind::Self:
      return context.self();
    case Expr::Kind::Parent:
      // `..` only has a meaning as position(..)'s argument; as a value it is the empty node.
      return Value();
    case Expr::Kind::Column:
      return context.choiceColumn(expr.text);
    case Expr::Kind::Negate:
      return Value::number(-evaluate(expr.args[0], context).toNumber());
    case Expr::Kind::Binary:
      return evaluateBinary(expr, context);
    case Expr::Kind::Call:
      return callFunction(expr, context);
  }
  return Value();
}

bool evaluateBoolean(const Expr& expr, const EvalContext& context) {
  return evaluate(expr, context).toBoolean();
}

std::vector<std::string> splitSelected(std::string_view answer) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while (pos < answer.size()) {
    while (pos < answer.size() && answer[pos] == ' ') ++pos;
    std::size_t end = answer.find(' ', pos);
    if (end == std::string_view::npos) end = answer.size();
    if (end > pos) names.emplace_back(answer.substr(pos, end - pos));
    pos = end;
  }
  return names;
}

}  // namespace phum::forms::expr
