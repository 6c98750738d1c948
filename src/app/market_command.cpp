#include "app/market_command.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

#include "app/venue_command.h"
#include "app/venue_json.h"
#include "bitget/candle_range.h"
#include "model/instrument.h"

namespace bgt::app {
namespace {

using bitget::CandleKind;
using bitget::DepthLimit;
using bitget::DepthPrecision;

std::vector<std::string> GranularityNames() {
  std::vector<std::string> names;
  for (int g = 0; g <= static_cast<int>(model::Granularity::k1Mutc); ++g) {
    names.emplace_back(ToString(static_cast<model::Granularity>(g)));
  }
  return names;
}

// The value whose wire spelling is `name` (ASCII case-insensitive: "mark" is CandleKind
// "MARK"); the first value when none matches (CLI11 already checked the spelling).
template <typename E>
E EnumByName(std::string_view name, std::initializer_list<E> values) {
  for (E value : values) {
    const std::string_view wire = ToString(value);
    if (wire.size() == name.size() &&
        std::equal(wire.begin(), wire.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return *values.begin();
}

struct SymbolArgs {
  std::string symbol;
};

struct CandlesArgs {
  std::string symbol;
  std::string granularity;
  std::string from;
  std::string to;
  int limit = 0;  // 0: the venue's default (100)
  std::string kind = "market";
};

struct DepthArgs {
  std::string symbol;
  std::string limit;      // "": the venue's default (100 levels)
  std::string precision;  // "": scale0
};

Reply Contracts(VenueSession& session, const SymbolArgs& args) {
  const bitget::ContractsQuery query{args.symbol};
  if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
  auto rows = session.api().GetContracts(query);
  if (!rows) return Failure(rows.error());
  Table table({"symbol", "status", "tick", "size step", "min size", "min USDT", "max lever",
               "maker fee", "taker fee", "funding h"});
  for (const model::ContractRow& row : *rows) {
    auto instrument = model::Instrument::FromContractRow(row);
    table.AddRow({row.symbol, Cell(row.symbol_status),
                  instrument ? Cell(instrument->tick_size()) : std::string("?"),
                  Cell(row.size_multiplier), Cell(row.min_trade_num), Cell(row.min_trade_usdt),
                  Cell(row.max_lever), Cell(row.maker_fee_rate), Cell(row.taker_fee_rate),
                  Cell(row.fund_interval)});
  }
  return Success({{"contracts", ToJsonArray(*rows)}}, Rendered(table));
}

Reply Tickers(VenueSession& session, const SymbolArgs& args) {
  core::Result<std::vector<bitget::TickerInfo>> tickers = std::vector<bitget::TickerInfo>{};
  if (args.symbol.empty()) {
    tickers = session.api().GetTickers();
  } else {
    const bitget::TickerQuery query{args.symbol};
    if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
    tickers = session.api().GetTicker(query);
  }
  if (!tickers) return Failure(tickers.error());
  Table table({"symbol", "last", "bid", "ask", "24h change", "24h high", "24h low", "24h volume",
               "funding", "mark", "index", "open interest"});
  for (const bitget::TickerInfo& info : *tickers) {
    const model::Ticker& t = info.ticker;
    table.AddRow({t.symbol, Cell(t.last_price), Cell(t.bid_price), Cell(t.ask_price),
                  Cell(info.change_24h), Cell(t.high_24h), Cell(t.low_24h), Cell(t.base_volume_24h),
                  Cell(t.funding_rate), Cell(t.mark_price), Cell(t.index_price),
                  Cell(t.open_interest)});
  }
  return Success({{"tickers", ToJsonArray(*tickers)}}, Rendered(table));
}

std::string CandleTable(const std::vector<model::Candle>& candles) {
  Table table({"open time", "open", "high", "low", "close", "volume", "quote volume"});
  for (const model::Candle& c : candles) {
    table.AddRow({Cell(c.open_time), Cell(c.open), Cell(c.high), Cell(c.low), Cell(c.close),
                  Cell(c.base_volume), Cell(c.quote_volume)});
  }
  return Rendered(table);
}

Reply Candles(VenueSession& session, const CandlesArgs& args) {
  auto granularity = model::ParseGranularity(args.granularity);
  if (!granularity) return Failure(granularity.error(), kExitUsage);
  const CandleKind kind =
      EnumByName(args.kind, {CandleKind::kMarket, CandleKind::kMark, CandleKind::kIndex});
  std::optional<core::Timestamp> to;
  if (!args.to.empty()) to = *ParseTimeArg(args.to);
  const boost::json::object head{
      {"symbol", args.symbol}, {"granularity", args.granularity}, {"kind", args.kind}};

  if (args.from.empty()) {  // the most recent bars (up to --to)
    bitget::CandlesQuery query;
    query.symbol = args.symbol;
    query.granularity = *granularity;
    query.end = to;
    if (args.limit > 0) query.limit = args.limit;
    query.kind = kind;
    if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
    auto candles = session.api().GetCandles(query);
    if (!candles) return Failure(candles.error());
    boost::json::object json = head;
    json["candles"] = ToJsonArray(*candles);
    return Success(std::move(json), CandleTable(*candles));
  }

  const core::Timestamp now = session.Now();
  bitget::CandleRangeQuery query;
  query.symbol = args.symbol;
  query.product_type = session.api().context().product_type;
  query.granularity = *granularity;
  query.kind = kind;
  query.from = *ParseTimeArg(args.from);
  query.to = std::min(to.value_or(now), now);
  // Planning is pure: a range the venue cannot serve is a usage error, found before sending.
  if (auto plan = bitget::PlanCandleRange(query, now); !plan) {
    return Failure(plan.error(), kExitUsage);
  }
  auto series = session.api().FetchCandles(query, now);
  if (!series) return Failure(series.error());
  boost::json::object json = head;
  json["from"] = Json(query.from);
  json["to"] = Json(query.to);
  json["candles"] = ToJsonArray(series->candles);
  json["gaps"] = ToJsonArray(series->gaps);
  json["requests"] = series->requests;
  std::string text = CandleTable(series->candles);
  text += std::to_string(series->candles.size()) + " candle(s) from " + Cell(query.from) + " to " +
          Cell(query.to) + " in " + std::to_string(series->requests) + " request(s)\n";
  for (const bitget::CandleGap& gap : series->gaps) {
    text += "gap: no bars from " + Cell(gap.from) + " to " + Cell(gap.to) + "\n";
  }
  return Success(std::move(json), std::move(text));
}

Reply Depth(VenueSession& session, const DepthArgs& args) {
  bitget::DepthQuery query;
  query.symbol = args.symbol;
  if (!args.limit.empty()) {
    query.limit = EnumByName(args.limit, {DepthLimit::k1, DepthLimit::k5, DepthLimit::k15,
                                          DepthLimit::k50, DepthLimit::kMax});
  }
  if (!args.precision.empty()) {
    query.precision =
        EnumByName(args.precision, {DepthPrecision::kScale0, DepthPrecision::kScale1,
                                    DepthPrecision::kScale2, DepthPrecision::kScale3});
  }
  if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
  auto depth = session.api().GetDepth(query);
  if (!depth) return Failure(depth.error());
  const model::OrderBookSnapshot& book = depth->book;
  Table table({"bid size", "bid", "ask", "ask size"});
  const std::size_t rows = std::max(book.bids.size(), book.asks.size());
  for (std::size_t i = 0; i < rows; ++i) {
    std::vector<std::string> row(4, "");
    if (i < book.bids.size()) {
      row[0] = Cell(book.bids[i].size);
      row[1] = Cell(book.bids[i].price);
    }
    if (i < book.asks.size()) {
      row[2] = Cell(book.asks[i].price);
      row[3] = Cell(book.asks[i].size);
    }
    table.AddRow(std::move(row));
  }
  std::string text = args.symbol + " order book at " + Cell(book.ts) + " (price step " +
                     Cell(depth->scale) + ")\n" + Rendered(table);
  return Success({{"depth", ToJson(*depth)}}, std::move(text));
}

Reply OpenInterest(VenueSession& session, const SymbolArgs& args) {
  const bitget::OpenInterestQuery query{args.symbol};
  if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
  auto interest = session.api().GetOpenInterest(query);
  if (!interest) return Failure(interest.error());
  Table table({"symbol", "open interest", "time"});
  for (const bitget::OpenInterestEntry& entry : interest->open_interest_list) {
    table.AddRow({entry.symbol, Cell(entry.size), Cell(interest->ts)});
  }
  return Success(
      {{"open_interest", ToJsonArray(interest->open_interest_list)}, {"ts", Json(interest->ts)}},
      Rendered(table));
}

Reply Funding(VenueSession& session, const SymbolArgs& args) {
  const bitget::FundingRateQuery query{args.symbol};
  if (auto refused = RefusedAsUsage(query, session.api().context())) return *refused;
  auto rates = session.api().GetFundingRate(query);
  if (!rates) return Failure(rates.error());
  Table table({"symbol", "funding rate", "interval h", "next settlement", "min rate", "max rate"});
  for (const bitget::FundingRateInfo& r : *rates) {
    table.AddRow({r.symbol, Cell(r.funding_rate),
                  r.funding_rate_interval_hours ? std::to_string(*r.funding_rate_interval_hours)
                                                : std::string("-"),
                  Cell(r.next_update), Cell(r.min_funding_rate), Cell(r.max_funding_rate)});
  }
  return Success({{"funding", ToJsonArray(*rates)}}, Rendered(table));
}

}  // namespace

CLI::App* AddMarketCommands(CLI::App& app, std::vector<CommandEntry>& commands) {
  CLI::App* market =
      app.add_subcommand("market", "Public market data from the venue (no credentials)")
          ->fallthrough();
  market->require_subcommand(0, 1);

  {
    auto args = std::make_shared<SymbolArgs>();
    CLI::App* cmd =
        market->add_subcommand("contracts", "Contract rules: tick, size step, minimums, fees")
            ->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this contract (default: all)")
        ->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "market contracts", Contracts);
  }
  {
    auto args = std::make_shared<SymbolArgs>();
    CLI::App* cmd =
        market->add_subcommand("tickers", "Last, best bid/ask, 24h statistics, funding, mark")
            ->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this symbol (default: all)")
        ->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "market tickers", Tickers);
  }
  {
    auto args = std::make_shared<CandlesArgs>();
    CLI::App* cmd = market
                        ->add_subcommand(
                            "candles", "OHLCV bars: the most recent ones, or any range with --from")
                        ->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Symbol, e.g. BTCUSDT")
        ->required()
        ->transform(SymbolArg());
    cmd->add_option("--granularity", args->granularity, "Bar length in Bitget's spelling")
        ->required()
        ->check(CLI::IsMember(GranularityNames()));
    CLI::Option* from =
        cmd->add_option("--from", args->from,
                        "First bar (inclusive): ISO-8601 UTC or ms; fetches the whole range")
            ->type_name("TIME")
            ->check(TimeArg());
    cmd->add_option("--to", args->to, "End (exclusive): ISO-8601 UTC or ms (default: now)")
        ->type_name("TIME")
        ->check(TimeArg());
    cmd->add_option("--limit", args->limit, "Number of recent bars, 1..1000 (default 100)")
        ->check(CLI::Range(1, 1000))
        ->excludes(from);
    cmd->add_option("--kind", args->kind, "Price series: market, mark or index")
        ->check(CLI::IsMember({"market", "mark", "index"}));
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "market candles", Candles);
  }
  {
    auto args = std::make_shared<DepthArgs>();
    CLI::App* cmd = market->add_subcommand("depth", "Order book (merged depth)")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Symbol, e.g. BTCUSDT")
        ->required()
        ->transform(SymbolArg());
    cmd->add_option("--limit", args->limit, "Levels per side: 1, 5, 15, 50 or max (default 100)")
        ->check(CLI::IsMember({"1", "5", "15", "50", "max"}));
    cmd->add_option("--precision", args->precision,
                    "Price grouping: scale0 (finest, default) .. scale3")
        ->check(CLI::IsMember({"scale0", "scale1", "scale2", "scale3"}));
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "market depth", Depth);
  }
  {
    auto args = std::make_shared<SymbolArgs>();
    CLI::App* cmd =
        market->add_subcommand("open-interest", "Open interest (base coin)")->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Symbol, e.g. BTCUSDT")
        ->required()
        ->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "market open-interest", OpenInterest);
  }
  {
    auto args = std::make_shared<SymbolArgs>();
    CLI::App* cmd = market->add_subcommand("funding", "Current funding rate and next settlement")
                        ->fallthrough();
    cmd->add_option("--symbol", args->symbol, "Only this symbol (default: all)")
        ->transform(SymbolArg());
    AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "market funding", Funding);
  }
  return market;
}

}  // namespace bgt::app
