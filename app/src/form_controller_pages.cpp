// FormController: moving between pages, the rows of the page on screen, and which problems show.
#include <QDebug>
#include <algorithm>
#include <regex>
#include <set>

#include "form_controller.h"

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;
namespace v1 = phum::v1;

constexpr const char* kFinishKey = "#finish";

QString kindOf(const engine::CompiledField& field) {
  switch (field.def->type()) {
    case v1::FIELD_TYPE_TEXT:
      // XLSForm `barcode` compiles to a text question with this appearance.
      return field.def->appearance().find("barcode") != std::string::npos
                 ? QStringLiteral("barcode")
                 : QStringLiteral("text");
    case v1::FIELD_TYPE_INTEGER:
      return QStringLiteral("integer");
    case v1::FIELD_TYPE_DECIMAL:
    case v1::FIELD_TYPE_RANGE:  // typed on the number pad; the engine checks the scale
      return QStringLiteral("decimal");
    case v1::FIELD_TYPE_SELECT_ONE:
      return QStringLiteral("select_one");
    case v1::FIELD_TYPE_SELECT_MULTIPLE:
      return QStringLiteral("select_multiple");
    case v1::FIELD_TYPE_DATE:
      return QStringLiteral("date");
    case v1::FIELD_TYPE_DATETIME:
      return QStringLiteral("datetime");
    case v1::FIELD_TYPE_TIME:
      return QStringLiteral("time");
    case v1::FIELD_TYPE_GEOPOINT:
      return QStringLiteral("geopoint");
    case v1::FIELD_TYPE_IMAGE:
      return QStringLiteral("image");

    case v1::FIELD_TYPE_NOTE:
      return QStringLiteral("note");
    case v1::FIELD_TYPE_ACKNOWLEDGE:
      return QStringLiteral("acknowledge");
    case v1::FIELD_TYPE_CALCULATE:
      return QStringLiteral("calculate");
    case v1::FIELD_TYPE_GROUP:
      return QStringLiteral("group");
    case v1::FIELD_TYPE_REPEAT:
      return QStringLiteral("repeat");
    default:
      return QStringLiteral("text");
  }
}

QString text(const std::string& utf8) { return QString::fromStdString(utf8); }

}  // namespace

const FormPage* FormController::currentPage() const {
  if (current_ < 0 || current_ >= pageCount()) return nullptr;
  return &pages_[static_cast<std::size_t>(visible_[static_cast<std::size_t>(current_)])];
}

QString FormController::pageKey() const { return text(currentKey_); }

void FormController::recomputeVisible() {
  visible_.clear();
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    if (pageVisible(pages_[i], *model_, *form_)) visible_.push_back(static_cast<int>(i));
  }
}

// After answers or entries changed: pages may have come or gone; stay on the page shown.
void FormController::afterChange() {
  if (!form_) return;
  pages_ = buildPages(*model_, *form_);
  recomputeVisible();
  int index = currentKey_ == kFinishKey ? pageCount() : -1;
  for (std::size_t i = 0; index < 0 && i < visible_.size(); ++i) {
    if (pages_[static_cast<std::size_t>(visible_[i])].key == currentKey_)
      index = static_cast<int>(i);
  }
  if (index < 0) {
    // The page shown is gone (its entry was removed): the nearest one still there.
    showPage(std::min(current_, pageCount()));
    return;
  }
  current_ = index;
  refreshRows();
  emit pageChanged();
  emit problemsChanged();
}

void FormController::showPage(int index, bool resetRows) {
  if (!form_) return;
  current_ = std::clamp(index, 0, pageCount());
  const FormPage* page = currentPage();
  const std::string before = currentKey_;
  currentKey_ = page ? page->key : kFinishKey;
  if (resetRows)
    fields_.reset(buildRows());
  else
    refreshRows();
  emit pageChanged();
  emit problemsChanged();
  if (before != currentKey_) emit pageShown();
  saveDraft();  // the draft reopens where it was left
}

void FormController::refreshRows() {
  if (form_) fields_.update(buildRows());
}

bool FormController::next() {
  if (!form_ || onFinishPage()) return false;
  const FormPage* page = currentPage();
  if (!readOnly_ && page && !pageErrors(*page).empty() && checkedPages_.insert(page->key).second) {
    // The first Next on a page with problems shows them; the next one goes on all the same.
    refreshRows();
    emit problemsChanged();
    return false;
  }
  commitTyping();
  showPage(current_ + 1);
  return true;
}

