#include "form_list_model.h"

#include <algorithm>
#include <exception>

#include "language.h"

namespace phum::app {

FormListModel::FormListModel(QObject* parent) : QAbstractListModel(parent) {}

void FormListModel::setSession(Session* session) {
  if (session == session_) return;
  if (session_) disconnect(session_, nullptr, this, nullptr);
  session_ = session;
  if (session_) connect(session_, &Session::recordsChanged, this, &FormListModel::refresh);
  emit sessionChanged();
  refresh();
}

void FormListModel::refresh() {
  std::vector<AvailableForm> forms;
  QString error;
  try {
    forms = availableForms(session_ ? session_->store() : nullptr);
  } catch (const std::exception& e) {
    error = tr("Could not read the forms on this tablet: %1").arg(QString::fromUtf8(e.what()));
  }
  const bool same =
      forms.size() == forms_.size() &&
      std::equal(forms.begin(), forms.end(), forms_.begin(),
                 [](const AvailableForm& a, const AvailableForm& b) {
                   return a.formId == b.formId && a.version == b.version && a.title == b.title;
                 });
  // Unchanged after a sync: the buttons stay (none is remade under a finger).
  if (!same || retitle_) {
    const int before = count();
    beginResetModel();
    forms_ = std::move(forms);
    endResetModel();
    if (before != count()) emit countChanged();
  }
  retitle_ = false;
  if (error != loadError_) {
    loadError_ = error;
    emit loadErrorChanged();
  }
}

int FormListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
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
