#include "services/enrollment_qr.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace phum::server {
namespace {

constexpr int kQuietZone = 2;  // modules of light margin around the symbol

// Modules as booleans (true = dark), with the quiet zone added on every side.
std::vector<std::vector<bool>> encode(const std::string& payload) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) throw std::runtime_error("could not make a QR code for the enrolment code");
  const int side = qr->width + 2 * kQuietZone;
  std::vector<std::vector<bool>> grid(side, std::vector<bool>(side, false));
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      grid[y + kQuietZone][x + kQuietZone] = (qr->data[y * qr->width + x] & 1) != 0;
    }
  }
  return grid;
}

}  // namespace

std::string enrollmentPayload(const std::string& code, const std::string& serverUrl,
                              const std::string& keyPin) {
  std::string payload = "phum:enroll?code=" + code;
  if (!serverUrl.empty()) payload += "&server=" + serverUrl;
  if (!keyPin.empty()) {
    payload += "&pin=";
    for (const char c : keyPin) {  // base64's '+', '/' and '=' mean other things in a query
      if (c == '+')
        payload += "%2B";
      else if (c == '/')
        payload += "%2F";
      else if (c == '=')
        payload += "%3D";
      else
        payload += c;
    }
  }
  return payload;
}

std::string renderQrText(const std::string& payload) {
  const auto grid = encode(payload);
  const std::size_t side = grid.size();
  std::string out;
  for (std::size_t y = 0; y < side; y += 2) {
    for (std::size_t x = 0; x < side; ++x) {
      const bool top = grid[y][x];
      const bool bottom = y + 1 < side && grid[y + 1][x];
      out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    out += '\n';
  }
  return out;
}

std::string renderQrSvg(const std::string& payload) {
  const auto grid = encode(payload);
  const std::size_t side = grid.size();
  constexpr int kModulePx = 8;
  const std::string size = std::to_string(side * kModulePx);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" +
                    size + "\" viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) +
                    "\" shape-rendering=\"crispEdges\">\n";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"";
  for (std::size_t y = 0; y < side; ++y) {
    for (std::size_t x = 0; x < side; ++x) {
      if (grid[y][x]) out += "M" + std::to_string(x) + " " + std::to_string(y) + "h1v1h-1z";
    }
  }
  out += "\"/>\n</svg>\n";
  return out;
}

}  // namespace phum::server
