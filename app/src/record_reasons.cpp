#include "record_reasons.h"

#include <QCoreApplication>
#include <array>

namespace phum::app {
namespace {

// Indexed by phum.v1.AckReason (codes are never renumbered).
constexpr std::array<const char*, 9> kRefusals{
    nullptr,
    QT_TRANSLATE_NOOP("RecordReasons",
                      "The record is damaged and cannot be sent. Show it to your supervisor."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "The office does not have this version of the form. Press \"Send now\" to "
                      "receive the forms, or ask your supervisor to publish it; then open the "
                      "record and save it again."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "Some answers do not follow the form's rules. Open the record, correct the "
                      "marked answers and save it again."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "Only the person who made this record can send it. Sign in as that person."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "The record's place is outside your working area. Correct the place, or ask "
                      "your supervisor to widen your area."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "The office holds another record under this number. Ask your supervisor; "
                      "the record stays on this tablet."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "The office has a different copy of this record. Open it and save it again "
                      "to send your version."),
    QT_TRANSLATE_NOOP("RecordReasons",
                      "The record is too large to send. Shorten the long answers, then save it "
                      "again."),
};

}  // namespace

QString refusalText(int reasonCode, const QString& serverText) {
  if (reasonCode <= 0 || reasonCode >= static_cast<int>(kRefusals.size())) return serverText;
  return QCoreApplication::translate("RecordReasons",
                                     kRefusals[static_cast<std::size_t>(reasonCode)]);
}

}  // namespace phum::app
