#include "app/select_command.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "app/venue_command.h"
#include "app/venue_json.h"
#include "live/universe_inputs.h"
#include "market/universe.h"
#include "model/instrument.h"

namespace bgt::app {
namespace {

struct SelectArgs {
  int top_n = 0;  // 0: the config's universe.top_n
};

std::string Fixed(const std::optional<double>& v, int decimals) {
  if (!v) return "-";
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, *v);
  return buf;
}

boost::json::value JsonNumber(const std::optional<double>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

boost::json::object ToJson(const market::SymbolVerdict& v) {
  return boost::json::object{
      {"symbol", v.symbol},
      {"decision", std::string(ToString(v.decision))},
      {"filter", v.filter == market::UniverseFilter::kNone
                     ? boost::json::value(nullptr)
                     : boost::json::value(std::string(ToString(v.filter)))},
      {"rank", v.rank == 0 ? boost::json::value(nullptr) : boost::json::value(v.rank)},
      {"score", v.decision == market::UniverseDecision::kDropped ? boost::json::value(nullptr)
                                                                 : boost::json::value(v.score)},
      {"volume_usdt_24h", Json(v.metrics.volume_usdt_24h)},
      {"open_interest_usdt", Json(v.metrics.open_interest_usdt)},
      {"spread_bps", JsonNumber(v.metrics.spread_bps)},
      {"funding_rate", Json(v.metrics.funding_rate)},
      {"atr_pct", JsonNumber(v.metrics.atr_pct)},
      {"reason", v.reason},
  };
}

// The symbols whose only missing piece is volatility: they passed every filter that needs no
// candles, so they are worth the open-interest and candle requests.
Reply Select(VenueSession& session, const SelectArgs& args) {
  market::UniverseParams params = session.config().universe;
  if (args.top_n > 0) params.top_n = args.top_n;
  if (core::Status valid = market::ValidateParams(params); !valid) {
    return Failure(valid.error(), kExitInvalidConfig);
  }
  auto gathered = live::GatherUniverseInputs(session.api(), params, session.Now());
  if (!gathered) return Failure(gathered.error());
  const core::Timestamp now = gathered->now;
  std::string notice;
  if (gathered->invalid_rows > 0) {
    notice = std::to_string(gathered->invalid_rows) +
             " contract row(s) were not valid contracts and were left out";
  }
  const market::UniverseInputs& inputs = gathered->inputs;

  market::UniverseSelector selector(params);
  auto snapshot = selector.Refresh(inputs, now);
  if (!snapshot) return Failure(snapshot.error());

  Table table({"rank", "symbol", "decision", "score", "24h volume USDT", "OI USDT", "spread bps",
               "funding", "ATR %", "reason"});
  boost::json::array symbols;
  for (const market::SymbolVerdict& v : snapshot->verdicts) {
    const bool dropped = v.decision == market::UniverseDecision::kDropped;
    table.AddRow(
        {dropped ? "-" : std::to_string(v.rank), v.symbol,
         dropped ? "dropped:" + std::string(ToString(v.filter)) : std::string(ToString(v.decision)),
         dropped ? "-" : Fixed(v.score, 3), Cell(v.metrics.volume_usdt_24h),
         Cell(v.metrics.open_interest_usdt), Fixed(v.metrics.spread_bps, 2),
         Cell(v.metrics.funding_rate), Fixed(v.metrics.atr_pct, 2), v.reason});
    symbols.push_back(ToJson(v));
  }
  boost::json::array members;
  for (const std::string& m : snapshot->members) members.push_back(boost::json::value(m));
  std::string text = Rendered(table);
  text += "selected " + std::to_string(snapshot->members.size()) + " of " +
          std::to_string(snapshot->verdicts.size()) + " contract(s) (top " +
          std::to_string(params.top_n) + ") at " + Cell(now) + "\n";
  Reply reply = Success({{"as_of", Json(now)},
                         {"top_n", params.top_n},
                         {"members", std::move(members)},
                         {"symbols", std::move(symbols)}},
                        std::move(text));
  reply.notice = std::move(notice);
  return reply;
}

}  // namespace

CLI::App* AddSelectCommand(CLI::App& app, std::vector<CommandEntry>& commands) {
  auto args = std::make_shared<SelectArgs>();
  CLI::App* cmd = app.add_subcommand("select",
                                     "Pair selection: filter and rank the venue's contracts "
                                     "([universe] settings) and print why each is in or out")
                      ->fallthrough();
  cmd->add_option("--top-n", args->top_n, "Size of the set (default: universe.top_n)")
      ->check(CLI::Range(1, 1000));
  AddVenueLeaf(commands, cmd, args, VenueAccess::kPublic, "select", Select);
  return cmd;
}

}  // namespace bgt::app
