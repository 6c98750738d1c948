// The Bitget REST endpoint table: for each operation bgt performs, its method, path, whether it
// is signed, its rate-limit scope and limit (bitget-api.md §8), and whether repeating it is
// harmless. Callers name operations (Endpoint::kPlaceOrder), never paths, so the v3 (UTA) table
// can be added beside the v2 (Classic) one without touching them.
// Thread-safety: immutable tables; all functions are thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "net/rate_limiter.h"

namespace bgt::bitget {

enum class ApiGeneration : std::uint8_t { kV2Classic, kV3Uta };

enum class Endpoint : std::uint8_t {
  kServerTime,
  kContracts,
  kTicker,
  kTickers,
  kCandles,
  kHistoryCandles,
  kHistoryMarkCandles,
  kHistoryIndexCandles,
  kMergeDepth,
  kOpenInterest,
  kCurrentFundRate,
  kHistoryFundRate,
  kAccount,
  kAccounts,
  kSetLeverage,
  kSetMarginMode,
  kSetPositionMode,
  kPlaceOrder,
  kCancelOrder,
  kCancelAllOrders,
  kBatchCancelOrders,
  kClosePositions,
  kOrderDetail,
  kOrdersPending,
  kOrdersHistory,
  kFills,
  kAllPosition,
  kSinglePosition,
  kPlaceTpslOrder,
  kOrdersPlanPending,
  kCancelPlanOrder,
};

enum class RateScope : std::uint8_t { kIp, kUid };

struct EndpointSpec {
  Endpoint endpoint;
  std::string_view method;  // "GET" or "POST"
  std::string_view path;
  bool is_private;  // signed with the API key
  RateScope scope;
  int per_second;   // published limit for this endpoint and scope
  bool idempotent;  // safe to repeat after an ambiguous failure
};

// The table of one API generation. Error (kUnavailable) for generations not implemented yet.
core::Result<std::span<const EndpointSpec>> EndpointTable(ApiGeneration generation);

// The v2 (Classic) spec of an endpoint.
const EndpointSpec& SpecOf(Endpoint endpoint);

// Limiter key of an endpoint: "<METHOD> <path>|ip" or "...|uid". Every endpoint counts separately.
std::string RateKey(const EndpointSpec& spec);
// Key of Bitget's overall cap (6000 requests per IP per minute).
inline constexpr std::string_view kGlobalIpRateKey = "bitget|ip|overall";

// Each window is held this much longer at the client than Bitget's own: the venue counts
// arrivals, and a request's arrival lags its send by a varying network delay, so a window
// measured exactly at the client lets one request too many arrive within the venue's window
// now and then (seen as a rare 429 against the emulator on loopback).
inline constexpr std::chrono::milliseconds kRateWindowGuard{50};

// Registers every endpoint's limit (and the overall per-IP cap) with `limiter`, each window
// lengthened by kRateWindowGuard.
void ConfigureRateLimits(net::RateLimiter& limiter, ApiGeneration generation);

}  // namespace bgt::bitget
