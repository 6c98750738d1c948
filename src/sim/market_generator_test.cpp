#include "sim/market_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/contract_rows_testdata.h"
#include "model/precision.h"
#include "sim/market_candles.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;
using model::Granularity;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kStart = Timestamp::FromSeconds(1'767'225'600);  // 2026-01-01T00:00Z

std::unique_ptr<MarketGenerator> Make(std::uint64_t seed, std::vector<std::string> symbols = {},
                                      int history_days = 40) {
  MarketGeneratorConfig config;
  config.seed = seed;
  config.start = kStart + minutes(90) + milliseconds(250);
  config.history_days = history_days;
  if (!symbols.empty()) {
    config.presets.clear();
    for (const std::string& s : symbols) config.presets.push_back(*FindPreset(s));
  }
  auto gen = MarketGenerator::Create(std::move(config));
  EXPECT_TRUE(gen.has_value()) << gen.error().ToString();
  return std::move(gen).value();
}

std::string Text(const model::Ticker& k) {
  std::string s = k.symbol;
  for (const Decimal* d :
       {&k.last_price, &k.bid_price, &k.bid_size, &k.ask_price, &k.ask_size, &k.open_24h,
        &k.high_24h, &k.low_24h, &k.base_volume_24h, &k.quote_volume_24h, &k.funding_rate,
        &k.mark_price, &k.index_price, &k.open_interest}) {
    s += " " + d->ToString();
  }
  return s + " " + k.next_funding_time->ToIso8601() + " " + std::to_string(k.ts.nanos());
}

std::string Text(std::span<const MarketTrade> trades) {
  std::string s;
  for (const MarketTrade& t : trades) {
    s += std::to_string(t.trade_id) + ":" + t.price.ToString() + "x" + t.size.ToString() +
         (t.side == model::OrderSide::kBuy ? "b" : "s") + std::to_string(t.ts.nanos()) + " ";
  }
  return s;
}

std::string Text(const model::OrderBookSnapshot& b) {
  std::string s;
  for (const auto& l : b.bids) s += l.price.ToString() + "/" + l.size.ToString() + " ";
  s += "|";
  for (const auto& l : b.asks) s += " " + l.price.ToString() + "/" + l.size.ToString();
  return s;
}

std::string Text(const std::vector<model::Candle>& candles) {
  std::string s;
  for (const model::Candle& c : candles) {
    s += std::to_string(c.open_time.seconds()) + " " + c.open.ToString() + " " + c.high.ToString() +
         " " + c.low.ToString() + " " + c.close.ToString() + " " + c.base_volume.ToString() + " " +
         c.quote_volume.ToString() + "\n";
  }
  return s;
}

// Everything the source says about symbol i at Now().
std::string Snapshot(const MarketGenerator& gen, std::size_t i) {
  return Text(gen.ticker(i)) + "\n" + Text(gen.RecentTrades(i)) + "\n" + Text(gen.Book(i, 20));
}

TEST(MarketGeneratorTest, ServesTheTwentyPresetContracts) {
  auto gen = Make(1);
  ASSERT_EQ(gen->instruments().size(), 20u);
  EXPECT_EQ(gen->instruments()[0].symbol(), "BTCUSDT");
  EXPECT_EQ(gen->FindSymbol("TAIKOUSDT"), 19u);
  EXPECT_FALSE(gen->FindSymbol("TONUSDT").has_value());
  EXPECT_EQ(gen->Now(), kStart + minutes(90) + milliseconds(250));
  EXPECT_EQ(gen->history_start(), kStart - hours(24 * 40));
  // The start day opened at the preset price: BTC within a few % of 83,692.3 after 90 minutes.
  const double btc = gen->ticker(0).last_price.ToDouble();
  EXPECT_GT(btc, 83'692.3 * 0.95);
  EXPECT_LT(btc, 83'692.3 * 1.05);
}

TEST(MarketGeneratorTest, PresetRowsMatchTheRecordedBitgetRows) {
  const model::ContractRow expected[] = {
      model::testdata::BtcUsdtRow(), model::testdata::EthUsdtRow(), model::testdata::PepeUsdtRow(),
      model::testdata::ShibUsdtRow()};
  for (const model::ContractRow& row : expected) {
    const model::ContractRow got = FindPreset(row.symbol)->contract;
    EXPECT_EQ(got.symbol, row.symbol);
    EXPECT_EQ(got.min_trade_num, row.min_trade_num) << row.symbol;
    EXPECT_EQ(got.price_place, row.price_place) << row.symbol;
    EXPECT_EQ(got.volume_place, row.volume_place) << row.symbol;
    EXPECT_EQ(got.size_multiplier, row.size_multiplier) << row.symbol;
    EXPECT_EQ(got.max_market_order_qty, row.max_market_order_qty) << row.symbol;
    EXPECT_EQ(got.max_order_qty, row.max_order_qty) << row.symbol;
    EXPECT_EQ(got.max_lever, row.max_lever) << row.symbol;
    EXPECT_EQ(got.fund_interval, row.fund_interval) << row.symbol;
    EXPECT_EQ(got.pos_limit, row.pos_limit) << row.symbol;
    EXPECT_EQ(got.buy_limit_price_ratio, row.buy_limit_price_ratio) << row.symbol;
  }
  for (const SymbolPreset& preset : DefaultPresets()) {
    EXPECT_TRUE(ValidatePreset(preset).ok()) << preset.contract.symbol;
    EXPECT_TRUE(model::Instrument::FromContractRow(preset.contract).has_value())
        << preset.contract.symbol;
  }
  EXPECT_EQ(FindPreset("TONUSDT").error().code, core::ErrorCode::kNotFound);
}

TEST(MarketGeneratorTest, SameSeedAndStepsGiveBitIdenticalOutput) {
  auto a = Make(7);
  auto b = Make(7);
  Timestamp t = a->Now();
  for (int step = 0; step < 400; ++step) {
    t += milliseconds(937 + 113 * (step % 5));
    ASSERT_TRUE(a->AdvanceTo(t).ok());
    ASSERT_TRUE(b->AdvanceTo(t).ok());
    for (std::size_t i = 0; i < a->instruments().size(); i += step % 3 == 0 ? 1 : 7) {
      ASSERT_EQ(Snapshot(*a, i), Snapshot(*b, i)) << "step " << step << " symbol " << i;
    }
  }
  for (Granularity g : {Granularity::k1m, Granularity::k1H, Granularity::k1D}) {
    ASSERT_EQ(Text(*a->Candles(3, g, kStart - hours(240), t, 500)),
              Text(*b->Candles(3, g, kStart - hours(240), t, 500)));
  }
  // Another seed is another market.
  auto c = Make(8);
  EXPECT_NE(c->ticker(0).last_price, a->ticker(0).last_price);
}

TEST(MarketGeneratorTest, StateDependsOnTimeNotOnTheStepGrid) {
  auto coarse = Make(11, {"BTCUSDT", "WIFUSDT"});
  auto fine = Make(11, {"BTCUSDT", "WIFUSDT"});
  std::string coarse_trades;
  std::string fine_trades;
  Timestamp t = coarse->Now();
  for (int step = 0; step < 150; ++step) {
    t += seconds(2);
    for (int k = 1; k <= 8; ++k) {
      ASSERT_TRUE(fine->AdvanceTo(t - seconds(2) + milliseconds(250 * k)).ok());
      fine_trades += Text(fine->RecentTrades(1));
    }
    ASSERT_TRUE(coarse->AdvanceTo(t).ok());
    coarse_trades += Text(coarse->RecentTrades(1));
    ASSERT_EQ(Text(coarse->ticker(0)), Text(fine->ticker(0)));
    ASSERT_EQ(Text(coarse->Book(1, 10)), Text(fine->Book(1, 10)));
  }
  EXPECT_EQ(coarse_trades, fine_trades);
  EXPECT_FALSE(coarse_trades.empty());
}

TEST(MarketGeneratorTest, RefusesToGoBackInTime) {
  auto gen = Make(3, {"ETHUSDT"});
  const Timestamp now = gen->Now();
  const std::string before = Text(gen->ticker(0));
  const core::Status status = gen->AdvanceTo(now - milliseconds(1));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(gen->Now(), now);
  EXPECT_EQ(Text(gen->ticker(0)), before);
  EXPECT_TRUE(gen->AdvanceTo(now).ok());  // standing still is allowed
  EXPECT_TRUE(gen->RecentTrades(0).empty());
}

bool OnTick(const model::Instrument& in, const Decimal& price) {
  return price.IsPositive() && price.IsMultipleOf(in.tick_size()) &&
         model::FormatPrice(in, price).has_value();
}
bool OnStep(const model::Instrument& in, const Decimal& size) {
  return !size.IsNegative() && (size.IsZero() || size.IsMultipleOf(in.size_step())) &&
         model::FormatSize(in, size).has_value();
}

TEST(MarketGeneratorTest, EveryPriceIsOnTheTickAndEverySizeOnTheStep) {
  auto gen = Make(5);
  Timestamp t = gen->Now();
  for (int step = 0; step < 90; ++step) {
    t += milliseconds(1700);
    ASSERT_TRUE(gen->AdvanceTo(t).ok());
    for (std::size_t i = 0; i < gen->instruments().size(); ++i) {
      const model::Instrument& in = gen->instruments()[i];
      const model::Ticker& k = gen->ticker(i);
      for (const Decimal* p : {&k.last_price, &k.bid_price, &k.ask_price, &k.open_24h, &k.high_24h,
                               &k.low_24h, &k.mark_price, &k.index_price}) {
        ASSERT_TRUE(OnTick(in, *p)) << in.symbol() << " " << p->ToString();
      }
      for (const Decimal* s : {&k.bid_size, &k.ask_size, &k.base_volume_24h, &k.open_interest}) {
        ASSERT_TRUE(OnStep(in, *s)) << in.symbol() << " " << s->ToString();
      }
      ASSERT_GE(k.bid_size, in.min_size());
      for (const MarketTrade& trade : gen->RecentTrades(i)) {
        ASSERT_TRUE(OnTick(in, trade.price)) << in.symbol();
        ASSERT_TRUE(OnStep(in, trade.size)) << in.symbol();
        ASSERT_GE(trade.size, in.min_size()) << in.symbol();
      }
      const model::OrderBookSnapshot book = gen->Book(i, 50);
      ASSERT_TRUE(model::CheckSnapshot(book).ok()) << in.symbol();
      for (const auto* side : {&book.bids, &book.asks}) {
        for (const model::BookLevel& level : *side) {
          ASSERT_TRUE(OnTick(in, level.price)) << in.symbol();
          ASSERT_TRUE(OnStep(in, level.size)) << in.symbol();
          ASSERT_GE(level.size, in.min_size()) << in.symbol();
        }
      }
    }
  }
  for (std::size_t i = 0; i < gen->instruments().size(); ++i) {
    const model::Instrument& in = gen->instruments()[i];
    for (Granularity g : {Granularity::k1m, Granularity::k1D}) {
      const auto candles = gen->Candles(i, g, kStart - hours(72), t, 300);
      ASSERT_TRUE(candles.has_value());
      ASSERT_FALSE(candles->empty());
      for (const model::Candle& c : *candles) {
        ASSERT_TRUE(model::CheckCandle(c).ok())
            << in.symbol() << " " << model::CheckCandle(c).ToString() << " " << c.open_time << " "
            << c.open << " " << c.high << " " << c.low << " " << c.close;
        for (const Decimal* p : {&c.open, &c.high, &c.low, &c.close}) {
          ASSERT_TRUE(OnTick(in, *p)) << in.symbol() << " " << p->ToString();
        }
        ASSERT_TRUE(OnStep(in, c.base_volume)) << in.symbol();
      }
    }
  }
}

TEST(MarketGeneratorTest, BookTopMatchesTickerAndDeeperBooksExtendShallowerOnes) {
  auto gen = Make(9);
  Timestamp t = gen->Now();
  for (int step = 0; step < 30; ++step) {
    t += milliseconds(3100);
    ASSERT_TRUE(gen->AdvanceTo(t).ok());
    for (std::size_t i = 0; i < gen->instruments().size(); ++i) {
      const model::Ticker& k = gen->ticker(i);
      const model::OrderBookSnapshot deep = gen->Book(i, 50);
      const model::OrderBookSnapshot shallow = gen->Book(i, 5);
      ASSERT_EQ(shallow.bids.size(), 5u);
      ASSERT_EQ(deep.asks.size(), 50u);
      EXPECT_EQ(deep.symbol, k.symbol);
      EXPECT_EQ(deep.bids[0].price, k.bid_price);
      EXPECT_EQ(deep.bids[0].size, k.bid_size);
      EXPECT_EQ(deep.asks[0].price, k.ask_price);
      EXPECT_EQ(deep.asks[0].size, k.ask_size);
      for (std::size_t l = 0; l < 5; ++l) {
        EXPECT_EQ(shallow.bids[l], deep.bids[l]);
        EXPECT_EQ(shallow.asks[l], deep.asks[l]);
      }
      // The last trade sits at the touch.
      EXPECT_TRUE(k.last_price == k.bid_price || k.last_price == k.ask_price) << k.symbol;
      const auto spread_ticks =
          (k.ask_price - k.bid_price).ToDouble() / gen->instruments()[i].tick_size().ToDouble();
      const SymbolPreset preset = *FindPreset(k.symbol);
      EXPECT_GE(spread_ticks, preset.spread_min_ticks - 1e-9);
      EXPECT_LE(spread_ticks, preset.spread_max_ticks + 1e-9);
      // Mark and index stay within a few bps of last.
      const double last = k.last_price.ToDouble();
      EXPECT_LT(std::abs(k.mark_price.ToDouble() / last - 1), 0.005) << k.symbol;
      EXPECT_LT(std::abs(k.index_price.ToDouble() / last - 1), 0.01) << k.symbol;
    }
  }
}

TEST(MarketGeneratorTest, TradesAreOrderedIncrementalAndEndAtTheLastPrice) {
  auto gen = Make(12, {"SOLUSDT", "PEPEUSDT"});
  Timestamp t = gen->Now();
  std::int64_t last_id = -1;
  Timestamp last_ts = t;
  std::size_t count = 0;
  for (int step = 0; step < 200; ++step) {
    const Timestamp previous = t;
    t += milliseconds(700);
    ASSERT_TRUE(gen->AdvanceTo(t).ok());
    for (const MarketTrade& trade : gen->RecentTrades(0)) {
      EXPECT_GT(trade.ts, previous);
      EXPECT_LE(trade.ts, t);
      EXPECT_GE(trade.ts, last_ts);
      EXPECT_GT(trade.trade_id, last_id);
      last_id = trade.trade_id;
      last_ts = trade.ts;
      ++count;
    }
    if (!gen->RecentTrades(0).empty()) {
      EXPECT_EQ(gen->RecentTrades(0).back().price, gen->ticker(0).last_price);
    }
  }
  EXPECT_GT(count, 50u);  // 140 s of SOL at ~40 trades a minute
}

TEST(MarketGeneratorTest, LongStepsReportOnlyTheFinalTradeWindow) {
  auto gen = Make(12, {"BTCUSDT"});
  const Timestamp t = gen->Now() + hours(5);
  ASSERT_TRUE(gen->AdvanceTo(t).ok());
  ASSERT_FALSE(gen->RecentTrades(0).empty());
  EXPECT_GT(gen->RecentTrades(0).front().ts, t - hours(1));
  EXPECT_LT(gen->RecentTrades(0).front().ts, t - minutes(59));
}

TEST(MarketGeneratorTest, CreateRejectsBadConfigurations) {
  MarketGeneratorConfig empty;
  empty.presets.clear();
  EXPECT_EQ(MarketGenerator::Create(empty).error().code, core::ErrorCode::kInvalidArgument);

  MarketGeneratorConfig duplicate;
  duplicate.presets = {*FindPreset("BTCUSDT"), *FindPreset("BTCUSDT")};
  EXPECT_FALSE(MarketGenerator::Create(duplicate).has_value());

  MarketGeneratorConfig bad_tail;
  bad_tail.presets = {*FindPreset("BTCUSDT")};
  bad_tail.presets[0].tail_dof = 2;
  auto result = MarketGenerator::Create(bad_tail);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("tail_dof"), std::string::npos);

  MarketGeneratorConfig bad_row;
  bad_row.presets = {*FindPreset("BTCUSDT")};
  bad_row.presets[0].contract.price_place = "x";
  EXPECT_FALSE(MarketGenerator::Create(bad_row).has_value());

  MarketGeneratorConfig no_history;
  no_history.history_days = 0;
  EXPECT_FALSE(MarketGenerator::Create(no_history).has_value());
}

}  // namespace
}  // namespace bgt::sim
