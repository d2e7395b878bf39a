// FormController: opening a form, a draft or a record; saving the draft as answers are given;
// finalizing it into a queued record.
#include "form_controller.h"

#include <QDateTime>
#include <QDebug>
#include <QPointer>
#include <cstdlib>
#include <exception>

#include "core/clock.h"
#include "form_library.h"
#include "forms/engine/answer_codec.h"
#include "forms/engine/reference_choices.h"
#include "khmer_digits.h"
#include "language.h"

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;
namespace v1 = phum::v1;

// The clock the engine judges today() and now() by (Cambodia); pickers and metadata follow it,
// so "today" on screen is the day the server checks "not in the future" against.
const int kUtcOffsetMinutes = engine::SessionOptions{}.utcOffsetMinutes;

QDateTime engineNow() {
  return QDateTime::currentDateTimeUtc().toOffsetFromUtc(kUtcOffsetMinutes * 60);
}

bool isNumeric(v1::FieldType type) {
  return type == v1::FIELD_TYPE_INTEGER || type == v1::FIELD_TYPE_DECIMAL ||
         type == v1::FIELD_TYPE_RANGE;
}

}  // namespace

FormController::FormController(QObject* parent) : QObject(parent), fields_(this) {
  // Keystrokes are coalesced; a pause this long writes what was typed.
  typing_.setSingleShot(true);
  typing_.setInterval(400);
  connect(&typing_, &QTimer::timeout, this, &FormController::saveDraft);
  retry_.setSingleShot(true);
  retry_.setInterval(3000);
  connect(&retry_, &QTimer::timeout, this, &FormController::saveDraft);
}

FormController::~FormController() { close(); }

void FormController::setSession(Session* session) {
  if (session == session_) return;
  close();
  session_ = session;
  emit sessionChanged();
}

QString FormController::formId() const {
  return draft_   ? QString::fromStdString(draft_->formId)
         : model_ ? QString::fromStdString(model_->definition().form_id())
                  : QString();
}

QString FormController::formVersion() const {
  return draft_   ? QString::fromStdString(draft_->formVersion)
         : model_ ? QString::fromStdString(model_->definition().version())
                  : QString();
}

QString FormController::formTitle() const { return texts_ ? texts_->formTitle() : QString(); }

QString FormController::draftId() const {
  return draft_ ? QString::fromStdString(draft_->id.toString()) : QString();
}

QString FormController::recordUuid() const {
  return draft_ ? QString::fromStdString(draft_->recordUuid.toString()) : viewedRecord_;
}

bool FormController::fail(const QString& message) {
  openError_ = message;
  emit openedChanged();
  return false;
}

void FormController::reset() {
  typing_.stop();
  retry_.stop();
  writer_.reset();  // writes what is pending first
  fields_.reset({});
  form_.reset();  // before the lists its choices point into
  externalLists_.clear();
  texts_.reset();
  model_.reset();
  draft_.reset();
  pages_.clear();
  visible_.clear();
  current_ = 0;
  currentKey_.clear();
  checkedPages_.clear();
  finishChecked_ = false;
  readOnly_ = false;
  lastSubmitted_ = lastWritten_ = 0;
  review_ = {};
  viewedRecord_.clear();
  sealedEnvelope_.clear();
  sealedNames_.clear();
  sealedSlots_.clear();
  sealedEmptied_.clear();
  sealedEdited_.clear();
  sealedRelevant_.clear();
  openError_.clear();
  setSaveError({});
}

bool FormController::open(std::shared_ptr<const engine::FormModel> model,
                          const v1::AnswerSet* answers, std::optional<store::Draft> draft) {
  model_ = std::move(model);
  draft_ = std::move(draft);
  readOnly_ = !draft_;
  engine::SessionOptions options;
  options.language = Language::current().toStdString();
  options.externalChoices = [this](std::string_view file) { return externalList(file); };
  form_ = std::make_unique<engine::FormSession>(model_, options);
  if (answers) {
    form_->load(*answers);
    for (const auto& problem : form_->loadErrors())
      qWarning().noquote() << "phum-app: answer" << QString::fromStdString(problem.field)
                           << "does not fit the form:" << QString::fromStdString(problem.message);
  }
  texts_ = std::make_unique<FormTexts>(*model_, options.language);
  findSealedNames();
  if (draft_) {
    writer_ = std::make_unique<DraftWriter>(session_->dataPath().toStdString());
    connect(writer_.get(), &DraftWriter::written, this, &FormController::onWritten);
    connect(writer_.get(), &DraftWriter::failed, this, &FormController::onWriteFailed);
  }
  const std::string page = draft_ ? draft_->page : std::string();
  pages_ = buildPages(*model_, *form_);
  recomputeVisible();
  int index = 0;
  for (std::size_t i = 0; i < visible_.size(); ++i) {
    if (pages_[static_cast<std::size_t>(visible_[i])].key == page) index = static_cast<int>(i);
  }
  emit openedChanged();
  emit textsChanged();
  showPage(index);
  return true;
}

