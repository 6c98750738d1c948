// Deterministic order-book workload for the book benchmarks: a BTCUSDT-like snapshot (tick 0.1,
// 400 levels a side) and 20,000 `books` update messages (1-10 level changes each, concentrated
// near the touch, ~25 % deletes), with the expected checksum of every message computed by a
// naive reference (std::map + market::BookChecksum), so the benchmarks verify what they time.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "market/book_checksum.h"
#include "market/order_book.h"
#include "model/book_delta.h"

namespace bgt::bench {

struct BookWorkload {
  model::BookDelta snapshot;
  std::vector<model::BookDelta> updates;
  std::vector<std::string> snapshot_json;  // one element: the snapshot as a Bitget push
  std::vector<std::string> updates_json;   // the updates as Bitget pushes
  market::BookSpec spec;
  std::int32_t final_checksum = 0;
};

inline std::string TickText(std::int64_t ticks) {
  return std::to_string(ticks / 10) + "." + std::to_string(ticks % 10);
}

inline std::string LotText(std::int64_t lots) {  // lots of 0.001
  std::string frac = std::to_string(lots % 1000);
  frac.insert(0, 3 - frac.size(), '0');
  return std::to_string(lots / 1000) + "." + frac;
}

inline std::string ToJson(const model::BookDelta& d) {
  auto side = [](const std::vector<model::BookLevelText>& levels) {
    std::string out = "[";
    for (std::size_t i = 0; i < levels.size(); ++i) {
      if (i) out += ',';
      out += "[\"" + levels[i].price + "\",\"" + levels[i].size + "\"]";
    }
    return out + "]";
  };
  std::string out =
      std::string("{\"action\":\"") +
      (d.action == model::BookAction::kSnapshot ? "snapshot" : "update") +
      "\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"books\",\"instId\":\"" + d.symbol +
      "\"},\"data\":[{\"asks\":" + side(d.asks) + ",\"bids\":" + side(d.bids) +
      ",\"checksum\":" + std::to_string(*d.checksum) + ",\"seq\":" + std::to_string(d.seq) +
      ",\"pseq\":" + std::to_string(d.prev_seq) +
      ",\"ts\":\"1695716059716\"}],\"ts\":1695716059717}";
  return out;
}

inline BookWorkload MakeBookWorkload(std::size_t messages = 20000) {
  BookWorkload w;
  w.spec.symbol = "BTCUSDT";
  w.spec.tick_size = core::Decimal::FromParts(1, 1).value();
  w.spec.size_scale = 3;
  std::mt19937_64 rng(20261125);
  auto uniform = [&rng](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  std::geometric_distribution<std::int64_t> distance(0.08);
  const std::int64_t mid = 270000;  // 27000.0
  std::map<std::int64_t, model::BookLevelText> bids;
  std::map<std::int64_t, model::BookLevelText> asks;
  for (std::int64_t i = 0; i < 400; ++i) {
    bids[mid - 1 - i] = {TickText(mid - 1 - i), LotText(uniform(1, 20000))};
    asks[mid + 1 + i] = {TickText(mid + 1 + i), LotText(uniform(1, 20000))};
  }
  auto checksum = [&] {
    std::vector<market::LevelText> b;
    std::vector<market::LevelText> a;
    for (auto it = bids.rbegin(); it != bids.rend() && b.size() < 25; ++it) {
      b.push_back({it->second.price, it->second.size});
    }
    for (auto it = asks.begin(); it != asks.end() && a.size() < 25; ++it) {
      a.push_back({it->second.price, it->second.size});
    }
    return market::BookChecksum(b, a);
  };
  std::int64_t seq = 1000;
  w.snapshot.symbol = "BTCUSDT";
  w.snapshot.channel = "books";
  w.snapshot.action = model::BookAction::kSnapshot;
  for (auto it = bids.rbegin(); it != bids.rend(); ++it) w.snapshot.bids.push_back(it->second);
  for (auto& [t, l] : asks) w.snapshot.asks.push_back(l);
  w.snapshot.seq = seq;
  w.snapshot.checksum = checksum();
  w.snapshot_json.push_back(ToJson(w.snapshot));
  for (std::size_t m = 0; m < messages; ++m) {
    model::BookDelta d;
    d.symbol = "BTCUSDT";
    d.channel = "books";
    d.action = model::BookAction::kUpdate;
    const std::int64_t changes = uniform(1, 10);
    for (std::int64_t c = 0; c < changes; ++c) {
      const bool bid = uniform(0, 1) == 0;
      const std::int64_t ticks = bid ? mid - 1 - distance(rng) : mid + 1 + distance(rng);
      const bool del = uniform(0, 3) == 0;
      model::BookLevelText level{TickText(ticks), del ? "0" : LotText(uniform(1, 20000))};
      auto& side = bid ? bids : asks;
      if (del) {
        side.erase(ticks);
      } else {
        side[ticks] = level;
      }
      (bid ? d.bids : d.asks).push_back(std::move(level));
    }
    d.prev_seq = seq;
    d.seq = ++seq;
    d.checksum = checksum();
    w.updates_json.push_back(ToJson(d));
    w.updates.push_back(std::move(d));
  }
  w.final_checksum = checksum();
  return w;
}

}  // namespace bgt::bench
