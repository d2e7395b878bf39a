// Re-evaluation cost after one answer changes, in a generated 200-question form with 50 repeat
// instances: the engine's incremental path next to a full re-evaluation measured in the same run.
// Prints a table; the target is under 5 ms per change.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "forms/engine/form_session.h"

namespace {

namespace v1 = phum::v1;
using phum::forms::engine::FormModel;
using phum::forms::engine::FormSession;

constexpr int kTopQuestions = 100;
constexpr int kRepeatQuestions = 100;
constexpr int kInstances = 50;
int kChanges = 300;  // per kind of change; the first argument overrides it

v1::Field field(v1::FieldType type, std::string name) {
  v1::Field f;
  f.set_type(type);
  f.set_name(std::move(name));
  return f;
}

// Question i of a block named `prefix`: a mix of plain answers with constraints, relevance on an
// earlier answer, calculations chaining earlier ones, and (in the repeat) references to the top.
v1::Field generatedQuestion(const std::string& prefix, int i, bool inRepeat) {
  // Appended piecewise: GCC 12 -O3 misreports `literal + std::string` (-Wrestrict).
  auto nameOf = [&](int j) {
    std::string name = prefix;
    name += std::to_string(j);
    return name;
  };
  std::string name = nameOf(i);
  auto ref = [&](int j) {
    std::string text = "${";
    text += nameOf(j);
    text += "}";
    return text;
  };
  if (i % 10 == 9) {
    return [&] {
      auto f = field(v1::FIELD_TYPE_CALCULATE, name);
      f.set_calculation("coalesce(" + ref(i - 1) + ", 0) + coalesce(" + ref(i - 2) + ", 0)");
      return f;
    }();
  }
  auto f = field(v1::FIELD_TYPE_INTEGER, name);
  f.set_constraint(". >= 0 and . < 100000");
  if (i % 5 == 1 && i > 1) f.set_relevant(ref(i - 1) + " != 3");
  if (i % 7 == 3) f.set_required("true()");
  if (inRepeat && i % 25 == 0) f.set_relevant("${q0} < 1000");  // every instance follows q0
  return f;
}

v1::FormDefinition generatedForm() {
  v1::FormDefinition form;
  form.set_form_id("bench");
  form.set_version("1");
  for (int i = 0; i < kTopQuestions; ++i) *form.add_fields() = generatedQuestion("q", i, false);
  auto* members = form.add_fields();
  *members = field(v1::FIELD_TYPE_REPEAT, "members");
  for (int i = 0; i < kRepeatQuestions; ++i) {
    *members->add_children() = generatedQuestion("r", i, true);
  }
  for (int i = 0; i < 5; ++i) {
    std::string name = "total_r", sum = "sum(${r";
    name += std::to_string(i);
    sum += std::to_string(i * 10 + 2);
    sum += "})";
    auto total = field(v1::FIELD_TYPE_CALCULATE, name);
    total.set_calculation(sum);
    *form.add_fields() = total;
  }
  return form;
}

struct Stats {
  double mean = 0, p95 = 0;
};

Stats summarize(std::vector<double> millis) {
  std::sort(millis.begin(), millis.end());
  Stats stats;
  for (double m : millis) stats.mean += m;
  stats.mean /= static_cast<double>(millis.size());
  stats.p95 = millis[static_cast<std::size_t>(static_cast<double>(millis.size() - 1) * 0.95)];
  return stats;
}

struct Change {
  std::string path, value;
};

std::vector<Change> changes(const std::string& kind, std::mt19937& random) {
  std::vector<Change> out;
  std::uniform_int_distribution<int> question(0, 98), instance(1, kInstances), value(0, 9);
  for (int n = 0; n < kChanges; ++n) {
    int q = question(random);
    if (q % 10 == 9) ++q;  // calculations are not typed in
    std::string v = std::to_string(value(random));
    std::string path;  // appended piecewise, see nameOf
    if (kind == "answer in a repeat") {
      path = "members[";
      path += std::to_string(instance(random));
      path += "]/r";
    } else {
      path = "q";
    }
    path += std::to_string(q);
    if (kind != "q0 (seen by all 50)") out.push_back({path, v});
    if (kind == "q0 (seen by all 50)") out.push_back({"q0", std::to_string(n % 2 == 0 ? 5 : 5000)});
  }
  return out;
}

template <typename Work>
double timeMillis(Work&& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) kChanges = std::max(1, std::atoi(argv[1]));
  auto model = std::make_shared<const FormModel>(generatedForm());
  FormSession session(model);
  for (int i = 0; i < kInstances; ++i) session.addRepeatInstance("members");
  std::printf("form: %d top-level + %d repeat questions, %d instances (%zu fields in the form)\n\n",
              kTopQuestions, kRepeatQuestions, kInstances, model->fields().size());
  std::printf("| change | mode | mean ms | p95 ms | evaluations per change |\n");
  std::printf("|---|---|---:|---:|---:|\n");
  std::mt19937 random(20261128);
  for (const std::string kind : {"top-level answer", "answer in a repeat", "q0 (seen by all 50)"}) {
    auto work = changes(kind, random);
    std::vector<double> incremental, full;
    std::uint64_t incrementalEvaluations = 0, fullEvaluations = 0;
    for (const auto& change : work) {
      std::uint64_t before = session.evaluationCount();
      incremental.push_back(timeMillis([&] { session.setAnswer(change.path, change.value); }));
      incrementalEvaluations += session.evaluationCount() - before;
      before = session.evaluationCount();
      full.push_back(timeMillis([&] { session.reevaluateAll(); }));
      fullEvaluations += session.evaluationCount() - before;
    }
    Stats inc = summarize(incremental), all = summarize(full);
    std::printf("| %s | incremental (setAnswer) | %.3f | %.3f | %.0f |\n", kind.c_str(), inc.mean,
                inc.p95, static_cast<double>(incrementalEvaluations) / kChanges);
    std::printf("| %s | baseline: full re-evaluation | %.3f | %.3f | %.0f |\n", kind.c_str(),
                all.mean, all.p95, static_cast<double>(fullEvaluations) / kChanges);
  }
  std::printf("\ntarget: under 5 ms per change\n");
  return 0;
}
