// Round trips of the response encoders through the parsers: each recorded Bitget payload is
// parsed, encoded and parsed again; the second encoding must equal the first (nothing is lost
// or reshaped), and spot fields must survive unchanged.
#include "bitget/encode_responses.h"

#include <gtest/gtest.h>

#include "bitget/parse_contracts.h"
#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"
#include "model/instrument.h"

namespace bgt::bitget {
namespace {

using testing::ReadFixture;

constexpr core::Timestamp kNow = core::Timestamp::FromMillis(1'700'000'000'000);

// Parses `fixture`, encodes, parses the encoding and encodes again; returns both parses.
template <typename Parse, typename Encode>
auto RoundTrip(std::string_view fixture, Parse parse, Encode encode) {
  auto first = parse(ReadFixture(fixture));
  EXPECT_TRUE(first.has_value()) << first.error().ToString();
  const std::string once = encode(*first, kNow);
  auto second = parse(once);
  EXPECT_TRUE(second.has_value()) << second.error().ToString() << "\n" << once;
  EXPECT_EQ(encode(*second, kNow), once);
  return std::make_pair(*first, *second);
}

TEST(EncodeResponses, EnvelopeIsBitgetsExactly) {
  EXPECT_EQ(EncodeOk("[]", kNow),
            R"({"code":"00000","msg":"success","requestTime":1700000000000,"data":[]})");
  EXPECT_EQ(EncodeError("40009", "sign signature error", kNow),
            R"({"code":"40009","msg":"sign signature error","requestTime":1700000000000,)"
            R"("data":null})");
  auto error = ParseEnvelope(EncodeError("40009", "sign signature error", kNow), 400);
  ASSERT_FALSE(error.has_value());
  EXPECT_EQ(error.error().venue_code, "40009");
}

TEST(EncodeResponses, ServerTime) {
  const auto [a, b] = RoundTrip(
      "server_time.json", [](std::string_view s) { return ParseServerTime(s, 200); },
      EncodeServerTime);
  EXPECT_EQ(a.server_time, b.server_time);
}

TEST(EncodeResponses, Contracts) {
  const auto [a, b] = RoundTrip(
      "contracts.json", [](std::string_view s) { return ParseContractsResponse(s); },
      EncodeContracts);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].symbol, b[0].symbol);
  EXPECT_EQ(a[0].price_end_step, b[0].price_end_step);
  EXPECT_EQ(a[0].support_margin_coins, b[0].support_margin_coins);
  EXPECT_TRUE(model::Instrument::FromContractRow(b[0]).has_value());
}

TEST(EncodeResponses, Tickers) {
  const auto [a, b] = RoundTrip(
      "tickers.json", [](std::string_view s) { return ParseTickers(s, 200); }, EncodeTickers);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].ticker.last_price, b[0].ticker.last_price);
  EXPECT_EQ(a[0].ticker.ts, b[0].ticker.ts);
}

TEST(EncodeResponses, Candles) {
  const auto parse = [](std::string_view s) {
    return ParseCandles(s, 200, model::Granularity::k1m);
  };
  const auto [a, b] = RoundTrip("candles.json", parse, EncodeCandles);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].close, b[0].close);
  EXPECT_EQ(a[0].open_time, b[0].open_time);
}

TEST(EncodeResponses, MergeDepth) {
  const auto [a, b] = RoundTrip(
      "merge_depth.json", [](std::string_view s) { return ParseMergeDepth(s, 200, "BTCUSDT"); },
      EncodeMergeDepth);
  EXPECT_EQ(a.book.bids, b.book.bids);
  EXPECT_EQ(a.book.asks, b.book.asks);
}

TEST(EncodeResponses, OpenInterestAndFunding) {
  RoundTrip(
      "open_interest.json", [](std::string_view s) { return ParseOpenInterest(s, 200); },
      EncodeOpenInterest);
  RoundTrip(
      "current_fund_rate.json", [](std::string_view s) { return ParseCurrentFundRate(s, 200); },
      EncodeCurrentFundRate);
  RoundTrip(
      "history_fund_rate.json", [](std::string_view s) { return ParseFundingRateHistory(s, 200); },
      EncodeFundingHistory);
}

TEST(EncodeResponses, Account) {
  const auto [a, b] = RoundTrip(
      "account.json", [](std::string_view s) { return ParseAccount(s, 200); }, EncodeAccount);
  EXPECT_EQ(a.available, b.available);
  EXPECT_EQ(a.margin_mode, b.margin_mode);
  RoundTrip(
      "accounts.json", [](std::string_view s) { return ParseAccounts(s, 200); }, EncodeAccounts);
}

TEST(EncodeResponses, SettingsAnswers) {
  RoundTrip(
      "set_leverage.json", [](std::string_view s) { return ParseSetLeverage(s, 200); },
      EncodeSetLeverage);
  RoundTrip(
      "set_margin_mode.json", [](std::string_view s) { return ParseSetMarginMode(s, 200); },
      EncodeSetMarginMode);
  RoundTrip(
      "set_position_mode.json", [](std::string_view s) { return ParseSetPositionMode(s, 200); },
      EncodeSetPositionMode);
}

TEST(EncodeResponses, OrdersAndFills) {
  const auto ack = [](std::string_view s) { return ParseOrderAck(s, 200); };
  RoundTrip("place_order.json", ack, EncodeOrderAck);
  RoundTrip("place_order_reduce_only.json", ack, EncodeOrderAck);
  RoundTrip("cancel_order.json", ack, EncodeOrderAck);
  const auto batch = [](std::string_view s) { return ParseBatchResult(s, 200); };
  RoundTrip("cancel_all_orders.json", batch, EncodeBatchResult);
  RoundTrip("close_positions.json", batch, EncodeBatchResult);
  RoundTrip("cancel_plan_order.json", batch, EncodeBatchResult);
  const auto [d1, d2] = RoundTrip(
      "order_detail.json", [](std::string_view s) { return ParseOrderDetail(s, 200); },
      EncodeOrderDetail);
  EXPECT_EQ(d1.status, d2.status);
  EXPECT_EQ(d1.price, d2.price);
  const auto [l1, l2] = RoundTrip(
      "orders_pending.json", [](std::string_view s) { return ParseOrderList(s, 200); },
      EncodeOrderList);
  EXPECT_EQ(l1.entrusted_list.size(), l2.entrusted_list.size());
  const auto [f1, f2] = RoundTrip(
      "fills.json", [](std::string_view s) { return ParseFills(s, 200); }, EncodeFills);
  ASSERT_FALSE(f1.fill_list.empty());
  EXPECT_EQ(f1.fill_list[0].fee_detail[0].total_fee, f2.fill_list[0].fee_detail[0].total_fee);
  RoundTrip(
      "orders_plan_pending.json", [](std::string_view s) { return ParsePlanOrders(s, 200); },
      EncodePlanOrders);
}

TEST(EncodeResponses, Positions) {
  const auto [a, b] = RoundTrip(
      "all_position.json", [](std::string_view s) { return ParsePositions(s, 200); },
      EncodePositions);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].total, b[0].total);
  EXPECT_EQ(a[0].hold_side, b[0].hold_side);
}

}  // namespace
}  // namespace bgt::bitget
