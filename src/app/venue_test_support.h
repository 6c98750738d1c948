// Test support for the venue commands: a mock Bitget (net::HttpServer on 127.0.0.1) serving the
// recorded payloads of tests/fixtures/bitget/, verifying the ACCESS-SIGN of every signed
// request with the test secret and recording every request; and RunBgt, which runs the CLI
// in-process with a fake environment and checks that no credential ever reaches the output.
// Thread-safety: the mock's handler runs on the server thread; its accessors lock.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli.h"
#include "bitget/credential.h"
#include "net/http_server.h"

namespace bgt::app::testing {

inline constexpr std::string_view kKey = "bg_test_key_1f2e3d";
inline constexpr std::string_view kSecret = "SECRET-7a7a-never-print";
inline constexpr std::string_view kPassphrase = "PASS-5c5c-never-print";

using Env = std::map<std::string, std::string, std::less<>>;

inline Env Credentials() {
  return {{"BITGET_API_KEY", std::string(kKey)},
          {"BITGET_API_SECRET", std::string(kSecret)},
          {"BITGET_API_PASSPHRASE", std::string(kPassphrase)}};
}

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs `bgt args...` in-process with `env` as the whole environment. Fails the test when a
// credential value shows up on stdout or stderr.
inline Outcome RunBgt(std::vector<std::string> args, const Env& env = Credentials()) {
  args.insert(args.begin(), "bgt");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [&env](std::string_view name) -> std::optional<std::string> {
                auto it = env.find(name);
                if (it == env.end()) return std::nullopt;
                return it->second;
              }};
  Outcome o;
  o.code = Run(static_cast<int>(argv.size()), argv.data(), io);
  o.out = out.str();
  o.err = err.str();
  for (std::string_view secret : {kKey, kSecret, kPassphrase}) {
    EXPECT_EQ(o.out.find(secret), std::string::npos) << "credential on stdout";
    EXPECT_EQ(o.err.find(secret), std::string::npos) << "credential on stderr";
  }
  return o;
}

inline boost::json::value ParseJson(const std::string& text) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  EXPECT_FALSE(ec) << "not one JSON document: " << text;
  return v;
}

// The text of tests/fixtures/bitget/<name> (BGT_SOURCE_DIR, set by CTest, else the source dir
// the test was built from).
inline std::string Fixture(std::string_view name) {
  const char* root = std::getenv("BGT_SOURCE_DIR");
  const std::string dir = root != nullptr ? std::string(root) : std::string(BGT_SOURCE_ROOT);
  const std::string path = dir + "/tests/fixtures/bitget/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string ErrorBody(std::string_view code, std::string_view msg) {
  return R"({"code":")" + std::string(code) + R"(","msg":")" + std::string(msg) +
         R"(","requestTime":1700000000000,"data":null})";
}

inline net::ServerReply Reply(int status, std::string body) {
  net::ServerReply r;
  r.response.status = status;
  r.response.body = std::move(body);
  return r;
}

class MockBitget {
 public:
  using Handler = std::function<net::ServerReply(const net::HttpRequest&)>;

  MockBitget() {
    const std::pair<const char*, const char*> routes[] = {
        {"/api/v2/mix/market/ticker", "tickers.json"},
        {"/api/v2/mix/market/tickers", "tickers.json"},
        {"/api/v2/mix/market/candles", "candles.json"},
        {"/api/v2/mix/market/merge-depth", "merge_depth.json"},
        {"/api/v2/mix/market/open-interest", "open_interest.json"},
        {"/api/v2/mix/market/current-fund-rate", "current_fund_rate.json"},
        {"/api/v2/mix/account/account", "account.json"},
        {"/api/v2/mix/account/accounts", "accounts.json"},
        {"/api/v2/mix/account/set-leverage", "set_leverage.json"},
        {"/api/v2/mix/account/set-margin-mode", "set_margin_mode.json"},
        {"/api/v2/mix/account/set-position-mode", "set_position_mode.json"},
        {"/api/v2/mix/order/place-order", "place_order.json"},
        {"/api/v2/mix/order/cancel-order", "cancel_order.json"},
        {"/api/v2/mix/order/cancel-all-orders", "cancel_all_orders.json"},
        {"/api/v2/mix/order/orders-pending", "orders_pending.json"},
        {"/api/v2/mix/order/orders-history", "orders_pending.json"},
        {"/api/v2/mix/order/detail", "order_detail.json"},
        {"/api/v2/mix/position/all-position", "all_position.json"},
        {"/api/v2/mix/order/close-positions", "close_positions.json"},
    };
    for (const auto& [path, file] : routes) Set(path, 200, Fixture(file));
    contracts_ = boost::json::parse(Fixture("contracts.json")).as_object();
    auto server =
        net::HttpServer::Start({}, [this](const net::HttpRequest& r) { return Serve(r); });
    EXPECT_TRUE(server.has_value()) << server.error().ToString();
    server_ = std::move(*server);
  }
  ~MockBitget() { server_->Stop(); }
  MockBitget(const MockBitget&) = delete;
  MockBitget& operator=(const MockBitget&) = delete;

