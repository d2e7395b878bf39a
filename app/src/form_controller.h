#pragma once
// Any compiled form on screen: one FormSession of the shared engine (the code the server
// validates with), cut into pages (form_pages.h), the current page's questions in `fields`, and
// the draft saved as each answer is given (draft_writer.h). No form is known to this class: a
// form downloaded from the feed that adds a question shows it with no app change.
//
// Ways in: startNew(formId) (the newest version on the tablet), openDraft(id) (where it was left,
// with the version it was started with), openForCorrection(recordUuid) (a record returned by a
// reviewer, as a draft that becomes the record's next revision), openReadOnly(recordUuid).
// Ways out: finalize() (only without problems: the record is queued and the draft removed in one
// transaction), close() (the draft stays), deleteDraft().
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantMap>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "draft_writer.h"
#include "form_field_model.h"
#include "form_pages.h"
#include "form_texts.h"
#include "forms/engine/form_session.h"
#include "session.h"

namespace phum::app {

class FormController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(phum::app::FormFieldModel* fields READ fields CONSTANT)
  Q_PROPERTY(bool isOpen READ isOpen NOTIFY openedChanged)
  Q_PROPERTY(QString formId READ formId NOTIFY openedChanged)
  Q_PROPERTY(QString formVersion READ formVersion NOTIFY openedChanged)
  Q_PROPERTY(QString formTitle READ formTitle NOTIFY textsChanged)
  Q_PROPERTY(QString draftId READ draftId NOTIFY openedChanged)
  Q_PROPERTY(QString recordUuid READ recordUuid NOTIFY openedChanged)
  Q_PROPERTY(bool readOnly READ readOnly NOTIFY openedChanged)
  Q_PROPERTY(bool correcting READ correcting NOTIFY openedChanged)
  // Why the form could not be opened (e.g. the draft's form version is gone); "" when it is open.
  Q_PROPERTY(QString openError READ openError NOTIFY openedChanged)
  Q_PROPERTY(int pageNumber READ pageNumber NOTIFY pageChanged)  // 1-based
  Q_PROPERTY(int pageCount READ pageCount NOTIFY pageChanged)    // pages shown now
  Q_PROPERTY(bool onFinishPage READ onFinishPage NOTIFY pageChanged)
  Q_PROPERTY(QString pageKey READ pageKey NOTIFY pageChanged)
  Q_PROPERTY(QString pageTitle READ pageTitle NOTIFY pageChanged)
  Q_PROPERTY(QString pageSubtitle READ pageSubtitle NOTIFY pageChanged)
  // Problems on this page (shown or not yet), in the whole form, and whether this page shows them.
  Q_PROPERTY(int pageProblems READ pageProblems NOTIFY problemsChanged)
  Q_PROPERTY(int problemCount READ problemCount NOTIFY problemsChanged)
  Q_PROPERTY(bool pageChecked READ pageChecked NOTIFY problemsChanged)
  Q_PROPERTY(bool canFinalize READ canFinalize NOTIFY problemsChanged)
  // An answer given is not on disk yet (a write is under way or typing is being coalesced).
  Q_PROPERTY(bool saving READ saving NOTIFY savingChanged)
  Q_PROPERTY(QString saveError READ saveError NOTIFY saveErrorChanged)
  // A record returned for correction (or viewed): the reviewer's decision on the revision opened,
  // their comment, and how many questions they flagged (rows show each flag in `flag`).
  Q_PROPERTY(bool returned READ returned NOTIFY reviewChanged)
  // Rejected by a reviewer for good (reviewComment holds the reason): never offered for correction.
  Q_PROPERTY(bool notAccepted READ notAccepted NOTIFY reviewChanged)
  Q_PROPERTY(QString reviewComment READ reviewComment NOTIFY reviewChanged)
  Q_PROPERTY(QString reviewer READ reviewer NOTIFY reviewChanged)
  Q_PROPERTY(int flagCount READ flagCount NOTIFY reviewChanged)

 public:
  explicit FormController(QObject* parent = nullptr);
  ~FormController() override;

