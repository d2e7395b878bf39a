#include "server_fixture.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/uuid.h"

namespace phum::testing {

namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// fork + exec with stdin/stdout/stderr redirected to the given descriptors (-1: inherit).
pid_t spawn(const std::string& program, const std::vector<std::string>& args, int in, int out,
            int err) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (in >= 0) dup2(in, 0);
    if (out >= 0) dup2(out, 1);
    if (err >= 0) dup2(err, 2);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int exitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

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
                             FormChecks formChecks) {
  logPath_ = dataDir + ".server.log";
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  const int logFd = open(logPath_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<std::string> args = {"--listen", "127.0.0.1:0", "--data", dataDir};
  if (formChecks == FormChecks::PublishedOnly) args.push_back("--accept-unpublished-forms");
  args.insert(args.end(), extraArgs.begin(), extraArgs.end());
  pid_ = spawn(PHUM_SERVER_BIN, args, -1, out[1], logFd);
  close(out[1]);
  close(logFd);
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd fd{out[0], POLLIN, 0};
    if (poll(&fd, 1, 200) <= 0) continue;
    char buffer[256];
    const ssize_t got = read(out[0], buffer, sizeof(buffer));
    if (got <= 0) break;
    line.append(buffer, static_cast<std::size_t>(got));
  }
  close(out[0]);
  const std::string prefix = "listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) {
    killHard();
    throw std::runtime_error("phum-server did not start: '" + line + "'\n" + log());
  }
  port_ = static_cast<unsigned short>(std::stoi(line.substr(prefix.size())));
  url_ = "http://127.0.0.1:" + std::to_string(port_);
}

ServerProcess::~ServerProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  killHard();
}

void ServerProcess::sendSignal(int signal) const { kill(pid_, signal); }

int ServerProcess::waitForExit() {
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) return -1;
  pid_ = -1;
  return exitCodeOf(status);
}

void ServerProcess::killHard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const { return readFile(logPath_); }

HttpResponse httpRequest(const std::string& method, const std::string& url, const std::string& body,
                         const std::vector<std::string>& headers) {
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
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) response.error = curl_easy_strerror(rc);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return response;
}

AdminResult runAdmin(const std::vector<std::string>& args, const std::string& input) {
  TempDir dir;
  const std::string inPath = (dir.path() / "in").string();
  const std::string outPath = (dir.path() / "out").string();
  const std::string errPath = (dir.path() / "err").string();
  std::ofstream(inPath, std::ios::binary) << input;
  const int in = open(inPath.c_str(), O_RDONLY);
  const int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const pid_t pid = spawn(PHUM_ADMIN_BIN, args, in, out, err);
  close(in);
  close(out);
  close(err);
  int status = 0;
  waitpid(pid, &status, 0);
  return AdminResult{exitCodeOf(status), readFile(outPath), readFile(errPath)};
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