bool FormController::back() {
  if (!form_ || current_ == 0) return false;
  commitTyping();
  showPage(current_ - 1);
  return true;
}

void FormController::goToPage(int pageNumber) {
  commitTyping();
  showPage(pageNumber - 1);
}

QString FormController::goToFirstProblem() {
  if (!form_) return {};
  const auto errors = problems();
  if (errors.empty()) return {};
  commitTyping();
  const std::string& path = errors.front().field;
  const int page = pageOfPath(pages_, *model_, path);
  const auto shown = std::find(visible_.begin(), visible_.end(), page);
  if (shown != visible_.end()) {
    checkedPages_.insert(pages_[static_cast<std::size_t>(page)].key);
    showPage(static_cast<int>(shown - visible_.begin()));
  }
  emit focusRequested(text(path));
  return text(path);
}

std::vector<engine::FieldError> FormController::pageErrors(const FormPage& page) const {
  std::set<std::string> paths;
  for (int item : page.items) paths.insert(page.path(*model_, item));
  std::vector<engine::FieldError> out;
  for (auto& error : problems()) {
    if (paths.contains(error.field)) out.push_back(std::move(error));
  }
  return out;
}

int FormController::pageProblems() const {
  const FormPage* page = currentPage();
  return page && form_ ? static_cast<int>(pageErrors(*page).size()) : 0;
}

int FormController::problemCount() const { return form_ ? static_cast<int>(problems().size()) : 0; }

bool FormController::pageChecked() const {
  const FormPage* page = currentPage();
  return finishChecked_ || (page && checkedPages_.contains(page->key));
}

bool FormController::canFinalize() const {
  return form_ && draft_ && !readOnly_ && problems().empty();
}

bool FormController::showsProblems(const FormPage& page, const engine::FieldState& state) const {
  // An answer that breaks a rule shows at once; a missing one once Next or Finalize was tried.
  return state.hasAnswer() || finishChecked_ || checkedPages_.contains(page.key);
}

QString FormController::pageTitle() const {
  const FormPage* page = currentPage();
  if (!form_) return {};
  if (!page) return tr("Check and finalize");
  if (page->container < 0) return formTitle();
  const auto& container = model_->field(page->container);
  QString label = texts_->label(container, page->prefix, *form_);
  if (label.isEmpty()) label = text(container.name());
  if (page->kind == FormPage::Kind::Questions && container.isRepeat()) {
    // "Household member 2": the entry's own page.
    const auto open = page->prefix.rfind('[');
    const auto close = page->prefix.rfind(']');
    if (open != std::string::npos && close > open)
      return tr("%1 %2", "repeat label, entry number")
          .arg(label, text(page->prefix.substr(open + 1, close - open - 1)));
  }
  return label;
}

QString FormController::pageSubtitle() const {
  const FormPage* page = currentPage();
  if (!form_ || !page || page->prefix.empty()) return {};
  // Inside a repeat entry: which entry, e.g. "Household member 2 of 3 · Sokha".
  const std::string entry = page->prefix.substr(0, page->prefix.size() - 1);
  const auto open = entry.rfind('[');
  const std::string repeatPath = entry.substr(0, open);
  const auto slash = repeatPath.rfind('/');
  const int repeat =
      model_->indexOf(slash == std::string::npos ? repeatPath : repeatPath.substr(slash + 1));
  if (repeat < 0) return {};
  const std::string parent = slash == std::string::npos ? "" : repeatPath.substr(0, slash + 1);
  QString label = texts_->label(model_->field(repeat), parent, *form_);
  const QString position = text(entry.substr(open + 1, entry.size() - open - 2));
  const QString count = QString::number(form_->instanceCount(repeatPath));
  QString subtitle = tr("%1 %2 of %3").arg(label, position, count);
  for (int index : model_->fieldsInScope(repeat)) {
    const auto& field = model_->field(index);
    if (field.def->type() != v1::FIELD_TYPE_TEXT) continue;
    const auto& state = form_->state(page->prefix + field.name());
    if (!state.value.empty()) return subtitle + QStringLiteral(" · ") + text(state.value);
    break;
  }
  return subtitle;
}

