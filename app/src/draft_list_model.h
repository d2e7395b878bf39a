#pragma once
// The signed-in user's drafts on this tablet (interviews not finalized yet), most recently changed
// first: on a shared tablet each enumerator sees only their own. A draft whose form version is no
// longer on the tablet is listed with the reason it cannot be opened, so it can be deleted.
#include <QtQml/qqmlregistration.h>

#include <QDateTime>
#include <vector>

#include "session_list_model.h"

namespace phum::app {

class DraftListModel : public SessionListModel {
  Q_OBJECT
  QML_ELEMENT

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

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void refresh() override;
  // Deletes one of the user's drafts (after the user confirmed). False with loadError on failure.
  Q_INVOKABLE bool remove(const QString& draftId);

 private:
  struct Row {
    QString draftId, formId, formTitle, title, problem;
    QDateTime updatedAt;
    bool canOpen = true;
    bool correcting = false;
    bool operator==(const Row&) const = default;
  };
  std::vector<Row> rows_;
};

}  // namespace phum::app
