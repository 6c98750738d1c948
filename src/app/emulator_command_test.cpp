// `bgt emulator`: RunEmulator prints the URLs and the test credentials, serves while running
// and stops when told.
#include "app/emulator_command.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/exit_codes.h"
#include "bitget/credential.h"
#include "core/clock.h"
#include "net/http_client.h"

namespace bgt::app {
namespace {

TEST(EmulatorCommand, PrintsUrlsAndTestKeysAndServesUntilStopped) {
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) { return std::optional<std::string>(); }};
  std::string served;
  const int code = RunEmulator(GlobalOptions{}, io, EmulatorArgs{}, [&] {
    const std::string text = out.str();
    const std::size_t at = text.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << text;
    net::HttpClientOptions options;
    options.base_url = text.substr(at, text.find('\n', at) - at);
    auto client = net::HttpClient::Create(options);
    ASSERT_TRUE(client.has_value());
    net::HttpRequest request;
    request.target = "/api/v2/public/time";
    auto response = (*client)->Send(request);
    ASSERT_TRUE(response.has_value()) << response.error().ToString();
    served = response->body;
  });
  EXPECT_EQ(code, kExitOk);
  const std::string text = out.str();
  EXPECT_NE(text.find("ws://127.0.0.1:"), std::string::npos) << text;
  EXPECT_NE(text.find("BITGET_API_KEY=bgt-test-key"), std::string::npos) << text;
  EXPECT_NE(text.find("BITGET_API_SECRET=bgt-test-secret"), std::string::npos) << text;
  EXPECT_NE(text.find("BITGET_API_PASSPHRASE=bgt-test-passphrase"), std::string::npos) << text;
  EXPECT_NE(served.find(R"("msg":"success")"), std::string::npos) << served;
}

std::filesystem::path WriteConfig(const std::string& name, std::string_view text) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     ("bgt-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(EmulatorCommand, ConfigFileSetsAccountsAndSpeedAndPrintsOnlyApiKeys) {
  const auto file = WriteConfig("emulator.toml", R"(
[emulator]
port = 1
speed = 60
[[emulator.accounts]]
name = "alice"
api_key = "alice-key"
secret = "alice-secret-qq1"
passphrase = "alice-pass-qq2"
usdt_deposit = "1234"
[[emulator.accounts]]
name = "bob"
api_key = "bob-key"
secret = "bob-secret-qq3"
passphrase = "bob-pass-qq4"
[emulator.faults]
latency_ms = 1
)");
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) { return std::optional<std::string>(); }};
  GlobalOptions options;
  options.config_file = file;
  EmulatorArgs args;
  args.port = 0;  // --port overrides emulator.port
  std::string alice_answer;
  std::string default_answer;
  const int code = RunEmulator(options, io, args, [&] {
    const std::string text = out.str();
    const std::size_t at = text.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << text;
    net::HttpClientOptions http;
    http.base_url = text.substr(at, text.find('\n', at) - at);
    auto client = net::HttpClient::Create(http);
    ASSERT_TRUE(client.has_value());
    const auto signed_get = [](const bitget::Credentials& creds) {
      net::HttpRequest request;
      request.target = "/api/v2/mix/account/accounts?productType=USDT-FUTURES";
      auto headers = bitget::SignedHeaders(creds, core::WallClock().Now(), request.method,
                                           request.Path(), request.Query(), request.body);
      EXPECT_TRUE(headers.has_value());
      for (const bitget::Header& h : *headers) request.headers.emplace_back(h.name, h.value);
      return request;
    };
    auto alice = (*client)->Send(
        signed_get(bitget::Credentials{core::Secret("alice-key"), core::Secret("alice-secret-qq1"),
                                       core::Secret("alice-pass-qq2")}));
    ASSERT_TRUE(alice.has_value()) << alice.error().ToString();
    alice_answer = alice->body;
    auto stranger = (*client)->Send(signed_get(
        bitget::Credentials{core::Secret("bgt-test-key"), core::Secret("bgt-test-secret"),
                            core::Secret("bgt-test-passphrase")}));
    ASSERT_TRUE(stranger.has_value()) << stranger.error().ToString();
    default_answer = stranger->body;
  });
  EXPECT_EQ(code, kExitOk) << err.str();
  const std::string text = out.str();
  EXPECT_NE(text.find("alice  alice-key"), std::string::npos) << text;
  EXPECT_NE(text.find("bob  bob-key"), std::string::npos) << text;
  EXPECT_NE(text.find("market speed 60x"), std::string::npos) << text;
  EXPECT_EQ(text.find("qq"), std::string::npos) << text;  // no secret or passphrase
  EXPECT_EQ(text.find("bgt-test-secret"), std::string::npos) << text;
  EXPECT_EQ(text.find(":1\n"), std::string::npos) << text;  // port 1 was overridden
  EXPECT_NE(alice_answer.find(R"("available":"1234)"), std::string::npos) << alice_answer;
  EXPECT_NE(default_answer.find(R"("code":"40006")"), std::string::npos) << default_answer;
}

TEST(EmulatorCommand, InvalidEmulatorSectionExits3WithEveryViolation) {
  const auto file = WriteConfig("bad-emulator.toml",
                                "[emulator]\nspeed = 0\n[[emulator.accounts]]\napi_key = \"k\"\n"
                                "secret = \"s-qq5\"\npassphrase = \"p\"\nusdt_deposit = \"-1\"\n");
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) { return std::optional<std::string>(); }};
  GlobalOptions options;
  options.config_file = file;
  bool started = false;
  EXPECT_EQ(RunEmulator(options, io, EmulatorArgs{}, [&] { started = true; }), kExitInvalidConfig);
  EXPECT_FALSE(started);
  EXPECT_NE(err.str().find("emulator.speed"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("emulator.accounts[0].usdt_deposit"), std::string::npos) << err.str();
  EXPECT_EQ(err.str().find("qq"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace bgt::app
