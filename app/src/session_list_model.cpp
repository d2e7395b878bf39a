#include "session_list_model.h"

namespace phum::app {

void SessionListModel::setSession(Session* session) {
  if (session == session_) return;
  if (session_) disconnect(session_, nullptr, this, nullptr);
  session_ = session;
  if (session_) {
    // A save or a sync changes records, drafts and the forms on the tablet; a user switch all.
    connect(session_, &Session::recordsChanged, this, &SessionListModel::refresh);
    connect(session_, &Session::draftsChanged, this, &SessionListModel::refresh);
  }
  emit sessionChanged();
  refresh();
}

void SessionListModel::setLoadError(const QString& error) {
  if (error == loadError_) return;
  loadError_ = error;
  emit loadErrorChanged();
}

QVariantMap SessionListModel::get(int row) const {
  QVariantMap out;
  if (row < 0 || row >= count()) return out;
  const auto names = roleNames();
  for (auto it = names.cbegin(); it != names.cend(); ++it)
    out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
  return out;
}

}  // namespace phum::app
