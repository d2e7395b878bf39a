#pragma once
// Answers the tablet measures instead of the user typing them: a GPS position, a photo. A form
// asks the provider registered here; capturing them is a later piece of work, which plugs its
// provider in with setFieldCapture() at start-up. Until then there is none: a geopoint is typed
// (latitude and longitude) and an image question says that photos come later.
#include <QString>
#include <functional>
#include <memory>

#include "phum/v1/form.pb.h"

namespace phum::app {

class FieldCapture {
 public:
  virtual ~FieldCapture() = default;
  virtual bool supports(phum::v1::FieldType type) const = 0;
  // Called on the UI thread with the answer as the engine writes it ("lat lon alt acc" for a
  // geopoint, the attachment's file name for an image), or with an error for the user.
  using Done = std::function<void(const QString& answer, const QString& error)>;
  // Starts capturing the answer of the question at `path` ("member[2]/photo").
  virtual void capture(phum::v1::FieldType type, const QString& path, Done done) = 0;
};

// The provider forms use; nullptr when there is none.
void setFieldCapture(std::shared_ptr<FieldCapture> capture);
std::shared_ptr<FieldCapture> fieldCapture();

}  // namespace phum::app
