#include "app/venue_command.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/logging.h"
#include "config/load.h"

namespace bgt::app {
namespace {

// A local refusal (kDenied) may carry the code Bitget would have answered; it is reported as
// that, never as an answer of the venue.
boost::json::object ErrorJson(const core::Error& error, int exit_code) {
  const bool denied = error.code == core::ErrorCode::kDenied;
  boost::json::object out;
  out["kind"] = core::ErrorCodeName(error.code);
  out["message"] = error.message;
  out["venue_code"] = nullptr;
  if (!error.venue_code.empty())
    out[denied ? "expected_venue_code" : "venue_code"] = error.venue_code;
  if (error.http_status != 0) {
    out["http_status"] = error.http_status;
  } else {
    out["http_status"] = nullptr;
  }
  out["exit_code"] = exit_code;
  return out;
}

// One line on stderr: "bgt: Bitget error 40808: <msg> (HTTP 400)", "bgt: refused locally,
// nothing was sent: <msg> (Bitget would answer 45110)" or "bgt: <kind>: <msg>".
std::string ErrorLine(const core::Error& error) {
  std::string line = "bgt: ";
  if (error.code == core::ErrorCode::kDenied) {
    line += "refused locally, nothing was sent: " + error.message;
    if (!error.venue_code.empty()) line += " (Bitget would answer " + error.venue_code + ")";
    return line;
  }
  if (!error.venue_code.empty()) {
    line += "Bitget error " + error.venue_code + ": " + error.message;
  } else {
    line += std::string(core::ErrorCodeName(error.code)) + ": " + error.message;
  }
  if (error.http_status != 0) line += " (HTTP " + std::to_string(error.http_status) + ")";
  return line;
}

int Print(const Reply& reply, const GlobalOptions& options, const Io& io) {
  if (options.json) {
    boost::json::object doc = reply.json;
    doc["ok"] = reply.exit_code == kExitOk;
    if (reply.error) doc["error"] = ErrorJson(*reply.error, reply.exit_code);
    if (!reply.notice.empty()) doc["notice"] = reply.notice;
    io.out << boost::json::serialize(doc) << '\n';
  } else {
    io.out << reply.text;
    if (!reply.notice.empty()) io.err << "bgt: " << reply.notice << '\n';
    if (reply.error) io.err << ErrorLine(*reply.error) << '\n';
  }
  io.out.flush();
  if (!io.out) {
    io.err << "bgt: cannot write the output\n";
    return kExitRuntimeFailure;
  }
  return reply.exit_code;
}

int PrintConfigError(const core::Error& error, const std::vector<config::Violation>& violations,
                     const GlobalOptions& options, const Io& io) {
  Reply reply = Failure(error, kExitInvalidConfig);
  if (options.json) {
    boost::json::array list;
    for (const config::Violation& v : violations) {
      boost::json::object item;
      item["path"] = v.path;
      item["message"] = v.message;
      if (v.line != 0) item["line"] = v.line;
      list.push_back(std::move(item));
    }
    reply.json["violations"] = std::move(list);
  }
  return Print(reply, options, io);
}

}  // namespace

int ExitCodeFor(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kConfig:
      return kExitInvalidConfig;
    case core::ErrorCode::kVenueRejected:
    case core::ErrorCode::kRateLimited:
      return kExitVenueError;
    case core::ErrorCode::kUnavailable:
    case core::ErrorCode::kAmbiguous:
    case core::ErrorCode::kTimeout:
    case core::ErrorCode::kIo:
      return kExitNetwork;
    case core::ErrorCode::kDenied:
    case core::ErrorCode::kFailedPrecondition:
      return kExitDenied;
    default:
      return kExitRuntimeFailure;
  }
}

Reply Success(boost::json::object json, std::string text) {
  Reply reply;
  reply.json = std::move(json);
  reply.text = std::move(text);
  return reply;
}

