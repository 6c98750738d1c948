// `bgt watch`: live views of the public streams, and MarketView (see watch_command.h).
#include "app/watch_command.h"

#include <pthread.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/exit_codes.h"
#include "app/table.h"
#include "net/io_loop.h"

namespace bgt::app {
namespace {

std::string Dec(const core::Decimal& d) { return d.ToString(); }

// "27000.50000000" -> "27000.5", "3.000" -> "3" (the generic book spec prints 8 decimals).
std::string Trimmed(const core::Decimal& d) {
  std::string text = d.ToString();
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string Fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", digits, value);
  return buffer;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::int64_t WallNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct WatchArgs {
  std::vector<std::string> symbols;
  std::string ws_url;
  double duration = 0;
  std::size_t depth = 10;
  std::string granularity = "1m";
  std::size_t rows = 10;
};

enum class WatchKind { kTicker, kBook, kCandles, kTrades };

int RunWatch(const GlobalOptions& options, const Io& io, const WatchArgs& args, WatchKind kind) {
  auto url = ResolveWsUrl(options, args.ws_url);
  if (!url) {
    io.err << "bgt: watch: " << url.error().message << '\n';
    return kExitUsage;
  }
  std::string channel;
  switch (kind) {
    case WatchKind::kTicker:
      channel = "ticker";
      break;
    case WatchKind::kBook:
      channel = "books";
      break;
    case WatchKind::kTrades:
      channel = "trade";
      break;
    case WatchKind::kCandles: {
      auto g = model::ParseGranularity(args.granularity);
      if (!g) {
        io.err << "bgt: watch: " << g.error().message << '\n';
        return kExitUsage;
      }
      channel = "candle" + std::string(model::ToString(*g));
      break;
    }
  }
  std::vector<bitget::WsSubscription> subscriptions;
  for (const std::string& symbol : args.symbols) {
    subscriptions.push_back(bitget::WsSubscription::Public(channel, symbol));
  }
  MarketView view;
  const bool tty = &io.out == &std::cout && isatty(STDOUT_FILENO) == 1;
  auto render = [&] {
    std::string text;
    switch (kind) {
      case WatchKind::kTicker:
        text = RenderTickers(view, args.symbols);
        break;
      case WatchKind::kBook:
        for (const std::string& symbol : args.symbols) text += RenderBook(view, symbol, args.depth);
        break;
      case WatchKind::kCandles:
        text = RenderCandles(view, args.rows);
        break;
      case WatchKind::kTrades:
        text = RenderTrades(view, args.rows);
        break;
    }
    return text + RenderCounters(view);
  };
  auto redraw = [&] {
    if (tty) {
      io.out << "\x1b[H\x1b[2J" << render() << std::flush;
    } else {
      io.out << "--- " << core::Timestamp::FromNanos(WallNanos()).ToIso8601() << '\n'
             << render() << std::flush;
    }
  };
  const int code = RunLiveStream(io, *url, subscriptions, args.duration, view, nullptr, redraw);
  if (code != kExitOk) return code;
  if (!tty) io.out << "--- final\n";
  io.out << (tty ? "\x1b[H\x1b[2J" : "") << render() << std::flush;
  return kExitOk;
}

}  // namespace

core::Result<std::string> DeriveWsPublicUrl(std::string_view rest_url) {
  std::string_view rest = rest_url;
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string scheme;
  if (rest.starts_with("http://")) {
    scheme = "ws://";
    rest.remove_prefix(7);
  } else if (rest.starts_with("https://")) {
    scheme = "wss://";
    rest.remove_prefix(8);
  } else {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "REST URL '" + std::string(rest_url) + "' must start with http:// or https://");
  }
  if (rest.empty() || rest.front() == ':' || rest.find_first_of("/?#@ ") != std::string::npos) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "REST URL '" + std::string(rest_url) + "' must be an origin (scheme://host[:port])");
  }
  std::string host(rest);
  if (scheme == "wss://" && ToLower(host) == "api.bitget.com") host = "ws.bitget.com";
  return scheme + host + "/v2/ws/public";
}