  Session* session() const { return session_; }
  void setSession(Session* session);
  FormFieldModel* fields() { return &fields_; }
  bool isOpen() const { return form_ != nullptr; }
  QString formId() const;
  QString formVersion() const;
  QString formTitle() const;
  QString draftId() const;
  QString recordUuid() const;
  bool readOnly() const { return readOnly_; }
  bool correcting() const { return draft_ && draft_->correctsRevision > 0; }
  QString openError() const { return openError_; }
  int pageNumber() const { return current_ + 1; }
  int pageCount() const { return static_cast<int>(visible_.size()); }
  bool onFinishPage() const { return isOpen() && current_ >= pageCount(); }
  QString pageKey() const;
  QString pageTitle() const;
  QString pageSubtitle() const;
  int pageProblems() const;
  int problemCount() const;
  bool pageChecked() const;
  bool canFinalize() const;
  bool saving() const { return typing_.isActive() || lastWritten_ < lastSubmitted_; }
  QString saveError() const { return saveError_; }
  bool returned() const { return review_.returned; }
  bool notAccepted() const { return review_.notAccepted; }
  QString reviewComment() const { return review_.comment; }
  QString reviewer() const { return review_.reviewer; }
  int flagCount() const { return static_cast<int>(review_.flags.size()); }

  Q_INVOKABLE bool startNew(const QString& formId);
  Q_INVOKABLE bool openDraft(const QString& draftId);
  // Opens (or resumes) the signed-in user's correction draft of a record on this tablet.
  Q_INVOKABLE bool openForCorrection(const QString& recordUuid);
  Q_INVOKABLE bool openReadOnly(const QString& recordUuid);

  // The next page; with problems on this page, the first call shows them and stays.
  Q_INVOKABLE bool next();
  Q_INVOKABLE bool back();
  Q_INVOKABLE void goToPage(int pageNumber);  // 1-based; pageCount() + 1 = the finish page
  // Shows the page of the first problem and asks the view to bring that question into sight.
  Q_INVOKABLE QString goToFirstProblem();
  // Shows the page of the first question the reviewer flagged; "" when none is in the form.
  Q_INVOKABLE QString goToFirstFlag();

  // An answer given (a choice tapped, a field left): written at once.
  Q_INVOKABLE void setAnswer(const QString& path, const QString& value);
  // A keystroke: checked at once, written when typing pauses or the field is left.
  Q_INVOKABLE void typeAnswer(const QString& path, const QString& text);
  Q_INVOKABLE void commitTyping();

  Q_INVOKABLE bool addEntry(const QString& repeatPath);
  Q_INVOKABLE bool removeEntry(const QString& repeatPath, int position);
  Q_INVOKABLE void openEntry(const QString& repeatPath, int position);

  Q_INVOKABLE bool finalize();
  Q_INVOKABLE bool deleteDraft();
  // Leaves the form; the draft stays (everything given is written before this returns).
  Q_INVOKABLE void close();
  // Labels and messages in the language just chosen.
  Q_INVOKABLE void retranslate();

  // Dates and times the pickers offer as "today"/"now", on the clock the engine uses (Cambodia).
  Q_INVOKABLE QString today() const;
  Q_INVOKABLE QString nowTime() const;
  Q_INVOKABLE QString dateTimeText(const QString& date, const QString& time) const;

  // form_controller_photos.cpp: measured and photographed answers.
  // The question's XLSForm parameters as written ("accuracyThreshold=5", "max-pixels=1024").
  Q_INVOKABLE QString parametersOf(const QString& path) const;
  // Scales the picture `sourceFile` for the record, keeps it on the tablet and answers `path`
  // with its name. false (and saveError says why) when the picture cannot be read or written.
  Q_INVOKABLE bool attachPhoto(const QString& path, const QString& sourceFile);
  // The photo `name` of this form as a URL an Image can show; "" when it is not on the tablet.
  Q_INVOKABLE QString photoUrl(const QString& name) const;
  // Whether photo `name` is on this tablet only sealed for the server ("<name>.sealed", made at
  // finalize), so it cannot be shown here. With "" (the answer itself sealed): whether any photo
  // of the record open is.
  Q_INVOKABLE bool photoSealed(const QString& name) const;
  // The upload of photo `name` of the record open: {state: "none" | "waiting" | "sent",
  // confirmed: bytes the server has, size: bytes in all, error: the last problem}.
  Q_INVOKABLE QVariantMap uploadState(const QString& name) const;

