// Running one command against the venue: load the configuration, start logging, open a
// VenueSession, run the command's body, and print its Reply — a text table on stdout (errors on
// stderr) or, with --json, exactly one JSON document on stdout — then return its exit code.
// Also the error -> exit code mapping and the text helpers shared by the venue commands.
// Thread-safety: not thread-safe (swaps spdlog's default logger while running).
#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli_args.h"
#include "app/exit_codes.h"
#include "app/options.h"
#include "app/table.h"
#include "app/venue_session.h"
#include "bitget/encode_requests.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/instrument.h"

namespace bgt::app {

// What a command prints and returns.
struct Reply {
  int exit_code = kExitOk;
  boost::json::object json;          // --json: the document; "ok" and "error" are added
  std::string text;                  // text mode: printed on stdout (may be empty)
  std::optional<core::Error> error;  // text: printed on stderr; --json: under "error"
  std::string notice;                // text: "bgt: <notice>" on stderr; --json: "notice"
};

// The exit code of an error: kConfig 3; a venue answer (kVenueRejected, kRateLimited) 4; no
// answer or an unknown outcome (kUnavailable, kAmbiguous, kTimeout, kIo) 5; a local refusal
// (kDenied, kFailedPrecondition) 6; anything else (an answer bgt cannot read...) 1.
int ExitCodeFor(const core::Error& error);

Reply Success(boost::json::object json, std::string text);
// Fails with ExitCodeFor(error), or with `exit_code` when given.
Reply Failure(core::Error error, std::optional<int> exit_code = std::nullopt);

// A Failure with kExitUsage when the encoder refuses `request` (nothing is sent), so flags such
// as a malformed symbol are usage errors, and a later kInvalidArgument from the API can only be
// an answer bgt cannot read. nullopt when the request encodes.
template <typename Request>
std::optional<Reply> RefusedAsUsage(const Request& request, const bitget::EncodeContext& context) {
  auto encoded = bitget::Encode(request, context);
  if (encoded) return std::nullopt;
  return Failure(encoded.error(), kExitUsage);
}

using VenueBody = std::function<Reply(VenueSession& session)>;

// Loads the settings (exit 3 when invalid), starts logging (exit 1 when the log file cannot be
// opened), opens a session for `command` with `access` (exit 3 for missing credentials or an
// unsafe base URL), runs `body` and prints its Reply. Returns the Reply's exit code (1 when the
// output cannot be written).
int RunVenueCommand(const GlobalOptions& options, const Io& io, VenueAccess access,
                    std::string_view command, const VenueBody& body);

// Registers `cmd` in `commands`: its runner calls RunVenueCommand with `access` and runs
// body(session, *args), `args` being the struct its options were bound to.
template <typename Args, typename Body>
void AddVenueLeaf(std::vector<CommandEntry>& commands, CLI::App* cmd, std::shared_ptr<Args> args,
                  VenueAccess access, std::string name, Body body) {
  commands.push_back({cmd, [args, access, name, body](const GlobalOptions& options, const Io& io) {
                        return RunVenueCommand(
                            options, io, access, name,
                            [&](VenueSession& session) { return body(session, *args); });
                      }});
}

// The validated Instrument of `symbol` (GET contracts?symbol=...). Errors: the request's error;
// kDenied when the venue lists no such contract for the product type (nothing else is sent);
// kInvalidArgument when the venue's row is not a valid contract.
core::Result<model::Instrument> FetchInstrument(VenueSession& session, const std::string& symbol);

// A batch answer (cancel-all, close-positions): a table of every item (order id, client oid,
// symbol, "ok" or the error), and the kVenueRejected error when items failed: "`what`: N of M
// failed", venue_code = the first failure's errorCode (may be empty).
std::string BatchTable(const bitget::BatchResult& result);
std::optional<core::Error> BatchError(const bitget::BatchResult& result, std::string_view what);

// Text cells: a Decimal exactly as it is; an empty optional as "-"; a time as ISO-8601 UTC.
std::string Cell(const core::Decimal& value);
std::string Cell(const std::optional<core::Decimal>& value);
std::string Cell(core::Timestamp time);
std::string Cell(const std::optional<core::Timestamp>& time);
std::string Cell(std::string_view text);  // "-" when empty

// The table as text.
std::string Rendered(const Table& table);

}  // namespace bgt::app
