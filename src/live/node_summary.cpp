// The run's summary as text and as JSON (node.h).
#include <boost/json.hpp>

#include <sstream>
#include <string>

#include "live/node.h"

namespace bgt::live {

std::string SummaryText(const NodeSummary& s) {
  const KernelStats& k = s.stats;
  std::ostringstream out;
  const double win_rate = k.round_trips == 0 ? 0.0 : 100.0 * k.winning_round_trips / k.round_trips;
  out << "run time:          " << s.run_ms / 1000 << " s\n"
      << "starting equity:   " << s.starting_equity.ToString() << " USDT\n"
      << "final equity:      " << s.final_equity.ToString() << " USDT\n"
      << "PnL (equity):      " << (s.final_equity - s.starting_equity).ToString() << " USDT\n"
      << "realized PnL:      " << k.realized_pnl.ToString() << " USDT (fees excluded)\n"
      << "fees:              " << k.fees.ToString() << " USDT\n"
      << "funding:           " << k.funding.ToString() << " USDT\n"
      << "max drawdown:      " << k.max_drawdown.ToString() << " of the equity peak\n"
      << "trades:            " << k.round_trips << " round trips, " << k.fills << " fills\n"
      << "win rate:          " << static_cast<int>(win_rate + 0.5) << " %\n"
      << "orders:            " << k.orders_submitted << " sent (+" << k.stop_updates
      << " stop-loss moves), " << k.orders_denied << " denied by risk, " << k.orders_rejected
      << " rejected by the venue\n"
      << "risk events:       " << k.risk_events << "\n"
      << "market events:     " << s.market_events << " (ws reconnects " << s.ws_reconnects
      << ", malformed " << s.ws_malformed << ")\n"
      << "order books:       " << s.book_resyncs << " resyncs (" << s.checksum_failures
      << " checksum failures)\n"
      << "rest:              " << s.rest_throttled << " throttled (429), " << s.rest_polls
      << " polls while the private stream was down\n"
      << "flattened:         "
      << (s.flattened ? (s.flat_verified ? "yes, verified flat" : "attempted, NOT verified")
                      : "no (positions left open)")
      << "\n";
  for (const std::string& note : s.notes) out << "note: " << note << "\n";
  return out.str();
}

std::string SummaryJson(const NodeSummary& s) {
  const KernelStats& k = s.stats;
  boost::json::array notes;
  for (const std::string& note : s.notes) notes.emplace_back(note);
  boost::json::array left_alone;
  for (const std::string& symbol : s.left_alone) left_alone.emplace_back(symbol);
  boost::json::object out{{"run_ms", s.run_ms},
                          {"starting_equity", s.starting_equity.ToString()},
                          {"final_equity", s.final_equity.ToString()},
                          {"pnl", (s.final_equity - s.starting_equity).ToString()},
                          {"realized_pnl", k.realized_pnl.ToString()},
                          {"fees", k.fees.ToString()},
                          {"funding", k.funding.ToString()},
                          {"max_drawdown", k.max_drawdown.ToString()},
                          {"round_trips", k.round_trips},
                          {"winning_round_trips", k.winning_round_trips},
                          {"fills", k.fills},
                          {"orders_submitted", k.orders_submitted},
                          {"stop_updates", k.stop_updates},
                          {"orders_denied", k.orders_denied},
                          {"orders_rejected", k.orders_rejected},
                          {"risk_events", k.risk_events},
                          {"market_events", s.market_events},
                          {"commands_sent", s.commands_sent},
                          {"ws_reconnects", s.ws_reconnects},
                          {"flattened", s.flattened},
                          {"flat_verified", s.flat_verified},
                          {"book_resyncs", s.book_resyncs},
                          {"checksum_failures", s.checksum_failures},
                          {"rest_polls", s.rest_polls},
                          {"rest_throttled", s.rest_throttled},
                          {"restored_orders", s.restored_orders},
                          {"left_alone", std::move(left_alone)},
                          {"notes", std::move(notes)}};
  return boost::json::serialize(out);
}

}  // namespace bgt::live
