// Signing cost of a private Bitget request: SignRest alone (prehash + HMAC-SHA256 + base64) and
// the full SignedHeaders of a realistic place-order POST. Each benchmark first checks its result
// against the documented vector (bitget-api.md §4.2) and aborts when it is wrong.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bitget/credential.h"

namespace {

using bgt::bitget::Credentials;
using bgt::bitget::Header;
using bgt::bitget::SignedHeaders;
using bgt::bitget::SignRest;
using bgt::core::Secret;
using bgt::core::Timestamp;

constexpr std::string_view kTs = "1700000000000";
constexpr std::int64_t kTsMs = 1700000000000;
constexpr std::string_view kPath = "/api/v2/mix/order/place-order";
constexpr std::string_view kBody =
    R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed","marginCoin":"USDT",)"
    R"("size":"0.001","price":"25000","side":"buy","orderType":"limit","force":"gtc",)"
    R"("clientOid":"test-1"})";
constexpr std::string_view kSign = "7sTvcUHRW7edgaxfupun3UpmX8sZMBFTGKp/3AaucG4=";

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "signing_bench: wrong result: %s\n", what);
    std::abort();
  }
}

void BM_SignRestPlaceOrder(benchmark::State& state) {
  const Secret secret("testsecret");
  Require(SignRest(kTs, "POST", kPath, "", kBody, secret) == kSign, "SignRest place-order");
  for (auto _ : state) {
    std::string sign = SignRest(kTs, "POST", kPath, "", kBody, secret);
    benchmark::DoNotOptimize(sign);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kTs.size() + 4 + kPath.size() + kBody.size()));
}
BENCHMARK(BM_SignRestPlaceOrder);

void BM_SignedHeadersPlaceOrder(benchmark::State& state) {
  const Credentials credentials{Secret("testkey"), Secret("testsecret"), Secret("testpass")};
  const Timestamp ts = Timestamp::FromMillis(kTsMs);
  {
    auto headers = SignedHeaders(credentials, ts, "POST", kPath, "", kBody);
    Require(headers.has_value() && headers->size() == 6, "SignedHeaders count");
    const Header& sign = (*headers)[1];
    Require(sign.name == "ACCESS-SIGN" && sign.value == kSign, "SignedHeaders ACCESS-SIGN");
  }
  for (auto _ : state) {
    auto headers = SignedHeaders(credentials, ts, "POST", kPath, "", kBody);
    benchmark::DoNotOptimize(headers);
  }
}
BENCHMARK(BM_SignedHeadersPlaceOrder);

}  // namespace
