#pragma once
// Function calls of the XPath subset (internal to the evaluator).
#include "forms/expr/evaluator.h"

namespace phum::forms::expr {

Value callFunction(const Expr& call, const EvalContext& context);

}  // namespace phum::forms::expr
