// `bgt watch ticker|book|candles|trades SYMBOL...`: a live terminal view of Bitget public
// WebSocket streams, and MarketView, the frame-to-engine path it shares with `bgt record` and
// `bgt replay` (ParseWsFrame + the channel parsers into market::MarketDataEngine, books verified
// by market::BookManager with CRC32 checksums, resyncs queued for the connection layer).
// Thread-safety: not thread-safe; a MarketView and a command run on one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/cli_args.h"
#include "bitget/parse_ws.h"
#include "bitget/ws_client.h"
#include "core/clock.h"
#include "core/result.h"
#include "market/market_data.h"

namespace bgt::app {

// The public WebSocket URL for a REST origin: http://HOST[:PORT] -> ws://HOST[:PORT]/v2/ws/public
// (the emulator serves both on one port); https://api.bitget.com ->
// wss://ws.bitget.com/v2/ws/public; any other https://HOST[:PORT] ->
// wss://HOST[:PORT]/v2/ws/public. A trailing '/' is ignored. Error (kInvalidArgument) for an empty
// URL, another scheme, a path or a missing host.
core::Result<std::string> DeriveWsPublicUrl(std::string_view rest_url);

// Book parameters used for symbols whose instrument is not known: prices on a 1e-8 grid, sizes
// in lots of 1e-8 (every Bitget contract's tick and size step are multiples of these).
market::BookSpec GenericBookSpec(std::string_view symbol);

struct MarketViewCounters {
  std::uint64_t frames = 0;     // frames offered
  std::uint64_t pushes = 0;     // data pushes applied to the engine
  std::uint64_t events = 0;     // pong / subscribe / unsubscribe / login / error frames
  std::uint64_t malformed = 0;  // frames that failed to parse (or unknown channel pushes)
  std::uint64_t book_pushes = 0;
  std::uint64_t resyncs_needed = 0;  // integrity failures that asked for a fresh snapshot
};

// Feeds raw frames into a MarketDataEngine. Books are created on their first push with
// GenericBookSpec (or the spec given by AddBook beforehand).
class MarketView {
 public:
  MarketView();
  MarketView(const MarketView&) = delete;
  MarketView& operator=(const MarketView&) = delete;

  void AddBook(market::BookSpec spec);
  // Parses and applies one frame; returns the parse error (counted as malformed) if any. Never
  // aborts on venue input.
  core::Status OnFrame(std::string_view text);
  // Resync requests raised since the last call ({channel, symbol} pairs).
  std::vector<std::pair<std::string, std::string>> TakeResyncRequests();

  const market::MarketDataEngine& engine() const { return engine_; }
  const MarketViewCounters& counters() const { return counters_; }
  // (symbol, granularity) of every candle series seen, and symbols of trades seen.
  const std::set<std::pair<std::string, model::Granularity>>& candle_series() const {
    return candle_series_;
  }
  const std::set<std::string>& trade_symbols() const { return trade_symbols_; }
  const std::set<std::string>& ticker_symbols() const { return ticker_symbols_; }

 private:
  core::TestClock clock_;
  market::MarketDataEngine engine_;
  MarketViewCounters counters_;
  bitget::WsFrame frame_;
  model::BookDelta delta_;
  bitget::WsPush<model::Ticker> tickers_;
  bitget::WsPush<model::Candle> candles_;
  bitget::WsPush<bitget::WsTrade> trades_;
  std::set<std::pair<std::string, model::Granularity>> candle_series_;
  std::set<std::string> trade_symbols_;
  std::set<std::string> ticker_symbols_;
};

// Text renderings of the view (deterministic, no colour).
std::string RenderBook(const MarketView& view, std::string_view symbol, std::size_t depth);
std::string RenderTickers(const MarketView& view, const std::vector<std::string>& symbols);
std::string RenderCandles(const MarketView& view, std::size_t rows);
std::string RenderTrades(const MarketView& view, std::size_t rows);
std::string RenderCounters(const MarketView& view);

// The WS URL a command uses: `ws_url` when set, else derived from --base-url, else Bitget's.
core::Result<std::string> ResolveWsUrl(const GlobalOptions& options, const std::string& ws_url);

// Subscribes `subscriptions` on a BitgetWsClient at `ws_url` and runs its loop on this thread
// for `duration_s` seconds (0: until SIGINT/SIGTERM, which this blocks and polls). Every push
// goes to `view` and then to `on_push(recv_ns, text)` when set; book resync requests of the view
// are sent with Resubscribe. `redraw` runs at most every 250 ms when the view changed. Returns an
// exit code (kExitUsage for a bad URL or subscription).
int RunLiveStream(const Io& io, const std::string& ws_url,
                  const std::vector<bitget::WsSubscription>& subscriptions, double duration_s,
                  MarketView& view,
                  const std::function<void(std::int64_t recv_ns, std::string_view text)>& on_push,
                  const std::function<void()>& redraw);

// Adds `watch ticker|book|candles|trades` to `app` and their runners to `commands`; returns
// the group.
CLI::App* AddWatchCommands(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
