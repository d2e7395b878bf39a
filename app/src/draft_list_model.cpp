#include "draft_list_model.h"

#include <algorithm>
#include <exception>

#include "form_library.h"
#include "language.h"
#include "store/record_title.h"

namespace phum::app {
namespace {

QString labelOf(const forms::engine::FormModel& model, const std::string& name,
                const std::string& language) {
  const int index = model.indexOf(name);
  if (index < 0) return QString::fromStdString(name);
  const std::string label = forms::engine::textIn(model.field(index).def->labels(), language,
                                                  model.definition().default_language());
  return QString::fromStdString(label.empty() ? name : label);
}

// The page a draft was left on, as its title reads (FormController names pages by key:
// "location", "@member" (the entries of a repeat), "member[2]/migration", "member[2]/#name" (an
// entry's own questions), "#intro" (questions outside groups), "#finish"). "" for questions
// outside any group: the form's title says it already.
QString pageLabel(const forms::engine::FormModel& model, const std::string& key,
                  const std::string& language) {
  if (key == "#finish") return DraftListModel::tr("Check and finalize");
  const auto slash = key.rfind('/');
  const std::string last = slash == std::string::npos ? key : key.substr(slash + 1);
  QString entry;  // "Household member 2" when the page is inside a repeat entry
  if (slash != std::string::npos) {
    const std::string scope = key.substr(0, slash);
    const auto from = scope.rfind('/') == std::string::npos ? 0 : scope.rfind('/') + 1;
    const auto open = scope.find('[', from);
    const auto close = scope.find(']', from);
    if (open != std::string::npos && close > open)
      entry = DraftListModel::tr("%1 %2", "repeat label, entry number")
                  .arg(labelOf(model, scope.substr(from, open - from), language),
                       QString::fromStdString(scope.substr(open + 1, close - open - 1)));
  }
  if (last.empty() || last.front() == '#') return entry;
  const QString label = labelOf(model, last.front() == '@' ? last.substr(1) : last, language);
  return entry.isEmpty() ? label : entry + QStringLiteral(" \u00B7 ") + label;
}

}  // namespace

DraftListModel::DraftListModel(QObject* parent) : SessionListModel(parent) {}

void DraftListModel::setFilter(QString& member, const QString& value) {
  if (member == value) return;
  member = value;
  emit filterChanged();
  refresh();
}

void DraftListModel::setFormFilter(const QString& formId) { setFilter(formFilter_, formId); }
void DraftListModel::setSearch(const QString& text) { setFilter(search_, text); }

void DraftListModel::setDays(int days) {
  days = std::max(0, days);
  if (days == days_) return;
  days_ = days;
  emit filterChanged();
  refresh();
}

bool DraftListModel::matches(const Row& row) const {
  if (!formFilter_.isEmpty() && row.formId != formFilter_) return false;
  const QString text = search_.trimmed();
  if (!text.isEmpty() && !row.title.contains(text, Qt::CaseInsensitive)) return false;
  return days_ <= 0 ||
         row.updatedAt.msecsTo(QDateTime::currentDateTime()) <= std::int64_t{days_} * 86'400'000;
}

void DraftListModel::refresh() {
  std::vector<Row> rows;
  QString error;
  if (session() && session()->store() && session()->signedIn()) {
    try {
      const auto* store = session()->store();
      const std::string language = Language::current().toStdString();
      for (const auto& draft : store->listDrafts(session()->user().toStdString())) {
        Row row;
        row.draftId = QString::fromStdString(draft.id.toString());
        row.formId = QString::fromStdString(draft.formId);
        row.updatedAt = QDateTime::fromMSecsSinceEpoch(draft.updatedAtMs);
        row.correcting = draft.correctsRevision > 0;
        const auto model = findForm(store, draft.formId, draft.formVersion);
        row.canOpen = model != nullptr;
        row.formTitle =
            model ? QString::fromStdString(formTitleIn(model->definition().title(), language))
                  : row.formId;
        if (model) row.pageLabel = pageLabel(*model, draft.page, language);
        if (!model)
          row.problem = tr("Version %1 of this form is no longer on the tablet: the draft cannot "
                           "be opened. You can delete it.")
                            .arg(QString::fromStdString(draft.formVersion));
        // The title is worked out in memory from the opaque answers, never stored in the clear.
        phum::v1::Record record;
        record.set_form_id(draft.formId);
        if (record.mutable_answers()->ParseFromString(draft.answers)) {
          const std::string title = store::deriveTitle(record);
          if (title != draft.formId) row.title = QString::fromStdString(title);
        }
        if (matches(row)) rows.push_back(std::move(row));
      }
    } catch (const std::exception& e) {
      error = tr("Could not read the drafts on this tablet: %1").arg(QString::fromUtf8(e.what()));
    }
  }
  replaceRows(rows_, std::move(rows));  // unchanged after a sync: the rows (and buttons) stay
  setLoadError(error);
}

bool DraftListModel::remove(const QString& draftId) {
  const auto id = Uuid::parse(draftId.toStdString());
  if (!session() || !session()->store() || !id) return false;
  try {
    const auto draft = session()->store()->findDraft(*id);
    if (!draft || draft->author != session()->user().toStdString()) return false;
    session()->store()->deleteDraft(*id);
  } catch (const std::exception& e) {
    setLoadError(tr("Could not delete the draft: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  session()->notifyDraftsChanged();
  return true;
}

int DraftListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant DraftListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= count()) return {};
  const Row& row = rows_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case DraftIdRole:
      return row.draftId;
    case FormIdRole:
      return row.formId;
    case FormTitleRole:
      return row.formTitle;
    case TitleRole:
      return row.title;
    case UpdatedAtRole:
      return row.updatedAt;
    case CanOpenRole:
      return row.canOpen;
    case ProblemRole:
      return row.problem;
    case CorrectingRole:
      return row.correcting;
    case PageLabelRole:
      return row.pageLabel;
    default:
      return {};
  }
}

QHash<int, QByteArray> DraftListModel::roleNames() const {
  return {{DraftIdRole, "draftId"}, {FormIdRole, "formId"},         {FormTitleRole, "formTitle"},
          {TitleRole, "title"},     {UpdatedAtRole, "updatedAt"},   {CanOpenRole, "canOpen"},
          {ProblemRole, "problem"}, {CorrectingRole, "correcting"}, {PageLabelRole, "pageLabel"}};
}

}  // namespace phum::app
