#pragma once
// The forms a field worker can start on this tablet: the built-in quick registration and every
// form downloaded from the server, newest version of each, titled in the UI language. Refreshes
// after each sync (new forms arrive with the change feed) and on a language switch.
#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <vector>

#include "form_library.h"
#include "session.h"

namespace phum::app {

class FormListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)

 public:
  enum Role { FormIdRole = Qt::UserRole + 1, TitleRole, VersionRole };

  explicit FormListModel(QObject* parent = nullptr);

  Session* session() const { return session_; }
  void setSession(Session* session);
  int count() const { return static_cast<int>(forms_.size()); }
  QString loadError() const { return loadError_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  Q_INVOKABLE void refresh();
  // After a language switch: the titles change even though the forms did not.
  Q_INVOKABLE void retranslate() {
    retitle_ = true;
    refresh();
  }
  Q_INVOKABLE QString titleOf(const QString& formId) const;

 signals:
  void sessionChanged();
  void countChanged();
  void loadErrorChanged();

 private:
  Session* session_ = nullptr;
  std::vector<AvailableForm> forms_;
  QString loadError_;
  bool retitle_ = false;
};

}  // namespace phum::app
