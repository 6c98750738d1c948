// Tick-to-order latency inside the node: a ticker event goes into live::TradingKernel (strategy,
// risk sizing and checks, execution planning), the PlaceOrderCommand it emits is turned into a
// bitget::PlaceOrderRequest (as VenueAdapter does), encoded (bitget::Encode) and signed
// (SignRest): the bytes a REST worker would send. A strategy enters on 1 event in kEvery; the
// venue's answer (a rejection, outside the timed path) frees the symbol for the next entry.
// Reports median / p99 / max over all events and over the order-producing ones. Each produced
// request is checked (endpoint, clientOid, side, type, size, and the signature recomputed from
// the prehash). Plain main(): `bench_node_latency [events]`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bitget/credential.h"
#include "bitget/encode_requests.h"
#include "bitget/endpoints.h"
#include "core/clock.h"
#include "core/secret.h"
#include "live/trading_kernel.h"
#include "model/contract_rows_testdata.h"

namespace {

using bgt::core::Decimal;
namespace live = bgt::live;
namespace model = bgt::model;
namespace strategy = bgt::strategy;
namespace execution = bgt::execution;
namespace bitget = bgt::bitget;

constexpr int kEvery = 100;  // one entry per 100 ticker events
constexpr std::string_view kTs = "1700000000000";

void Require(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "node_latency_bench: wrong result: %s\n", what.c_str());
    std::abort();
  }
}

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

class EveryNth : public strategy::Strategy {
 public:
  std::string_view name() const override { return "every-nth"; }
  void OnTicker(strategy::StrategyContext& ctx, const model::Ticker& t) override {
    if (++n_ % kEvery != 0) return;
    ctx.Submit(strategy::Entry{t.symbol, strategy::Side::kLong, t.mark_price - D("500"),
                               std::nullopt, "bench"});
  }

 private:
  long n_ = 0;
};

// The wire request of a place-order command, field by field as VenueAdapter::Execute maps it.
bitget::PlaceOrderRequest ToWire(const execution::PlaceOrderCommand& c) {
  const model::OrderRequest& o = c.request;
  bitget::PlaceOrderRequest request;
  request.symbol = o.symbol;
  request.margin_mode = o.margin_mode;
  request.size = o.quantity;
  request.price = o.price;
  request.direction = o.side;
  request.leg = o.position_side;
  request.position_mode = o.position_side == model::PositionSide::kNet
                              ? model::PositionMode::kOneWay
                              : model::PositionMode::kHedge;
  request.order_type = o.type;
  request.time_in_force = o.time_in_force;
  request.client_oid = o.client_oid;
  request.reduce_only = c.reduce_only && o.position_side == model::PositionSide::kNet;
  request.take_profit_trigger_price = c.preset_take_profit;
  request.stop_loss_trigger_price = c.preset_stop_loss;
  return request;
}