bool FormController::startNew(const QString& formId) {
  close();
  if (!session_ || !session_->store())
    return fail(
        tr("The tablet's storage is not open, so nothing can be saved. Ask your "
           "supervisor."));
  std::shared_ptr<const engine::FormModel> model;
  try {
    model = newestForm(session_->store(), formId.toStdString());
  } catch (const std::exception& error) {
    return fail(tr("The form %1 cannot be used on this tablet: %2")
                    .arg(formId, QString::fromUtf8(error.what())));
  }
  if (!model)
    return fail(tr("The form %1 is not on this tablet. Press \"Send now\" when there is a "
                   "connection to download the forms.")
                    .arg(formId));
  store::Draft draft;
  draft.id = Uuid::generate();
  draft.recordUuid = Uuid::generate();
  draft.formId = model->definition().form_id();
  draft.formVersion = model->definition().version();
  draft.author = session_->user().toStdString();
  draft.createdAtMs = draft.updatedAtMs = nowMillis();
  open(std::move(model), nullptr, std::move(draft));
  fillMetadata(true);
  afterChange();
  saveDraft();  // a draft exists from the first moment
  session_->notifyDraftsChanged();
  return true;
}

bool FormController::openDraft(const QString& draftId) {
  close();
  const auto id = Uuid::parse(draftId.toStdString());
  if (!session_ || !session_->store() || !id) return fail(tr("This draft cannot be found."));
  std::optional<store::Draft> draft;
  try {
    draft = session_->store()->findDraft(*id);
  } catch (const std::exception& error) {
    return fail(tr("Could not read the draft: %1").arg(QString::fromUtf8(error.what())));
  }
  if (!draft || draft->author != session_->user().toStdString())
    return fail(tr("This draft cannot be found."));
  v1::AnswerSet answers;
  if (!answers.ParseFromString(draft->answers))
    return fail(tr("This draft is damaged and cannot be opened. You can delete it."));
  std::shared_ptr<const engine::FormModel> model;
  try {
    model = findForm(session_->store(), draft->formId, draft->formVersion);
  } catch (const std::exception& error) {
    model.reset();
    qWarning().noquote() << "phum-app: form" << QString::fromStdString(draft->formId)
                         << "cannot be evaluated:" << error.what();
  }
  if (!model) {
    // Kept so that deleteDraft() works: the user may remove a draft that cannot be opened.
    draft_ = std::move(draft);
    return fail(tr("This draft was started with version %1 of the form \"%2\", which is no longer "
                   "on this tablet, so it cannot be opened. You can delete it.")
                    .arg(QString::fromStdString(draft_->formVersion),
                         QString::fromStdString(draft_->formId)));
  }
  std::optional<v1::AnswerSet> corrected;
  if (draft->correctsRevision > 0) corrected = keepSealedOf(draft->recordUuid);
  restoreSealedDraftNotes(draft->answers);  // before the rows say which answers are sealed

  const std::uint32_t corrects = draft->correctsRevision;
  const Uuid recordUuid = draft->recordUuid;
  open(std::move(model), &answers, std::move(draft));
  if (corrected) keepSealedRelevant(*corrected);
  if (corrects > 0) loadReview(recordUuid, corrects);
  return true;
}

