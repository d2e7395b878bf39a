#pragma once
// What the demo generator's parts share (demo_data.cpp, demo_cases.cpp): weighted and uniform
// draws, and the writer that encodes an answer from its field's type as the tablet does.
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "forms/engine/answer_codec.h"
#include "forms/expr/value.h"
#include "services/reports/demo_data.h"

namespace phum::server::reports {

namespace demo {

using Weighted = std::pair<const char*, double>;

template <std::size_t N>
std::string pick(std::mt19937_64& random, const std::array<Weighted, N>& weights) {
  double total = 0;
  for (const auto& [name, weight] : weights) total += weight;
  double x = std::uniform_real_distribution<double>(0, total)(random);
  for (const auto& [name, weight] : weights) {
    if ((x -= weight) < 0) return name;
  }
  return weights.back().first;
}

inline int uniform(std::mt19937_64& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

inline bool chance(std::mt19937_64& random, double p) {
  return std::uniform_real_distribution<double>(0, 1)(random) < p;
}

inline std::string column(const phum::v1::ReferenceRow& row, const char* name) {
  const auto found = row.columns().find(name);
  return found == row.columns().end() ? std::string() : found->second;
}

inline std::string dateOf(std::int64_t ms) {
  return forms::expr::formatDate(std::floor(static_cast<double>(ms) / 86400000.0 + 7.0 / 24));
}

}  // namespace demo

// Adds answers to one form's record, encoded from the field's type as the tablet does.
struct DemoGenerator::Writer {
  std::map<std::string, const phum::v1::Field*> fields;
  explicit Writer(const phum::v1::FormDefinition& form) { index(form.fields()); }
  void index(const google::protobuf::RepeatedPtrField<phum::v1::Field>& list) {
    for (const auto& field : list) {
      fields[field.name()] = &field;
      index(field.children());
    }
  }
  void add(phum::v1::AnswerSet& set, const std::string& name, const std::string& text) const {
    const auto found = fields.find(name);
    if (found == fields.end()) throw std::runtime_error("the published form has no field " + name);
    auto* answer = set.add_answers();
    answer->set_name(name);
    *answer->mutable_value() = forms::engine::encodeAnswer(*found->second, text);
  }
};

}  // namespace phum::server::reports
