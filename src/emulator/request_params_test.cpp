// Params: query and JSON-body parameters and their Bitget-shaped errors.
#include "emulator/request_params.h"

#include <gtest/gtest.h>

#include "model/order_types.h"

namespace bgt::emulator {
namespace {

TEST(Params, QueryIsPercentDecoded) {
  const Params p = Params::FromQuery("symbol=BTC%55SDT&productType=USDT-FUTURES&empty=&flag");
  EXPECT_EQ(p.Get("symbol"), "BTCUSDT");
  EXPECT_EQ(p.Get("productType"), "USDT-FUTURES");
  EXPECT_FALSE(p.Get("empty").has_value());
  EXPECT_FALSE(p.Get("flag").has_value());
  EXPECT_EQ(PercentDecode("a%2"), "a%2");
}

TEST(Params, JsonBodyFieldsAsText) {
  auto p = Params::FromJsonBody(R"({"size":0.01,"price":"100","reduceOnly":true,"x":null})");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->Get("size"), "0.01");
  EXPECT_EQ(p->Get("reduceOnly"), "true");
  EXPECT_FALSE(p->Get("x").has_value());
  EXPECT_EQ(*p->RequireDecimal("price"), core::Decimal::FromInt(100));
}

TEST(Params, ErrorsAreBitgetCodes) {
  EXPECT_EQ(Params::FromJsonBody("[1]").error().venue_code, "40017");
  EXPECT_EQ(Params::FromJsonBody("{").error().venue_code, "40017");
  auto p = Params::FromJsonBody(R"({"size":[1],"side":"BUY","leverage":"x"})");
  ASSERT_TRUE(p.has_value());
  const auto missing = p->Require("symbol");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().venue_code, "40019");
  EXPECT_EQ(missing.error().message, "Parameter symbol cannot be empty");
  EXPECT_EQ(missing.error().http_status, 400);
  EXPECT_EQ(p->RequireDecimal("size").error().venue_code, "40017");
  EXPECT_EQ(p->OptionalInt("leverage").error().venue_code, "40017");
  auto side = p->OptionalEnum<model::OrderSide>("side", model::ParseOrderSide);
  ASSERT_TRUE(side.has_value());
  EXPECT_EQ(**side, model::OrderSide::kBuy);  // case-insensitive
}

}  // namespace
}  // namespace bgt::emulator
