#include "app/order_command.h"

#include <unistd.h>

#include <boost/json.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "app/venue_command.h"
#include "app/venue_json.h"
#include "model/order_validation.h"
#include "model/precision.h"

namespace bgt::app {
namespace {

struct PlaceArgs {
  std::string symbol;
  std::string side;
  std::string type;
  std::string size;
  std::string price;
  std::string tif = "gtc";
  bool reduce_only = false;
  bool hedge = false;
  std::string leg;
  std::string margin_mode = "crossed";
  std::string client_oid;
  std::string take_profit;
  std::string stop_loss;
};

struct OrderRefArgs {
  std::string symbol;
  std::string order_id;
  std::string client_oid;
};

struct ListArgs {
  std::string symbol;
  bool history = false;
  int limit = 0;  // 0: the venue's default
};

std::optional<core::Decimal> OptionalDecimal(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return DecimalArg(text);
}

core::Error Usage(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

// Trade direction and leg of a listed order, as "buy"/"long"; the wire side when unreadable.
std::pair<std::string, std::string> DirectionCells(const bitget::OrderInfo& o) {
  if (auto intent = bitget::TradeDirection(o.side, o.trade_side, o.pos_mode)) {
    return {std::string(ToString(intent->direction)), std::string(ToString(intent->leg))};
  }
  return {std::string(ToString(o.side)), Cell(o.trade_side)};
}

std::string OrderTable(const std::vector<bitget::OrderInfo>& orders) {
  Table table({"time", "symbol", "order id", "client oid", "side", "leg", "type", "price", "size",
               "filled", "avg price", "status", "tif", "reduce only"});
  for (const bitget::OrderInfo& o : orders) {
    auto [direction, leg] = DirectionCells(o);
    table.AddRow({Cell(o.c_time), o.symbol, o.order_id, Cell(o.client_oid), direction, leg,
                  std::string(ToString(o.order_type)), Cell(o.price), Cell(o.size),
                  Cell(o.base_volume), Cell(o.price_avg), std::string(ToString(o.status)),
                  o.force ? std::string(ToString(*o.force)) : std::string("-"),
                  o.reduce_only ? "yes" : "no"});
  }
  return Rendered(table);
}

std::string OrderDetailText(const bitget::OrderInfo& o) {
  auto [direction, leg] = DirectionCells(o);
  Table table({"field", "value"});
  const std::pair<const char*, std::string> rows[] = {
      {"symbol", o.symbol},
      {"order id", o.order_id},
      {"client oid", Cell(o.client_oid)},
      {"status", std::string(ToString(o.status))},
      {"side", direction},
      {"leg", leg},
      {"type", std::string(ToString(o.order_type))},
      {"time in force", o.force ? std::string(ToString(*o.force)) : std::string("-")},
      {"price", Cell(o.price)},
      {"size", Cell(o.size)},
      {"filled", Cell(o.base_volume)},
      {"average price", Cell(o.price_avg)},
      {"fee", Cell(o.fee)},
      {"reduce only", o.reduce_only ? "yes" : "no"},
      {"margin mode", o.margin_mode ? std::string(ToString(*o.margin_mode)) : std::string("-")},
      {"leverage", Cell(o.leverage)},
      {"take profit", Cell(o.preset_stop_surplus_price)},
      {"stop loss", Cell(o.preset_stop_loss_price)},
      {"created", Cell(o.c_time)},
      {"updated", Cell(o.u_time)},
  };
  for (const auto& [key, value] : rows) table.AddRow({key, value});
  return Rendered(table);
}

// A TP/SL trigger price off the contract's price grid: refused like an order price would be.
std::optional<core::Error> OffTheTick(const model::Instrument& instrument,
                                      const std::optional<core::Decimal>& price,
                                      std::string_view flag) {
  if (!price) return std::nullopt;
  if (price->Normalized().scale() <= instrument.price_place() &&
      price->IsMultipleOf(instrument.tick_size())) {
    return std::nullopt;
  }
  return core::MakeError(core::ErrorCode::kDenied,
                         std::string(flag) + " " + price->ToString() + " is not a multiple of " +
                             instrument.symbol() + "'s tick " + instrument.tick_size().ToString());
}

core::Result<bitget::PlaceOrderRequest> BuildPlaceRequest(const PlaceArgs& args,
                                                          core::Timestamp now) {
  bitget::PlaceOrderRequest request;
  request.symbol = args.symbol;
  request.direction = args.side == "sell" ? model::OrderSide::kSell : model::OrderSide::kBuy;
  request.order_type = args.type == "market" ? model::OrderType::kMarket : model::OrderType::kLimit;
  request.size = DecimalArg(args.size);
  request.price = OptionalDecimal(args.price);
  if (request.order_type == model::OrderType::kLimit && !request.price) {
    return Usage("a limit order needs --price");
  }
  if (request.order_type == model::OrderType::kMarket && request.price) {
    return Usage("a market order takes no --price");
  }
  auto tif = model::ParseTimeInForce(args.tif);
  if (!tif) return Usage(tif.error().message);
  request.time_in_force = *tif;
  request.margin_mode =
      args.margin_mode == "isolated" ? model::MarginMode::kIsolated : model::MarginMode::kCrossed;
  if (args.hedge) {
    if (args.leg.empty()) return Usage("--hedge needs --leg long|short");
    request.position_mode = model::PositionMode::kHedge;
    request.leg = args.leg == "short" ? model::PositionSide::kShort : model::PositionSide::kLong;
  } else if (!args.leg.empty()) {
    return Usage("--leg needs --hedge (one-way mode has a single net position)");
  }
  request.reduce_only = args.reduce_only;
  request.client_oid = args.client_oid.empty() ? NewClientOid(now) : args.client_oid;
  request.take_profit_trigger_price = OptionalDecimal(args.take_profit);
  request.stop_loss_trigger_price = OptionalDecimal(args.stop_loss);
  return request;
}

Reply Place(VenueSession& session, const PlaceArgs& args) {
  auto built = BuildPlaceRequest(args, session.Now());
  if (!built) return Failure(built.error(), kExitUsage);
  bitget::PlaceOrderRequest& request = *built;
  if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;

  // The contract's rules and the mark price (price band, market-order notional): reads only.
  auto instrument = FetchInstrument(session, request.symbol);
  if (!instrument) return Failure(instrument.error());
  auto tickers = session.api().GetTicker(bitget::TickerQuery{request.symbol});
  if (!tickers) return Failure(tickers.error());
  if (tickers->empty()) {
    return Failure(
        core::MakeError(core::ErrorCode::kIo, "the venue sent no ticker for " + request.symbol));
  }
  model::OrderIntent intent;
  intent.side = request.direction;
  intent.type = request.order_type;
  intent.price = request.price;
  intent.size = request.size;
  intent.reference_price = tickers->front().ticker.mark_price;
  intent.position_side = request.leg;
  intent.reduce_only = request.reduce_only;
  if (core::Status valid = model::ValidateOrder(*instrument, intent); !valid) {
    return Failure(valid.error());
  }
  for (auto off : {OffTheTick(*instrument, request.take_profit_trigger_price, "--tp"),
                   OffTheTick(*instrument, request.stop_loss_trigger_price, "--sl")}) {
    if (off) return Failure(*off);
  }
  bitget::EncodeContext context = session.api().context();
  context.instrument = &*instrument;
  if (auto encoded = bitget::Encode(request, context); !encoded) {
    core::Error error = encoded.error();
    error.code = core::ErrorCode::kDenied;
    return Failure(std::move(error));
  }

  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  bitget::BitgetApi api(session.client(), context);
  auto placed = api.PlaceOrder(request);
  if (!placed) {
    core::Error error = placed.error();
    if (error.code == core::ErrorCode::kAmbiguous) {
      error.message += "; check with `bgt order show --symbol " + request.symbol +
                       " --client-oid " + request.client_oid + "`";
    }
    return Failure(std::move(error));
  }
  const std::string price_text =
      request.price ? " @ " + model::FormatPrice(*instrument, *request.price).value_or("?") : "";
  std::string text = "order placed: " + std::string(ToString(request.direction)) + " " +
                     std::string(ToString(request.order_type)) + " " +
                     model::FormatSize(*instrument, request.size).value_or("?") + " " +
                     request.symbol + price_text + "\n";
  boost::json::object json{{"order", ToJson(placed->ack)}, {"duplicate", placed->duplicate}};
  if (placed->duplicate) {
    // An earlier attempt of this call placed the order; confirm it by its clientOid.
    auto detail = session.api().GetOrderDetail({request.symbol, "", request.client_oid});
    if (!detail) return Failure(detail.error());
    text += "(the venue already had this client oid; its order:)\n" + OrderDetailText(*detail);
    json["detail"] = ToJson(*detail);
    return Success(std::move(json), std::move(text));
  }
  Table table({"order id", "client oid"});
  table.AddRow({Cell(placed->ack.order_id.value_or("")), Cell(placed->ack.client_oid)});
  return Success(std::move(json), text + Rendered(table));
}

Reply Cancel(VenueSession& session, const OrderRefArgs& args) {
  const bitget::CancelOrderRequest request{args.symbol, args.order_id, args.client_oid};
  if (args.order_id.empty() && args.client_oid.empty()) {
    return Failure(Usage("give --order-id or --client-oid"), kExitUsage);
  }
  if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  auto ack = session.api().CancelOrder(request);
  if (!ack) return Failure(ack.error());
  Table table({"order id", "client oid"});
  table.AddRow({Cell(ack->order_id.value_or("")), Cell(ack->client_oid)});
  return Success({{"cancelled", ToJson(*ack)}}, "cancel accepted\n" + Rendered(table));
}

Reply CancelAll(VenueSession& session, const ListArgs& args) {
  const bitget::CancelAllOrdersRequest request{args.symbol, ""};
  if (auto refused = RefusedAsUsage(request, session.api().context())) return *refused;
  if (core::Status clock = session.SyncClock(); !clock) return Failure(clock.error());
  auto result = session.api().CancelAllOrders(request);
  if (!result) return Failure(result.error());
  Reply reply = Success({{"cancel", ToJson(*result)}}, BatchTable(*result));
  if (auto failed = BatchError(*result, "cancel-all-orders")) {
    reply.exit_code = kExitVenueError;
    reply.error = std::move(failed);
  }
  return reply;
}

Reply List(VenueSession& session, const ListArgs& args) {
  core::Result<bitget::OrderList> orders = bitget::OrderList{};
  const std::optional<int> limit = args.limit > 0 ? std::optional<int>(args.limit) : std::nullopt;
  if (args.history) {
    bitget::OrdersHistoryQuery query;
    query.symbol = args.symbol;
    query.limit = limit;
    if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
    orders = session.api().GetOrderHistory(query);
  } else {
    bitget::OrdersPendingQuery query;
    query.symbol = args.symbol;
    query.limit = limit;
    if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
    orders = session.api().GetOpenOrders(query);
  }
  if (!orders) return Failure(orders.error());
  return Success({{"orders", ToJsonArray(orders->entrusted_list)},
                  {"end_id", orders->end_id},
                  {"history", args.history}},
                 OrderTable(orders->entrusted_list));
}

Reply Show(VenueSession& session, const OrderRefArgs& args) {
  const bitget::OrderDetailQuery query{args.symbol, args.order_id, args.client_oid};
  if (args.order_id.empty() && args.client_oid.empty()) {
    return Failure(Usage("give --order-id or --client-oid"), kExitUsage);
  }
  if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
  auto detail = session.api().GetOrderDetail(query);
  if (!detail) return Failure(detail.error());
  return Success({{"order", ToJson(*detail)}}, OrderDetailText(*detail));
}

void AddOrderRefOptions(CLI::App* cmd, OrderRefArgs& args) {
  cmd->add_option("--symbol", args.symbol, "Symbol, e.g. BTCUSDT")
      ->required()
      ->transform(SymbolArg());
  CLI::Option* id = cmd->add_option("--order-id", args.order_id, "The venue's order id");
  cmd->add_option("--client-oid", args.client_oid, "The client order id")->excludes(id);
}

void AddPlaceOptions(CLI::App* cmd, PlaceArgs& args) {
  cmd->add_option("--symbol", args.symbol, "Symbol, e.g. BTCUSDT")
      ->required()
      ->transform(SymbolArg());
  cmd->add_option("--side", args.side, "Trade direction: buy or sell")
      ->required()
      ->check(CLI::IsMember({"buy", "sell"}));
  cmd->add_option("--type", args.type, "limit or market")
      ->required()
      ->check(CLI::IsMember({"limit", "market"}));
  cmd->add_option("--size", args.size, "Size in base coin, on the contract's size step")
      ->required()
      ->type_name("DECIMAL")
      ->check(PositiveDecimal());
  cmd->add_option("--price", args.price, "Limit price, on the contract's tick")
      ->type_name("DECIMAL")
      ->check(PositiveDecimal());
  cmd->add_option("--tif", args.tif, "Time in force: gtc (default), ioc, fok or post_only")
      ->check(CLI::IsMember({"gtc", "ioc", "fok", "post_only"}));
  cmd->add_flag("--reduce-only", args.reduce_only, "Only reduce the position (one-way mode)");
  cmd->add_flag("--hedge", args.hedge, "Hedge mode: act on the leg given by --leg");
  cmd->add_option("--leg", args.leg, "Hedge-mode leg: long or short (sell + long = close long)")
      ->check(CLI::IsMember({"long", "short"}));
  cmd->add_option("--margin-mode", args.margin_mode, "crossed (default) or isolated")
      ->check(CLI::IsMember({"crossed", "isolated"}));
  cmd->add_option("--client-oid", args.client_oid,
                  "Client order id (default: a fresh bgt-<ms>-<pid>-<n>)");
  cmd->add_option("--tp", args.take_profit, "Attached take-profit trigger price")
      ->type_name("DECIMAL")
      ->check(PositiveDecimal());
  cmd->add_option("--sl", args.stop_loss, "Attached stop-loss trigger price")
      ->type_name("DECIMAL")
      ->check(PositiveDecimal());
}

}  // namespace

std::string NewClientOid(core::Timestamp now) {
  static std::atomic<std::uint64_t> counter{0};
  return "bgt-" + std::to_string(now.millis()) + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(++counter);
}

CLI::App* AddOrderCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  CLI::App* order =
      app.add_subcommand("order", "Place, cancel and inspect orders (needs credentials)")
          ->fallthrough();
  order->require_subcommand(0, 1);
  {
    auto args = std::make_shared<PlaceArgs>();
    CLI::App* cmd = order
                        ->add_subcommand("place",
                                         "Place an order after checking it against the "
                                         "contract's rules")
                        ->fallthrough();
    AddPlaceOptions(cmd, *args);
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "order place", Place);
  }
  {
    auto args = std::make_shared<OrderRefArgs>();
    CLI::App* cmd = order->add_subcommand("cancel", "Cancel one order")->fallthrough();
    AddOrderRefOptions(cmd, *args);
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "order cancel", Cancel);
  }
  {
    auto args = std::make_shared<ListArgs>();
    CLI::App* cmd = order->add_subcommand("cancel-all", "Cancel every open order")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this symbol (default: every symbol)")
        ->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kTrade, "order cancel-all", CancelAll);
  }
  {
    auto args = std::make_shared<ListArgs>();
    CLI::App* cmd = order->add_subcommand("list", "Open orders (or --history)")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this symbol")->transform(SymbolArg());
    cmd->add_flag("--history", args->history, "Finished orders instead of open ones");
    cmd->add_option("--limit", args->limit, "At most this many, 1..100 (default 100)")
        ->check(CLI::Range(1, 100));
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPrivateRead, "order list", List);
  }
  {
    auto args = std::make_shared<OrderRefArgs>();
    CLI::App* cmd = order->add_subcommand("show", "One order's detail")->fallthrough();
    AddOrderRefOptions(cmd, *args);
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPrivateRead, "order show", Show);
  }
  return order;
}

}  // namespace bgt::app
