// `bgt record` writes raw public WebSocket pushes to a file with their receive time; `bgt replay`
// feeds such a file through the same parsers and market engine as `bgt watch` (MarketView).
// Recording format (text, one frame per line, UTF-8):
//   # bgt-record v1                       (lines starting with '#' are comments)
//   <recv_ns>\t<frame text>               (recv_ns: decimal nanoseconds since the Unix epoch,
//                                           wall clock at receipt; the frame exactly as received,
//                                           with any CR/LF replaced by a space)
// Thread-safety: not thread-safe; one command runs on one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli_args.h"
#include "app/watch_command.h"

namespace bgt::app {

inline constexpr std::string_view kRecordHeader = "# bgt-record v1";

// "books:BTCUSDT" -> {books, BTCUSDT}. Error (kInvalidArgument) for a missing ':' or empty part.
core::Result<bitget::WsSubscription> ParseChannelSpec(std::string_view spec);

// One recording line for `text` received at `recv_ns` (with the trailing '\n').
std::string RecordLine(std::int64_t recv_ns, std::string_view text);

struct ReplayOptions {
  double speed = 1.0;  // > 0: recorded gaps divided by speed
  bool as_fast_as_possible = false;
  // Sleeps between frames (tests inject a no-op); default std::this_thread::sleep_for.
  std::function<void(std::chrono::nanoseconds)> sleep;
};

struct ReplayStats {
  std::uint64_t lines = 0;         // non-comment lines read
  std::uint64_t frames = 0;        // well-formed lines fed to the view
  std::uint64_t bad_lines = 0;     // no tab, bad timestamp, empty frame, over-long or truncated
  std::uint64_t truncated = 0;     // of bad_lines: a final line without '\n'
  std::uint64_t out_of_order = 0;  // timestamps going backwards (fed anyway, no wait)
};

// Reads a recording from `in` into `view`. Never fails on content: bad lines are counted.
ReplayStats ReplayStream(std::istream& in, MarketView& view, const ReplayOptions& options);

// Adds `record` and `replay` to `app` and their runners to `commands`.
void AddRecordCommands(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
