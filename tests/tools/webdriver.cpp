#include "webdriver.h"

#include <curl/curl.h>

#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace phum::tools {

namespace {

using nlohmann::json;

constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

struct HttpAnswer {
  long status = 0;
  std::string body;
};

HttpAnswer httpCall(const std::string& method, const std::string& url, const std::string& body) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::runtime_error("webdriver: curl_easy_init failed");
  HttpAnswer answer;
  char error[CURL_ERROR_SIZE] = {};
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 120L);  // a session start may take a while
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer.body);
  if (method == "POST") {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  const CURLcode code = curl_easy_perform(curl.get());
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    throw std::runtime_error("webdriver: " + method + " " + url + " failed: " + error);
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

// Standard base64 (WebDriver screenshots), ignoring anything that is not in the alphabet.
std::string decodeBase64(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto index = kAlphabet.find(c);
    if (index == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

WebDriver::WebDriver(const std::string& workDir, WebDriverOptions options)
    : options_(std::move(options)) {
  driver_ =
      ChildProcess::start({"/usr/bin/chromedriver", "--port=0"}, workDir + "/chromedriver.log");
  const std::string port = driver_.waitForLine("ChromeDriver was started successfully on port ");
  baseUrl_ = "http://127.0.0.1:" + port.substr(0, port.find('.'));
  const json chromeOptions = {
      {"binary", "/usr/bin/chromium"},
      {"args",
       {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-extensions",
        "--user-data-dir=" + workDir + "/chromium-profile",
        "--window-size=" + std::to_string(options_.width) + "," + std::to_string(options_.height),
        "--lang=" + options_.language}},
      {"prefs",
       {{"intl.accept_languages", options_.language},
        {"download.default_directory", workDir + "/downloads"}}}};
  const json capabilities = {
      {"capabilities",
       {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", chromeOptions}}}}}};
  const json session = command("POST", "/session", capabilities);
  sessionPath_ = "/session/" + session.at("sessionId").get<std::string>();
}

WebDriver::~WebDriver() {
  try {
    if (!sessionPath_.empty()) httpCall("DELETE", baseUrl_ + sessionPath_, "");
  } catch (...) {
    // The browser is gone already; chromedriver is killed below either way.
  }
  driver_.signal(SIGTERM);
  driver_.wait();
}

json WebDriver::command(const std::string& method, const std::string& path, const json& body) {
  const std::string payload = method == "POST" ? (body.is_null() ? "{}" : body.dump()) : "";
  const auto answer = httpCall(method, baseUrl_ + path, payload);
  json reply = json::parse(answer.body, nullptr, false);
  if (reply.is_discarded()) {
    throw std::runtime_error("webdriver: " + method + " " + path + " answered " +
                             std::to_string(answer.status) + " with no JSON: " + answer.body);
  }
  json value = reply.contains("value") ? reply["value"] : json();
  if (answer.status != 200) {
    std::string error = value.is_object() ? value.value("error", "") : "";
    std::string message = value.is_object() ? value.value("message", "") : answer.body;
    throw std::runtime_error("webdriver: " + method + " " + path + ": " + error + ": " +
                             message.substr(0, message.find('\n')));
  }
  return value;
}

void WebDriver::open(const std::string& url) {
  command("POST", sessionPath_ + "/url", {{"url", url}});
}

std::string WebDriver::currentUrl() {
  return command("GET", sessionPath_ + "/url").get<std::string>();
}
std::string WebDriver::title() {
  return command("GET", sessionPath_ + "/title").get<std::string>();
}

std::optional<WebElement> WebDriver::tryFind(const std::string& css) {
  const json found =
      command("POST", sessionPath_ + "/elements", {{"using", "css selector"}, {"value", css}});
  if (found.empty()) return std::nullopt;
  return WebElement(*this, found[0].at(kElementKey).get<std::string>());
}

WebElement WebDriver::find(const std::string& css) {
  auto element = tryFind(css);
  if (!element) throw std::runtime_error("webdriver: no element matches '" + css + "'");
  return *element;
}

std::vector<WebElement> WebDriver::findAll(const std::string& css) {
  const json found =
      command("POST", sessionPath_ + "/elements", {{"using", "css selector"}, {"value", css}});
  std::vector<WebElement> elements;
  for (const auto& item : found)
    elements.emplace_back(*this, item.at(kElementKey).get<std::string>());
  return elements;
}

void WebDriver::waitUntil(const std::function<bool()>& condition, const std::string& what,
                          std::optional<std::chrono::milliseconds> timeout) {
  const auto deadline =
      std::chrono::steady_clock::now() + timeout.value_or(options_.defaultTimeout);
  std::string lastError;
  while (true) {
    try {
      if (condition()) return;
    } catch (const std::exception& e) {
      lastError = e.what();
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("webdriver: timed out waiting for " + what +
                               (lastError.empty() ? "" : " (last error: " + lastError + ")"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void WebDriver::clickOn(const std::string& css, std::optional<std::chrono::milliseconds> timeout) {
  // The click is the last step, so a retry never clicks twice.
  waitUntil(
      [&] {
        find(css).click();
        return true;
      },
      "a click on '" + css + "'", timeout);
}

WebElement WebDriver::waitFor(const std::string& css,
                              std::optional<std::chrono::milliseconds> timeout) {
  std::optional<WebElement> element;
  waitUntil([&] { return (element = tryFind(css)) && element->displayed(); },
            "a visible element matching '" + css + "'", timeout);
  return *element;
}

std::string WebDriver::waitForText(const std::string& css, const std::string& text,
                                   std::optional<std::chrono::milliseconds> timeout) {
  std::string seen;
  waitUntil(
      [&] {
        auto element = tryFind(css);
        seen = element ? element->text() : "";
        return seen.find(text) != std::string::npos;
      },
      "'" + css + "' to contain '" + text + "'", timeout);
  return seen;
}

json WebDriver::execute(const std::string& script, const json& args) {
  return command("POST", sessionPath_ + "/execute/sync", {{"script", script}, {"args", args}});
}

std::string WebDriver::screenshot(const std::string& path) {
  const std::string png =
      decodeBase64(command("GET", sessionPath_ + "/screenshot").get<std::string>());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(png.data(), static_cast<std::streamsize>(png.size()));
  if (!out.flush()) throw std::runtime_error("webdriver: could not write the screenshot " + path);
  return path;
}

void WebElement::click() {
  driver_->command("POST", driver_->sessionPath() + "/element/" + id_ + "/click", json::object());
}
void WebElement::clear() {
  driver_->command("POST", driver_->sessionPath() + "/element/" + id_ + "/clear", json::object());
}

void WebElement::type(const std::string& text) {
  driver_->command("POST", driver_->sessionPath() + "/element/" + id_ + "/value", {{"text", text}});
}

std::string WebElement::text() {
  return driver_->command("GET", driver_->sessionPath() + "/element/" + id_ + "/text")
      .get<std::string>();
}

std::string WebElement::property(const std::string& name) {
  const json value =
      driver_->command("GET", driver_->sessionPath() + "/element/" + id_ + "/property/" + name);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string WebElement::attribute(const std::string& name) {
  const json value =
      driver_->command("GET", driver_->sessionPath() + "/element/" + id_ + "/attribute/" + name);
  return value.is_string() ? value.get<std::string>() : "";
}

bool WebElement::displayed() {
  return driver_->command("GET", driver_->sessionPath() + "/element/" + id_ + "/displayed")
      .get<bool>();
}

void WebElement::select(const std::string& value) {
  const json element = {{kElementKey, id_}};
  const json changed = driver_->execute(
      "const s = arguments[0]; if (![...s.options].some(o => o.value === arguments[1])) return "
      "false;"
      "s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true})); return true;",
      json::array({element, value}));
  if (!changed.get<bool>())
    throw std::runtime_error("webdriver: the select has no option '" + value + "'");
}

}  // namespace phum::tools
