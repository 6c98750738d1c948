// FundingAware: as a filter it drops exactly the paying entries inside the window before an
// expensive settlement; harvesting opens on the receiving side at the first check inside the
// harvest window and closes right after the settlement.
#include "strategy/funding_aware.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "strategy/strategy_test_support.h"

namespace bgt::strategy {
namespace {

using testing::D;
using testing::Describe;
using ::testing::ElementsAre;
using testing::Harness;
using ::testing::HasSubstr;
using testing::kStart;

// Emits whatever `script` submits on each closed candle.
class Scripted final : public Strategy {
 public:
  explicit Scripted(std::function<void(StrategyContext&, const std::string&)> script)
      : script_(std::move(script)) {}
  std::string_view name() const override { return "scripted"; }
  void OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                      const model::Candle&) override {
    script_(ctx, symbol);
  }

 private:
  std::function<void(StrategyContext&, const std::string&)> script_;
};

// Every bar: a long entry, a short entry and an exit.
std::unique_ptr<Strategy> EveryIntent() {
  return std::make_unique<Scripted>([](StrategyContext& ctx, const std::string& symbol) {
    ctx.Submit(Entry{symbol, Side::kLong, D("90"), std::nullopt, "l"});
    ctx.Submit(Entry{symbol, Side::kShort, D("110"), std::nullopt, "s"});
    ctx.Submit(Exit{symbol, "x"});
  });
}

FundingEvent Funding(std::string_view rate, core::Timestamp next) {
  return FundingEvent{"BTCUSDT", D(rate), next, kStart};
}

// Bars close at kStart + 1h, + 2h, ...; funding settles at kStart + 2h + 20 min. Bar 1 closes
// 20 min before it (inside the 30-min window), bar 0 80 min before (outside), bar 2 after.
TEST(FundingAware, DropsOnlyPayingEntriesInsideTheWindow) {
  FundingAware filter(FundingParams{}, EveryIntent());
  Harness h(filter);
  h.runner().OnFunding(Funding("0.0005", kStart + std::chrono::minutes(140)));
  h.FeedCloses({100, 100, 100}, 0.5);
  EXPECT_THAT(Describe(h.log()),
              ElementsAre("0 entry long 90", "0 entry short 110", "0 exit",    // 80 min before
                          "1 entry short 110", "1 exit",                       // long dropped
                          "2 entry long 90", "2 entry short 110", "2 exit"));  // settled
  ASSERT_EQ(filter.blocked().size(), 1u);
  EXPECT_THAT(filter.blocked()[0].reason, HasSubstr("long would pay funding 0.0005 in 1200 s"));
}

TEST(FundingAware, NegativeRateBlocksShortsAndCheapRatesBlockNothing) {
  FundingAware filter(FundingParams{}, EveryIntent());
  Harness h(filter);
  h.runner().OnFunding(Funding("-0.0003", kStart + std::chrono::minutes(70)));
  h.FeedCloses({100}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("0 entry long 90", "0 exit"));
  h.runner().OnFunding(Funding("-0.00029", kStart + std::chrono::minutes(130)));
  h.FeedCloses({100}, 0.5);
  EXPECT_EQ(h.log().size(), 5u);  // nothing dropped below expensive_rate
}

TEST(FundingAware, TargetPositionGrowingAPayingPositionIsDropped) {
  auto inner = std::make_unique<Scripted>([](StrategyContext& ctx, const std::string& symbol) {
    ctx.Submit(TargetPosition{symbol, TargetPosition::Unit::kBaseSize, D("2")});
    ctx.Submit(TargetPosition{symbol, TargetPosition::Unit::kBaseSize, D("-1")});
    ctx.Submit(TargetPosition{symbol, TargetPosition::Unit::kBaseSize, D("0")});
  });
  FundingAware filter(FundingParams{}, std::move(inner));
  Harness h(filter);
  h.runner().OnFunding(Funding("0.001", kStart + std::chrono::minutes(70)));
  h.FeedCloses({100}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("0 target -1", "0 target 0"));
}

// Harvest: rate +0.001 (shorts receive) settling at kStart + 60 min; checks every minute from
// kStart. The first check inside the 10-min window is at +50 min: short entry, stop 1 % above
// the last price 100 = 101. The exit comes at the first check >= settlement + 1 min: +61 min.
TEST(FundingAware, HarvestsOnTheReceivingSideAroundTheSettlement) {
  FundingParams p;
  p.harvest = true;
  FundingAware harvester(p, nullptr);
  Harness h(harvester);
  model::Ticker t;
  t.symbol = "BTCUSDT";
  t.last_price = D("100");
  t.ts = kStart;
  h.runner().OnTicker(t);
  h.runner().OnFunding(Funding("0.001", kStart + std::chrono::minutes(60)));
  for (int minute = 1; minute <= 90; ++minute) {
    ASSERT_TRUE(h.clock().AdvanceTo(kStart + std::chrono::minutes(minute)).ok());
    h.Collect(minute);
  }
  EXPECT_THAT(Describe(h.log()), ElementsAre("50 entry short 101", "61 exit"));
  EXPECT_THAT(std::get<Entry>(h.log()[0].intent.body).reason, HasSubstr("harvest funding 0.001"));
}

TEST(FundingAware, NoHarvestBelowTheHarvestRate) {
  FundingParams p;
  p.harvest = true;
  FundingAware harvester(p, nullptr);
  Harness h(harvester);
  h.runner().OnFunding(Funding("0.0007", kStart + std::chrono::minutes(30)));
  ASSERT_TRUE(h.clock().AdvanceTo(kStart + std::chrono::minutes(45)).ok());
  h.Collect(45);
  EXPECT_TRUE(h.log().empty());
}

TEST(FundingAware, BadParametersAreRefused) {
  FundingParams p;
  p.expensive_rate = D("0");
  p.harvest_stop_pct = std::numeric_limits<double>::infinity();
  p.check_interval = std::chrono::seconds(0);
  auto created = FundingAware::Create(p, nullptr);
  ASSERT_FALSE(created.has_value());
  EXPECT_THAT(created.error().message,
              ::testing::AllOf(HasSubstr("expensive_rate"), HasSubstr("harvest_stop_pct"),
                               HasSubstr("check_interval")));
}

}  // namespace
}  // namespace bgt::strategy
