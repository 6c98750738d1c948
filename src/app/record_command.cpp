// `bgt record` and `bgt replay` (see record_command.h).
#include "app/record_command.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "app/exit_codes.h"

namespace bgt::app {
namespace {

struct RecordArgs {
  std::string out;
  double duration = 0;
  std::string ws_url;
  std::vector<std::string> specs;
};

struct ReplayArgs {
  std::string file;
  double speed = 1.0;
  bool fast = false;
  std::size_t depth = 10;
};

// Symbols with a book or a ticker, ascending.
std::vector<std::string> TickerSymbols(const MarketView& view, const std::set<std::string>& seen) {
  std::vector<std::string> out;
  for (const std::string& s : seen) {
    if (view.engine().FindTicker(s) != nullptr) out.push_back(s);
  }
  return out;
}

std::string Summary(const MarketView& view, const std::set<std::string>& symbols,
                    std::size_t depth) {
  std::string text;
  for (const std::string& symbol : view.engine().books().Symbols()) {
    text += RenderBook(view, symbol, depth);
  }
  const std::vector<std::string> tickers = TickerSymbols(view, symbols);
  if (!tickers.empty()) text += RenderTickers(view, tickers);
  return text + RenderCandles(view, 3) + RenderTrades(view, 3) + RenderCounters(view);
}

int RunRecord(const GlobalOptions& options, const Io& io, const RecordArgs& args) {
  std::vector<bitget::WsSubscription> subscriptions;
  std::set<std::string> symbols;
  for (const std::string& spec : args.specs) {
    auto sub = ParseChannelSpec(spec);
    if (!sub) {
      io.err << "bgt: record: " << sub.error().message << '\n';
      return kExitUsage;
    }
    symbols.insert(sub->inst_id);
    subscriptions.push_back(std::move(*sub));
  }
  auto url = ResolveWsUrl(options, args.ws_url);
  if (!url) {
    io.err << "bgt: record: " << url.error().message << '\n';
    return kExitUsage;
  }
  std::ofstream file(args.out, std::ios::binary | std::ios::trunc);
  if (!file) {
    io.err << "bgt: record: cannot open " << args.out << " for writing\n";
    return kExitRuntimeFailure;
  }
  file << kRecordHeader << '\n';
  std::uint64_t written = 0;
  MarketView view;
  const int code = RunLiveStream(
      io, *url, subscriptions, args.duration, view,
      [&](std::int64_t recv_ns, std::string_view text) {
        file << RecordLine(recv_ns, text);
        ++written;
      },
      nullptr);
  file.flush();
  if (code != kExitOk) return code;
  if (!file) {
    io.err << "bgt: record: write to " << args.out << " failed\n";
    return kExitRuntimeFailure;
  }
  io.out << "recorded " << written << " frame(s) to " << args.out << '\n'
         << Summary(view, symbols, 5);
  return kExitOk;
}

int RunReplay(const GlobalOptions&, const Io& io, const ReplayArgs& args) {
  std::ifstream file(args.file, std::ios::binary);
  if (!file) {
    io.err << "bgt: replay: cannot open " << args.file << '\n';
    return kExitRuntimeFailure;
  }
  MarketView view;
  ReplayOptions options;
  options.speed = args.speed;
  options.as_fast_as_possible = args.fast;
  const ReplayStats stats = ReplayStream(file, view, options);
  std::set<std::string> symbols;
  for (const std::string& s : view.engine().books().Symbols()) symbols.insert(s);
  // Tickers: every symbol the view has a ticker for is among those that sent a push; the engine
  // has no listing, so ask for the book symbols and the symbols named in the file's pushes.
  for (const auto& [symbol, g] : view.candle_series()) symbols.insert(symbol);
  for (const std::string& s : view.trade_symbols()) symbols.insert(s);
  for (const std::string& s : view.ticker_symbols()) symbols.insert(s);
  io.out << Summary(view, symbols, args.depth) << "lines " << stats.lines << "  frames "
         << stats.frames << "  bad lines " << stats.bad_lines << " (truncated " << stats.truncated
         << ")  malformed frames " << view.counters().malformed << "  resyncs needed "
         << view.counters().resyncs_needed << '\n';
  return kExitOk;
}

}  // namespace

core::Result<bitget::WsSubscription> ParseChannelSpec(std::string_view spec) {
  const std::size_t colon = spec.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == spec.size()) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "channel spec '" + std::string(spec) + "' must be CHANNEL:SYMBOL (e.g. books:BTCUSDT)");
  }
  std::string symbol(spec.substr(colon + 1));
  for (char& c : symbol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return bitget::WsSubscription::Public(std::string(spec.substr(0, colon)), std::move(symbol));
}

