#include "draft_list_model.h"

#include <exception>

#include "form_library.h"
#include "language.h"
#include "store/record_title.h"

namespace phum::app {

DraftListModel::DraftListModel(QObject* parent) : SessionListModel(parent) {}

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
        rows.push_back(std::move(row));
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
    default:
      return {};
  }
}

QHash<int, QByteArray> DraftListModel::roleNames() const {
  return {{DraftIdRole, "draftId"}, {FormIdRole, "formId"},        {FormTitleRole, "formTitle"},
          {TitleRole, "title"},     {UpdatedAtRole, "updatedAt"},  {CanOpenRole, "canOpen"},
          {ProblemRole, "problem"}, {CorrectingRole, "correcting"}};
}

}  // namespace phum::app
