// Test helpers for MatchingEngine tests: instruments, order builders and event filters.
// Test-only; not part of bgt_sim. Thread-safety: plain functions.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/decimal.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"
#include "sim/matching_engine.h"

namespace bgt::sim::testing {

inline core::Decimal D(const char* text) { return *core::Decimal::Parse(text); }

// BTCUSDT: tick 0.1, size step 0.0001.
inline const model::Instrument& Btc() {
  static const model::Instrument in = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  return in;
}
// BTCUSDT with a 0.5 tick.
inline const model::Instrument& HalfTick() {
  static const model::Instrument in = model::testdata::MustBuild(model::testdata::HalfTickRow());
  return in;
}

inline OrderRequest Limit(OrderId id, AccountId owner, model::OrderSide side, const char* price,
                          const char* size, model::TimeInForce tif = model::TimeInForce::kGtc,
                          StpMode stp = StpMode::kNone) {
  OrderRequest r;
  r.order_id = id;
  r.owner = owner;
  r.side = side;
  r.type = model::OrderType::kLimit;
  r.time_in_force = tif;
  r.price = D(price);
  r.size = D(size);
  r.stp_mode = stp;
  return r;
}

// `protection` empty = no protection price.
inline OrderRequest Market(OrderId id, AccountId owner, model::OrderSide side, const char* size,
                           const char* protection = "", StpMode stp = StpMode::kNone) {
  OrderRequest r;
  r.order_id = id;
  r.owner = owner;
  r.side = side;
  r.type = model::OrderType::kMarket;
  if (std::string(protection).empty()) {
    r.price.reset();
  } else {
    r.price = D(protection);
  }
  r.size = D(size);
  r.stp_mode = stp;
  return r;
}

// All events of type T, in order.
template <typename T>
std::vector<T> Of(const MatchEvents& events) {
  std::vector<T> out;
  for (const MatchEvent& e : events) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

// A compact trace of event kinds: "A" accepted, "R" rested, "F" fill, "C" canceled, "X" rejected,
// "M" amended. E.g. "AFFR".
inline std::string Kinds(const MatchEvents& events) {
  static constexpr char kLetters[] = {'A', 'R', 'F', 'C', 'X', 'M'};
  std::string s;
  for (const MatchEvent& e : events) s += kLetters[e.index()];
  return s;
}

}  // namespace bgt::sim::testing
