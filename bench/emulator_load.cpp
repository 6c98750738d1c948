// Emulator load generator: place + cancel round trips per second over loopback HTTP keep-alive.
// Starts bgt's emulator in this process (rate limits off, short candle history), then N client
// threads, each with its own net::HttpClient (one kept-alive connection) and Bitget request
// signing, loop: place a BTCUSDT limit buy 5 % under the bid (it rests), cancel it by orderId.
// Prints round trips/s, p50/p90/p99/max latency of one round trip, and checks the result:
// every order acked and canceled (counts from the answers), no order left open, no connection
// re-opened (keep-alive held); any mismatch exits 1.
// Usage: bench_emulator_load [--clients N] [--seconds S] [--url http://127.0.0.1:PORT]
// (--url drives an already running emulator, e.g. `bgt emulator`, with the test account.)
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bitget/credential.h"
#include "core/clock.h"
#include "core/decimal.h"
#include "emulator/emulator.h"
#include "net/http_client.h"

namespace bgt {
namespace {

using Clock = std::chrono::steady_clock;

struct ClientResult {
  std::vector<std::int64_t> latencies_ns;  // one per completed round trip
  std::uint64_t placed = 0;                // acked with code 00000 and an orderId
  std::uint64_t canceled = 0;              // cancel acked for that orderId
  std::uint64_t connects = 0;
  std::string error;  // first failure; the client stops there
};

bitget::Credentials TestCredentials() {
  const emulator::EmulatorAccount account;
  return {core::Secret(account.api_key), core::Secret(account.secret),
          core::Secret(account.passphrase)};
}

core::Result<net::HttpResponse> SendSigned(net::HttpClient& client, const std::string& method,
                                           const std::string& target, const std::string& body) {
  net::HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = body;
  auto headers = bitget::SignedHeaders(TestCredentials(), core::WallClock().Now(), method,
                                       request.Path(), request.Query(), body);
  if (!headers) return headers.error();
  for (const bitget::Header& h : *headers) request.headers.emplace_back(h.name, h.value);
  return client.Send(request);
}

// The `data` object of a success envelope, or an error text.
std::string DataOf(const core::Result<net::HttpResponse>& response, boost::json::object& data) {
  if (!response) return response.error().ToString();
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(response->body, ec);
  if (ec || !value.is_object()) return "not JSON: " + response->body;
  const auto* code = value.as_object().if_contains("code");
  const auto* d = value.as_object().if_contains("data");
  if (code == nullptr || !code->is_string() || code->as_string() != "00000" || d == nullptr ||
      !d->is_object()) {
    return "HTTP " + std::to_string(response->status) + ": " + response->body;
  }
  data = d->as_object();
  return "";
}

void RunClient(const std::string& url, const std::string& price, int index, Clock::time_point until,
               ClientResult& out) {
  net::HttpClientOptions options;
  options.base_url = url;
  auto client = net::HttpClient::Create(options);
  if (!client) {
    out.error = client.error().ToString();
    return;
  }
  std::uint64_t n = 0;
  while (Clock::now() < until) {
    const std::string oid = "load-" + std::to_string(index) + "-" + std::to_string(n++);
    const auto start = Clock::now();
    const std::string place_body =
        R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
        R"("marginCoin":"USDT","size":"0.001","price":")" +
        price + R"(","side":"buy","orderType":"limit","force":"gtc","clientOid":")" + oid + R"("})";
    boost::json::object placed;
    out.error =
        DataOf(SendSigned(**client, "POST", "/api/v2/mix/order/place-order", place_body), placed);
    if (!out.error.empty()) return;
    const auto* order_id = placed.if_contains("orderId");
    if (order_id == nullptr || !order_id->is_string()) {
      out.error = "place ack without orderId";
      return;
    }
    ++out.placed;
    const std::string id(order_id->as_string());
    const std::string cancel_body =
        R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT","orderId":")" + id +
        R"("})";
    boost::json::object canceled;
    out.error = DataOf(SendSigned(**client, "POST", "/api/v2/mix/order/cancel-order", cancel_body),
                       canceled);
    if (!out.error.empty()) return;
    const auto* canceled_id = canceled.if_contains("orderId");
    if (canceled_id == nullptr || !canceled_id->is_string() || canceled_id->as_string() != id) {
      out.error = "cancel ack for another order";
      return;
    }
    ++out.canceled;
    out.latencies_ns.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
  }
  out.connects = (*client)->stats().connects;
}