core::Result<std::string> ResolveWsUrl(const GlobalOptions& options, const std::string& ws_url) {
  if (!ws_url.empty()) return ws_url;
  return DeriveWsPublicUrl(options.base_url.value_or("https://api.bitget.com"));
}

market::BookSpec GenericBookSpec(std::string_view symbol) {
  market::BookSpec spec;
  spec.symbol = std::string(symbol);
  spec.tick_size = core::Decimal::FromParts(1, 8).value();
  spec.size_scale = 8;
  return spec;
}

MarketView::MarketView() : engine_(clock_) {}

void MarketView::AddBook(market::BookSpec spec) { engine_.AddBook(std::move(spec)); }

core::Status MarketView::OnFrame(std::string_view text) {
  ++counters_.frames;
  auto fail = [this](core::Status status) {
    ++counters_.malformed;
    return status;
  };
  if (core::Status s = bitget::ParseWsFrame(text, frame_); !s) return fail(std::move(s));
  if (frame_.type != bitget::WsFrameType::kPush) {
    ++counters_.events;
    return core::Status();
  }
  const std::string& channel = frame_.arg.channel;
  if (channel == "ticker") {
    if (core::Status s = bitget::ParseWsTickers(text, tickers_); !s) return fail(std::move(s));
    for (const model::Ticker& t : tickers_.rows) {
      engine_.OnTicker(t);
      ticker_symbols_.insert(t.symbol);
    }
  } else if (channel.starts_with("books")) {
    if (core::Status s = bitget::ParseWsBooks(text, delta_); !s) return fail(std::move(s));
    ++counters_.book_pushes;
    if (engine_.books().Find(delta_.symbol) == nullptr) AddBook(GenericBookSpec(delta_.symbol));
    auto applied = engine_.OnBook(delta_);
    if (!applied) return fail(applied.error());
  } else if (channel.starts_with("candle")) {
    if (core::Status s = bitget::ParseWsCandles(text, candles_); !s) return fail(std::move(s));
    for (const model::Candle& c : candles_.rows) {
      engine_.OnCandle(candles_.header.arg.inst_id, c);
      candle_series_.emplace(candles_.header.arg.inst_id, c.granularity);
    }
  } else if (channel == "trade") {
    if (core::Status s = bitget::ParseWsTrades(text, trades_); !s) return fail(std::move(s));
    for (const bitget::WsTrade& t : trades_.rows) {
      engine_.OnTrade(market::PublicTrade{t.symbol, t.trade_id, t.price, t.size, t.side, t.ts});
      trade_symbols_.insert(t.symbol);
    }
  } else {
    return fail(core::MakeError(core::ErrorCode::kInvalidArgument,
                                "push of an unsupported channel '" + channel + "'"));
  }
  ++counters_.pushes;
  return core::Status();
}

std::vector<std::pair<std::string, std::string>> MarketView::TakeResyncRequests() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const market::ResyncRequest& r : engine_.books().TakeResyncRequests()) {
    out.emplace_back(r.channel, r.symbol);
  }
  counters_.resyncs_needed += out.size();
  return out;
}

std::string RenderBook(const MarketView& view, std::string_view symbol, std::size_t depth) {
  std::ostringstream out;
  const market::OrderBook* book = view.engine().books().Find(symbol);
  out << symbol << " book";
  if (book == nullptr || !book->valid()) {
    out << ": waiting for a snapshot\n";
    return out.str();
  }
  out << " seq " << book->seq() << "  checksum " << book->Checksum() << "  levels "
      << book->depth(model::BookSide::kBid) << "/" << book->depth(model::BookSide::kAsk) << '\n';
  const auto bid = book->TopLevelsText(model::BookSide::kBid, 1);
  const auto ask = book->TopLevelsText(model::BookSide::kAsk, 1);
  out << "best bid " << (bid.empty() ? "-" : bid[0].price + " x " + bid[0].size) << "  best ask "
      << (ask.empty() ? "-" : ask[0].price + " x " + ask[0].size);
  if (auto bps = book->SpreadBps()) {
    out << "  spread " << Trimmed(*book->Spread()) << " (" << Fixed(*bps, 2) << " bps)";
  }
  out << '\n';
  const auto bids = book->TopLevelsText(model::BookSide::kBid, depth);
  const auto asks = book->TopLevelsText(model::BookSide::kAsk, depth);
  Table table({"bid size", "bid", "ask", "ask size"});
  for (std::size_t i = 0; i < std::max(bids.size(), asks.size()); ++i) {
    std::vector<std::string> row(4);
    if (i < bids.size()) {
      row[0] = bids[i].size;
      row[1] = bids[i].price;
    }
    if (i < asks.size()) {
      row[2] = asks[i].price;
      row[3] = asks[i].size;
    }
    table.AddRow(std::move(row));
  }
  table.Render(out);
  return out.str();
}

