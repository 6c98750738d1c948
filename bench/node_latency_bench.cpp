// Tick-to-order latency inside the node: book update in -> signed request bytes out. The timed
// path of each event, as the node runs it (minus the I/O-to-kernel queue hop):
//   books (default): a raw Bitget `books` WebSocket text frame (CRC32 checksum of the top 25
//     levels) -> bitget::ParseWsFrame (routing) -> bitget::ParseWsBooks -> market::BookManager
//     (apply + checksum) -> best bid / ask -> live::TradingKernel::OnBook;
//   ticker: a model::Ticker -> live::TradingKernel::OnTicker (the earlier variant);
// then the strategy, risk sizing and checks, execution planning, and the PlaceOrderCommand
// mapped to a bitget::PlaceOrderRequest (as VenueAdapter does), encoded (bitget::Encode) and
// signed (SignRest): the bytes a REST worker would send. A strategy enters on 1 event in kEvery;
// the venue's answer (a rejection, outside the timed path) frees the symbol for the next entry.
// The books stream (bench/book_bench_data.h's workload, generated on the fly outside the timed
// path: 400 levels a side, 1-10 level changes per update near the touch, ~25 % deletes) comes
// with the checksum a naive reference book computed, so a wrong apply aborts the run.
// Reports median / p99 / max over all events and over the order-producing ones. Checks every
// event (applied, the top the kernel saw equals the reference book's) and every produced request
// (endpoint, clientOid, side, type, size, and the signature recomputed from the prehash).
// Plain main(): `bench_node_latency [events] [books|ticker]` (1,000,000 books events by default).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "bitget/credential.h"
#include "bitget/encode_requests.h"
#include "bitget/endpoints.h"
#include "bitget/parse_ws.h"
#include "book_bench_data.h"
#include "core/clock.h"
#include "core/secret.h"
#include "live/trading_kernel.h"
#include "market/book_manager.h"
#include "model/contract_rows_testdata.h"

namespace {

using bgt::core::Decimal;
namespace live = bgt::live;
namespace model = bgt::model;
namespace market = bgt::market;
namespace strategy = bgt::strategy;
namespace execution = bgt::execution;
namespace bitget = bgt::bitget;

constexpr int kEvery = 100;  // one entry per 100 market events
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
  void OnBook(strategy::StrategyContext& ctx, const strategy::TopOfBook& b) override {
    if (++n_ % kEvery != 0) return;
    ctx.Submit(
        strategy::Entry{b.symbol, strategy::Side::kLong, b.bid - stop_, std::nullopt, "bench"});
  }

 private:
  long n_ = 0;
  Decimal stop_ = D("500");
};

// An endless BTCUSDT `books` stream: the snapshot, then updates of 1-10 level changes near the
// touch (~25 % deletes), each as Bitget's text frame with the CRC32 of the resulting top 25
// levels computed on a naive reference book (std::map), which also gives the expected top.
class BookStream {
 public:
  BookStream() : rng_(20261125), distance_(0.08) {
    for (std::int64_t i = 0; i < 400; ++i) {
      bids_[kMid - 1 - i] = {bgt::bench::TickText(kMid - 1 - i),
                             bgt::bench::LotText(Uniform(1, 20000))};
      asks_[kMid + 1 + i] = {bgt::bench::TickText(kMid + 1 + i),
                             bgt::bench::LotText(Uniform(1, 20000))};
    }
    delta_.symbol = "BTCUSDT";
    delta_.channel = "books";
  }

  const std::string& Snapshot() {
    delta_.action = model::BookAction::kSnapshot;
    delta_.bids.clear();
    delta_.asks.clear();
    for (auto it = bids_.rbegin(); it != bids_.rend(); ++it) delta_.bids.push_back(it->second);
    for (auto& [ticks, level] : asks_) delta_.asks.push_back(level);
    delta_.seq = seq_;
    delta_.checksum = Checksum();
    text_ = bgt::bench::ToJson(delta_);
    return text_;
  }

  const std::string& Next() {
    delta_.action = model::BookAction::kUpdate;
    delta_.bids.clear();
    delta_.asks.clear();
    const std::int64_t changes = Uniform(1, 10);
    for (std::int64_t c = 0; c < changes; ++c) {
      const bool bid = Uniform(0, 1) == 0;
      const std::int64_t ticks = bid ? kMid - 1 - distance_(rng_) : kMid + 1 + distance_(rng_);
      const bool del = Uniform(0, 3) == 0;
      model::BookLevelText level{bgt::bench::TickText(ticks),
                                 del ? "0" : bgt::bench::LotText(Uniform(1, 20000))};
      auto& side = bid ? bids_ : asks_;
      if (del) {
        side.erase(ticks);
      } else {
        side[ticks] = level;
      }
      (bid ? delta_.bids : delta_.asks).push_back(std::move(level));
    }
    delta_.prev_seq = seq_;
    delta_.seq = ++seq_;
    delta_.checksum = Checksum();
    text_ = bgt::bench::ToJson(delta_);
    return text_;
  }

  std::int32_t checksum() const { return *delta_.checksum; }
  const model::BookLevelText& best_bid() const { return bids_.rbegin()->second; }
  const model::BookLevelText& best_ask() const { return asks_.begin()->second; }

