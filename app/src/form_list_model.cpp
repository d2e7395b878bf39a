#include "form_list_model.h"

#include <exception>

#include "language.h"

namespace phum::app {

FormListModel::FormListModel(QObject* parent) : SessionListModel(parent) {}

void FormListModel::refresh() {
  std::vector<AvailableForm> forms;
  QString error;
  try {
    forms = availableForms(session() ? session()->store() : nullptr);
    // Only the forms the signed-in user's role fills in (settings `roles`).
    auto role = phum::v1::ROLE_UNSPECIFIED;
    if (session() && session()->accounts()) {
      if (const auto user = session()->accounts()->currentUser()) role = user->role;
    }
    std::erase_if(forms, [role](const AvailableForm& form) { return !offeredTo(form, role); });
  } catch (const std::exception& e) {
    error = tr("Could not read the forms on this tablet: %1").arg(QString::fromUtf8(e.what()));
  }
  // Unchanged after a sync: the buttons stay (none is remade under a finger); a language
  // switch retitles them.
  replaceRows(forms_, std::move(forms), retitle_);
  retitle_ = false;
  setLoadError(error);
}

int FormListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(forms_.size());
}

QVariant FormListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= count()) return {};
  const auto& form = forms_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case FormIdRole:
      return QString::fromStdString(form.formId);
    case TitleRole:
      return QString::fromStdString(formTitleIn(form.title, Language::current().toStdString()));
    case VersionRole:
      return QString::fromStdString(form.version);
    default:
      return {};
  }
}

QHash<int, QByteArray> FormListModel::roleNames() const {
  return {{FormIdRole, "formId"}, {TitleRole, "title"}, {VersionRole, "version"}};
}

QString FormListModel::titleOf(const QString& formId) const {
  for (const auto& form : forms_) {
    if (QString::fromStdString(form.formId) == formId)
      return QString::fromStdString(formTitleIn(form.title, Language::current().toStdString()));
  }
  return formId;
}

}  // namespace phum::app
