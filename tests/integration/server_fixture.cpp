#include "server_fixture.h"

#include <curl/curl.h>

#include <random>
#include <stdexcept>

#include "core/uuid.h"

namespace phum::testing {

namespace fs = std::filesystem;

namespace {

std::size_t collectBody(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

std::size_t collectHeader(char* data, std::size_t size, std::size_t count, void* target) {
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}

std::vector<std::string> withFormChecks(std::vector<std::string> args, FormChecks formChecks) {
  if (formChecks == FormChecks::PublishedOnly) {
    args.insert(args.begin(), "--accept-unpublished-forms");
  }
  return args;
}

}  // namespace

TempDir::TempDir() : TempDir(fs::temp_directory_path()) {}

TempDir::TempDir(const fs::path& base) {
  std::random_device random;
  path_ = base / ("phum-server-test-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;  // a leftover temp folder is not worth failing a test over
  fs::remove_all(path_, ignored);
}

ServerProcess::ServerProcess(const std::string& dataDir, std::vector<std::string> extraArgs,
                             FormChecks formChecks)
    : tools::ServerProcess(tools::phumServerBinary(), dataDir,
                           withFormChecks(std::move(extraArgs), formChecks),
                           tools::ServerMode::AsGiven) {
  start();
}

HttpResponse httpRequest(const std::string& method, const std::string& url, const std::string& body,
                         const std::vector<std::string>& headers, long timeoutSeconds) {
  HttpResponse response;
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  curl_slist* list = nullptr;
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue wait in tests
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeoutSeconds);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) response.error = curl_easy_strerror(rc);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return response;
}

AdminResult runAdmin(const std::vector<std::string>& args, const std::string& input) {
  std::string dataDir;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data" && i + 1 < args.size()) {
      dataDir = args[++i];
    } else {
      rest.push_back(args[i]);
    }
  }
  return tools::runAdmin(dataDir, rest, input);
}

phum::v1::Record makeRecord(int n, const std::string& author, const std::string& location) {
  phum::v1::Record record;
  record.set_uuid(Uuid::generate().toBytes());
  record.set_form_id("household_survey");
  record.set_form_version("2026.1");
  record.set_revision(1);
  record.set_created_at_ms(1'790'000'000'000 + n);
  record.set_updated_at_ms(1'790'000'000'000 + n);
  record.set_author(author);
  record.set_device_id("test-device");
  record.set_location_code(location);
  auto* answer = record.mutable_answers()->add_answers();
  answer->set_name("head_name");
  answer->mutable_value()->set_text("Household " + std::to_string(n));
  auto* size = record.mutable_answers()->add_answers();
  size->set_name("household_size");
  size->mutable_value()->set_integer(n % 9 + 1);
  return record;
}

phum::v1::PushBatch makeBatch(int firstRecord, int count, const std::string& author,
                              const std::string& location) {
  phum::v1::PushBatch batch;
  batch.set_batch_id(randomBytes(16));
  batch.set_device_id("test-device");
  for (int i = 0; i < count; ++i)
    *batch.add_records() = makeRecord(firstRecord + i, author, location);
  return batch;
}

std::string randomBytes(std::size_t count) {
  std::random_device random;
  std::string bytes(count, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

int countStoredRecords(const std::string& dataDir) {
  const auto result = runAdmin({"records", "list", "--data", dataDir, "--json"});
  if (result.exitCode != 0)
    throw std::runtime_error("phum-admin records list failed: " + result.err);
  int count = 0;
  for (std::size_t at = result.out.find("\"uuid\""); at != std::string::npos;
       at = result.out.find("\"uuid\"", at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace phum::testing