// Best bid less 5 %, on the tick grid (from merge-depth's `scale`).
core::Result<std::string> RestingPrice(const std::string& url) {
  net::HttpClientOptions options;
  options.base_url = url;
  auto client = net::HttpClient::Create(options);
  if (!client) return client.error();
  net::HttpRequest request;
  request.target = "/api/v2/mix/market/merge-depth?symbol=BTCUSDT&productType=USDT-FUTURES&limit=5";
  boost::json::object data;
  const std::string error = DataOf((*client)->Send(request), data);
  if (!error.empty()) return core::MakeError(core::ErrorCode::kUnavailable, error);
  const auto bid =
      core::Decimal::Parse(data.at("bids").as_array().at(0).as_array().at(0).as_string());
  const auto tick = core::Decimal::Parse(data.at("scale").as_string());
  if (!bid || !tick) return core::MakeError(core::ErrorCode::kInvalidArgument, "bad depth");
  auto price =
      core::Decimal::MulRounded(*bid, *core::Decimal::Parse("0.95"), 8, core::Rounding::kDown);
  if (!price) return price.error();
  auto on_grid = price->RoundToMultiple(*tick, core::Rounding::kDown);
  if (!on_grid) return on_grid.error();
  return on_grid->ToString();
}

// Open BTCUSDT orders of the test account (-1 on error).
long OpenOrders(const std::string& url) {
  net::HttpClientOptions options;
  options.base_url = url;
  auto client = net::HttpClient::Create(options);
  if (!client) return -1;
  boost::json::object data;
  const std::string error = DataOf(
      SendSigned(**client, "GET",
                 "/api/v2/mix/order/orders-pending?productType=USDT-FUTURES&symbol=BTCUSDT", ""),
      data);
  if (!error.empty()) return -1;
  const auto* list = data.if_contains("entrustedList");
  if (list == nullptr || list->is_null()) return 0;
  return list->is_array() ? static_cast<long>(list->as_array().size()) : -1;
}

double Percentile(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return static_cast<double>(sorted[i]) / 1000.0;  // µs
}

int Main(int argc, char** argv) {
  CLI::App app{"bgt emulator load generator: place + cancel round trips over HTTP keep-alive"};
  int clients = 4;
  double seconds = 5;
  std::string url;
  app.add_option("--clients", clients, "client threads, one connection each")
      ->check(CLI::Range(1, 64));
  app.add_option("--seconds", seconds, "how long to run")->check(CLI::Range(0.1, 120.0));
  app.add_option("--url", url, "an already running emulator (default: start one here)");
  CLI11_PARSE(app, argc, argv);

  std::unique_ptr<emulator::Emulator> own;
  if (url.empty()) {
    emulator::EmulatorConfig config;
    config.rate_limits = false;
    config.history_days = 2;
    auto started = emulator::Emulator::Start(config);
    if (!started) {
      std::fprintf(stderr, "emulator: %s\n", started.error().ToString().c_str());
      return 1;
    }
    own = std::move(*started);
    url = own->RestUrl();
  }
  const auto price = RestingPrice(url);
  if (!price) {
    std::fprintf(stderr, "price: %s\n", price.error().ToString().c_str());
    return 1;
  }

  std::vector<ClientResult> results(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto until =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back(RunClient, url, *price, i, until, std::ref(results[i]));
  }
  for (std::thread& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<std::int64_t> all;
  std::uint64_t placed = 0;
  std::uint64_t canceled = 0;
  std::uint64_t connects = 0;
  bool ok = true;
  for (int i = 0; i < clients; ++i) {
    const ClientResult& r = results[i];
    if (!r.error.empty()) {
      std::fprintf(stderr, "client %d failed: %s\n", i, r.error.c_str());
      ok = false;
    }
    all.insert(all.end(), r.latencies_ns.begin(), r.latencies_ns.end());
    placed += r.placed;
    canceled += r.canceled;
    connects += r.connects;
  }
  std::sort(all.begin(), all.end());
  const long open = OpenOrders(url);
  std::printf("clients %d, %.2f s, %llu placed, %llu canceled, %llu connections, %ld left open\n",
              clients, elapsed, static_cast<unsigned long long>(placed),
              static_cast<unsigned long long>(canceled), static_cast<unsigned long long>(connects),
              open);
  std::printf("round trips/s %.0f (requests/s %.0f)\n", static_cast<double>(all.size()) / elapsed,
              2.0 * static_cast<double>(all.size()) / elapsed);
  std::printf("round trip latency µs: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f\n",
              Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99),
              Percentile(all, 1.0));
  if (placed == 0 || placed != canceled || all.size() != placed) {
    std::fprintf(stderr, "CHECK FAILED: placed %llu, canceled %llu, round trips %zu\n",
                 static_cast<unsigned long long>(placed), static_cast<unsigned long long>(canceled),
                 all.size());
    ok = false;
  }
  if (open != 0) {
    std::fprintf(stderr, "CHECK FAILED: %ld orders left open\n", open);
    ok = false;
  }
  if (ok && connects != static_cast<std::uint64_t>(clients)) {
    std::fprintf(stderr, "CHECK FAILED: %llu connections for %d clients (keep-alive lost)\n",
                 static_cast<unsigned long long>(connects), clients);
    ok = false;
  }
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace bgt

int main(int argc, char** argv) { return bgt::Main(argc, argv); }
