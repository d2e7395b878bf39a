// FormController and the records on the tablet: opening one read-only or for correction (with the
// reviewer's comment and the questions flagged), and what a finalized record is filed under.
#include <QDateTime>
#include <exception>

#include "core/clock.h"
#include "form_controller.h"
#include "form_library.h"

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;
namespace v1 = phum::v1;

// The answer that becomes Record.location_code when no gazetteer question says more (the quick
// registration's typed NIS code).
constexpr const char* kLocationField = "village_code";
constexpr const char* kGazetteerFile = "gazetteer.csv";

QString text(const std::string& value) { return QString::fromStdString(value); }

// "member[2]/age" -> "member/age": a reviewer may flag a question of every entry.
std::string withoutPositions(const std::string& path) {
  std::string out;
  int depth = 0;
  for (char c : path) {
    if (c == '[') ++depth;
    if (depth == 0) out += c;
    if (c == ']') --depth;
  }
  return out;
}

}  // namespace

std::optional<FormController::LoadedRecord> FormController::loadRecord(const QString& recordUuid) {
  const auto uuid = Uuid::parse(recordUuid.toStdString());
  if (!session_ || !session_->store() || !uuid) {
    fail(tr("This record cannot be found."));
    return std::nullopt;
  }
  std::optional<v1::Record> record;
  try {
    record = session_->store()->findRecord(*uuid);
  } catch (const std::exception& error) {
    fail(tr("Could not read the record: %1").arg(QString::fromUtf8(error.what())));
    return std::nullopt;
  }
  if (!record || record->author() != session_->user().toStdString()) {
    fail(tr("This record cannot be found."));
    return std::nullopt;
  }
  auto model = findForm(session_->store(), record->form_id(), record->form_version());
  if (!model) {
    fail(tr("This record was made with version %1 of the form \"%2\", which is no longer on this "
            "tablet, so it cannot be opened.")
             .arg(text(record->form_version()), text(record->form_id())));
    return std::nullopt;
  }
  return LoadedRecord{*uuid, std::move(*record), std::move(model)};
}

bool FormController::openForCorrection(const QString& recordUuid) {
  close();
  if (session_ && session_->store()) {
    const auto uuid = Uuid::parse(recordUuid.toStdString());
    try {
      if (auto existing =
              uuid ? session_->store()->draftForRecord(*uuid, session_->user().toStdString())
                   : std::nullopt)
        return openDraft(text(existing->id.toString()));
    } catch (const std::exception& error) {
      return fail(tr("Could not read the record: %1").arg(QString::fromUtf8(error.what())));
    }
  }
  auto loaded = loadRecord(recordUuid);
  if (!loaded) return false;
  try {
    if (rejectedByReview(loaded->uuid, loaded->record.revision()))
      return fail(tr("A reviewer rejected this record; it cannot be corrected."));
  } catch (const std::exception& error) {
    return fail(tr("Could not read the record: %1").arg(QString::fromUtf8(error.what())));
  }
  store::Draft draft;
  draft.id = Uuid::generate();
  draft.recordUuid = loaded->uuid;
  draft.correctsRevision = loaded->record.revision();
  draft.formId = loaded->record.form_id();
  draft.formVersion = loaded->record.form_version();
  draft.author = session_->user().toStdString();
  draft.createdAtMs = draft.updatedAtMs = nowMillis();
  keepSealed(loaded->record);
  open(std::move(loaded->model), &loaded->record.answers(), std::move(draft));
  keepSealedRelevant(*form_);  // the session holds the record's answers yet
  loadReview(loaded->uuid, loaded->record.revision());
  saveDraft();
  session_->notifyDraftsChanged();
  return true;
}

bool FormController::openReadOnly(const QString& recordUuid) {
  close();
  auto loaded = loadRecord(recordUuid);
  if (!loaded) return false;
  viewedRecord_ = QString::fromStdString(loaded->uuid.toString());  // before the rows are made
  keepSealed(loaded->record);
  open(std::move(loaded->model), &loaded->record.answers(), std::nullopt);
  loadReview(loaded->uuid, loaded->record.revision());
  return true;
}

