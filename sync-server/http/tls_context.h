#pragma once
// TLS for phum-server (OpenSSL through Boost.Asio): the server context made from --tls-cert and
// --tls-key, and the public-key pin a tablet can be given in its enrolment code.
// clang-format off
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange
// clang-format on
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace phum::server {

// A server context with TLS 1.2 or newer, the certificate chain of `certFile` (PEM, the server's
// certificate first) and the private key of `keyFile` (PEM). Throws std::runtime_error naming the
// file that could not be used and why.
std::unique_ptr<boost::asio::ssl::context> makeServerTlsContext(const std::string& certFile,
                                                                const std::string& keyFile);

// "sha256//BASE64" of the SubjectPublicKeyInfo of the first certificate in `certFile`: the form
// libcurl's CURLOPT_PINNEDPUBLICKEY takes, and what an enrolment code carries as `pin`. The pin
// survives a renewed certificate as long as the key stays the same. Throws std::runtime_error.
std::string publicKeyPinOfCertificate(const std::string& certFile);

}  // namespace phum::server
