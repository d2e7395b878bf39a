#pragma once
// The signed-in user's drafts on this tablet (interviews not finalized yet), most recently changed
// first: on a shared tablet each enumerator sees only their own. A draft whose form version is no
// longer on the tablet is listed with the reason it cannot be opened, so it can be deleted.
#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QDateTime>
#include <vector>

#include "session.h"

namespace phum::app {

class DraftListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(QString loadError READ loadError NOTIFY loadErrorChanged)

 public:
  enum Role {
    DraftIdRole = Qt::UserRole + 1,
    FormIdRole,
    FormTitleRole,
    TitleRole,  // the person or household, from the answers ("" when not answered yet)
    UpdatedAtRole,
    CanOpenRole,
    ProblemRole,  // why it cannot be opened
    CorrectingRole,
  };

  explicit DraftListModel(QObject* parent = nullptr);

  Session* session() const { return session_; }
  void setSession(Session* session);
  int count() const { return static_cast<int>(rows_.size()); }
  QString loadError() const { return loadError_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  Q_INVOKABLE void refresh();
  // Deletes one of the user's drafts (after the user confirmed). False with loadError on failure.
  Q_INVOKABLE bool remove(const QString& draftId);
  Q_INVOKABLE QVariantMap get(int row) const;

 signals:
  void sessionChanged();
  void countChanged();
  void loadErrorChanged();

 private:
  struct Row {
    QString draftId, formId, formTitle, title, problem;
    QDateTime updatedAt;
    bool canOpen = true;
    bool correcting = false;
    bool operator==(const Row&) const = default;
  };
  void setLoadError(const QString& error);

  Session* session_ = nullptr;
  std::vector<Row> rows_;
  QString loadError_;
};

}  // namespace phum::app
