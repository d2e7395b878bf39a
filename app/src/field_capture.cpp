#include "field_capture.h"

#include <mutex>

namespace phum::app {
namespace {
std::mutex captureMutex;
std::shared_ptr<FieldCapture>& registered() {
  static std::shared_ptr<FieldCapture> capture;
  return capture;
}
}  // namespace

void setFieldCapture(std::shared_ptr<FieldCapture> capture) {
  std::lock_guard lock(captureMutex);
  registered() = std::move(capture);
}

std::shared_ptr<FieldCapture> fieldCapture() {
  std::lock_guard lock(captureMutex);
  return registered();
}

}  // namespace phum::app