  // The record as finalize() would queue it (tests and the later record views).
  phum::v1::Record toRecord() const;
  const forms::engine::FormSession* formSession() const { return form_.get(); }

 signals:
  void sessionChanged();
  void openedChanged();
  void textsChanged();
  void pageChanged();
  // Another page is on screen (not the same page after an answer): views scroll to its top.
  void pageShown();
  void problemsChanged();
  void savingChanged();
  void saveErrorChanged();
  void focusRequested(const QString& path);
  void finalized(const QString& recordUuid);
  void draftDeleted();
  void reviewChanged();

 private:
  // form_controller.cpp: opening, saving, finalizing
  bool open(std::shared_ptr<const forms::engine::FormModel> model,
            const phum::v1::AnswerSet* answers, std::optional<store::Draft> draft);
  bool fail(const QString& message);
  void reset();
  void fillMetadata(bool starting);
  void applyAnswer(const QString& path, const QString& value);
  void saveDraft();
  void onWritten(quint64 sequence);
  void onWriteFailed(quint64 sequence, const QString& error);
  void setSaveError(const QString& error);
  const phum::v1::ChoiceList* externalList(std::string_view choiceFile);
  const forms::engine::CompiledField* fieldAt(const QString& path) const;
  QString photosDir() const;
  // The record's photos described for upload (size, SHA-256 of the file on the tablet); throws
  // StorageError naming a photo that is missing or unreadable.
  std::vector<store::AttachmentInfo> describePhotos(const phum::v1::AnswerSet& answers) const;

  // form_controller_record.cpp: records on the tablet, reviews, where a record is filed
  struct LoadedRecord {
    Uuid uuid;
    phum::v1::Record record;
    std::shared_ptr<const forms::engine::FormModel> model;
  };
  // The signed-in user's record with its form version, or nullopt after fail() saying why.
  std::optional<LoadedRecord> loadRecord(const QString& recordUuid);
  // The latest decision about `revision` is a reviewer's rejection.
  bool rejectedByReview(const Uuid& recordUuid, std::uint32_t revision) const;
  void loadReview(const Uuid& recordUuid, std::uint32_t revision);
  QString flagFor(const std::string& path) const;
  std::string locationCode() const;
  std::string placeOf(const std::string& name) const;

  // form_controller_sealed.cpp: answers sealed to the server's key
  void keepSealed(const phum::v1::Record& record);
  // The record a correction draft revises: its envelope kept, its answers returned (for
  // keepSealedRelevant) when it has sealed answers.
  std::optional<phum::v1::AnswerSet> keepSealedOf(const Uuid& recordUuid);
  void findSealedNames();  // once model_ is set
  // The sealed questions relevant in the record as it was before this correction (`record`: a
  // session of its answers): one the correction makes not relevant is cleared at finalize.
  void keepSealedRelevant(const forms::engine::FormSession& record);
  void keepSealedRelevant(const phum::v1::AnswerSet& record);
  // The slots of sealed questions the correction made not relevant (or whose entry it removed).
  std::set<std::string> sealedMadeNotRelevant() const;
  // The draft's DraftNotes (proto/phum/v1/draft.proto), appended to its answers; and back.
  std::string sealedDraftNotes() const;
  void restoreSealedDraftNotes(const std::string& stored);
  // A sealed question answered or emptied here (`path` of any question; others are ignored):
  // from then on it is the user's, blank until answered, and its slot is replaced.
  void noteSealedEdit(const std::string& path);
  // Entry `position` of the repeat at `repeatPath` (which had `count`) is being removed: the
  // sealed answers of the entries after it would land on the wrong entries, so theirs are
  // replaced (they must be answered again).
  void noteSealedEntriesShifted(const std::string& repeatPath, int position, std::size_t count);
  // A sensitive question of a sealed record with no answer here: its answer is in the envelope.
  bool sealedUnanswered(const std::string& path) const;
  // The form's errors, less the sealed questions that are not missing (see problems()).
  std::vector<forms::engine::FieldError> problems() const;
  // finalize(): the record's envelope kept, extended with the answers given again, or its
  // sensitive answers sealed for the first time.
  void sealForServer(phum::v1::Record& record) const;
  // Photos answering sensitive questions in `answers`, sealed to the server's current key into
  // "<photo>.sealed" files that `photos` then names (form_controller_sealed.cpp). Returns the
  // sealed files and the clear ones; nothing when the tablet has no key yet.
  struct SealedPhotos {
    std::vector<std::string> sealedFiles;  // removed if the record is not stored
    std::vector<std::string> clearFiles;   // removed once it is
  };
  SealedPhotos sealSensitivePhotos(const phum::v1::AnswerSet& answers,
                                   std::vector<store::AttachmentInfo>& photos) const;
  static void removePhotoFiles(const std::vector<std::string>& files);

