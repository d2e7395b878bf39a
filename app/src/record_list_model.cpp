#include "record_list_model.h"

#include <QDateTime>
#include <exception>

namespace phum::app {
namespace {
// Stable names the QML chips switch on (not the translated labels).
QString stateName(store::SyncState state) {
  switch (state) {
    case store::SyncState::Queued:
      return QStringLiteral("queued");
    case store::SyncState::Sending:
      return QStringLiteral("sending");
    case store::SyncState::Sent:
      return QStringLiteral("sent");
    case store::SyncState::Failed:
      return QStringLiteral("failed");
    case store::SyncState::Rejected:
      return QStringLiteral("rejected");
  }
  return QStringLiteral("queued");
}
}  // namespace

RecordListModel::RecordListModel(QObject* parent) : QAbstractListModel(parent) {}

void RecordListModel::setSession(Session* session) {
  if (session == session_) return;
  if (session_) disconnect(session_, nullptr, this, nullptr);
  session_ = session;
  if (session_) connect(session_, &Session::recordsChanged, this, &RecordListModel::refresh);
  emit sessionChanged();
  refresh();
}

void RecordListModel::refresh() {
  std::vector<store::RecordSummary> rows;
  QString error;
  if (session_ && session_->store()) {
    try {
      rows = session_->store()->listRecords(session_->user().toStdString());
    } catch (const std::exception& e) {
      error = tr("Could not read the records on this tablet: %1").arg(QString::fromUtf8(e.what()));
    }
  }
  const int oldCount = count();
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
  if (oldCount != count()) emit countChanged();
  if (error != loadError_) {
    loadError_ = error;
    emit loadErrorChanged();
  }
}

int RecordListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= count()) return {};
  const auto& row = rows_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case UuidRole:
      return QString::fromStdString(row.uuid.toString());
    case TitleRole:
      return QString::fromStdString(row.title);  // the store derives it
    case StateRole:
      return stateName(row.state);
    case ReasonRole:
      return QString::fromStdString(row.lastError);
    case CreatedAtRole:
      return QDateTime::fromMSecsSinceEpoch(row.createdAtMs);
    case LocationCodeRole:
      return QString::fromStdString(row.locationCode);
    case RevisionRole:
      return static_cast<int>(row.revision);
    default:
      return {};
  }
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
  return {{UuidRole, "uuid"},           {TitleRole, "title"},
          {StateRole, "syncState"},     {ReasonRole, "reason"},
          {CreatedAtRole, "createdAt"}, {LocationCodeRole, "locationCode"},
          {RevisionRole, "revision"}};
}

}  // namespace phum::app
