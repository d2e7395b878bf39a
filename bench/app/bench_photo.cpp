// bench_photo: what a household record with one photo costs on a 2G link. The same household
// record (tests/tools/household.h, validated by a real phum-server against the mission form) is
// sent with one photo of a document by the real tablet path (LocalStore outbox -> SyncClient with
// its resumable attachment upload -> a byte-counting proxy -> phum-server):
//   - the photo as the app keeps it (photo_file.h: 1600 px on the long side, JPEG quality 80);
//   - baseline: the same photo at the camera's full size (4000x3000, JPEG quality 92).
// Bytes count both directions (requests, answers, headers). Prints one table.
// Usage: bench_photo
#include <QCoreApplication>
#include <QImage>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "bench_table.h"
#include "capture_images.h"
#include "child_process.h"
#include "core/uuid.h"
#include "household.h"
#include "photo_file.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/attachment_uploader.h"
#include "sync/sync_client.h"

namespace {

using phum::tools::TempDir;

struct WireCost {
  std::uint64_t photoBytes = 0;
  std::uint64_t wireBytes = 0;
};

// One household record with `photoPath` attached, sent to the server through the proxy.
WireCost sendWithPhoto(const TempDir& dir, const std::string& name, const std::string& photoPath,
                       phum::tools::FaultProxy& proxy) {
  const std::string storePath = dir.file(name + ".sqlite");
  auto store = phum::store::LocalStore::open(storePath);
  // saveRecord gives the record its uuid (as finalize does on the tablet).
  const phum::v1::Record record = store->saveRecord(phum::tools::makeHouseholdRecord(7));
  const phum::Uuid uuid = *phum::Uuid::fromBytes(record.uuid());
  const auto photo = phum::sync::describeAttachmentFile(uuid, "photo-1.jpg", photoPath);
  store->addAttachment(photo);
  phum::sync::SyncConfig config;
  config.serverUrl = proxy.url();
  config.deviceId = "tab-bench-photo";
  config.connectTimeout = std::chrono::milliseconds(2000);
  config.requestTimeout = std::chrono::milliseconds(60000);
  phum::sync::SyncClient client(*store, config);
  const auto before = proxy.stats();
  std::string lastError;
  for (int round = 0; round < 50; ++round) {
    const auto report = client.syncNow();
    if (report.complete) break;
    lastError = report.error;
  }
  if (!store->recordComplete(uuid))
    throw std::runtime_error("the record with the " + name + " photo was not sent: " + lastError);
  const auto after = proxy.stats();
  return {photo.size, (after.bytesUp - before.bytesUp) + (after.bytesDown - before.bytesDown)};
}

std::string kib(std::uint64_t bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  return text;
}

// Minutes on a 2G (EDGE) link carrying about 100 kbit/s when the signal is good.
std::string edgeMinutes(std::uint64_t bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f min", static_cast<double>(bytes) * 8.0 / 100000.0 / 60.0);
  return text;
}

}  // namespace

int main(int argc, char* argv[]) {
  QCoreApplication app(argc, argv);  // image format plugins
  try {
    TempDir dir("phum-bench-photo");
    const std::string camera = dir.file("camera.jpg");
    const std::string kept = dir.file("kept.jpg");
    if (!phum::testing::cameraPhoto(4000, 3000).save(QString::fromStdString(camera), "JPEG", 92))
      throw std::runtime_error("cannot write the camera photo");
    const QString error =
        phum::app::storeScaledPhoto(QString::fromStdString(camera), QString::fromStdString(kept),
                                    phum::app::kDefaultPhotoPixels);
    if (!error.isEmpty()) throw std::runtime_error(error.toStdString());

    phum::tools::ServerProcess server(phum::tools::phumServerBinary(), dir.file("server"));
    server.start();
    phum::tools::FaultProxy proxy(FAULT_PROXY_BIN, server.port(), dir.file("proxy.log"));
    const WireCost small = sendWithPhoto(dir, "kept", kept, proxy);
    const WireCost full = sendWithPhoto(dir, "full", camera, proxy);

    phum::tools::printBenchTable(
        {{"photo file (1600 px JPEG q80 vs camera 4000x3000 q92)", kib(small.photoBytes),
          kib(full.photoBytes),
          std::to_string(100 * small.photoBytes / full.photoBytes) + "% of the camera's"},
         {"household record + 1 photo on the wire (up + down)", kib(small.wireBytes),
          kib(full.wireBytes),
          std::to_string(100 * small.wireBytes / full.wireBytes) + "% of the camera's"},
         {"time on 2G (EDGE, ~100 kbit/s)", edgeMinutes(small.wireBytes),
          edgeMinutes(full.wireBytes), "-"}});
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_photo: %s\n", error.what());
    return 1;
  }
  return 0;
}
