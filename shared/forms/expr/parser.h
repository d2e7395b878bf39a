#pragma once
// Parser for the XPath subset XLSForm authors write in relevant, constraint, calculation,
// required, choice_filter and repeat_count columns. The form compiler uses it to reject bad
// expressions with a position; the engine keeps the parsed tree and evaluates it many times.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phum::forms::expr {

// Functions known to the evaluator. Unknown names are a parse error, so a form that uses a
// function we cannot evaluate is rejected when it is compiled, not when a field worker fills it.
enum class Function {
  If,
  Coalesce,
  Concat,
  StringLength,
  Contains,
  StartsWith,
  EndsWith,
  Substr,
  Regex,
  Selected,
  CountSelected,
  SelectedAt,
  ChoiceName,
  Count,
  Sum,
  Min,
  Max,
  Position,
  Int,
  Round,
  Floor,
  Ceiling,
  Abs,
  Pow,
  Number,
  String,
  Boolean,
  True,
  False,
  Not,
  Today,
  Now,
  Date,
  DecimalDateTime,
  FormatDate,
  Once,
  NormalizeSpace,
  // String functions of the ODK XForms function list
  Join,
  SubstringBefore,
  SubstringAfter,
  Translate,
  BooleanFromString,
  Uuid,
  Digest,
  Base64Decode,
  Pulldata,
  Version,
  // Number functions
  Sqrt,
  Exp,
  Exp10,
  Log,
  Log10,
  Sin,
  Cos,
  Tan,
  Asin,
  Acos,
  Atan,
  Atan2,
  Pi,
  Random,
  Checklist,
  WeightedChecklist,
  CountNonEmpty,
  // Date and time
  FormatDateTime,
  DecimalTime,
  DateTime,
  // Repeats and geography
  IndexedRepeat,
  Area,
  Distance,
  Geofence,
  // An ODK function Phum cannot evaluate; such expressions never parse successfully.
  Unsupported,
};

enum class BinaryOp { Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod };

// One node of a parsed expression. Children are owned by value.
struct Expr {
  enum class Kind {
    Number,  // numeric literal: `number`
    String,  // string literal: `text`
    Field,   // ${name}: `text` is the name
    Self,    // `.`: the value of the field the expression belongs to
    Parent,  // `..`: only meaningful inside position(..)
    Column,  // bare name in a choice_filter: a column of the choice (`text`), e.g. province
    Negate,  // unary minus: args[0]
    Binary,  // `op` applied to args[0], args[1]
    Call,    // `function` applied to args
  };
  Kind kind = Kind::Number;
  double number = 0;
  std::string text;  // literal text, field name or function name as written
  BinaryOp op = BinaryOp::Or;
  Function function = Function::If;
  std::vector<Expr> args;
  std::size_t offset = 0;  // byte offset in the source, for messages
  // For Field: an index the engine binds once per form so evaluation skips the name lookup;
  // -1 when unbound. The parser never sets it.
  int binding = -1;
};

struct ParseError {
  std::size_t offset = 0;  // byte offset into the source
  std::size_t column = 1;  // 1-based, counted in characters (Khmer text counts one per code point)
  std::string message;     // e.g. "expected ')' to close 'if(' opened at column 4"
  // Set when the expression is valid ODK XPath but uses something Phum cannot evaluate yet, e.g.
  // "instance()" or "XPath paths": the name of that feature, for summaries.
  std::string unsupported;
};

struct ParseResult {
  std::shared_ptr<const Expr> expr;  // set when ok()
  std::optional<ParseError> error;   // set when !ok(): the first problem
  // Every problem found, in source order (error is the first). Functions Phum cannot evaluate
  // do not stop the parser, so one pass names all of them.
  std::vector<ParseError> problems;
  bool ok() const { return expr != nullptr; }
};

// Choice filters name the choice's own columns by bare name (`province = ${province}`); every
// other expression must write field references as ${name}, so a bare word there is an error.
enum class Dialect { Field, ChoiceFilter };

ParseResult parseExpression(std::string_view source, Dialect dialect = Dialect::Field);

// The distinct ${name} references, in order of first appearance. Includes the field named in
// the quoted second argument of jr:choice-name(${x}, '${x}').
std::vector<std::string> referencedFields(const Expr& expr);
// Convenience for the compiler: parses first; an expression that does not parse has none.
std::vector<std::string> referencedFields(std::string_view source,
                                          Dialect dialect = Dialect::Field);

// Canonical spelling of a function, e.g. "jr:choice-name", for messages.
std::string_view functionName(Function function);

// Every function name the evaluator runs, and the ODK functions it names as not supported yet
// (for documentation and the tests that keep the README's list honest).
std::vector<std::string_view> knownFunctionNames();
std::vector<std::string_view> unsupportedFunctionNames();

}  // namespace phum::forms::expr