std::string RenderTickers(const MarketView& view, const std::vector<std::string>& symbols) {
  Table table({"symbol", "last", "bid", "ask", "mark", "index", "funding", "24h volume", "time"});
  for (const std::string& symbol : symbols) {
    const model::Ticker* t = view.engine().FindTicker(symbol);
    if (t == nullptr) {
      table.AddRow({symbol, "-", "-", "-", "-", "-", "-", "-", "-"});
      continue;
    }
    table.AddRow({t->symbol, Dec(t->last_price), Dec(t->bid_price), Dec(t->ask_price),
                  Dec(t->mark_price), Dec(t->index_price), Dec(t->funding_rate),
                  Dec(t->base_volume_24h), t->ts.ToIso8601()});
  }
  std::ostringstream out;
  table.Render(out);
  return out.str();
}

std::string RenderCandles(const MarketView& view, std::size_t rows) {
  std::ostringstream out;
  for (const auto& [symbol, granularity] : view.candle_series()) {
    const market::CandleSeries* series = view.engine().FindCandles(symbol, granularity);
    if (series == nullptr) continue;
    out << symbol << " " << model::ToString(granularity) << '\n';
    Table table({"open time", "open", "high", "low", "close", "volume"});
    const auto& bars = series->bars();
    const std::size_t n = bars.size();
    for (std::size_t i = n > rows ? n - rows : 0; i < n; ++i) {
      const model::Candle& c = bars[i].candle;
      table.AddRow({c.open_time.ToIso8601(), Dec(c.open), Dec(c.high), Dec(c.low), Dec(c.close),
                    Dec(c.base_volume)});
    }
    table.Render(out);
  }
  return out.str();
}

std::string RenderTrades(const MarketView& view, std::size_t rows) {
  std::ostringstream out;
  for (const std::string& symbol : view.trade_symbols()) {
    out << symbol << " trades\n";
    Table table({"time", "side", "price", "size", "id"});
    for (const market::PublicTrade& t : view.engine().RecentTrades(symbol, rows)) {
      table.AddRow({t.ts.ToIso8601(), std::string(model::ToString(t.side)), Dec(t.price),
                    Dec(t.size), t.trade_id});
    }
    table.Render(out);
  }
  return out.str();
}

std::string RenderCounters(const MarketView& view) {
  const MarketViewCounters& c = view.counters();
  const market::BookManagerCounters& b = view.engine().books().counters();
  std::ostringstream out;
  out << "frames " << c.frames << "  pushes " << c.pushes << "  malformed " << c.malformed
      << "  resyncs " << b.resyncs_requested << " (done " << b.resyncs_completed << ")"
      << "  checksum failures " << b.checksum_failures << "  gaps " << b.gaps << "  crossed "
      << b.crossed << '\n';
  return out.str();
}

