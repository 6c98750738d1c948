#include "app/flatten_command.h"

#include <boost/json.hpp>

#include <memory>
#include <string>
#include <utility>

#include "app/venue_command.h"
#include "live/flatten.h"

namespace bgt::app {
namespace {

struct FlattenArgs {
  bool yes = false;
  int rounds = 5;
};

boost::json::array ItemsJson(const std::vector<live::FlattenLeftover>& items) {
  boost::json::array out;
  for (const auto& item : items) {
    out.push_back({{"kind", item.kind},
                   {"symbol", item.symbol},
                   {"id", item.id},
                   {"size", item.size.ToString()}});
  }
  return out;
}

std::string ItemsTable(const std::vector<live::FlattenLeftover>& items) {
  Table table({"kind", "symbol", "id", "size"});
  for (const auto& item : items) {
    table.AddRow({item.kind, item.symbol, Cell(item.id), Cell(item.size)});
  }
  return Rendered(table);
}

boost::json::array ErrorsJson(const std::vector<core::Error>& errors) {
  boost::json::array out;
  for (const core::Error& error : errors) out.push_back(boost::json::string(error.ToString()));
  return out;
}

Reply DryRun(VenueSession& session) {
  live::OpenInventory open = live::ListOpen(session.api());
  if (!open.complete) return Failure(open.errors.front());
  Reply reply;
  reply.exit_code = kExitUsage;
  reply.json = {{"dry_run", true}, {"open", ItemsJson(open.items)}};
  reply.text = ItemsTable(open.items);
  reply.notice = "dry run: " + std::to_string(open.items.size()) +
                 " open item(s) would be canceled or closed at market; nothing was sent. Add "
                 "--yes to flatten.";
  return reply;
}

Reply RunFlatten(VenueSession& session, const FlattenArgs& args) {
  if (!args.yes) return DryRun(session);
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  bitget::WallWaiter waiter;
  live::FlattenOptions options;
  options.max_rounds = args.rounds;
  const live::FlattenReport report = live::Flatten(session.api(), waiter, options);

  boost::json::array closed;
  Table closed_table({"symbol", "side", "size"});
  for (const live::ClosedPosition& position : report.closed) {
    const std::string side(model::ToString(position.hold_side));
    closed.push_back(
        {{"symbol", position.symbol}, {"side", side}, {"size", position.size.ToString()}});
    closed_table.AddRow({position.symbol, side, Cell(position.size)});
  }
  boost::json::object json{{"dry_run", false},
                           {"flat", report.flat},
                           {"verified", report.verified},
                           {"rounds", report.rounds},
                           {"plan_orders_canceled", report.plan_orders_canceled},
                           {"orders_canceled", report.orders_canceled},
                           {"closed", std::move(closed)},
                           {"leftovers", ItemsJson(report.leftovers)},
                           {"step_errors", ErrorsJson(report.errors)}};
  std::string text = "plan orders canceled: " + std::to_string(report.plan_orders_canceled) +
                     "\norders canceled: " + std::to_string(report.orders_canceled) +
                     "\npositions closed:\n" + Rendered(closed_table);
  for (const core::Error& error : report.errors) text += "step failed: " + error.ToString() + "\n";

  if (report.flat) {
    Reply reply = Success(std::move(json), std::move(text));
    reply.notice = "FLAT: no order, plan order or position is open (read back from the venue)";
    return reply;
  }
  Reply reply;
  reply.json = std::move(json);
  if (!report.verified) {
    // The last read-back failed: its error decides the exit code.
    core::Error last = report.errors.empty() ? core::MakeError(core::ErrorCode::kUnavailable,
                                                               "the account could not be read")
                                             : report.errors.back();
    last.message = "NOT VERIFIED: " + last.message;
    reply.exit_code = ExitCodeFor(last);
    reply.error = std::move(last);
    reply.text = std::move(text);
    return reply;
  }
  reply.exit_code = kExitVenueError;
  reply.error = core::MakeError(core::ErrorCode::kVenueRejected,
                                "NOT FLAT after " + std::to_string(report.rounds) +
                                    " round(s): " + std::to_string(report.leftovers.size()) +
                                    " item(s) still open");
  reply.text = std::move(text) + "still open:\n" + ItemsTable(report.leftovers);
  return reply;
}

}  // namespace

CLI::App* AddFlattenCommand(CLI::App& app, std::vector<CommandEntry>& commands) {
  auto args = std::make_shared<FlattenArgs>();
  CLI::App* cmd =
      app.add_subcommand("flatten",
                         "Emergency exit: cancel every order (plan and TP/SL included), close "
                         "every position at market, verify the account is flat; without --yes "
                         "only lists what is open")
          ->fallthrough();
  cmd->add_flag("--yes", args->yes, "Really cancel and close everything");
  cmd->add_option("--rounds", args->rounds, "Cancel/close/verify rounds before giving up")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "flatten", RunFlatten);
  return cmd;
}

}  // namespace bgt::app