 private:
  static constexpr std::int64_t kMid = 270000;  // 27000.0

  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  std::int32_t Checksum() {
    b_.clear();
    a_.clear();
    for (auto it = bids_.rbegin(); it != bids_.rend() && b_.size() < 25; ++it) {
      b_.push_back({it->second.price, it->second.size});
    }
    for (auto it = asks_.begin(); it != asks_.end() && a_.size() < 25; ++it) {
      a_.push_back({it->second.price, it->second.size});
    }
    return market::BookChecksum(b_, a_);
  }

  std::mt19937_64 rng_;
  std::geometric_distribution<std::int64_t> distance_;
  std::map<std::int64_t, model::BookLevelText> bids_;
  std::map<std::int64_t, model::BookLevelText> asks_;
  std::vector<market::LevelText> b_;
  std::vector<market::LevelText> a_;
  std::int64_t seq_ = 1000;
  model::BookDelta delta_;
  std::string text_;
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
  const bool books_mode = argc <= 2 || std::strcmp(argv[2], "books") == 0;
  if (events < 1 || (argc > 2 && !books_mode && std::strcmp(argv[2], "ticker") != 0)) {
    std::fprintf(stderr, "usage: bench_node_latency [events >= 1] [books|ticker]\n");
    return 2;
  }
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

  // The books path: the manager holds the book; its snapshot arrives before timing starts.
  BookStream stream;
  market::BookManager books;
  books.AddBook(market::BookSpec::FromInstrument(btc));
  bitget::WsFrame frame;
  model::BookDelta delta;
  strategy::TopOfBook top;
  long bytes_in = 0;
  if (books_mode) {
    const std::string& snapshot = stream.Snapshot();
    Require(bitget::ParseWsBooks(snapshot, delta).ok(), "snapshot parse");
    auto applied = books.OnDelta(delta);
    Require(applied.has_value() && applied->applied(), "snapshot apply");
  }

  std::vector<double> all;
  std::vector<double> orders;
  all.reserve(static_cast<std::size_t>(events));
  std::vector<Wire> wires;
  model::Ticker ticker;
  ticker.symbol = "BTCUSDT";
  long sent = 0;
  for (long i = 0; i < events; ++i) {
    const std::string* text = nullptr;
    if (books_mode) {
      text = &stream.Next();  // generated outside the timed path
      bytes_in += static_cast<long>(text->size());
    } else {
      const Decimal price = D("50000") + Decimal::FromInt(i % 200) * D("0.1");
      ticker.last_price = price;
      ticker.mark_price = price;
      ticker.ts = clock.Now();
    }
    wires.clear();
    bool routed = false;

    const auto t0 = std::chrono::steady_clock::now();
    if (books_mode) {
      // As the node: route the frame by its arg, parse the push, apply it, hand the top over.
      if (bitget::ParseWsFrame(*text, frame).ok() && frame.type == bitget::WsFrameType::kPush &&
          frame.arg.channel == "books" && bitget::ParseWsBooks(*text, delta).ok()) {
        auto applied = books.OnDelta(delta);
        if (applied && applied->applied()) {
          const market::OrderBook* book = books.Find(delta.symbol);
          const auto bid = book->BestBid();
          const auto ask = book->BestAsk();
          if (bid && ask) {
            top = strategy::TopOfBook{delta.symbol, bid->price, bid->size,
                                      ask->price,   ask->size,  delta.ts};
            kernel.OnBook(top);
            routed = true;
          }
        }
      }
    } else {
      kernel.OnTicker(ticker);
      routed = true;
    }
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

    // Outside the timed path: check the event, then the bytes, then answer every command.
    Require(routed, "event " + std::to_string(i) + " not routed to the kernel");
    if (books_mode) {
      Require(top.bid.ToString() == stream.best_bid().price &&
                  top.bid_size == Decimal::Parse(stream.best_bid().size).value() &&
                  top.ask.ToString() == stream.best_ask().price &&
                  top.ask_size == Decimal::Parse(stream.best_ask().size).value(),
              "top of book of event " + std::to_string(i) + " differs from the reference");
    }
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
  Require(kernel.WorkingOrders().empty(), "every order answered");
  if (books_mode) {
    const market::OrderBook* book = books.Find("BTCUSDT");
    Require(book != nullptr && book->valid() && book->Checksum() == stream.checksum(),
            "final book checksum");
    const market::BookManagerCounters& c = books.counters();
    Require(c.checksum_failures == 0 && c.gaps == 0 && c.resyncs_requested == 0,
            "book integrity counters");
  }
  const std::size_t order_events = orders.size();
  std::printf("source %s: events %ld, order events %zu (1 in %d), orders checked %ld\n",
              books_mode ? "books frames" : "tickers", events, order_events, kEvery, sent);
  if (books_mode) {
    std::printf("books frames: %.0f bytes on average, final checksum %d verified\n",
                static_cast<double>(bytes_in) / static_cast<double>(events), stream.checksum());
  }
  std::printf("all events:   median %.0f ns, p99 %.0f ns, max %.0f ns\n", Percentile(all, 0.5),
              Percentile(all, 0.99), *std::max_element(all.begin(), all.end()));
  std::printf("order events: median %.0f ns, p99 %.0f ns, max %.0f ns\n", Percentile(orders, 0.5),
              Percentile(orders, 0.99),
              orders.empty() ? 0.0 : *std::max_element(orders.begin(), orders.end()));
  return 0;
}
