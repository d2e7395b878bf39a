#pragma once
// A small W3C WebDriver client for browser tests: starts Debian's chromedriver on a loopback port
// and drives one headless Chromium session through it (libcurl + nlohmann-json). Enough for the
// console's tests: open a page, find elements by CSS, type, click, read text, wait for a
// condition, run a script, save a screenshot PNG.
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"

namespace phum::tools {

class WebDriver;

// A reference to an element of the current page (stale once the page changes it away).
class WebElement {
 public:
  WebElement(WebDriver& driver, std::string id) : driver_(&driver), id_(std::move(id)) {}
  void click();
  void clear();
  void type(const std::string& text);             // sends the keys to the element
  std::string text();                             // rendered text, as the user sees it
  std::string property(const std::string& name);  // e.g. "value", "checked"
  std::string attribute(const std::string& name);
  bool displayed();
  // Selects the <option> of this <select> whose value is `value`.
  void select(const std::string& value);
  const std::string& id() const { return id_; }

 private:
  WebDriver* driver_;
  std::string id_;
};

struct WebDriverOptions {
  int width = 1280;
  int height = 900;
  std::string language = "en";  // the browser's Accept-Language
  std::chrono::milliseconds defaultTimeout = std::chrono::seconds(10);
};

class WebDriver {
 public:
  // Starts chromedriver and a headless Chromium session. `workDir` holds chromedriver's log and
  // Chromium's profile. Throws naming what failed (missing chromedriver, session refused).
  explicit WebDriver(const std::string& workDir, WebDriverOptions options = {});
  ~WebDriver();  // ends the session, stops chromedriver
  WebDriver(const WebDriver&) = delete;
  WebDriver& operator=(const WebDriver&) = delete;

  void open(const std::string& url);
  std::string currentUrl();
  std::string title();

  // The first element matching `css`; throws naming the selector if there is none.
  WebElement find(const std::string& css);
  std::optional<WebElement> tryFind(const std::string& css);
  std::vector<WebElement> findAll(const std::string& css);

  // Polls `condition` until it is true; throws "timed out waiting for <what>" otherwise.
  // Exceptions from `condition` (an element not there yet) count as false.
  void waitUntil(const std::function<bool()>& condition, const std::string& what,
                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  WebElement waitFor(const std::string& css,
                     std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // Clicks the element matching `css` once it is there and clickable, finding it again if the
  // page re-rendered it in between (a "stale element" under load is a race, not a failure).
  void clickOn(const std::string& css,
               std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // Waits until the element's text contains `text`; returns the whole text.
  std::string waitForText(const std::string& css, const std::string& text,
                          std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  // Runs `script` (a function body; arguments as `arguments[i]`) and returns its value.
  nlohmann::json execute(const std::string& script,
                         const nlohmann::json& args = nlohmann::json::array());
  // Saves the viewport as PNG to `path`; returns the path.
  std::string screenshot(const std::string& path);

  // One WebDriver command; throws with WebDriver's error and message on failure.
  nlohmann::json command(const std::string& method, const std::string& path,
                         const nlohmann::json& body = nullptr);
  const std::string& sessionPath() const { return sessionPath_; }

 private:
  WebDriverOptions options_;
  ChildProcess driver_;
  std::string baseUrl_;
  std::string sessionPath_;  // /session/<id>
};

}  // namespace phum::tools