struct Wire {
  std::string client_oid;
  std::string size;
  bitget::EncodedRequest encoded;
  std::string signature;
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  const long events = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  bgt::core::TestClock clock(bgt::core::Timestamp::FromSeconds(1'700'000'000));
  live::KernelConfig config;
  config.execution.client_oid_prefix = "b";
  config.setup = {model::MarginMode::kCrossed, 5};
  config.risk.max_symbol_notional = D("1000000");
  config.risk.max_total_notional = D("1000000");
  config.risk.max_leverage = 20;
  config.risk.max_orders = 1000;
  config.risk.daily_loss_limit = D("1000000");
  config.risk.min_liquidation_distance = D("0.01");
  config.starting_balance = D("10000");
  auto created = live::TradingKernel::Create(clock, config, {});
  Require(created.has_value(), "kernel config");
  live::TradingKernel& kernel = **created;
  const model::Instrument btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  kernel.AddInstrument(btc);
  kernel.AddStrategy(std::make_unique<EveryNth>(), "bench");

  const bgt::core::Secret secret(std::string("bench-secret"));
  const bitget::EncodeContext context;
  const bitget::EndpointSpec& place = bitget::SpecOf(bitget::Endpoint::kPlaceOrder);

  std::vector<double> all;
  std::vector<double> orders;
  all.reserve(static_cast<std::size_t>(events));
  std::vector<Wire> wires;
  model::Ticker ticker;
  ticker.symbol = "BTCUSDT";
  long sent = 0;
  for (long i = 0; i < events; ++i) {
    const Decimal price = D("50000") + Decimal::FromInt(i % 200) * D("0.1");
    ticker.last_price = price;
    ticker.mark_price = price;
    ticker.ts = clock.Now();
    wires.clear();

    const auto t0 = std::chrono::steady_clock::now();
    kernel.OnTicker(ticker);
    std::vector<execution::Command> commands = kernel.TakeCommands();
    for (const execution::Command& command : commands) {
      const auto* p = std::get_if<execution::PlaceOrderCommand>(&command);
      if (p == nullptr) continue;
      auto encoded = bitget::Encode(ToWire(*p), context);
      Require(encoded.has_value(), "encode");
      std::string signature = bitget::SignRest(kTs, place.method, place.path,
                                               encoded->QueryString(), encoded->body, secret);
      wires.push_back({p->request.client_oid, p->request.quantity.ToString(), std::move(*encoded),
                       std::move(signature)});
    }
    const auto t1 = std::chrono::steady_clock::now();
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count();
    all.push_back(ns);
    if (!wires.empty()) orders.push_back(ns);

    // Outside the timed path: check the bytes, then answer every command.
    for (const Wire& w : wires) {
      ++sent;
      Require(w.encoded.endpoint == bitget::Endpoint::kPlaceOrder, "endpoint");
      const std::string& body = w.encoded.body;
      for (const std::string& field : std::vector<std::string>{
               "\"symbol\":\"BTCUSDT\"", "\"side\":\"buy\"", "\"orderType\":\"market\"",
               "\"marginMode\":\"crossed\"", "\"clientOid\":\"" + w.client_oid + "\"",
               "\"size\":\"" + w.size + "\""}) {
        Require(body.find(field) != std::string::npos, "body field " + field + " in " + body);
      }
      Require(w.client_oid ==
                  "b-" + std::string(8 - std::to_string(sent).size(), '0') + std::to_string(sent),
              "clientOid sequence " + w.client_oid);
      Require(w.signature == bitget::HmacSha256Base64(
                                 bitget::RestPrehash(kTs, "POST", place.path, "", body), secret),
              "signature");
      if (sent == 1) std::printf("first request: POST %s %s\n", place.path.data(), body.c_str());
    }
    for (const execution::Command& command : commands) {
      execution::ExecutionEngine& engine = kernel.engine();
      if (const auto* p = std::get_if<execution::PlaceOrderCommand>(&command)) {
        (void)engine.OnPlaceResult(
            p->request.client_oid,
            bgt::core::MakeError(bgt::core::ErrorCode::kVenueRejected, "bench: not sent"));
      } else if (const auto* m = std::get_if<execution::SetMarginModeCommand>(&command)) {
        engine.OnSetupResult(
            {m->symbol, execution::SetupStep::kMarginMode, bgt::core::Status::Ok(), {}, {}, {}});
      } else if (const auto* l = std::get_if<execution::SetLeverageCommand>(&command)) {
        engine.OnSetupResult(
            {l->symbol, execution::SetupStep::kLeverage, bgt::core::Status::Ok(), {}, {}, {}});
      } else if (std::holds_alternative<execution::SetPositionModeCommand>(command)) {
        engine.OnSetupResult(
            {"", execution::SetupStep::kPositionMode, bgt::core::Status::Ok(), {}, {}, {}});
      }
      kernel.AfterVenueAnswer();
    }
    (void)clock.AdvanceBy(std::chrono::milliseconds(20));
  }
  Require(sent >= events / kEvery - 1, "orders sent: " + std::to_string(sent));
  const std::size_t order_events = orders.size();
  std::printf("events %ld, order events %zu (1 in %d), orders checked %ld\n", events, order_events,
              kEvery, sent);
  std::printf("all events:   median %.0f ns, p99 %.0f ns, max %.0f ns\n", Percentile(all, 0.5),
              Percentile(all, 0.99), *std::max_element(all.begin(), all.end()));
  std::printf("order events: median %.0f ns, p99 %.0f ns, max %.0f ns\n", Percentile(orders, 0.5),
              Percentile(orders, 0.99),
              orders.empty() ? 0.0 : *std::max_element(orders.begin(), orders.end()));
  return 0;
}