int FormController::firstPageWithPrefix(const std::string& prefix) const {
  for (std::size_t i = 0; i < visible_.size(); ++i) {
    if (pages_[static_cast<std::size_t>(visible_[i])].prefix.starts_with(prefix))
      return static_cast<int>(i);
  }
  return -1;
}

std::vector<FieldRow> FormController::buildRows() const {
  std::vector<FieldRow> rows;
  const FormPage* page = currentPage();
  if (!page) return rows;
  if (page->kind == FormPage::Kind::Repeat) {
    rows.push_back(repeatRow(*page));
    return rows;
  }
  rows.reserve(page->items.size());
  for (int item : page->items) rows.push_back(questionRow(*page, item));
  return rows;
}

QVariantList FormController::choicesOf(const engine::CompiledField& field,
                                       const engine::FieldState& state) const {
  QVariantList out;
  const v1::ChoiceList* list = field.choices;
  if (!list && !field.def->choice_file().empty())
    list = const_cast<FormController*>(this)->externalList(field.def->choice_file());
  if (!list) return out;
  for (const auto& name : state.choices) {
    QVariantMap choice{{QStringLiteral("name"), text(name)},
                       {QStringLiteral("label"), texts_->choiceLabel(*list, name)}};
    // An agency on the watch list (agencies.csv's watch column, raised by a reviewer from the
    // complaints report): the question warns whoever names it.
    for (const auto& entry : list->choices()) {
      if (entry.name() != name) continue;
      const auto watch = entry.columns().find("watch");
      if (watch != entry.columns().end() && watch->second == "yes")
        choice.insert(QStringLiteral("watched"), true);
      break;
    }
    out.append(choice);
  }
  if (field.def->or_other())
    out.append(QVariantMap{{QStringLiteral("name"), QStringLiteral("other")},
                           {QStringLiteral("label"), tr("Other")}});
  return out;
}

FieldRow FormController::questionRow(const FormPage& page, int item) const {
  const auto& field = model_->field(item);
  const std::string path = page.path(*model_, item);
  const auto& state = form_->state(path);
  FieldRow row;
  row.kind = kindOf(field);
  row.path = text(path);
  row.label = texts_->label(field, page.prefix, *form_);
  row.hint = texts_->hint(field);
  row.value = text(state.value);
  row.appearance = text(field.def->appearance());
  row.relevant = state.relevant;
  row.required = state.required;
  row.readOnly = readOnly_ || state.readOnly || field.def->type() == v1::FIELD_TYPE_CALCULATE;
  const auto type = field.def->type();
  if (type == v1::FIELD_TYPE_SELECT_ONE || type == v1::FIELD_TYPE_SELECT_MULTIPLE) {
    row.choices = choicesOf(field, state);
    if (!field.def->choice_file().empty() && row.choices.isEmpty()) {
      const bool missing =
          const_cast<FormController*>(this)->externalList(field.def->choice_file()) == nullptr;
      row.note = missing ? tr("The list \"%1\" is not on this tablet yet. Press \"Send now\" "
                              "when there is a connection to download it.")
                               .arg(text(field.def->choice_file()))
                         : tr("Answer the questions above first: they decide what is listed here.");
    }
  }
  row.sealed = sealedUnanswered(path);
  if (!readOnly_ && !row.sealed && showsProblems(page, state))
    row.problem = texts_->problem(field, state);
  row.flag = flagFor(path);
  return row;
}

// "${hh_size}" as the repeat_count: the entries are counted by an answer the app may change.
std::string FormController::countPath(int repeat, const std::string& prefix) const {
  static const std::regex direct(R"(^\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*$)");
  std::smatch match;
  const std::string& count = model_->field(repeat).def->repeat_count();
  if (!std::regex_match(count, match, direct)) return {};
  const int field = model_->indexOf(match[1].str());
  if (field < 0 || model_->field(field).def->type() != v1::FIELD_TYPE_INTEGER) return {};
  return scopedPath(*model_, field, prefix);
}

