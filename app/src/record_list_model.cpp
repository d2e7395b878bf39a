#include "record_list_model.h"

#include <QDateTime>
#include <algorithm>
#include <exception>

#include "form_library.h"
#include "language.h"
#include "phum/v1/changes.pb.h"
#include "record_reasons.h"

namespace phum::app {
namespace {

using store::SyncState;

// Stable names the QML chips switch on (not the translated labels).
QString stateName(const store::RecordSummary& row) {
  switch (row.state) {
    case SyncState::Queued:
      return QStringLiteral("queued");
    case SyncState::Sending:
      return QStringLiteral("sending");
    case SyncState::Sent:
      if (row.reviewOutcome == phum::v1::REVIEW_OUTCOME_RETURNED) return QStringLiteral("returned");
      if (row.reviewOutcome == phum::v1::REVIEW_OUTCOME_APPROVED) return QStringLiteral("approved");
      // Not "rejected": that name is the server refusing the record at sync, which can be
      // corrected.
      if (row.reviewOutcome == phum::v1::REVIEW_OUTCOME_REJECTED)
        return QStringLiteral("not_accepted");
      return QStringLiteral("sent");
    case SyncState::Failed:
      return QStringLiteral("failed");
    case SyncState::Rejected:
      return QStringLiteral("rejected");
  }
  return QStringLiteral("queued");
}

bool sameRows(const std::vector<store::RecordSummary>& a,
              const std::vector<store::RecordSummary>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.uuid == y.uuid && x.revision == y.revision && x.state == y.state &&
           x.updatedAtMs == y.updatedAtMs && x.reviewOutcome == y.reviewOutcome &&
           x.lastError == y.lastError && x.title == y.title;
  });
}

}  // namespace

RecordListModel::RecordListModel(QObject* parent) : SessionListModel(parent) {}

void RecordListModel::setFormFilter(const QString& formId) {
  if (formId == formFilter_) return;
  formFilter_ = formId;
  filtersChanged();
}

void RecordListModel::setStateFilter(const QString& state) {
  if (state == stateFilter_) return;
  stateFilter_ = state;
  filtersChanged();
}

void RecordListModel::setSearch(const QString& text) {
  if (text == search_) return;
  search_ = text;
  filtersChanged();
}

void RecordListModel::setDays(int days) {
  if (days == days_) return;
  days_ = std::max(0, days);
  filtersChanged();
}

void RecordListModel::filtersChanged() {
  emit filterChanged();
  rows_.clear();  // another filter starts again from the first page
  load(false);
}

void RecordListModel::refresh() { load(true); }

store::RecordQuery RecordListModel::query() const {
  store::RecordQuery q;
  q.author = session() ? session()->user().toStdString() : std::string();
  q.formId = formFilter_.toStdString();
  q.titleContains = search_.trimmed().toStdString();
  if (days_ > 0)
    q.updatedFromMs = QDateTime::currentMSecsSinceEpoch() - std::int64_t{days_} * 86'400'000;
  if (stateFilter_ == QLatin1String("toSend"))
    q.states = {SyncState::Queued, SyncState::Sending, SyncState::Failed};
  else if (stateFilter_ == QLatin1String("sent"))
    q.states = {SyncState::Sent};
  else if (stateFilter_ == QLatin1String("refused"))
    q.states = {SyncState::Rejected};
  else if (stateFilter_ == QLatin1String("returned")) {
    q.states = {SyncState::Sent};
    q.reviewOutcome = phum::v1::REVIEW_OUTCOME_RETURNED;
  }
  return q;
}

