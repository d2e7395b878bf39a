#include "forms/expr/parser.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "forms/expr/function_names.h"

namespace phum::forms::expr {
namespace {

using detail::findFunction;
using detail::findUnsupported;
using detail::FunctionInfo;
using detail::suggestFunction;
using detail::UnsupportedInfo;

// U+2018, U+2019, U+201C, U+201D: what spreadsheet AutoCorrect makes of ' and ".
bool isTypographicQuote(std::string_view text, std::size_t at) {
  return at + 2 < text.size() && static_cast<unsigned char>(text[at]) == 0xE2 &&
         static_cast<unsigned char>(text[at + 1]) == 0x80 &&
         (static_cast<unsigned char>(text[at + 2]) == 0x98 ||
          static_cast<unsigned char>(text[at + 2]) == 0x99 ||
          static_cast<unsigned char>(text[at + 2]) == 0x9C ||
          static_cast<unsigned char>(text[at + 2]) == 0x9D);
}

// Thrown inside the parser only; parseExpression turns it into a ParseError value.
struct Failure {
  std::size_t offset;
  std::string message;
  std::string unsupported;
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
    throw Failure{offset, std::move(message), ""};
  }
  [[noreturn]] void failUnsupported(std::size_t offset, std::string feature,
                                    std::string message) const {
    throw Failure{offset, std::move(message), std::move(feature)};
  }

 public:
  // Problems that did not stop the parser (functions Phum cannot evaluate).
  const std::vector<Failure>& problems() const { return problems_; }

 private:
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
    // A chain of operators nests one node per operator; the evaluator and the tree's destructor
    // recurse that deep, so the chain is bounded like parentheses are.
    if (++operators_ > kMaxOperators) {
      fail(offset, "the expression is too long (over " + std::to_string(kMaxOperators) +
                       " operators); split it into several calculations");
    }
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
    Expr primary = parsePrimary();
    rejectPathSyntax();
    return primary;
  }

  // '/', '[' and '|' after a value are XPath steps, predicates and unions: valid ODK, but Phum
  // names fields only as ${name}.
  void rejectPathSyntax() {
    skipSpace();
    const char c = peek();
    if (c == '/' || c == '[') {
      failUnsupported(pos_, "XPath paths",
                      "Phum cannot evaluate XPath paths and predicates ('" + std::string(1, c) +
                          "') yet; refer to answers as ${name}");
    }
    if (c == '|') {
      failUnsupported(pos_, "XPath unions", "Phum cannot evaluate XPath unions ('|') yet");
    }
  }

  Expr parsePrimary() {
    skipSpace();
    std::size_t at = pos_;
    if (atEnd()) fail(at, "the expression ends where a value was expected");
    char c = peek();
    if (isTypographicQuote(src_, pos_)) {
      fail(at, "text in typographic quotes " + std::string(peekQuoted()) +
                   ": write it in straight quotes ' or \" (spreadsheet AutoCorrect turns them "
                   "into curly ones)");
    }
    if (c == '/' || c == '@') {
      failUnsupported(at, "XPath paths",
                      "Phum cannot evaluate XPath paths such as '" + std::string(peekPath()) +
                          "' yet; refer to answers as ${name}");
    }
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

  // The path written at pos_, e.g. /data/household/age, for messages.
  std::string_view peekPath() const {
    std::size_t end = pos_;
    while (end < src_.size() &&
           std::string_view(" \t),=<>!+*").find(src_[end]) == std::string_view::npos)
      ++end;
    return src_.substr(pos_, end - pos_);
  }

  // The typographic-quoted text at pos_, e.g. ’yes’, for messages.
  std::string_view peekQuoted() const {
    std::size_t end = pos_ + 3;
    while (end < src_.size() && !isTypographicQuote(src_, end) && src_[end] != ' ' &&
           src_[end] != ')' && src_[end] != ',')
      ++end;
    if (isTypographicQuote(src_, end)) end += 3;
    return src_.substr(pos_, end - pos_);
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
    if (peek() == '#' && name == "last-saved") {
      failUnsupported(open, "${last-saved#...}",
                      "Phum cannot use answers of the last saved record (${last-saved#...}) yet");
    }
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
    if (info == nullptr) return parseUnknownCall(name, start);
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
    checkArguments(node, start);
    return node;
  }

  // Shapes of arguments that arity alone does not capture.
  void checkArguments(const Expr& node, std::size_t start) const {
    const std::size_t count = node.args.size();
    if (node.function == Function::WeightedChecklist && count % 2 != 0) {
      fail(start, "weighted-checklist() takes min, max, then value and weight pairs; got " +
                      std::to_string(count) + " arguments");
    }
    if (node.function != Function::IndexedRepeat) return;
    bool fields = node.args[0].kind == Expr::Kind::Field;
    for (std::size_t i = 1; i < count; i += 2)
      fields = fields && node.args[i].kind == Expr::Kind::Field;
    if (count % 2 == 0 || !fields) {
      fail(start,
           "indexed-repeat() takes ${field}, ${repeat}, index, and up to two more "
           "${repeat}, index pairs for nested repeats");
    }
  }

  // An ODK function Phum cannot evaluate is noted and its arguments parsed, so that one pass
  // reports every such function of the expression; any other name is an error at once.
  Expr parseUnknownCall(const std::string& name, std::size_t start) {
    const UnsupportedInfo* unsupported = findUnsupported(name);
    if (unsupported == nullptr) {
      const std::string_view suggestion = suggestFunction(name);
      fail(start,
           "unknown function '" + name + "()'" +
               (suggestion.empty() ? "" : "; did you mean " + std::string(suggestion) + "()?"));
    }
    problems_.push_back(Failure{
        start, "Phum cannot evaluate " + name + "() yet: " + std::string(unsupported->advice),
        name + "()"});
    ++pos_;
    Expr node;
    node.kind = Expr::Kind::Call;
    node.offset = start;
    node.text = name;
    node.function = Function::Unsupported;
    if (!accept(")")) {
      do {
        node.args.push_back(parseOr());
      } while (accept(","));
      if (!accept(")")) {
        fail(pos_, "expected ')' to close '" + name + "(' opened at column " + column(start));
      }
    }
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
  static constexpr int kMaxOperators = 2000;
  int operators_ = 0;
  Dialect dialect_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::vector<Failure> problems_;
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
  Parser parser(source, dialect);
  std::vector<Failure> failures;
  try {
    auto expr = std::make_shared<const Expr>(parser.parseAll());
    if (parser.problems().empty()) result.expr = std::move(expr);
  } catch (const Failure& failure) {
    failures.push_back(failure);
  }
  failures.insert(failures.begin(), parser.problems().begin(), parser.problems().end());
  std::stable_sort(failures.begin(), failures.end(),
                   [](const Failure& a, const Failure& b) { return a.offset < b.offset; });
  for (const Failure& failure : failures) {
    result.problems.push_back(ParseError{failure.offset, columnOf(source, failure.offset),
                                         failure.message, failure.unsupported});
  }
  if (!result.problems.empty()) result.error = result.problems.front();
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

}  // namespace phum::forms::expr
