#pragma once
// The forms a field worker can start on this tablet: the built-in quick registration and every
// form downloaded from the server, newest version of each, titled in the UI language. Refreshes
// after each sync (new forms arrive with the change feed) and on a language switch.
#include <QtQml/qqmlregistration.h>

#include <vector>

#include "form_library.h"
#include "session_list_model.h"

namespace phum::app {

class FormListModel : public SessionListModel {
  Q_OBJECT
  QML_ELEMENT

 public:
  enum Role { FormIdRole = Qt::UserRole + 1, TitleRole, VersionRole };

  explicit FormListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void refresh() override;
  // After a language switch: the titles change even though the forms did not.
  Q_INVOKABLE void retranslate() {
    retitle_ = true;
    refresh();
  }
  Q_INVOKABLE QString titleOf(const QString& formId) const;

 private:
  std::vector<AvailableForm> forms_;
  bool retitle_ = false;
};

}  // namespace phum::app