// `titlesToo`: the form titles are read again too (a sync may bring forms, a language switch
// retitles them); a filter changed by the user only needs the rows.
void RecordListModel::load(bool titlesToo) {
  std::vector<store::RecordSummary> rows;
  QString error;
  int total = 0;
  bool exhausted = true;
  std::map<std::string, QString> titles = formTitles_;  // in the UI language
  if (session() && session()->store() && session()->signedIn()) {
    try {
      auto q = query();
      q.limit = std::max(kPageSize, static_cast<int>(rows_.size()));
      rows = session()->store()->queryRecords(q);
      exhausted = static_cast<int>(rows.size()) < q.limit;
      // A page that is not full holds every match: no second pass over the table to count.
      total = exhausted ? static_cast<int>(rows.size()) : session()->store()->countRecords(q);
      if (titlesToo) {
        titles.clear();
        const std::string language = Language::current().toStdString();
        for (const auto& form : availableForms(session()->store()))
          titles[form.formId] = QString::fromStdString(formTitleIn(form.title, language));
      }
    } catch (const std::exception& e) {
      error = tr("Could not read the records on this tablet: %1").arg(QString::fromUtf8(e.what()));
    }
  }
  exhausted_ = exhausted;
  if (sameRows(rows, rows_) && titles == formTitles_) {
    // Nothing moved (e.g. a sync that brought no news): the delegates stay under the finger.
  } else {
    const int before = count();
    beginResetModel();
    rows_ = std::move(rows);
    formTitles_ = std::move(titles);
    endResetModel();
    if (before != count()) emit countChanged();
  }
  setTotal(total);
  setLoadError(error);
}

bool RecordListModel::canFetchMore(const QModelIndex& parent) const {
  return !parent.isValid() && !exhausted_;
}

void RecordListModel::fetchMore(const QModelIndex& parent) {
  if (parent.isValid() || exhausted_ || rows_.empty() || !session() || !session()->store()) return;
  auto q = query();
  q.after = store::RecordQuery::Position{rows_.back().updatedAtMs, rows_.back().uuid};
  q.limit = kPageSize;
  std::vector<store::RecordSummary> more;
  try {
    more = session()->store()->queryRecords(q);
  } catch (const std::exception& e) {
    exhausted_ = true;
    setLoadError(
        tr("Could not read the records on this tablet: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  exhausted_ = static_cast<int>(more.size()) < kPageSize;
  if (more.empty()) return;
  const int first = count();
  beginInsertRows({}, first, first + static_cast<int>(more.size()) - 1);
  rows_.insert(rows_.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
  endInsertRows();
  emit countChanged();
}

void RecordListModel::setTotal(int total) {
  if (total == total_) return;
  total_ = total;
  emit totalChanged();
}

int RecordListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= count()) return {};
  const auto& row = rows_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case UuidRole:
      return QString::fromStdString(row.uuid.toString());
    case TitleRole:
      return QString::fromStdString(row.title);
    case FormIdRole:
      return QString::fromStdString(row.formId);
    case FormTitleRole: {
      const auto found = formTitles_.find(row.formId);
      return found != formTitles_.end() ? found->second : QString::fromStdString(row.formId);
    }
    case StateRole:
      return stateName(row);
    case ReasonRole:
      return row.state == SyncState::Rejected
                 ? refusalText(row.lastErrorCode, QString::fromStdString(row.lastError))
                 : QString::fromStdString(row.lastError);
    case CreatedAtRole:
      return QDateTime::fromMSecsSinceEpoch(row.createdAtMs);
    case UpdatedAtRole:
      return QDateTime::fromMSecsSinceEpoch(row.updatedAtMs);
    case LocationCodeRole:
      return QString::fromStdString(row.locationCode);
    case RevisionRole:
      return static_cast<int>(row.revision);
    case CanCorrectRole:
      return row.state == SyncState::Rejected ||
             (row.state == SyncState::Sent &&
              row.reviewOutcome == phum::v1::REVIEW_OUTCOME_RETURNED);
    default:
      return {};
  }
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
  return {{UuidRole, "uuid"},
          {TitleRole, "title"},
          {FormIdRole, "formId"},
          {FormTitleRole, "formTitle"},
          {StateRole, "syncState"},
          {ReasonRole, "reason"},
          {CreatedAtRole, "createdAt"},
          {UpdatedAtRole, "updatedAt"},
          {LocationCodeRole, "locationCode"},
          {RevisionRole, "revision"},
          {CanCorrectRole, "canCorrect"}};
}

}  // namespace phum::app