FieldRow FormController::repeatRow(const FormPage& page) const {
  const auto& field = model_->field(page.container);
  const std::string path = page.path(*model_, page.container);
  const std::size_t count = form_->instanceCount(path);
  const std::string counter = countPath(page.container, page.prefix);
  const bool counted = field.repeatCount != nullptr;
  const bool canChange = !readOnly_ && (!counted || !counter.empty());
  const auto errors = problems();
  QVariantList entries;
  for (std::size_t i = 1; i <= count; ++i) {
    const std::string entry = path + "[" + std::to_string(i) + "]/";
    QString summary;
    for (int index : model_->fieldsInScope(page.container)) {
      const auto& member = model_->field(index);
      if (member.def->type() != v1::FIELD_TYPE_TEXT) continue;
      summary = text(form_->state(entry + member.name()).value);
      break;
    }
    const auto problems = std::count_if(errors.begin(), errors.end(), [&](const auto& error) {
      return error.field.starts_with(entry);
    });
    entries.append(QVariantMap{{QStringLiteral("position"), static_cast<int>(i)},
                               {QStringLiteral("summary"), summary},
                               {QStringLiteral("problems"), static_cast<int>(problems)}});
  }
  QString countNote;
  if (counted && !counter.empty()) {
    const int counterField = model_->indexOf(counter.substr(counter.rfind('/') + 1));
    countNote = tr("The number of entries is the answer to \"%1\".")
                    .arg(texts_->label(model_->field(counterField), page.prefix, *form_));
  } else if (counted) {
    countNote = tr("The form decides the number of entries.");
  }
  FieldRow row;
  row.kind = QStringLiteral("repeat");
  row.path = text(path);
  row.label = texts_->label(field, page.prefix, *form_);
  row.hint = texts_->hint(field);
  row.relevant = form_->repeatState(path).relevant;
  row.readOnly = readOnly_;
  row.repeat = QVariantMap{{QStringLiteral("count"), static_cast<int>(count)},
                           {QStringLiteral("canAdd"), canChange},
                           {QStringLiteral("canRemove"), canChange},
                           {QStringLiteral("countNote"), countNote},
                           {QStringLiteral("entries"), entries}};
  return row;
}

bool FormController::addEntry(const QString& repeatPath) {
  if (!form_ || readOnly_) return false;
  const std::string path = repeatPath.toStdString();
  const auto slash = path.rfind('/');
  const std::string prefix = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const int repeat = model_->indexOf(path.substr(prefix.size()));
  if (repeat < 0 || !model_->field(repeat).isRepeat()) return false;
  const std::size_t count = form_->instanceCount(path);
  try {
    if (model_->field(repeat).repeatCount) {
      const std::string counter = countPath(repeat, prefix);
      if (counter.empty()) return false;
      form_->setAnswer(counter, std::to_string(count + 1));
    } else {
      form_->addRepeatInstance(path);
    }
  } catch (const std::invalid_argument& error) {
    qWarning().noquote() << "phum-app: cannot add to" << repeatPath << ":" << error.what();
    return false;
  }
  afterChange();
  const int page = firstPageWithPrefix(path + "[" + std::to_string(count + 1) + "]/");
  if (page >= 0)
    showPage(page);
  else
    saveDraft();
  return true;
}

bool FormController::removeEntry(const QString& repeatPath, int position) {
  if (!form_ || readOnly_ || position < 1) return false;
  const std::string path = repeatPath.toStdString();
  const auto slash = path.rfind('/');
  const std::string prefix = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const int repeat = model_->indexOf(path.substr(prefix.size()));
  if (repeat < 0 || !model_->field(repeat).isRepeat()) return false;
  const std::size_t count = form_->instanceCount(path);
  const std::string counter =
      model_->field(repeat).repeatCount ? countPath(repeat, prefix) : std::string();
  if (model_->field(repeat).repeatCount && counter.empty()) return false;
  try {
    noteSealedEntriesShifted(path, position, count);
    form_->removeRepeatInstance(path, static_cast<std::size_t>(position));
    // The counting answer follows, so repeat_count keeps the entries that are left.
    if (!counter.empty()) form_->setAnswer(counter, std::to_string(count - 1));
  } catch (const std::invalid_argument& error) {
    qWarning().noquote() << "phum-app: cannot remove from" << repeatPath << ":" << error.what();
    return false;
  }
  afterChange();
  saveDraft();
  return true;
}

void FormController::openEntry(const QString& repeatPath, int position) {
  if (!form_) return;
  const int page =
      firstPageWithPrefix(repeatPath.toStdString() + "[" + std::to_string(position) + "]/");
  if (page >= 0) {
    commitTyping();
    showPage(page);
  }
}

}  // namespace phum::app
