// `bgt emulator`: RunEmulator prints the URLs and the test credentials, serves while running
// and stops when told.
#include "app/emulator_command.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "app/exit_codes.h"
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

}  // namespace
}  // namespace bgt::app