int RunLiveStream(const Io& io, const std::string& ws_url,
                  const std::vector<bitget::WsSubscription>& subscriptions, double duration_s,
                  MarketView& view,
                  const std::function<void(std::int64_t recv_ns, std::string_view text)>& on_push,
                  const std::function<void()>& redraw) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  net::IoLoop loop;
  bitget::BitgetWsOptions ws_options;
  ws_options.public_url = ws_url;
  bool dirty = false;
  std::unique_ptr<bitget::BitgetWsClient> client;
  bitget::BitgetWsCallbacks callbacks;
  callbacks.on_push = [&](const bitget::WsFrame&, std::string_view text) {
    const std::int64_t recv_ns = WallNanos();
    (void)view.OnFrame(text);
    if (on_push) on_push(recv_ns, text);
    for (const auto& [channel, symbol] : view.TakeResyncRequests()) {
      if (core::Status s = client->Resubscribe(channel, symbol); !s) {
        io.err << "bgt: resync " << channel << " " << symbol << ": " << s.error().message << '\n';
      }
    }
    dirty = true;
  };
  callbacks.on_state = [&](std::size_t, bool, net::WsState state, std::string_view reason) {
    if (state == net::WsState::kBackoff) {
      io.err << "bgt: websocket " << ws_url << ": retrying after: " << reason << '\n';
    }
  };
  callbacks.on_error = [&](const bitget::WsErrorEvent& e) {
    io.err << "bgt: venue error " << e.code << ": " << e.msg << '\n';
  };
  auto created = bitget::BitgetWsClient::Create(loop, ws_options, std::move(callbacks));
  if (!created) {
    io.err << "bgt: " << created.error().message << '\n';
    return kExitUsage;
  }
  client = std::move(*created);
  for (const bitget::WsSubscription& s : subscriptions) {
    if (core::Status status = client->Subscribe(s); !status) {
      io.err << "bgt: " << status.error().message << '\n';
      return kExitUsage;
    }
  }
  client->Start();
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(duration_s));
  auto last_draw = start - std::chrono::seconds(1);
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    if (duration_s > 0 && now >= deadline) break;
    auto slice = std::chrono::milliseconds(50);
    if (duration_s > 0) {
      slice =
          std::min(slice, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
                              std::chrono::milliseconds(1));
    }
    loop.RunFor(slice);
    if (dirty && redraw &&
        std::chrono::steady_clock::now() - last_draw >= std::chrono::milliseconds(250)) {
      redraw();
      dirty = false;
      last_draw = std::chrono::steady_clock::now();
    }
    const timespec zero{0, 0};
    const int signal = sigtimedwait(&signals, nullptr, &zero);
    if (signal == SIGINT || signal == SIGTERM) {
      io.err << "bgt: stopping on signal " << signal << '\n';
      break;
    }
  }
  client->Stop();
  loop.RunFor(std::chrono::milliseconds(20));
  client.reset();
  return kExitOk;
}

CLI::App* AddWatchCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  CLI::App* group =
      app.add_subcommand("watch", "Live view of public WebSocket streams (redraws in place)");
  group->require_subcommand(0, 1);
  auto add = [&](const char* name, const char* help, WatchKind kind) {
    auto args = std::make_shared<WatchArgs>();
    CLI::App* cmd = group->add_subcommand(name, help)->fallthrough();
    cmd->add_option("symbols", args->symbols, "Symbols, e.g. BTCUSDT ETHUSDT")
        ->required()
        ->check(SymbolArg());
    cmd->add_option("--duration", args->duration, "Seconds to run; 0: until SIGINT/SIGTERM")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--ws-url", args->ws_url,
                    "Public WebSocket URL; default derived from --base-url");
    if (kind == WatchKind::kBook) {
      cmd->add_option("--depth", args->depth, "Levels shown per side")->check(CLI::Range(1, 1000));
    }
    if (kind == WatchKind::kCandles) {
      cmd->add_option("--granularity", args->granularity, "Bar size (1m, 5m, 1H, ...)");
    }
    if (kind == WatchKind::kCandles || kind == WatchKind::kTrades) {
      cmd->add_option("--rows", args->rows, "Rows shown per symbol")->check(CLI::Range(1, 1000));
    }
    commands.push_back({cmd, [args, kind](const GlobalOptions& options, const Io& io) {
                          return RunWatch(options, io, *args, kind);
                        }});
  };
  add("ticker", "Tickers (last, bid/ask, mark, index, funding)", WatchKind::kTicker);
  add("book", "Order books from the `books` channel, CRC32-verified, resynced on integrity failure",
      WatchKind::kBook);
  add("candles", "Candles of the given granularity", WatchKind::kCandles);
  add("trades", "Public trades", WatchKind::kTrades);
  return group;
}

}  // namespace bgt::app
