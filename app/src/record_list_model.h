#pragma once
// The signed-in user's records on this tablet, newest first, filtered by form, state, time and a
// search in their titles. The filtering is SQL (LocalStore::queryRecords with the indexes of schema
// v7) and rows come a page at a time (fetchMore, keyset paging), so 100,000 records list as fast
// as 100. Refreshes itself when the session reports a change (a save or a sync batch).
#include <QtQml/qqmlregistration.h>

#include <QString>
#include <map>
#include <vector>

#include "session_list_model.h"
#include "store/local_store.h"

namespace phum::app {

class RecordListModel : public SessionListModel {
  Q_OBJECT
  QML_ELEMENT
  // "" every form, else a form id.
  Q_PROPERTY(QString formFilter READ formFilter WRITE setFormFilter NOTIFY filterChanged)
  // "" all; "toSend" (waiting, sending, not sent yet), "sent", "returned" (by a reviewer, for
  // correction), "refused" (by the server's checks).
  Q_PROPERTY(QString stateFilter READ stateFilter WRITE setStateFilter NOTIFY filterChanged)
  Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY filterChanged)
  // Changed in the last N days; 0 = any time.
  Q_PROPERTY(int days READ days WRITE setDays NOTIFY filterChanged)
  // How many records match the filters (the rows loaded so far are `count`).
  Q_PROPERTY(int total READ total NOTIFY totalChanged)

 public:
  enum Role {
    UuidRole = Qt::UserRole + 1,
    TitleRole,
    FormIdRole,
    FormTitleRole,
    // "queued", "sending", "sent", "failed", "rejected", and once a reviewer decided on the
    // revision sent: "returned" (for correction) or "approved".
    StateRole,
    ReasonRole,  // why it was refused, in the UI language; or the last network error (failed)
    CreatedAtRole,
    UpdatedAtRole,
    LocationCodeRole,
    RevisionRole,
    CanCorrectRole,  // returned or refused: opening it starts the correction
  };

  static constexpr int kPageSize = 50;

  explicit RecordListModel(QObject* parent = nullptr);

  QString formFilter() const { return formFilter_; }
  void setFormFilter(const QString& formId);
  QString stateFilter() const { return stateFilter_; }
  void setStateFilter(const QString& state);
  QString search() const { return search_; }
  void setSearch(const QString& text);
  int days() const { return days_; }
  void setDays(int days);
  int total() const { return total_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

  // Reads the first pages again (as many rows as are loaded now, at least one page).
  void refresh() override;

 signals:
  void filterChanged();
  void totalChanged();

 private:
  store::RecordQuery query() const;
  void load(bool titlesToo);
  void setTotal(int total);
  void filtersChanged();

  std::vector<store::RecordSummary> rows_;
  std::map<std::string, QString> formTitles_;
  QString formFilter_, stateFilter_, search_;
  int days_ = 0;
  int total_ = 0;
  bool exhausted_ = true;
};

}  // namespace phum::app
