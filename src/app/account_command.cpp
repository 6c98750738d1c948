#include "app/account_command.h"

#include <boost/json.hpp>

#include <memory>
#include <string>
#include <utility>

#include "app/venue_command.h"
#include "app/venue_json.h"

namespace bgt::app {
namespace {

struct ShowArgs {
  std::string symbol;
};

struct LeverageArgs {
  std::string symbol;
  int leverage = 0;
  bool long_leg = false;
  bool short_leg = false;
};

struct MarginModeArgs {
  std::string symbol;
  std::string mode;
};

struct PositionModeArgs {
  std::string mode;
};

struct PositionArgs {
  std::string symbol;
  bool yes = false;
};

template <typename E>
std::string EnumCell(const std::optional<E>& value) {
  return value ? std::string(ToString(*value)) : std::string("-");
}

std::string KeyValues(std::initializer_list<std::pair<std::string, std::string>> rows) {
  Table table({"field", "value"});
  for (const auto& [key, value] : rows) table.AddRow({key, value});
  return Rendered(table);
}

Reply Show(VenueSession& session, const ShowArgs& args) {
  if (!args.symbol.empty()) {
    const bitget::AccountQuery query{args.symbol, ""};
    if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
    auto account = session.api().GetAccount(query);
    if (!account) return Failure(account.error());
    const bitget::AccountInfo& a = *account;
    std::string text = KeyValues({
        {"symbol", args.symbol},
        {"margin coin", a.margin_coin},
        {"equity", Cell(a.account_equity)},
        {"available", Cell(a.available)},
        {"locked", Cell(a.locked)},
        {"unrealized PnL (crossed)", Cell(a.crossed_unrealized_pl)},
        {"unrealized PnL (isolated)", Cell(a.isolated_unrealized_pl)},
        {"max available (crossed)", Cell(a.crossed_max_available)},
        {"max available (isolated)", Cell(a.isolated_max_available)},
        {"max transfer out", Cell(a.max_transfer_out)},
        {"crossed risk rate", Cell(a.crossed_risk_rate)},
        {"margin mode", EnumCell(a.margin_mode)},
        {"position mode", EnumCell(a.pos_mode)},
        {"leverage (crossed)", Cell(a.crossed_margin_leverage)},
        {"leverage (isolated long)", Cell(a.isolated_long_lever)},
        {"leverage (isolated short)", Cell(a.isolated_short_lever)},
        {"asset mode", EnumCell(a.asset_mode)},
    });
    boost::json::object account_json = ToJson(a);
    account_json["symbol"] = args.symbol;
    return Success({{"account", std::move(account_json)}}, std::move(text));
  }
  auto accounts = session.api().GetAccounts();
  if (!accounts) return Failure(accounts.error());
  Table table({"margin coin", "equity", "available", "locked", "unrealized PnL", "max transfer",
               "risk rate", "asset mode"});
  for (const bitget::AccountInfo& a : *accounts) {
    table.AddRow({a.margin_coin, Cell(a.account_equity), Cell(a.available), Cell(a.locked),
                  Cell(a.unrealized_pl), Cell(a.max_transfer_out), Cell(a.crossed_risk_rate),
                  EnumCell(a.asset_mode)});
  }
  return Success({{"accounts", ToJsonArray(*accounts)}}, Rendered(table));
}

Reply SetLeverage(VenueSession& session, const LeverageArgs& args) {
  bitget::SetLeverageRequest request;
  request.symbol = args.symbol;
  request.leverage = args.leverage;
  if (args.long_leg) request.hold_side = model::PositionSide::kLong;
  if (args.short_leg) request.hold_side = model::PositionSide::kShort;
  if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;
  auto instrument = FetchInstrument(session, args.symbol);
  if (!instrument) return Failure(instrument.error());
  if (args.leverage < instrument->min_leverage() || args.leverage > instrument->max_leverage()) {
    return Failure(core::MakeError(core::ErrorCode::kDenied,
                                   "leverage " + std::to_string(args.leverage) + " is outside " +
                                       args.symbol + "'s " +
                                       std::to_string(instrument->min_leverage()) + ".." +
                                       std::to_string(instrument->max_leverage())));
  }
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  auto result = session.api().SetLeverage(request);
  if (!result) return Failure(result.error());
  std::string text = "leverage of " + args.symbol + " set\n" +
                     KeyValues({{"long", Cell(result->long_leverage)},
                                {"short", Cell(result->short_leverage)},
                                {"crossed", Cell(result->cross_margin_leverage)},
                                {"margin mode", EnumCell(result->margin_mode)}});
  return Success({{"leverage", ToJson(*result)}}, std::move(text));
}

Reply SetMarginMode(VenueSession& session, const MarginModeArgs& args) {
  bitget::SetMarginModeRequest request;
  request.symbol = args.symbol;
  request.margin_mode =
      args.mode == "isolated" ? model::MarginMode::kIsolated : model::MarginMode::kCrossed;
  if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  auto result = session.api().SetMarginMode(request);
  if (!result) return Failure(result.error());
  std::string text = "margin mode of " + args.symbol + " set to " +
                     std::string(ToString(result->margin_mode)) + "\n";
  return Success({{"margin_mode", ToJson(*result)}}, std::move(text));
}

Reply SetPositionMode(VenueSession& session, const PositionModeArgs& args) {
  bitget::SetPositionModeRequest request;
  request.position_mode =
      args.mode == "hedge" ? model::PositionMode::kHedge : model::PositionMode::kOneWay;
  if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  auto result = session.api().SetPositionMode(request);
  if (!result) return Failure(result.error());
  std::string text = "position mode of " + session.api().context().product_type + " set to " +
                     std::string(ToString(result->pos_mode)) + "\n";
  return Success({{"position_mode", ToJson(*result)}}, std::move(text));
}

// Every open position (total > 0) of the margin coin, of `symbol` when it is not empty.
core::Result<std::vector<bitget::PositionInfo>> OpenPositions(VenueSession& session,
                                                              const std::string& symbol) {
  auto positions = session.api().GetPositions(bitget::AllPositionQuery{});
  if (!positions) return positions.error();
  std::vector<bitget::PositionInfo> open;
  for (bitget::PositionInfo& p : *positions) {
    if ((symbol.empty() || p.symbol == symbol) && p.total.IsPositive())
      open.push_back(std::move(p));
  }
  return open;
}

std::string PositionTable(const std::vector<bitget::PositionInfo>& positions) {
  Table table({"symbol", "side", "size", "available", "entry", "mark", "liq price",
               "unrealized PnL", "leverage", "margin mode", "margin"});
  for (const bitget::PositionInfo& p : positions) {
    table.AddRow({p.symbol, std::string(ToString(p.hold_side)), Cell(p.total), Cell(p.available),
                  Cell(p.open_price_avg), Cell(p.mark_price), Cell(p.liquidation_price),
                  Cell(p.unrealized_pl), Cell(p.leverage), std::string(ToString(p.margin_mode)),
                  Cell(p.margin_size)});
  }
  return Rendered(table);
}

Reply ListPositions(VenueSession& session, const PositionArgs& args) {
  auto positions = OpenPositions(session, args.symbol);
  if (!positions) return Failure(positions.error());
  return Success({{"positions", ToJsonArray(*positions)}}, PositionTable(*positions));
}

Reply CloseAll(VenueSession& session, const PositionArgs& args) {
  if (!args.symbol.empty()) {
    const bitget::ClosePositionsRequest request{args.symbol, std::nullopt};
    if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;
  }
  auto positions = OpenPositions(session, args.symbol);
  if (!positions) return Failure(positions.error());
  const std::string scope = args.symbol.empty() ? std::string("every symbol") : args.symbol;
  if (!args.yes) {
    Reply reply;
    reply.exit_code = kExitUsage;
    reply.json = {{"dry_run", true}, {"positions", ToJsonArray(*positions)}};
    reply.text = PositionTable(*positions);
    reply.notice = "dry run: " + std::to_string(positions->size()) + " position(s) of " + scope +
                   " would be closed at market; nothing was sent. Add --yes to close them.";
    return reply;
  }
  if (positions->empty()) {
    Reply reply = Success({{"dry_run", false}, {"positions", boost::json::array()}}, "");
    reply.notice = "no open position of " + scope + "; nothing was sent";
    return reply;
  }
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  auto result = session.api().ClosePositions(bitget::ClosePositionsRequest{args.symbol, {}});
  if (!result) return Failure(result.error());
  Reply reply = Success(
      {{"dry_run", false}, {"positions", ToJsonArray(*positions)}, {"close", ToJson(*result)}},
      PositionTable(*positions) + "close orders:\n" + BatchTable(*result));
  if (auto failed = BatchError(*result, "close-positions")) {
    reply.exit_code = kExitVenueError;
    reply.error = std::move(failed);
  }
  return reply;
}

}  // namespace

CLI::App* AddAccountCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  CLI::App* account =
      app.add_subcommand("account", "Balances and margin settings (needs credentials)")
          ->fallthrough();
  account->require_subcommand(0, 1);
  {
    auto args = std::make_shared<ShowArgs>();
    CLI::App* cmd = account
                        ->add_subcommand("show",
                                         "Balances of every margin coin, or with --symbol that "
                                         "symbol's margin and leverage settings")
                        ->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Show this symbol's settings (account/account)")
        ->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPrivateRead, "account show", Show);
  }
  {
    auto args = std::make_shared<LeverageArgs>();
    CLI::App* cmd =
        account->add_subcommand("set-leverage", "Set a symbol's leverage")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Symbol, e.g. BTCUSDT")
        ->required()
        ->transform(SymbolArg());
    cmd->add_option("--leverage", args->leverage,
                    "Leverage, within the contract's minLever..maxLever")
        ->required()
        ->check(CLI::Range(1, 1000));
    CLI::Option* long_leg =
        cmd->add_flag("--long", args->long_leg, "Only the long leg (isolated margin, hedge mode)");
    cmd->add_flag("--short", args->short_leg, "Only the short leg (isolated margin, hedge mode)")
        ->excludes(long_leg);
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "account set-leverage", SetLeverage);
  }
  {
    auto args = std::make_shared<MarginModeArgs>();
    CLI::App* cmd =
        account->add_subcommand("set-margin-mode", "Set a symbol's margin mode")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Symbol, e.g. BTCUSDT")
        ->required()
        ->transform(SymbolArg());
    cmd->add_option("--mode", args->mode, "isolated or crossed")
        ->required()
        ->check(CLI::IsMember({"isolated", "crossed"}));
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "account set-margin-mode",
                 SetMarginMode);
  }
  {
    auto args = std::make_shared<PositionModeArgs>();
    CLI::App* cmd = account
                        ->add_subcommand("set-position-mode",
                                         "Set one-way or hedge mode for the whole product type")
                        ->fallthrough();
    cmd->add_option("--mode", args->mode, "one_way or hedge")
        ->required()
        ->check(CLI::IsMember({"one_way", "hedge"}));
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "account set-position-mode",
                 SetPositionMode);
  }
  return account;
}

CLI::App* AddPositionCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  CLI::App* position =
      app.add_subcommand("position", "Open positions (needs credentials)")->fallthrough();
  position->require_subcommand(0, 1);
  {
    auto args = std::make_shared<PositionArgs>();
    CLI::App* cmd = position->add_subcommand("list", "Open positions")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this symbol")->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPrivateRead, "position list", ListPositions);
  }
  {
    auto args = std::make_shared<PositionArgs>();
    CLI::App* cmd = position
                        ->add_subcommand("close-all",
                                         "Close positions at market (flash close); without "
                                         "--yes only shows what would be closed")
                        ->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this symbol (default: every position)")
        ->transform(SymbolArg());
    cmd->add_flag("--yes", args->yes, "Really close them");
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "position close-all", CloseAll);
  }
  return position;
}

}  // namespace bgt::app
