#include "form_pages.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;
namespace v1 = phum::v1;
using Children = google::protobuf::RepeatedPtrField<v1::Field>;

bool isFieldList(const engine::CompiledField& field) {
  return field.def->appearance().find("field-list") != std::string::npos;
}

class PageBuilder {
 public:
  PageBuilder(const engine::FormModel& model, const engine::FormSession& session)
      : model_(model), session_(session) {}

  std::vector<FormPage> build() {
    Run run{-1, ""};
    walk(model_.definition().fields(), "", false, run);
    flush(run);
    return std::move(pages_);
  }

 private:
  // Questions collected for the page being assembled, and whose page it is.
  struct Run {
    int container;
    std::string prefix;
    std::vector<int> items;
  };

  void flush(Run& run) {
    if (run.items.empty()) return;
    FormPage page;
    page.container = run.container;
    page.prefix = run.prefix;
    page.items = std::move(run.items);
    run.items.clear();
    // A group's (first) page is named after the group; loose questions, and the rest of a
    // field-list group after a repeat inside it, after their first question.
    if (run.container >= 0 && model_.field(run.container).isGroup())
      page.key = page.prefix + model_.field(run.container).name();
    if (page.key.empty() || !usedKeys_.insert(page.key).second)
      page.key = page.prefix + "#" + model_.field(page.items.front()).name();
    pages_.push_back(std::move(page));
  }

  void addRepeat(int repeat, const std::string& prefix) {
    const auto& field = model_.field(repeat);
    FormPage roster;
    roster.kind = FormPage::Kind::Repeat;
    roster.container = repeat;
    roster.prefix = prefix;
    roster.items = {repeat};
    roster.key = prefix + "@" + field.name();
    pages_.push_back(std::move(roster));
    const std::size_t count = session_.instanceCount(prefix + field.name());
    for (std::size_t i = 1; i <= count; ++i) {
      const std::string inner = prefix + field.name() + "[" + std::to_string(i) + "]/";
      Run run{repeat, inner};
      walk(field.def->children(), inner, false, run);
      flush(run);
    }
  }

  // `inlineGroups`: inside a field-list group, nested groups are headings on the same page.
  void walk(const Children& children, const std::string& prefix, bool inlineGroups, Run& run) {
    for (const auto& def : children) {
      const int index = model_.indexOf(def.name());
      const auto& field = model_.field(index);
      if (field.isRepeat()) {
        flush(run);
        addRepeat(index, prefix);
      } else if (field.isGroup() && inlineGroups) {
        run.items.push_back(index);
        walk(def.children(), prefix, true, run);
      } else if (field.isGroup()) {
        flush(run);
        Run inner{index, prefix};
        walk(def.children(), prefix, isFieldList(field), inner);
        flush(inner);
      } else if (shownOnPage(field)) {
        run.items.push_back(index);
      }
    }
  }

  const engine::FormModel& model_;
  const engine::FormSession& session_;
  std::vector<FormPage> pages_;
  std::set<std::string> usedKeys_;
};

}  // namespace

std::string FormPage::path(const engine::FormModel& model, int item) const {
  return prefix + model.field(item).name();
}

bool shownOnPage(const engine::CompiledField& field) {
  switch (field.def->type()) {
    case v1::FIELD_TYPE_START:
    case v1::FIELD_TYPE_END:
    case v1::FIELD_TYPE_TODAY:
    case v1::FIELD_TYPE_DEVICEID:
    case v1::FIELD_TYPE_USERNAME:
    case v1::FIELD_TYPE_UNSPECIFIED:
      return false;
    case v1::FIELD_TYPE_CALCULATE:
      return !field.def->labels().empty();
    default:
      return true;
  }
}

std::vector<FormPage> buildPages(const engine::FormModel& model,
                                 const engine::FormSession& session) {
  return PageBuilder(model, session).build();
}

bool pageVisible(const FormPage& page, const engine::FormModel& model,
                 const engine::FormSession& session) {
  if (page.kind == FormPage::Kind::Repeat)
    return session.repeatState(page.path(model, page.container)).relevant;
  return std::any_of(page.items.begin(), page.items.end(), [&](int item) {
    return !model.field(item).isGroup() && session.state(page.path(model, item)).relevant;
  });
}

std::string scopedPath(const engine::FormModel& model, int field, const std::string& prefix) {
  const auto& target = model.field(field);
  std::string path;
  std::size_t from = 0;
  for (int repeat : target.repeatChain) {
    const std::string step = model.field(repeat).name() + "[";
    if (prefix.compare(from, step.size(), step) != 0) return {};
    const auto end = prefix.find('/', from);
    if (end == std::string::npos) return {};
    path += prefix.substr(from, end + 1 - from);
    from = end + 1;
  }
  return path + target.name();
}

int pageOfPath(const std::vector<FormPage>& pages, const engine::FormModel& model,
               const std::string& path) {
  const auto slash = path.rfind('/');
  const std::string prefix = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const int field = model.indexOf(slash == std::string::npos ? path : path.substr(slash + 1));
  if (field < 0) return -1;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& page = pages[i];
    if (page.prefix != prefix) continue;
    if (std::find(page.items.begin(), page.items.end(), field) != page.items.end())
      return static_cast<int>(i);
  }
  return -1;
}

}  // namespace phum::app
