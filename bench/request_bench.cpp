// Cost of turning a typed request into signed wire bytes: build a PlaceOrderRequest, Encode it
// (validation + Boost.JSON body) and sign it (SignRest), end to end; also the encode alone, the
// same with an Instrument in the context (FormatPrice / FormatSize + grid checks), and a signed
// GET query. Each benchmark first checks its result against the documented vector
// (bitget-api.md §4.2) or a known body and aborts when it is wrong.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bitget/credential.h"
#include "bitget/encode_requests.h"
#include "core/decimal.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"

namespace {

using bgt::bitget::Encode;
using bgt::bitget::EncodeContext;
using bgt::bitget::EncodedRequest;
using bgt::bitget::PlaceOrderRequest;
using bgt::bitget::SignRest;
using bgt::bitget::SpecOf;
using bgt::core::Decimal;
using bgt::core::Secret;

constexpr std::string_view kTs = "1700000000000";
constexpr std::string_view kBody =
    R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
    R"("marginCoin":"USDT","size":"0.001","price":"25000","side":"buy","orderType":"limit",)"
    R"("force":"gtc","clientOid":"test-1"})";
constexpr std::string_view kSign = "7sTvcUHRW7edgaxfupun3UpmX8sZMBFTGKp/3AaucG4=";

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "request_bench: wrong result: %s\n", what);
    std::abort();
  }
}

// The documented place-order (bitget-api.md §4.2), built field by field as bgt's execution
// engine does.
PlaceOrderRequest DocumentedOrder(const Decimal& size, const Decimal& price) {
  PlaceOrderRequest request;
  request.symbol = "BTCUSDT";
  request.size = size;
  request.price = price;
  request.client_oid = "test-1";
  return request;
}

// Encode + sign; returns the signature ("" when encoding failed).
std::string EncodeAndSign(const PlaceOrderRequest& request, const EncodeContext& context,
                          const Secret& secret) {
  auto encoded = Encode(request, context);
  if (!encoded) return "";
  const auto& spec = SpecOf(encoded->endpoint);
  return SignRest(kTs, spec.method, spec.path, encoded->QueryString(), encoded->body, secret);
}

void BM_EncodePlaceOrder(benchmark::State& state) {
  const Decimal size = Decimal::Parse("0.001").value();
  const Decimal price = Decimal::Parse("25000").value();
  const EncodeContext context;
  {
    auto encoded = Encode(DocumentedOrder(size, price), context);
    Require(encoded.has_value() && encoded->body == kBody, "place-order body");
  }
  for (auto _ : state) {
    auto encoded = Encode(DocumentedOrder(size, price), context);
    benchmark::DoNotOptimize(encoded);
  }
}
BENCHMARK(BM_EncodePlaceOrder);

void BM_BuildEncodeSignPlaceOrder(benchmark::State& state) {
  const Decimal size = Decimal::Parse("0.001").value();
  const Decimal price = Decimal::Parse("25000").value();
  const EncodeContext context;
  const Secret secret("testsecret");
  Require(EncodeAndSign(DocumentedOrder(size, price), context, secret) == kSign,
          "place-order ACCESS-SIGN");
  for (auto _ : state) {
    std::string sign = EncodeAndSign(DocumentedOrder(size, price), context, secret);
    benchmark::DoNotOptimize(sign);
  }
}
BENCHMARK(BM_BuildEncodeSignPlaceOrder);

void BM_BuildEncodeSignPlaceOrderWithInstrument(benchmark::State& state) {
  const bgt::model::Instrument btc =
      bgt::model::testdata::MustBuild(bgt::model::testdata::BtcUsdtRow());
  EncodeContext context;
  context.instrument = &btc;
  const Decimal size = Decimal::Parse("0.001").value();
  const Decimal price = Decimal::Parse("25000").value();
  const Secret secret("testsecret");
  {
    auto encoded = Encode(DocumentedOrder(size, price), context);
    Require(encoded.has_value() &&
                encoded->body.find(R"("size":"0.0010","price":"25000.0")") != std::string::npos,
            "place-order body with BTCUSDT places");
  }
  for (auto _ : state) {
    std::string sign = EncodeAndSign(DocumentedOrder(size, price), context, secret);
    benchmark::DoNotOptimize(sign);
  }
}
BENCHMARK(BM_BuildEncodeSignPlaceOrderWithInstrument);

void BM_EncodeSignAccountQuery(benchmark::State& state) {
  const EncodeContext context;
  const Secret secret("testsecret");
  const auto sign_account = [&context, &secret] {
    auto encoded = Encode(bgt::bitget::AccountQuery{"BTCUSDT", ""}, context);
    if (!encoded) return std::string();
    return SignRest(kTs, "GET", SpecOf(encoded->endpoint).path, encoded->QueryString(), "", secret);
  };
  Require(sign_account() == "F81/psY+b4KuAtr3VUXPd/03PpSCTtD4BX8+0Aws9fU=", "account ACCESS-SIGN");
  for (auto _ : state) {
    std::string sign = sign_account();
    benchmark::DoNotOptimize(sign);
  }
}
BENCHMARK(BM_EncodeSignAccountQuery);

}  // namespace