  std::string BaseUrl() const { return server_->BaseUrl(); }

  void Set(const std::string& path, int status, std::string body) {
    Set(path,
        [status, body = std::move(body)](const net::HttpRequest&) { return Reply(status, body); });
  }
  void Set(const std::string& path, Handler handler) {
    std::lock_guard lock(mu_);
    handlers_[path] = std::move(handler);
  }
  // The venue's clock runs this far ahead of the local one.
  void set_clock_offset(std::chrono::milliseconds offset) {
    std::lock_guard lock(mu_);
    clock_offset_ = offset;
  }

  // Every request but the server-time ones, in arrival order.
  std::vector<net::HttpRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  int Count(std::string_view path) const {
    std::lock_guard lock(mu_);
    int n = 0;
    for (const net::HttpRequest& r : requests_) n += r.Path() == path ? 1 : 0;
    return n;
  }
  int posts() const {
    std::lock_guard lock(mu_);
    int n = 0;
    for (const net::HttpRequest& r : requests_) n += r.method == "POST" ? 1 : 0;
    return n;
  }
  int time_requests() const {
    std::lock_guard lock(mu_);
    return time_requests_;
  }
  int signed_requests() const {
    std::lock_guard lock(mu_);
    return signed_;
  }
  int bad_signatures() const {
    std::lock_guard lock(mu_);
    return bad_signatures_;
  }
  // The last request to `path` (fails the test when there is none).
  net::HttpRequest Last(std::string_view path) const {
    std::lock_guard lock(mu_);
    for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
      if (it->Path() == path) return *it;
    }
    ADD_FAILURE() << "no request to " << path;
    return {};
  }

 private:
  static bool IsPrivate(std::string_view path) {
    for (std::string_view prefix :
         {"/api/v2/mix/account/", "/api/v2/mix/order/", "/api/v2/mix/position/"}) {
      if (path.substr(0, prefix.size()) == prefix) return true;
    }
    return false;
  }

  net::ServerReply Serve(const net::HttpRequest& request) {
    std::unique_lock lock(mu_);
    if (request.Path() == "/api/v2/public/time") {
      ++time_requests_;
      const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch()) +
                       clock_offset_;
      return Reply(200,
                   R"({"code":"00000","msg":"success","requestTime":0,"data":{"serverTime":")" +
                       std::to_string(now.count()) + R"("}})");
    }
    requests_.push_back(request);
    if (!request.Header("ACCESS-KEY").empty()) {
      ++signed_;
      const std::string expected =
          bitget::SignRest(request.Header("ACCESS-TIMESTAMP"), request.method, request.Path(),
                           request.Query(), request.body, core::Secret(std::string(kSecret)));
      if (request.Header("ACCESS-KEY") != kKey ||
          request.Header("ACCESS-PASSPHRASE") != kPassphrase ||
          request.Header("ACCESS-SIGN") != expected) {
        ++bad_signatures_;
        return Reply(400, ErrorBody("40009", "sign signature error"));
      }
    } else if (IsPrivate(request.Path())) {
      return Reply(400, ErrorBody("40006", "Invalid ACCESS_KEY"));
    }
    if (request.Path() == "/api/v2/mix/market/contracts") return Contracts(request);
    auto it = handlers_.find(std::string(request.Path()));
    if (it == handlers_.end()) return Reply(404, ErrorBody("40404", "Request URL NOT FOUND"));
    Handler handler = it->second;
    lock.unlock();
    return handler(request);
  }

  // The recorded contracts, only the one named by ?symbol= when given (as Bitget does).
  net::ServerReply Contracts(const net::HttpRequest& request) const {
    const std::string_view query = request.Query();
    const std::size_t at = query.find("symbol=");
    if (at == std::string_view::npos) return Reply(200, boost::json::serialize(contracts_));
    std::string_view symbol = query.substr(at + 7);
    symbol = symbol.substr(0, symbol.find('&'));
    boost::json::object body = contracts_;
    boost::json::array rows;
    for (const boost::json::value& row : contracts_.at("data").as_array()) {
      if (row.at("symbol").as_string() == symbol) rows.push_back(row);
    }
    if (rows.empty()) return Reply(400, ErrorBody("40034", "Parameter symbol does not exist"));
    body["data"] = std::move(rows);
    return Reply(200, boost::json::serialize(body));
  }

  mutable std::mutex mu_;
  std::map<std::string, Handler, std::less<>> handlers_;
  boost::json::object contracts_;
  std::chrono::milliseconds clock_offset_{0};
  std::vector<net::HttpRequest> requests_;
  int time_requests_ = 0;
  int signed_ = 0;
  int bad_signatures_ = 0;
  std::unique_ptr<net::HttpServer> server_;
};

}  // namespace bgt::app::testing