bool FormController::rejectedByReview(const Uuid& recordUuid, std::uint32_t revision) const {
  bool rejected = false;
  for (const auto& decision : session_->store()->reviewDecisions(recordUuid)) {
    if (decision.revision() != revision || decision.outcome() == v1::REVIEW_OUTCOME_COMMENT)
      continue;
    rejected = decision.outcome() == v1::REVIEW_OUTCOME_REJECTED;
  }
  return rejected;
}

void FormController::loadReview(const Uuid& recordUuid, std::uint32_t revision) {
  review_ = {};
  try {
    for (const auto& decision : session_->store()->reviewDecisions(recordUuid)) {
      if (decision.revision() != revision) continue;
      const QString comment = text(decision.comment());
      const bool rejected = decision.outcome() == v1::REVIEW_OUTCOME_REJECTED;
      if (decision.outcome() == v1::REVIEW_OUTCOME_RETURNED || rejected) {
        review_.returned = !rejected;
        review_.notAccepted = rejected;
        review_.comment = comment;
        review_.reviewer = text(decision.reviewer());
      }
      if (!decision.field().empty()) {
        QString& flag = review_.flags[decision.field()];
        flag = flag.isEmpty() ? comment : flag + QStringLiteral("\n") + comment;
      }
    }
  } catch (const std::exception& error) {
    // The record still opens; the user is told that the reviewer's notes could not be read.
    review_.comment =
        tr("The reviewer's notes could not be read: %1").arg(QString::fromUtf8(error.what()));
  }
  refreshRows();
  emit reviewChanged();
}

QString FormController::flagFor(const std::string& path) const {
  if (review_.flags.empty()) return {};
  for (const std::string& key :
       {path, withoutPositions(path),
        path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1)}) {
    if (auto found = review_.flags.find(key); found != review_.flags.end())
      return found->second.isEmpty() ? tr("The reviewer asks you to check this answer.")
                                     : found->second;
  }
  return {};
}

QString FormController::goToFirstFlag() {
  if (!form_) return {};
  commitTyping();
  for (int shown = 0; shown < pageCount(); ++shown) {
    const FormPage& page =
        pages_[static_cast<std::size_t>(visible_[static_cast<std::size_t>(shown)])];
    for (int item : page.items) {
      const std::string path = page.path(*model_, item);
      if (flagFor(path).isEmpty()) continue;
      showPage(shown);
      emit focusRequested(text(path));
      return text(path);
    }
  }
  return {};
}

std::string FormController::locationCode() const {
  const std::string& named = model_->definition().location_field();
  if (!named.empty()) {
    if (std::string place = placeOf(named); !place.empty()) return place;
  }
  // The most precise gazetteer answer (village before commune before district), else the code
  // the form asks for directly.
  std::string best;
  for (int index : model_->fieldsInScope(-1)) {
    const auto& field = model_->field(index);
    if (field.def->choice_file() != kGazetteerFile) continue;
    const auto& state = form_->state(field.name());
    if (state.relevant && state.valid && state.value.size() > best.size()) best = state.value;
  }
  const int typed = model_->indexOf(kLocationField);
  if (best.empty() && typed >= 0 && model_->field(typed).repeat < 0) {
    const auto& state = form_->state(kLocationField);
    if (state.relevant && state.valid) best = state.value;
  }
  return best;
}

// The form's location_field answer as a place code: a gazetteer code as it is; a row of another
// reference list (a crossing point, an agency) by its district, else its province.
std::string FormController::placeOf(const std::string& name) const {
  const int index = model_->indexOf(name);
  if (index < 0) return {};
  const auto& state = form_->state(name);
  if (!state.relevant || !state.valid || state.value.empty()) return {};
  const std::string& file = model_->field(index).def->choice_file();
  if (file.empty() || file == kGazetteerFile) return state.value;
  const auto* list = const_cast<FormController*>(this)->externalList(file);
  if (!list) return {};
  for (const auto& choice : list->choices()) {
    if (choice.name() != state.value) continue;
    for (const char* column : {"district", "province"}) {
      if (auto found = choice.columns().find(column);
          found != choice.columns().end() && !found->second.empty())
        return found->second;
    }
  }
  return {};
}

}  // namespace phum::app
