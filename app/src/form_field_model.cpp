#include "form_field_model.h"

namespace phum::app {

FormFieldModel::FormFieldModel(QObject* parent) : QAbstractListModel(parent) {}

int FormFieldModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

QVariant FormFieldModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= count()) return {};
  const FieldRow& row = rows_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case KindRole:
      return row.kind;
    case PathRole:
      return row.path;
    case LabelRole:
      return row.label;
    case HintRole:
      return row.hint;
    case ValueRole:
      return row.value;
    case ProblemRole:
      return row.problem;
    case AppearanceRole:
      return row.appearance;
    case NoteRole:
      return row.note;
    case RequiredRole:
      return row.required;
    case ReadOnlyRole:
      return row.readOnly;
    case RelevantRole:
      return row.relevant;
    case ChoicesRole:
      return row.choices;
    case RepeatRole:
      return row.repeat;
    case FlagRole:
      return row.flag;
    case SealedRole:
      return row.sealed;
    default:
      return {};
  }
}

QHash<int, QByteArray> FormFieldModel::roleNames() const {
  return {
      {KindRole, "kind"},
      {PathRole, "path"},
      {LabelRole, "label"},
      {HintRole, "hint"},
      {ValueRole, "value"},
      {ProblemRole, "problem"},
      {AppearanceRole, "appearance"},
      {NoteRole, "note"},
      {RequiredRole, "mandatory"},
      {ReadOnlyRole, "readOnly"},
      {RelevantRole, "relevant"},
      {ChoicesRole, "choices"},
      {RepeatRole, "repeat"},
      {FlagRole, "flag"},
      {SealedRole, "sealed"},
  };
}

void FormFieldModel::reset(std::vector<FieldRow> rows) {
  const int before = count();
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
  if (before != count()) emit countChanged();
}

void FormFieldModel::update(std::vector<FieldRow> rows) {
  const bool sameQuestions =
      rows.size() == rows_.size() &&
      std::equal(rows.begin(), rows.end(), rows_.begin(),
                 [](const auto& a, const auto& b) { return a.path == b.path && a.kind == b.kind; });
  if (!sameQuestions) return reset(std::move(rows));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    FieldRow& old = rows_[i];
    FieldRow& now = rows[i];
    if (old == now) continue;
    QList<int> roles;
    auto check = [&](bool differs, Role role) {
      if (differs) roles << role;
    };
    check(old.label != now.label, LabelRole);
    check(old.hint != now.hint, HintRole);
    check(old.value != now.value, ValueRole);
    check(old.problem != now.problem, ProblemRole);
    check(old.appearance != now.appearance, AppearanceRole);
    check(old.note != now.note, NoteRole);
    check(old.required != now.required, RequiredRole);
    check(old.readOnly != now.readOnly, ReadOnlyRole);
    check(old.relevant != now.relevant, RelevantRole);
    check(old.choices != now.choices, ChoicesRole);
    check(old.repeat != now.repeat, RepeatRole);
    check(old.flag != now.flag, FlagRole);
    check(old.sealed != now.sealed, SealedRole);
    old = std::move(now);
    const QModelIndex at = index(static_cast<int>(i));
    emit dataChanged(at, at, roles);
  }
}

int FormFieldModel::rowOf(const QString& path) const {
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].path == path) return static_cast<int>(i);
  }
  return -1;
}

QVariantMap FormFieldModel::get(int row) const {
  QVariantMap out;
  if (row < 0 || row >= count()) return out;
  const auto names = roleNames();
  for (auto it = names.cbegin(); it != names.cend(); ++it)
    out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
  return out;
}

}  // namespace phum::app
