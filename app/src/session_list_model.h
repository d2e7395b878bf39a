#pragma once
// What the tablet's list models share: the session they read (refreshed when its records or drafts
// change, e.g. after a save, a sync or a user switch), the number of rows, a load error a user can
// act on, and get(row) for QML.
#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QString>
#include <QVariantMap>
#include <utility>

#include "session.h"

namespace phum::app {

class SessionListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ANONYMOUS
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)

 public:
  using QAbstractListModel::QAbstractListModel;

  Session* session() const { return session_; }
  void setSession(Session* session);
  int count() const { return rowCount(); }
  QString loadError() const { return loadError_; }

  // Reads the rows again from the session's store.
  Q_INVOKABLE virtual void refresh() = 0;
  // One row as a map of role name to value.
  Q_INVOKABLE QVariantMap get(int row) const;

 signals:
  void sessionChanged();
  void countChanged();
  void loadErrorChanged();

 protected:
  void setLoadError(const QString& error);
  // Replaces every row by `rows` (skipped when unchanged and not `forced`, so delegates and their
  // buttons stay), with the model reset and countChanged a view needs.
  template <typename Rows>
  void replaceRows(Rows& current, Rows&& rows, bool forced = false) {
    if (!forced && rows == current) return;
    const int before = count();
    beginResetModel();
    current = std::move(rows);
    endResetModel();
    if (before != count()) emit countChanged();
  }

 private:
  Session* session_ = nullptr;
  QString loadError_;
};

}  // namespace phum::app
