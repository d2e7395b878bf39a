#pragma once
// Why the server refused a record (phum.v1.AckReason, docs/sync-protocol.md "Reason codes"), said
// in the UI language with what the user can do about it. A code this app does not know shows the
// server's English text.
#include <QString>

namespace phum::app {

QString refusalText(int reasonCode, const QString& serverText);

}  // namespace phum::app
