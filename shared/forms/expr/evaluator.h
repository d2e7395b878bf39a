#pragma once
// Evaluates parsed expressions against the answers of one record. The context decides what a
// ${name} means from where the expression sits: a field of the same repeat instance (or of the
// top level) is one value; a field inside a repeat seen from outside it is a node-set with one
// node per instance, for count(), sum(), min(), max().
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "forms/expr/parser.h"
#include "forms/expr/value.h"

namespace phum::forms::expr {

// An expression could not be evaluated (e.g. a malformed regex pattern). The message names the
// expression's problem in words a form author can fix.
class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EvalContext {
 public:
  virtual ~EvalContext() = default;
  // ${name}. Unanswered fields are the empty string. A repeat group's own name is a node-set
  // with one node per instance.
  virtual Value field(std::string_view name) const = 0;
  // ${name} as written in the expression (with Expr::binding); defaults to field(reference.text).
  virtual Value fieldReference(const Expr& reference) const { return field(reference.text); }
  // `.`: the value of the field the expression belongs to.
  virtual Value self() const = 0;
  // position(..): 1-based index of the current repeat instance; 0 outside repeats.
  virtual int position() const = 0;
  // A bare choice column in a choice_filter; "" when there is no such column.
  virtual Value choiceColumn(std::string_view column) const;
  // jr:choice-name(): the label of a choice of a select field in the session language.
  virtual std::string choiceLabel(std::string_view field, std::string_view choice) const;
  // pulldata('dataset', 'column', 'key_column', key): `column` of the first row of the reference
  // dataset (the CSV a select_*_from_file uses, e.g. 'gazetteer') whose `key_column` equals key;
  // "" when there is no such row. The default knows no datasets.
  virtual std::string pulldata(std::string_view dataset, std::string_view column,
                               std::string_view keyColumn, std::string_view key) const;
  // indexed-repeat(${field}, ${repeat}, n[, ${repeat2}, m ...]): the field in instance n of
  // the repeat (1-based), and so on for nested repeats. The default has no repeats.
  struct RepeatIndex {
    const Expr* repeat;
    double index;
  };
  virtual Value indexedRepeat(const Expr& field, const std::vector<RepeatIndex>& steps) const;
  // version(): the version of the form; "" by default.
  virtual std::string formVersion() const;
  // Clock for today() and now(); overridable so tests are deterministic.
  virtual std::int64_t nowMillis() const;
  virtual int utcOffsetMinutes() const;  // the device's offset; Cambodia is +420
};

Value evaluate(const Expr& expr, const EvalContext& context);
bool evaluateBoolean(const Expr& expr, const EvalContext& context);

// Space-separated choice names of a select_multiple answer, as XPath sees them.
std::vector<std::string> splitSelected(std::string_view answer);

}  // namespace phum::forms::expr
