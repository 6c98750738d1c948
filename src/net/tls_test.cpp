// HttpClient over TLS against a loopback server with a certificate generated here: the client
// verifies the peer, checks the host name and sends SNI; there is no way to skip verification.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <unistd.h>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "net/http_client.h"

namespace bgt::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct KeyAndCert {
  std::string key_pem;
  std::string cert_pem;
};

std::string ToPem(int (*write)(BIO*, void*), void* object) {
  BIO* bio = BIO_new(BIO_s_mem());
  write(bio, object);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

// A self-signed EC certificate for CN=localhost with subjectAltName DNS:localhost only.
KeyAndCert MakeSelfSigned() {
  EVP_PKEY* key = EVP_EC_gen("prime256v1");
  X509* cert = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600L * 24);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  for (const char* ext : {"subjectAltName=DNS:localhost", "basicConstraints=critical,CA:TRUE"}) {
    const std::string text(ext);
    const auto eq = text.find('=');
    X509_EXTENSION* e =
        X509V3_EXT_conf(nullptr, &ctx, text.substr(0, eq).c_str(), text.substr(eq + 1).c_str());
    X509_add_ext(cert, e, -1);
    X509_EXTENSION_free(e);
  }
  X509_sign(cert, key, EVP_sha256());
  KeyAndCert out;
  out.key_pem = ToPem(
      [](BIO* b, void* k) {
        return PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0, nullptr,
                                        nullptr);
      },
      key);
  out.cert_pem =
      ToPem([](BIO* b, void* c) { return PEM_write_bio_X509(b, static_cast<X509*>(c)); }, cert);
  X509_free(cert);
  EVP_PKEY_free(key);
  return out;
}

// Answers every HTTPS request with {"ok":true} and records the SNI it was given.
class TlsServer {
 public:
  explicit TlsServer(const KeyAndCert& kc)
      : ctx_(ssl::context::tls_server), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    ctx_.use_certificate_chain(asio::buffer(kc.cert_pem));
    ctx_.use_private_key(asio::buffer(kc.key_pem), ssl::context::pem);
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Serve(); });
  }
  ~TlsServer() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket poke(ioc_);
    poke.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);  // unblocks accept()
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  std::string sni() {
    std::lock_guard lock(mu_);
    return sni_;
  }
  int served() const { return served_.load(); }

 private:
  void Serve() {
    while (!stop_) {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stop_) return;
      ssl::stream<tcp::socket> stream(std::move(socket), ctx_);
      stream.handshake(ssl::stream_base::server, ec);
      if (ec) continue;  // the client refused our certificate
      if (const char* name =
              SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name)) {
        std::lock_guard lock(mu_);
        sni_ = name;
      }
      beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(stream, buffer, req, ec);
      if (ec) continue;
      http::response<http::string_body> res{http::status::ok, 11};
      res.body() = R"({"ok":true})";
      res.keep_alive(false);
      res.prepare_payload();
      http::write(stream, res, ec);
      ++served_;
      stream.shutdown(ec);
    }
  }

  asio::io_context ioc_;
  ssl::context ctx_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> served_{0};
  std::mutex mu_;
  std::string sni_;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kc_ = MakeSelfSigned();
    ca_file_ = (std::filesystem::temp_directory_path() /
                ("bgt-tls-test-" + std::to_string(::getpid()) + ".pem"))
                   .string();
    std::ofstream(ca_file_) << kc_.cert_pem;
    server_ = std::make_unique<TlsServer>(kc_);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove(ca_file_);
  }
  core::Result<HttpResponse> Get(const std::string& host, const std::string& ca_file) {
    HttpClientOptions options;
    options.base_url = "https://" + host + ":" + std::to_string(server_->port());
    options.ca_file = ca_file;
    options.connect_timeout = std::chrono::milliseconds(3000);
    auto client = HttpClient::Create(options);
    if (!client) return client.error();
    return (*client)->Send({});
  }

  KeyAndCert kc_;
  std::string ca_file_;
  std::unique_ptr<TlsServer> server_;
};

TEST_F(TlsTest, TrustedCertificateAndMatchingNameSucceedWithSni) {
  auto res = Get("localhost", ca_file_);
  ASSERT_TRUE(res.has_value()) << res.error().ToString();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"ok":true})");
  EXPECT_EQ(server_->sni(), "localhost");
}

TEST_F(TlsTest, UntrustedCertificateIsRefusedBeforeAnythingIsSent) {
  auto res = Get("localhost", "");
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, core::ErrorCode::kUnavailable) << res.error().ToString();
  EXPECT_NE(res.error().message.find("certificate verify failed"), std::string::npos)
      << res.error().message;
  EXPECT_EQ(server_->served(), 0);
}

TEST_F(TlsTest, HostNameMismatchIsRefused) {
  // The certificate names only DNS:localhost; 127.0.0.1 is not in it.
  auto res = Get("127.0.0.1", ca_file_);
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, core::ErrorCode::kUnavailable) << res.error().ToString();
  EXPECT_EQ(server_->served(), 0);
}

}  // namespace
}  // namespace bgt::net
