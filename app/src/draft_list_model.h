#pragma once
// The signed-in user's drafts on this tablet (interviews not finalized yet), most recently changed
// first: on a shared tablet each enumerator sees only their own. A draft whose form version is no
// longer on the tablet is listed with the reason it cannot be opened, so it can be deleted. The
// records list filters drafts like records (form, title, days); a handful of drafts per user makes
// that a pass in memory (titles come from the opaque answers, never from a plaintext column).
#include <QtQml/qqmlregistration.h>

#include <QDateTime>
#include <QString>
#include <vector>

#include "session_list_model.h"

namespace phum::app {

class DraftListModel : public SessionListModel {
  Q_OBJECT
  QML_ELEMENT
  // "" every form, else a form id.
  Q_PROPERTY(QString formFilter READ formFilter WRITE setFormFilter NOTIFY filterChanged)
  Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY filterChanged)
  // Changed in the last N days; 0 = any time.
  Q_PROPERTY(int days READ days WRITE setDays NOTIFY filterChanged)

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
    PageLabelRole,  // the page it was left on, e.g. "Household members" ("" the first page)
  };

  explicit DraftListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  QString formFilter() const { return formFilter_; }
  void setFormFilter(const QString& formId);
  QString search() const { return search_; }
  void setSearch(const QString& text);
  int days() const { return days_; }
  void setDays(int days);

  void refresh() override;
  // Deletes one of the user's drafts (after the user confirmed). False with loadError on failure.
  Q_INVOKABLE bool remove(const QString& draftId);

 signals:
  void filterChanged();

 private:
  struct Row {
    QString draftId, formId, formTitle, title, problem, pageLabel;
    QDateTime updatedAt;
    bool canOpen = true;
    bool correcting = false;
    bool operator==(const Row&) const = default;
  };
  bool matches(const Row& row) const;
  void setFilter(QString& member, const QString& value);

  std::vector<Row> rows_;
  QString formFilter_, search_;
  int days_ = 0;
};

}  // namespace phum::app
