#include "forms/expr/functions.h"

#include <algorithm>
#include <cmath>

#include "forms/expr/functions_internal.h"

namespace phum::forms::expr {
namespace detail {

std::vector<std::size_t> codePointStarts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  return starts;
}

std::vector<std::string> flattenStrings(const Args& args, std::size_t from) {
  std::vector<std::string> out;
  for (std::size_t i = from; i < args.size(); ++i) {
    if (args[i].type() == Value::Type::NodeSet) {
      out.insert(out.end(), args[i].nodes().begin(), args[i].nodes().end());
    } else {
      out.push_back(args[i].toString());
    }
  }
  return out;
}

std::string normalizeSpace(std::string_view text) {
  std::string out;
  bool pendingSpace = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pendingSpace = !out.empty();
    } else {
      if (pendingSpace) out.push_back(' ');
      pendingSpace = false;
      out.push_back(c);
    }
  }
  return out;
}

namespace {

std::string choiceFieldName(std::string_view path) {
  if (path.starts_with("${") && path.ends_with("}")) {
    return std::string(path.substr(2, path.size() - 3));
  }
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

Value callSelect(Function function, const Args& a, const EvalContext& context) {
  auto names = splitSelected(a[0].toString());
  switch (function) {
    case Function::Selected: {
      std::string wanted = normalizeSpace(a[1].toString());
      return Value::boolean(std::find(names.begin(), names.end(), wanted) != names.end());
    }
    case Function::CountSelected:
      return Value::number(static_cast<double>(names.size()));
    case Function::SelectedAt: {
      double index = a[1].toNumber();
      if (std::isnan(index) || index < 0 || index >= static_cast<double>(names.size())) {
        return Value();
      }
      return Value::string(names[static_cast<std::size_t>(index)]);
    }
    case Function::ChoiceName: {
      std::string choice = a[0].toString();
      if (choice.empty()) return Value();
      return Value::string(context.choiceLabel(choiceFieldName(a[1].toString()), choice));
    }
    default:
      break;
  }
  throw EvalError("internal: not a select function");
}

}  // namespace detail

namespace {

enum class Family { Text, Select, Numeric, Date, Geo, Data };

Family familyOf(Function function) {
  switch (function) {
    case Function::Concat:
    case Function::StringLength:
    case Function::Contains:
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::Substr:
    case Function::Regex:
    case Function::NormalizeSpace:
    case Function::Coalesce:
    case Function::Join:
    case Function::SubstringBefore:
    case Function::SubstringAfter:
    case Function::Translate:
    case Function::BooleanFromString:
    case Function::Pulldata:
    case Function::Version:
      return Family::Text;
    case Function::Selected:
    case Function::CountSelected:
    case Function::SelectedAt:
    case Function::ChoiceName:
      return Family::Select;
    case Function::Today:
    case Function::Now:
    case Function::Date:
    case Function::DecimalDateTime:
    case Function::FormatDate:
    case Function::FormatDateTime:
    case Function::DecimalTime:
    case Function::DateTime:
      return Family::Date;
    case Function::Area:
    case Function::Distance:
    case Function::Geofence:
      return Family::Geo;
    case Function::Uuid:
    case Function::Digest:
    case Function::Base64Decode:
      return Family::Data;
    default:
      return Family::Numeric;
  }
}

// indexed-repeat(${field}, ${repeat}, n, ...): the references are not values; the parser has
// checked that they are ${...} references.
Value indexedRepeat(const Expr& call, const EvalContext& context) {
  std::vector<EvalContext::RepeatIndex> steps;
  for (std::size_t i = 1; i + 1 < call.args.size(); i += 2) {
    steps.push_back({&call.args[i], evaluate(call.args[i + 1], context).toNumber()});
  }
  return context.indexedRepeat(call.args[0], steps);
}

}  // namespace

Value callFunction(const Expr& call, const EvalContext& context) {
  switch (call.function) {  // functions that must not evaluate all their arguments first
    case Function::If:
      return evaluate(evaluateBoolean(call.args[0], context) ? call.args[1] : call.args[2],
                      context);
    case Function::True:
      return Value::boolean(true);
    case Function::False:
      return Value::boolean(false);
    case Function::Not:
      return Value::boolean(!evaluateBoolean(call.args[0], context));
    case Function::Boolean:
      return Value::boolean(evaluateBoolean(call.args[0], context));
    case Function::Position:
      return Value::number(context.position());
    case Function::Once: {
      Value current = context.self();
      return current.toString().empty() ? evaluate(call.args[0], context) : current;
    }
    case Function::String:
      return Value::string(call.args.empty() ? context.self().toString()
                                             : evaluate(call.args[0], context).toString());
    case Function::IndexedRepeat:
      return indexedRepeat(call, context);
    case Function::Unsupported:
      throw EvalError("Phum cannot evaluate " + call.text + "() yet");
    default:
      break;
  }
  std::vector<Value> args;
  args.reserve(call.args.size());
  for (const auto& arg : call.args) args.push_back(evaluate(arg, context));
  switch (familyOf(call.function)) {
    case Family::Text:
      return detail::callText(call.function, args, context);
    case Family::Select:
      return detail::callSelect(call.function, args, context);
    case Family::Date:
      return detail::callDate(call.function, args, context);
    case Family::Geo:
      return detail::callGeo(call.function, args);
    case Family::Data:
      return detail::callData(call.function, args);
    case Family::Numeric:
      break;
  }
  return detail::callNumeric(call.function, args, context);
}

}  // namespace phum::forms::expr
