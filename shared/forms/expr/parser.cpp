#include "forms/expr/parser.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace phum::forms::expr {
namespace {

struct FunctionInfo {
  std::string_view name;
  Function function;
  int minArgs;
  int maxArgs;  // -1: any number
};

constexpr std::array kFunctions{
    FunctionInfo{"if", Function::If, 3, 3},
    FunctionInfo{"coalesce", Function::Coalesce, 2, -1},
    FunctionInfo{"concat", Function::Concat, 0, -1},
    FunctionInfo{"string-length", Function::StringLength, 0, 1},
    FunctionInfo{"contains", Function::Contains, 2, 2},
    FunctionInfo{"starts-with", Function::StartsWith, 2, 2},
    FunctionInfo{"ends-with", Function::EndsWith, 2, 2},
    FunctionInfo{"substr", Function::Substr, 2, 3},
    FunctionInfo{"regex", Function::Regex, 2, 2},
    FunctionInfo{"selected", Function::Selected, 2, 2},
    FunctionInfo{"count-selected", Function::CountSelected, 1, 1},
    FunctionInfo{"selected-at", Function::SelectedAt, 2, 2},
    FunctionInfo{"jr:choice-name", Function::ChoiceName, 2, 2},
    FunctionInfo{"count", Function::Count, 1, 1},
    FunctionInfo{"sum", Function::Sum, 1, 1},
    FunctionInfo{"min", Function::Min, 1, -1},
    FunctionInfo{"max", Function::Max, 1, -1},
    FunctionInfo{"position", Function::Position, 0, 1},
    FunctionInfo{"int", Function::Int, 1, 1},
    FunctionInfo{"round", Function::Round, 1, 2},
    FunctionInfo{"floor", Function::Floor, 1, 1},
    FunctionInfo{"ceiling", Function::Ceiling, 1, 1},
    FunctionInfo{"abs", Function::Abs, 1, 1},
    FunctionInfo{"pow", Function::Pow, 2, 2},
    FunctionInfo{"number", Function::Number, 0, 1},
    FunctionInfo{"string", Function::String, 0, 1},
    FunctionInfo{"boolean", Function::Boolean, 1, 1},
    FunctionInfo{"true", Function::True, 0, 0},
    FunctionInfo{"false", Function::False, 0, 0},
    FunctionInfo{"not", Function::Not, 1, 1},
    FunctionInfo{"today", Function::Today, 0, 0},
    FunctionInfo{"now", Function::Now, 0, 0},
    FunctionInfo{"date", Function::Date, 1, 1},
    FunctionInfo{"decimal-date-time", Function::DecimalDateTime, 1, 1},
    FunctionInfo{"format-date", Function::FormatDate, 2, 2},
    FunctionInfo{"once", Function::Once, 1, 1},
    FunctionInfo{"normalize-space", Function::NormalizeSpace, 0, 1},
};

const FunctionInfo* findFunction(std::string_view name) {
  for (const auto& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

// Thrown inside the parser only; parseExpression turns it into a ParseError value.
struct Failure {
  std::size_t offset;
  std::string message;
};

bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool isNameChar(char c) {
  return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t columnOf(std::string_view source, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
    // Count code points, not bytes: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

class Parser {
 public:
  Parser(std::string_view source, Dialect dialect) : src_(source), dialect_(dialect) {}

  Expr parseAll() {
    skipSpace();
    if (atEnd()) fail(0, "the expression is empty");
    Expr result = parseOr();
    skipSpace();
    if (!atEnd()) {
      fail(pos_, "unexpected '" + std::string(peekToken()) + "' after a complete expression");
    }
    return result;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::string message) const {
    throw Failure{offset, std::move(message)};
  }
  std::string column(std::size_t offset) const { return std::to_string(columnOf(src_, offset)); }

  bool atEnd() const { return pos_ >= src_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }
  void skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      ++pos_;
    }
  }
  // The next token as written, for "unexpected ..." messages.
  std::string_view peekToken() const {
    std::size_t end = pos_;
    if (end < src_.size() && isNameChar(src_[end])) {
      while (end < src_.size() && isNameChar(src_[end])) ++end;
    } else {
      end = std::min(src_.size(), pos_ + 1);
    }
    return src_.substr(pos_, end - pos_);
  }
  // Operator words (and, or, div, mod) are only operators after an operand.
  bool acceptWord(std::string_view word) {
    skipSpace();
    if (src_.substr(pos_, word.size()) != word) return false;
    std::size_t after = pos_ + word.size();
    if (after < src_.size() && isNameChar(src_[after])) return false;
    pos_ = after;
    return true;
  }
  bool accept(std::string_view symbol) {
    skipSpace();
    if (src_.substr(pos_, symbol.size()) != symbol) return false;
    pos_ += symbol.size();
    return true;
  }

  Expr binary(BinaryOp op, Expr left, Expr right, std::size_t offset) {
    Expr node;
    node.kind = Expr::Kind::Binary;
    node.op = op;
    node.offset = offset;
    node.args.push_back(std::move(left));
    node.args.push_back(std::move(right));
    return node;
  }

  Expr parseOr() {
    Expr left = parseAnd();
    for (std::size_t at = pos_; acceptWord("or"); at = pos_) {
      left = binary(BinaryOp::Or, std::move(left), parseAnd(), at);
    }
    return left;
  }
  Expr parseAnd() {
    Expr left = parseEquality();
    for (std::size_t at = pos_; acceptWord("and"); at = pos_) {
      left = binary(BinaryOp::And, std::move(left), parseEquality(), at);
    }
    return left;
  }
  Expr parseEquality() {
    Expr left = parseRelational();
    while (true) {
      skipSpace();
      std::size_t at = pos_;
      if (accept("!=")) {
        left = binary(BinaryOp::Ne, std::move(left), parseRelational(), at);
      } else if (accept("=")) {
        left = binary(BinaryOp::Eq, std::move(left), parseRelational(), at);
      } else {
        return left;
      }
    }
  }
  Expr parseRelational() {
    Expr left = parseAdditive();
    while (true) {
      skipSpace();
      std::size_t at = pos_;
      BinaryOp op;
      if (accept("<=")) {
        op = BinaryOp::Le;
      } else if (accept(">=")) {
        op = BinaryOp::Ge;
      } else if (accept("<")) {
        op = BinaryOp::Lt;
      } else if (accept(">")) {
        op = BinaryOp::Gt;
      } else {
        return left;
      }
      left = binary(op, std::move(left), parseAdditive(), at);
    }
  }
  Expr parseAdditive() {
    Expr left = parseMultiplicative();
    while (true) {
      skipSpace();
      std::size_t at = pos_;
      if (accept("+")) {
        left = binary(BinaryOp::Add, std::move(left), parseMultiplicative(), at);
      } else if (accept("-")) {
        left = binary(BinaryOp::Sub, std::move(left), parseMultiplicative(), at);
      } else {
        return left;
      }
    }
  }
  Expr parseMultiplicative() {
    Expr left = parseUnary();
    while (true) {
      skipSpace();
      std::size_t at = pos_;
      BinaryOp op;
      if (accept("*")) {
        op = BinaryOp::Mul;
      } else if (acceptWord("div")) {
        op = BinaryOp::Div;
      } else if (acceptWord("mod")) {
        op = BinaryOp::Mod;
      } else {
        return left;
      }
      left = binary(op, std::move(left), parseUnary(), at);
    }
  }
  Expr parseUnary() {
    skipSpace();
    std::size_t at = pos_;
    // Every nesting level passes here and costs stack, here and in the evaluator.
    if (++depth_ > kMaxDepth) fail(at, "the expression is nested too deeply (over 100 levels)");
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    if (accept("-")) {
      Expr node;
      node.kind = Expr::Kind::Negate;
      node.offset = at;
      node.args.push_back(parseUnary());
      return node;
    }
    return parsePrimary();
  }

  Expr parsePrimary() {
    skipSpace();
    std::size_t at = pos_;
    if (atEnd()) fail(at, "the expression ends where a value was expected");
    char c = peek();
    if (c == '(') return parseGroup();
    if (c == '\'' || c == '"') return parseString();
    if (c == '$') return parseField();
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) return parseNumber();
    if (c == '.') {
      Expr node;
      node.offset = at;
      node.kind = peek(1) == '.' ? Expr::Kind::Parent : Expr::Kind::Self;
      pos_ += node.kind == Expr::Kind::Parent ? 2 : 1;
      return node;
    }
    if (isNameStart(c)) return parseCall();
    fail(at, "unexpected '" + std::string(peekToken()) + "' where a value was expected");
  }

  Expr parseGroup() {
    std::size_t open = pos_++;
    Expr inner = parseOr();
    if (!accept(")")) {
      fail(pos_, "expected ')' to close '(' opened at column " + column(open));
    }
    return inner;
  }

  Expr parseString() {
    std::size_t open = pos_;
    char quote = src_[pos_++];
    std::size_t close = src_.find(quote, pos_);
    if (close == std::string_view::npos) {
      fail(open, std::string("text opened with ") + quote + " at column " + column(open) +
                     " is never closed");
    }
    Expr node;
    node.kind = Expr::Kind::String;
    node.offset = open;
    node.text = std::string(src_.substr(pos_, close - pos_));
    pos_ = close + 1;
    return node;
  }

  Expr parseField() {
    std::size_t open = pos_;
    if (peek(1) != '{') fail(open, "'$' must start a field reference written ${name}");
    pos_ += 2;
    std::size_t nameStart = pos_;
    while (!atEnd() && isNameChar(peek())) ++pos_;
    if (pos_ == nameStart) fail(nameStart, "expected a field name after '${'");
    std::string name(src_.substr(nameStart, pos_ - nameStart));
    if (peek() != '}') {
      fail(pos_, "expected '}' to close '${" + name + "' opened at column " + column(open));
    }
    ++pos_;
    Expr node;
    node.kind = Expr::Kind::Field;
    node.offset = open;
    node.text = std::move(name);
    return node;
  }

  Expr parseNumber() {
    std::size_t start = pos_;
    while (!atEnd() && isDigit(peek())) ++pos_;
    if (peek() == '.') {
      ++pos_;
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    Expr node;
    node.kind = Expr::Kind::Number;
    node.offset = start;
    // strtod on a copy: std::from_chars for double is not in GCC 10-era libstdc++ everywhere.
    std::string digits(src_.substr(start, pos_ - start));
    node.number = std::strtod(digits.c_str(), nullptr);
    return node;
  }

  Expr parseCall() {
    std::size_t start = pos_;
    while (!atEnd() && isNameChar(peek())) ++pos_;
    std::string name(src_.substr(start, pos_ - start));
    skipSpace();
    if (peek() != '(' && dialect_ == Dialect::ChoiceFilter) {
      Expr column;
      column.kind = Expr::Kind::Column;
      column.offset = start;
      column.text = std::move(name);
      return column;
    }
    if (peek() != '(') {
      fail(start, "unknown word '" + name + "': write field references as ${" + name +
                      "} and text in quotes");
    }
    const FunctionInfo* info = findFunction(name);
    if (info == nullptr) fail(start, "unknown function '" + name + "()'");
    ++pos_;
    Expr node;
    node.kind = Expr::Kind::Call;
    node.offset = start;
    node.text = name;
    node.function = info->function;
    if (!accept(")")) {
      do {
        node.args.push_back(parseOr());
      } while (accept(","));
      if (!accept(")")) {
        fail(pos_, "expected ')' to close '" + name + "(' opened at column " + column(start));
      }
    }
    checkArity(*info, node, start);
    return node;
  }

  void checkArity(const FunctionInfo& info, const Expr& node, std::size_t start) const {
    int count = static_cast<int>(node.args.size());
    auto plural = [](int n) { return n == 1 ? " argument" : " arguments"; };
    if (count < info.minArgs || (info.maxArgs >= 0 && count > info.maxArgs)) {
      std::string expected;
      if (info.minArgs == info.maxArgs) {
        expected = std::to_string(info.minArgs) + plural(info.minArgs);
      } else if (info.maxArgs < 0) {
        expected = "at least " + std::to_string(info.minArgs) + plural(info.minArgs);
      } else {
        expected =
            std::to_string(info.minArgs) + " to " + std::to_string(info.maxArgs) + " arguments";
      }
      fail(start,
           std::string(info.name) + "() takes " + expected + ", got " + std::to_string(count));
    }
  }

  std::string_view src_;
  static constexpr int kMaxDepth = 100;
  Dialect dialect_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

void collectFields(const Expr& expr, std::vector<std::string>& out) {
  auto add = [&out](std::string name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  };
  if (expr.kind == Expr::Kind::Field) add(expr.text);
  if (expr.kind == Expr::Kind::Call && expr.function == Function::ChoiceName &&
      expr.args.size() == 2 && expr.args[1].kind == Expr::Kind::String) {
    const std::string& quoted = expr.args[1].text;
    if (quoted.size() > 3 && quoted.starts_with("${") && quoted.ends_with("}")) {
      add(quoted.substr(2, quoted.size() - 3));
    }
  }
  for (const auto& child : expr.args) collectFields(child, out);
}

}  // namespace

ParseResult parseExpression(std::string_view source, Dialect dialect) {
  ParseResult result;
  try {
    result.expr = std::make_shared<const Expr>(Parser(source, dialect).parseAll());
  } catch (const Failure& failure) {
    result.error = ParseError{failure.offset, columnOf(source, failure.offset), failure.message};
  }
  return result;
}

std::vector<std::string> referencedFields(const Expr& expr) {
  std::vector<std::string> out;
  collectFields(expr, out);
  return out;
}

std::vector<std::string> referencedFields(std::string_view source, Dialect dialect) {
  ParseResult parsed = parseExpression(source, dialect);
  return parsed.ok() ? referencedFields(*parsed.expr) : std::vector<std::string>{};
}

std::string_view functionName(Function function) {
  for (const auto& info : kFunctions) {
    if (info.function == function) return info.name;
  }
  return "?";
}

}  // namespace phum::forms::expr
