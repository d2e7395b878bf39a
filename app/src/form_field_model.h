#pragma once
// The questions of the page on screen, one row per question (or heading, or list of repeat
// entries), for a ListView whose DelegateChooser picks the delegate by `kind`. Only the current
// page is ever in the model, so a household with 30 members costs what one member's page costs.
// FormController fills it; an answer refreshes only the rows whose texts or state changed.
#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <vector>

namespace phum::app {

struct FieldRow {
  // text, integer, decimal, select_one, select_multiple, date, datetime, time, note,
  // acknowledge, calculate, geopoint, image; "group" (a heading), "repeat" (a repeat's entries).
  QString kind;
  QString path;  // "member[2]/age": what setAnswer takes
  QString label;
  QString hint;
  QString value;    // the answer as the engine holds it ("a b" for several choices)
  QString problem;  // what is wrong, in the UI language, once it should be shown; else ""
  QString appearance;
  QString note;  // e.g. a reference list that is not on the tablet yet
  QString flag;  // what the reviewer said about this answer ("" when not flagged)
  bool required = false;
  bool readOnly = false;
  // Sealed to the server's key at finalize: the answer exists but the tablet cannot read it.
  bool sealed = false;
  bool relevant = true;
  QVariantList choices;  // [{name, label}] offered now (after choice_filter)
  QVariantMap repeat;    // for "repeat": count, canAdd, canRemove, countNote, entries
  bool operator==(const FieldRow&) const = default;
};

class FormFieldModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("The questions of a page come from FormController.fields")
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  enum Role {
    KindRole = Qt::UserRole + 1,
    PathRole,
    LabelRole,
    HintRole,
    ValueRole,
    ProblemRole,
    AppearanceRole,
    NoteRole,
    RequiredRole,
    ReadOnlyRole,
    RelevantRole,
    ChoicesRole,
    RepeatRole,
    FlagRole,
    SealedRole,
  };

  explicit FormFieldModel(QObject* parent = nullptr);

  int count() const { return static_cast<int>(rows_.size()); }
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Another page: every row anew.
  void reset(std::vector<FieldRow> rows);
  // The same page after an answer: rows compared one by one, dataChanged for what differs.
  // Falls back to reset() when the rows are not the same questions.
  void update(std::vector<FieldRow> rows);
  const std::vector<FieldRow>& rows() const { return rows_; }

  // The row of the question at `path`, or -1 (for "go to the first problem" and tests).
  Q_INVOKABLE int rowOf(const QString& path) const;
  // One row's roles by name (tests, screenshots).
  Q_INVOKABLE QVariantMap get(int row) const;

 signals:
  void countChanged();

 private:
  std::vector<FieldRow> rows_;
};

}  // namespace phum::app