Reply Failure(core::Error error, std::optional<int> exit_code) {
  Reply reply;
  reply.exit_code = exit_code.value_or(ExitCodeFor(error));
  reply.error = std::move(error);
  return reply;
}

int RunVenueCommand(const GlobalOptions& options, const Io& io, VenueAccess access,
                    std::string_view command, const VenueBody& body) {
  std::vector<config::Violation> violations;
  auto settings = config::LoadSettings(options.config_file, io.env, &violations);
  if (!settings) return PrintConfigError(settings.error(), violations, options, io);
  if (options.log_level) settings->config.log.level = *options.log_level;

  auto logger = MakeLogger(settings->config.log, io.err);
  if (!logger) return Print(Failure(logger.error(), kExitRuntimeFailure), options, io);
  ScopedDefaultLogger default_logger(*logger);

  auto session = VenueSession::Open(settings->config, options.base_url, access, io.env, command);
  if (!session) {
    const int code =
        session.error().code == core::ErrorCode::kConfig ? kExitInvalidConfig : kExitRuntimeFailure;
    return Print(Failure(session.error(), code), options, io);
  }
  spdlog::debug("{}: venue {} (mode {})", command, (*session)->base_url(),
                config::ModeName(settings->config.mode));
  const Reply reply = body(**session);
  const bitget::RestCounters counters = (*session)->client().counters();
  spdlog::debug("{}: {} request(s) sent, {} retried", command, counters.requests, counters.retries);
  return Print(reply, options, io);
}

core::Result<model::Instrument> FetchInstrument(VenueSession& session, const std::string& symbol) {
  auto rows = session.api().GetContracts(bitget::ContractsQuery{symbol});
  if (!rows) return rows.error();
  for (const model::ContractRow& row : *rows) {
    if (row.symbol == symbol) return model::Instrument::FromContractRow(row);
  }
  return core::MakeError(core::ErrorCode::kDenied,
                         symbol + " is not a contract of " + session.api().context().product_type);
}

std::string BatchTable(const bitget::BatchResult& result) {
  Table table({"order id", "client oid", "symbol", "result"});
  for (const bitget::BatchSuccess& s : result.success_list) {
    table.AddRow({Cell(s.order_id.value_or("")), Cell(s.client_oid), Cell(s.symbol), "ok"});
  }
  for (const bitget::BatchFailure& f : result.failure_list) {
    std::string why = f.error_code.empty() ? f.error_msg : f.error_code + " " + f.error_msg;
    table.AddRow({Cell(f.order_id.value_or("")), Cell(f.client_oid), Cell(f.symbol),
                  "failed: " + Cell(why)});
  }
  return Rendered(table);
}

std::optional<core::Error> BatchError(const bitget::BatchResult& result, std::string_view what) {
  if (result.failure_list.empty()) return std::nullopt;
  const bitget::BatchFailure& first = result.failure_list.front();
  core::Error error;
  error.code = core::ErrorCode::kVenueRejected;
  error.venue_code = first.error_code;
  error.message = std::string(what) + ": " + std::to_string(result.failure_list.size()) + " of " +
                  std::to_string(result.failure_list.size() + result.success_list.size()) +
                  " failed (first: " + Cell(first.error_msg) + ")";
  return error;
}

std::string Cell(const core::Decimal& value) { return value.ToString(); }

std::string Cell(const std::optional<core::Decimal>& value) {
  return value ? value->ToString() : std::string("-");
}

std::string Cell(core::Timestamp time) { return time.ToIso8601(); }

std::string Cell(const std::optional<core::Timestamp>& time) {
  return time ? time->ToIso8601() : std::string("-");
}

std::string Cell(std::string_view text) {
  return text.empty() ? std::string("-") : std::string(text);
}

std::string Rendered(const Table& table) {
  std::ostringstream out;
  table.Render(out);
  return out.str();
}

}  // namespace bgt::app
