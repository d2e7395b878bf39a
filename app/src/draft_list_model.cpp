#include "draft_list_model.h"

#include <exception>

#include "form_library.h"
#include "language.h"
#include "store/record_title.h"

namespace phum::app {

DraftListModel::DraftListModel(QObject* parent) : QAbstractListModel(parent) {}

void DraftListModel::setSession(Session* session) {
  if (session == session_) return;
  if (session_) disconnect(session_, nullptr, this, nullptr);
  session_ = session;
  if (session_) {
    connect(session_, &Session::draftsChanged, this, &DraftListModel::refresh);
    // A sync may bring (or a user switch hide) forms and drafts.
    connect(session_, &Session::recordsChanged, this, &DraftListModel::refresh);
  }
  emit sessionChanged();
  refresh();
}

void DraftListModel::refresh() {
  std::vector<Row> rows;
  QString error;
  if (session_ && session_->store() && session_->signedIn()) {
    try {
      const auto* store = session_->store();
      const std::string language = Language::current().toStdString();
      for (const auto& draft : store->listDrafts(session_->user().toStdString())) {
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
  if (rows != rows_) {  // unchanged after a sync: the rows (and their buttons) stay
    const int before = count();
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    if (before != count()) emit countChanged();
  }
  setLoadError(error);
}

bool DraftListModel::remove(const QString& draftId) {
  const auto id = Uuid::parse(draftId.toStdString());
  if (!session_ || !session_->store() || !id) return false;
  try {
    const auto draft = session_->store()->findDraft(*id);
    if (!draft || draft->author != session_->user().toStdString()) return false;
    session_->store()->deleteDraft(*id);
  } catch (const std::exception& e) {
    setLoadError(tr("Could not delete the draft: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  session_->notifyDraftsChanged();
  return true;
}

void DraftListModel::setLoadError(const QString& error) {
  if (error == loadError_) return;
  loadError_ = error;
  emit loadErrorChanged();
}

int DraftListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
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

QVariantMap DraftListModel::get(int row) const {
  QVariantMap out;
  if (row < 0 || row >= count()) return out;
  const auto names = roleNames();
  for (auto it = names.cbegin(); it != names.cend(); ++it)
    out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
  return out;
}

}  // namespace phum::app