void FormController::fillMetadata(bool starting) {
  const QDateTime now = engineNow();
  const std::string stamp = now.toString(Qt::ISODateWithMs).toStdString();
  for (int index : model_->fieldsInScope(-1)) {
    const auto& field = model_->field(index);
    std::string value;
    switch (field.def->type()) {
      case v1::FIELD_TYPE_START:
        value = starting ? stamp : "";
        break;
      case v1::FIELD_TYPE_END:
        value = starting ? "" : stamp;
        break;
      case v1::FIELD_TYPE_TODAY:
        value = starting ? now.date().toString(Qt::ISODate).toStdString() : "";
        break;
      case v1::FIELD_TYPE_DEVICEID:
        value = starting ? session_->deviceId().toStdString() : "";
        break;
      case v1::FIELD_TYPE_USERNAME:
        value = starting ? session_->user().toStdString() : "";
        break;
      default:
        break;
    }
    if (!value.empty()) form_->setAnswer(field.name(), value);
  }
}

void FormController::applyAnswer(const QString& path, const QString& value) {
  if (!form_ || readOnly_) return;
  const std::string key = path.toStdString();
  const auto slash = key.rfind('/');
  const int index = model_->indexOf(slash == std::string::npos ? key : key.substr(slash + 1));
  if (index < 0) {
    qWarning().noquote() << "phum-app: form" << formId() << "has no field" << path;
    return;
  }
  const auto& def = *model_->field(index).def;
  QString text = value.trimmed();
  // Khmer digits wherever a number or a code is typed on the number pad.
  if (isNumeric(def.type()) || def.type() == v1::FIELD_TYPE_GEOPOINT ||
      def.appearance().find("numbers") != std::string::npos)
    text = toAsciiDigits(text);
  try {
    form_->setAnswer(key, text.toStdString());
  } catch (const std::invalid_argument& error) {
    qWarning().noquote() << "phum-app: cannot answer" << path << ":" << error.what();
    return;
  }
  noteSealedEdit(key);
  afterChange();
}

void FormController::setAnswer(const QString& path, const QString& value) {
  applyAnswer(path, value);
  saveDraft();
}

void FormController::typeAnswer(const QString& path, const QString& text) {
  applyAnswer(path, text);
  if (!draft_) return;
  typing_.start();
  emit savingChanged();
}

void FormController::commitTyping() {
  if (typing_.isActive()) saveDraft();
}

void FormController::saveDraft() {
  if (!draft_ || !form_ || !writer_) return;
  typing_.stop();
  // Hidden answers come back; so does what the correction did to sealed answers.
  draft_->answers = form_->answers(false).SerializeAsString() + sealedDraftNotes();
  draft_->page = currentKey_;
  draft_->updatedAtMs = nowMillis();
  lastSubmitted_ = writer_->submit(*draft_);
  emit savingChanged();
}

void FormController::onWritten(quint64 sequence) {
  lastWritten_ = std::max<quint64>(lastWritten_, sequence);
  if (lastWritten_ >= lastSubmitted_) setSaveError({});
  emit savingChanged();
}

void FormController::onWriteFailed(quint64, const QString& error) {
  setSaveError(tr("The answers could not be saved on this tablet: %1").arg(error));
  retry_.start();
}

void FormController::setSaveError(const QString& error) {
  if (error == saveError_) return;
  saveError_ = error;
  emit saveErrorChanged();
}

const v1::ChoiceList* FormController::externalList(std::string_view choiceFile) {
  const std::string dataset = engine::datasetForChoiceFile(choiceFile);
  auto found = externalLists_.find(dataset);
  if (found != externalLists_.end()) return found->second.get();
  std::unique_ptr<v1::ChoiceList> list;
  try {
    if (session_ && session_->store()) {
      const auto rows = session_->store()->referenceRows(dataset);
      if (!rows.empty())
        list = std::make_unique<v1::ChoiceList>(engine::referenceChoiceList(dataset, rows));
    }
  } catch (const std::exception& error) {
    qWarning().noquote() << "phum-app: cannot read the reference list"
                         << QString::fromStdString(dataset) << ":" << error.what();
  }
  return externalLists_.emplace(dataset, std::move(list)).first->second.get();
}

