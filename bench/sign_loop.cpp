// bgt_sign_loop N: builds, encodes and signs N place-order requests, one after the other, and
// prints "n=<N> elapsed_ns=<wall ns> cpu_ns=<process CPU ns> checksum=<hex>". Request i is the same
// as in bench/compare-ccxt-sign's node loop (size, price, side, clientOid and timestamp derived
// from i), so both sides sign identical bytes and must print the same checksum (32-bit FNV-1a over
// every ACCESS-SIGN). Exit status 1 on bad usage or when a request fails to encode.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <time.h>

#include "bitget/credential.h"
#include "bitget/encode_requests.h"
#include "core/decimal.h"

namespace {

constexpr std::int64_t kFirstTsMs = 1700000000000;

std::int64_t ProcessCpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::uint32_t Fnv1a(std::uint32_t hash, const std::string& text) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

// Request i: size (1 + i % 1000) / 1000, price 25000 + (i % 2000) / 2, buy when i is even.
bgt::bitget::PlaceOrderRequest RequestNumber(std::int64_t i) {
  bgt::bitget::PlaceOrderRequest request;
  request.symbol = "BTCUSDT";
  request.size = bgt::core::Decimal::FromParts(1 + i % 1000, 3).value();
  request.price = bgt::core::Decimal::FromParts(250000 + (i % 2000) * 5, 1).value();
  request.direction = i % 2 == 0 ? bgt::model::OrderSide::kBuy : bgt::model::OrderSide::kSell;
  request.client_oid = "bgt-" + std::to_string(i);
  return request;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s N\n", argv[0]);
    return 1;
  }
  char* end = nullptr;
  const long long n = std::strtoll(argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || n <= 0) {
    std::fprintf(stderr, "bgt_sign_loop: N must be a positive integer, not \"%s\"\n", argv[1]);
    return 1;
  }
  const bgt::bitget::EncodeContext context;
  const bgt::core::Secret secret("bench-secret");
  std::uint32_t checksum = 2166136261u;
  const std::int64_t cpu_start = ProcessCpuNanos();
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t i = 0; i < n; ++i) {
    auto encoded = bgt::bitget::Encode(RequestNumber(i), context);
    if (!encoded) {
      std::fprintf(stderr, "bgt_sign_loop: request %lld: %s\n", static_cast<long long>(i),
                   encoded.error().ToString().c_str());
      return 1;
    }
    const auto& spec = bgt::bitget::SpecOf(encoded->endpoint);
    const std::string sign = bgt::bitget::SignRest(std::to_string(kFirstTsMs + i), spec.method,
                                                   spec.path, "", encoded->body, secret);
    checksum = Fnv1a(checksum, sign);
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const long long cpu_ns = ProcessCpuNanos() - cpu_start;
  const long long elapsed_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count();
  std::printf("n=%lld elapsed_ns=%lld cpu_ns=%lld checksum=%08x\n", n, elapsed_ns, cpu_ns,
              checksum);
  return 0;
}
