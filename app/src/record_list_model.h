#pragma once
// The signed-in user's records on this tablet, newest first, with where each stands in its journey
// to the server. Refreshes itself whenever the session reports a change (a save or a sync batch).
#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QString>
#include <vector>

#include "session.h"
#include "store/local_store.h"

namespace phum::app {

class RecordListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)

 public:
  enum Role {
    UuidRole = Qt::UserRole + 1,
    TitleRole,
    StateRole,   // "queued", "sending", "sent", "failed", "rejected"
    ReasonRole,  // the server's reason (rejected) or the last network error (failed)
    CreatedAtRole,
    LocationCodeRole,
    RevisionRole,
  };

  explicit RecordListModel(QObject* parent = nullptr);

  Session* session() const { return session_; }
  void setSession(Session* session);
  int count() const { return static_cast<int>(rows_.size()); }
  QString loadError() const { return loadError_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  Q_INVOKABLE void refresh();

 signals:
  void sessionChanged();
  void countChanged();
  void loadErrorChanged();

 private:
  Session* session_ = nullptr;
  std::vector<store::RecordSummary> rows_;
  QString loadError_;
};

}  // namespace phum::app