v1::Record FormController::toRecord() const {
  v1::Record record;
  if (!form_) return record;
  record.set_form_id(model_->definition().form_id());
  record.set_form_version(model_->definition().version());
  if (draft_) {
    record.set_uuid(draft_->recordUuid.toBytes());
    record.set_author(draft_->author);
    if (draft_->correctsRevision == 0) record.set_created_at_ms(draft_->createdAtMs);
  }
  if (session_) record.set_device_id(session_->deviceId().toStdString());
  record.set_location_code(locationCode());
  // The engine's answer codec: exactly the wire values the server's validator decodes.
  *record.mutable_answers() = form_->answers(true);
  return record;
}

bool FormController::finalize() {
  if (!form_ || !draft_) return false;
  commitTyping();
  fillMetadata(false);
  afterChange();
  if (!problems().empty()) {
    finishChecked_ = true;
    refreshRows();
    emit problemsChanged();
    return false;
  }
  v1::Record record = toRecord();
  std::vector<store::AttachmentInfo> photos;
  try {
    photos = describePhotos(record.answers());
  } catch (const std::exception& error) {
    setSaveError(tr("A photo of this form cannot be read: %1. Take it again.")
                     .arg(QString::fromUtf8(error.what())));
    return false;
  }
  SealedPhotos sealedPhotos;
  try {
    // Sensitive answers and their photos sealed to the server's key (shared/sealing): from here
    // on not even this tablet can read them. Before the store, which encrypts the rest at rest.
    sealedPhotos = sealSensitivePhotos(record.answers(), photos);
    sealForServer(record);
  } catch (const std::exception& error) {
    removePhotoFiles(sealedPhotos.sealedFiles);
    setSaveError(tr("Could not save on this tablet: %1").arg(QString::fromUtf8(error.what())));
    return false;
  }
  writer_->discard(draft_->id);  // no late draft write may bring the draft back
  QString uuid;
  try {
    // The record, its photos' rows and the draft's removal in one transaction.
    const auto stored = session_->store()->finalizeDraft(draft_->id, record, form_->instanceName(),
                                                         std::move(photos));
    uuid = QString::fromStdString(Uuid::fromBytes(stored.uuid())->toString());
  } catch (const std::exception& error) {
    // The answers and photos stay in the draft; the user can try again.
    removePhotoFiles(sealedPhotos.sealedFiles);
    setSaveError(tr("Could not save on this tablet: %1").arg(QString::fromUtf8(error.what())));
    saveDraft();
    return false;
  }
  removePhotoFiles(sealedPhotos.clearFiles);  // the record names only the sealed ones now
  reset();
  emit openedChanged();
  session_->notifyRecordsChanged();
  session_->notifyRecordSaved();
  session_->notifyDraftsChanged();
  emit finalized(uuid);
  return true;
}

bool FormController::deleteDraft() {
  if (!draft_ || !session_ || !session_->store()) return false;
  if (writer_) writer_->discard(draft_->id);
  try {
    session_->store()->deleteDraft(draft_->id);
  } catch (const std::exception& error) {
    setSaveError(tr("Could not delete the draft: %1").arg(QString::fromUtf8(error.what())));
    return false;
  }
  reset();
  emit openedChanged();
  session_->notifyDraftsChanged();
  emit draftDeleted();
  return true;
}

void FormController::close() {
  if (!form_ && !draft_ && openError_.isEmpty()) return;
  commitTyping();
  const bool hadDraft = draft_.has_value();
  if (writer_) writer_->flush();
  reset();
  emit openedChanged();
  if (hadDraft && session_) session_->notifyDraftsChanged();
}

void FormController::retranslate() {
  if (!model_) return;
  texts_ = std::make_unique<FormTexts>(*model_, Language::current().toStdString());
  emit textsChanged();
  refreshRows();
  emit pageChanged();
}

QString FormController::today() const { return engineNow().date().toString(Qt::ISODate); }

QString FormController::nowTime() const {
  return engineNow().time().toString(QStringLiteral("HH:mm"));
}

QString FormController::dateTimeText(const QString& date, const QString& time) const {
  // "2026-11-28T08:30:00+07:00": the picked wall-clock time on the engine's clock.
  const int offset = std::abs(kUtcOffsetMinutes);
  return QStringLiteral("%1T%2:00%3%4:%5")
      .arg(date, time, kUtcOffsetMinutes < 0 ? QStringLiteral("-") : QStringLiteral("+"))
      .arg(offset / 60, 2, 10, QLatin1Char('0'))
      .arg(offset % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace phum::app
