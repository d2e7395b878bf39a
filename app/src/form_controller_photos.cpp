// FormController: answers the tablet measures or photographs (geopoint parameters, photos kept
// beside the store and queued for upload with their record).
#include <QDebug>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include "form_controller.h"
#include "photo_file.h"
#include "sync/attachment_uploader.h"

namespace phum::app {
namespace {

namespace v1 = phum::v1;

void collectAttachments(const v1::AnswerSet& answers, std::vector<std::string>& names) {
  for (const auto& answer : answers.answers())
    if (answer.value().kind_case() == v1::Value::kAttachment &&
        !answer.value().attachment().empty())
      names.push_back(answer.value().attachment());
  for (const auto& repeat : answers.repeats())
    for (const auto& instance : repeat.instances()) collectAttachments(instance, names);
}

}  // namespace

const forms::engine::CompiledField* FormController::fieldAt(const QString& path) const {
  if (!model_) return nullptr;
  const std::string key = path.toStdString();
  const auto slash = key.rfind('/');
  std::string name = slash == std::string::npos ? key : key.substr(slash + 1);
  if (const auto bracket = name.find('['); bracket != std::string::npos) name.resize(bracket);
  const int index = model_->indexOf(name);
  return index < 0 ? nullptr : &model_->field(index);
}

QString FormController::photosDir() const {
  if (!session_) return {};
  // Beside the SQLite file, one folder per store: photos belong to this tablet's records.
  const QFileInfo data(session_->dataPath());
  return data.absolutePath() + QLatin1Char('/') + data.completeBaseName() +
         QStringLiteral("-photos");
}

QString FormController::parametersOf(const QString& path) const {
  const auto* field = fieldAt(path);
  return field ? QString::fromStdString(field->def->parameters()) : QString();
}

bool FormController::attachPhoto(const QString& path, const QString& sourceFile) {
  const auto* field = fieldAt(path);
  if (!form_ || readOnly_ || !field || field->def->type() != v1::FIELD_TYPE_IMAGE) return false;
  const QString local =
      sourceFile.startsWith(QLatin1String("file:")) ? QUrl(sourceFile).toLocalFile() : sourceFile;
  // A new name for every photo: a photo taken again never overwrites one already uploaded.
  const QString name = QStringLiteral("photo-%1.jpg")
                           .arg(QString::fromStdString(Uuid::generate().toString()).left(13));
  const QString error =
      storeScaledPhoto(local, photosDir() + QLatin1Char('/') + name,
                       maxPixelsFor(QString::fromStdString(field->def->parameters())),
                       session_->store() ? session_->store()->dataKeyId() : std::string());
  if (!error.isEmpty()) {
    setSaveError(tr("The photo could not be kept: %1").arg(error));
    return false;
  }
  setAnswer(path, name);
  return true;
}

QString FormController::photoUrl(const QString& name) const {
  if (name.isEmpty() || name.contains(QLatin1Char('/'))) return {};
  return photoSourceUrl(photosDir() + QLatin1Char('/') + name);
}

bool FormController::photoSealed(const QString& name) const {
  if (name.contains(QLatin1Char('/'))) return false;
  if (!name.isEmpty()) {
    const QString clear = photosDir() + QLatin1Char('/') + name;
    return !QFileInfo::exists(clear) && QFileInfo::exists(clear + QStringLiteral(".sealed"));
  }
  const auto uuid = Uuid::parse(recordUuid().toStdString());
  if (!uuid || !session_ || !session_->store()) return false;
  try {
    for (const auto& info : session_->store()->attachments(*uuid))
      if (info.localPath.ends_with(".sealed")) return true;
  } catch (const std::exception& error) {
    qWarning().noquote() << "phum-app: cannot read the photos of the record open:" << error.what();
  }
  return false;
}

QVariantMap FormController::uploadState(const QString& name) const {
  QVariantMap state{{QStringLiteral("state"), QStringLiteral("none")}};
  const auto uuid = Uuid::parse(recordUuid().toStdString());
  if (!uuid || !session_ || !session_->store()) return state;
  try {
    for (const auto& info : session_->store()->attachments(*uuid)) {
      if (info.name != name.toStdString()) continue;
      const bool sent = info.state == store::AttachmentUploadState::Confirmed;
      state[QStringLiteral("state")] = sent ? QStringLiteral("sent") : QStringLiteral("waiting");
      state[QStringLiteral("confirmed")] = static_cast<qulonglong>(info.confirmedOffset);
      state[QStringLiteral("size")] = static_cast<qulonglong>(info.size);
      state[QStringLiteral("error")] = QString::fromStdString(info.lastError);
    }
  } catch (const std::exception& error) {
    state[QStringLiteral("error")] = QString::fromUtf8(error.what());
  }
  return state;
}

std::vector<store::AttachmentInfo> FormController::describePhotos(
    const v1::AnswerSet& answers) const {
  std::vector<std::string> names;
  collectAttachments(answers, names);
  std::vector<store::AttachmentInfo> photos;
  for (const auto& name : names) {
    const QString file = photosDir() + QLatin1Char('/') + QString::fromStdString(name);
    photos.push_back(sync::describeAttachmentFile(Uuid{}, name, file.toStdString()));
  }
  return photos;
}

}  // namespace phum::app
