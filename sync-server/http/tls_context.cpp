#include "http/tls_context.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace phum::server {
namespace {

namespace ssl = boost::asio::ssl;

std::string openSslError() {
  const unsigned long code = ERR_get_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return text;
}

std::string base64(const unsigned char* data, int size) {
  std::vector<unsigned char> out(static_cast<std::size_t>(4 * ((size + 2) / 3) + 1));
  const int written = EVP_EncodeBlock(out.data(), data, size);
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(written));
}

}  // namespace

std::unique_ptr<ssl::context> makeServerTlsContext(const std::string& certFile,
                                                   const std::string& keyFile) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("could not require TLS 1.2: " + openSslError());
  }
  boost::system::error_code ec;
  context->use_certificate_chain_file(certFile, ec);
  if (ec) {
    throw std::runtime_error("--tls-cert " + certFile + ": not a readable PEM certificate chain (" +
                             ec.message() + ")");
  }
  context->use_private_key_file(keyFile, ssl::context::pem, ec);
  if (ec) {
    throw std::runtime_error("--tls-key " + keyFile + ": not a readable PEM private key (" +
                             ec.message() + ")");
  }
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    throw std::runtime_error("--tls-key " + keyFile + " does not belong to the certificate in " +
                             certFile);
  }
  return context;
}

std::string publicKeyPinOfCertificate(const std::string& certFile) {
  std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(certFile.c_str(), "r"),
                                                     &std::fclose);
  if (!file) throw std::runtime_error("cannot open the certificate " + certFile);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) throw std::runtime_error(certFile + " holds no PEM certificate: " + openSslError());
  unsigned char* der = nullptr;
  const int size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &der);
  if (size <= 0) throw std::runtime_error("cannot read the public key of " + certFile);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<std::size_t>(size), digest);
  OPENSSL_free(der);
  return "sha256//" + base64(digest, SHA256_DIGEST_LENGTH);
}

}  // namespace phum::server
