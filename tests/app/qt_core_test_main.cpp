// The main of the app's GoogleTest programs that need a Qt event loop but no screen: the models,
// timers and queued signals of the app run under a QCoreApplication.
#include <gtest/gtest.h>

#include <QCoreApplication>

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