std::string RecordLine(std::int64_t recv_ns, std::string_view text) {
  std::string line = std::to_string(recv_ns);
  line += '\t';
  line.reserve(line.size() + text.size() + 1);
  for (char c : text) line += (c == '\n' || c == '\r') ? ' ' : c;
  line += '\n';
  return line;
}

ReplayStats ReplayStream(std::istream& in, MarketView& view, const ReplayOptions& options) {
  ReplayStats stats;
  std::string line;
  std::optional<std::int64_t> previous_ns;
  std::function<void(std::chrono::nanoseconds)> sleep = options.sleep;
  if (!sleep) sleep = [](std::chrono::nanoseconds d) { std::this_thread::sleep_for(d); };
  while (std::getline(in, line)) {
    const bool complete = !in.eof();  // getline stopped at '\n'
    if (!line.empty() && line.front() == '#') continue;
    if (line.empty() && complete) continue;
    ++stats.lines;
    if (!complete) {  // the last line lacks its '\n': the recorder was cut off mid-write
      ++stats.bad_lines;
      ++stats.truncated;
      continue;
    }
    const std::size_t tab = line.find('\t');
    std::int64_t recv_ns = 0;
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size() ||
        line.size() - tab - 1 > bitget::kMaxWsFrameBytes) {
      ++stats.bad_lines;
      continue;
    }
    const auto [end, ec] = std::from_chars(line.data(), line.data() + tab, recv_ns);
    if (ec != std::errc() || end != line.data() + tab || recv_ns < 0) {
      ++stats.bad_lines;
      continue;
    }
    if (!options.as_fast_as_possible && previous_ns) {
      if (recv_ns < *previous_ns) {
        ++stats.out_of_order;
      } else if (recv_ns > *previous_ns) {
        const double wait = static_cast<double>(recv_ns - *previous_ns) / options.speed;
        sleep(std::chrono::nanoseconds(static_cast<std::int64_t>(std::min(wait, 3.6e12))));
      }
    } else if (previous_ns && recv_ns < *previous_ns) {
      ++stats.out_of_order;
    }
    previous_ns = recv_ns;
    ++stats.frames;
    (void)view.OnFrame(std::string_view(line).substr(tab + 1));
    (void)view.TakeResyncRequests();  // counted by the view; nobody to resubscribe offline
  }
  return stats;
}

void AddRecordCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  auto rec = std::make_shared<RecordArgs>();
  CLI::App* record = app.add_subcommand(
      "record",
      "Record raw public WebSocket pushes (one '<recv_ns>\\t<frame>' line each) to a file");
  record->add_option("--out", rec->out, "Output file (overwritten)")->required();
  record->add_option("--duration", rec->duration, "Seconds to record; 0: until SIGINT/SIGTERM")
      ->check(CLI::NonNegativeNumber);
  record->add_option("--ws-url", rec->ws_url,
                     "Public WebSocket URL; default derived from --base-url");
  record->add_option("streams", rec->specs, "CHANNEL:SYMBOL, e.g. books:BTCUSDT ticker:ETHUSDT")
      ->required();
  commands.push_back({record, [rec](const GlobalOptions& options, const Io& io) {
                        return RunRecord(options, io, *rec);
                      }});

  auto rep = std::make_shared<ReplayArgs>();
  CLI::App* replay = app.add_subcommand(
      "replay",
      "Feed a `bgt record` file through the WebSocket parsers and the book/market engine; print "
      "the final books, tickers and counters");
  replay->add_option("file", rep->file, "Recording")->required();
  CLI::Option* speed =
      replay->add_option("--speed", rep->speed, "Replay speed (2: twice as fast as recorded)")
          ->check(CLI::PositiveNumber);
  replay->add_flag("--as-fast-as-possible", rep->fast, "Do not wait between frames")
      ->excludes(speed);
  replay->add_option("--depth", rep->depth, "Levels shown per book side")
      ->check(CLI::Range(1, 1000));
  commands.push_back({replay, [rep](const GlobalOptions& options, const Io& io) {
                        return RunReplay(options, io, *rep);
                      }});
}

}  // namespace bgt::app