  // form_controller_pages.cpp: pages, rows, problems
  void recomputeVisible();
  void showPage(int index, bool resetRows = true);
  void refreshRows();
  std::vector<FieldRow> buildRows() const;
  FieldRow questionRow(const FormPage& page, int item) const;
  FieldRow repeatRow(const FormPage& page) const;
  QVariantList choicesOf(const forms::engine::CompiledField& field,
                         const forms::engine::FieldState& state) const;
  std::string countPath(int repeat, const std::string& prefix) const;
  const FormPage* currentPage() const;
  std::vector<forms::engine::FieldError> pageErrors(const FormPage& page) const;
  bool showsProblems(const FormPage& page, const forms::engine::FieldState& state) const;
  int firstPageWithPrefix(const std::string& prefix) const;
  void afterChange();

  Session* session_ = nullptr;
  std::shared_ptr<const forms::engine::FormModel> model_;
  std::unique_ptr<forms::engine::FormSession> form_;
  std::unique_ptr<FormTexts> texts_;
  std::map<std::string, std::unique_ptr<phum::v1::ChoiceList>> externalLists_;
  std::vector<FormPage> pages_;
  std::vector<int> visible_;  // indices into pages_ shown now
  int current_ = 0;           // into visible_; visible_.size() is the finish page
  std::string currentKey_;    // the page shown, by key ("" before the first; kFinishKey)
  std::set<std::string> checkedPages_;
  bool finishChecked_ = false;  // finalize was tried: every problem shows
  FormFieldModel fields_;

  std::optional<store::Draft> draft_;  // nullopt when read-only
  std::unique_ptr<DraftWriter> writer_;
  QTimer typing_;
  QTimer retry_;
  quint64 lastSubmitted_ = 0;
  quint64 lastWritten_ = 0;
  bool readOnly_ = false;
  QString openError_;
  QString saveError_;
  QString viewedRecord_;  // the record open read-only
  // The sealed answers of the record open read-only or corrected, and the form's sensitive
  // question names when there are any.
  std::string sealedEnvelope_;
  std::set<std::string> sealedNames_;
  // The slots the envelope names in clear (v2 boxes); with a v1 box any slot may be sealed.
  std::set<std::string> sealedSlots_;
  std::set<std::string> sealedEmptied_;  // named slots a later box emptied: nothing sealed
  bool sealedSlotsAllKnown_ = false;
  std::set<std::string> sealedEdited_;    // see noteSealedEdit (kept with the draft)
  std::set<std::string> sealedRelevant_;  // see keepSealedRelevant
  struct Review {
    bool returned = false;
    bool notAccepted = false;
    QString comment, reviewer;
    std::map<std::string, QString> flags;  // field path or name -> the reviewer's comment
  } review_;
};

}  // namespace phum::app
