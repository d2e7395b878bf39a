#pragma once
// Error values shared by the core. Messages name what is wrong in words a field worker or admin
// can act on; sync errors also say whether trying again can help.
#include <stdexcept>
#include <string>

namespace phum {

// A local database could not be read or written. Never swallowed: the caller stops and reports.
class StorageError : public std::runtime_error {
 public:
  explicit StorageError(const std::string& message, bool transient = false)
      : std::runtime_error(message), transient_(transient) {}
  explicit StorageError(const char* message) : StorageError(std::string(message)) {}
  // The database was busy or locked, or the connection to it was lost: the same work may well
  // succeed when tried again shortly. Any other storage error is a fault to report.
  bool transient() const { return transient_; }

 private:
  bool transient_ = false;
};

enum class ErrorClass {
  Retryable,  // network down, timeout, 5xx, 429: try again later with backoff
  Permanent,  // 4xx with a reason: trying again unchanged will fail the same way
};

class SyncError : public std::runtime_error {
 public:
  SyncError(ErrorClass errorClass, std::string message, int httpStatus = 0)
      : std::runtime_error(std::move(message)), errorClass_(errorClass), httpStatus_(httpStatus) {}
  ErrorClass errorClass() const { return errorClass_; }
  bool retryable() const { return errorClass_ == ErrorClass::Retryable; }
  int httpStatus() const { return httpStatus_; }

 private:
  ErrorClass errorClass_;
  int httpStatus_;
};

}  // namespace phum
