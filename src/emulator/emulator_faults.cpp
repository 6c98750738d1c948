#include "emulator/emulator_faults.h"

#include <algorithm>
#include <utility>

#include "bitget/encode_responses.h"
#include "core/time.h"

namespace bgt::emulator {
namespace {

// The stock nginx error pages (tests/fixtures/bitget/error_502.html holds the 502 one).
constexpr std::string_view k502Page =
    "<html>\n"
    "<head><title>502 Bad Gateway</title></head>\n"
    "<body>\n"
    "<center><h1>502 Bad Gateway</h1></center>\n"
    "<hr><center>nginx</center>\n"
    "</body>\n"
    "</html>\n";
constexpr std::string_view k503Page =
    "<html>\n"
    "<head><title>503 Service Temporarily Unavailable</title></head>\n"
    "<body>\n"
    "<center><h1>503 Service Temporarily Unavailable</h1></center>\n"
    "<hr><center>nginx</center>\n"
    "</body>\n"
    "</html>\n";

}  // namespace

FaultInjector::FaultInjector(RestFaults faults) { Set(std::move(faults)); }

void FaultInjector::Set(RestFaults faults) {
  std::lock_guard lock(mu_);
  faults.latency_ms = std::max(0, faults.latency_ms);
  faults.latency_jitter_ms = std::max(0, faults.latency_jitter_ms);
  faults.burst_429_requests = std::max(1, faults.burst_429_requests);
  faults_ = std::move(faults);
  rng_.seed(faults_.seed);
  burst_left_ = 0;
}

void FaultInjector::StartBurst(int requests) {
  std::lock_guard lock(mu_);
  burst_left_ = std::max(0, requests);
  if (burst_left_ > 0) ++counters_.bursts_429;
}

bool FaultInjector::InScope(std::string_view path) const {
  return faults_.paths.empty() ||
         std::find(faults_.paths.begin(), faults_.paths.end(), path) != faults_.paths.end();
}

double FaultInjector::Uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

FaultDecision FaultInjector::Decide(std::string_view method, std::string_view path) {
  std::lock_guard lock(mu_);
  FaultDecision decision;
  if (!InScope(path)) return decision;
  if (faults_.latency_ms > 0 || faults_.latency_jitter_ms > 0) {
    int ms = faults_.latency_ms;
    if (faults_.latency_jitter_ms > 0) {
      ms += std::uniform_int_distribution<int>(0, faults_.latency_jitter_ms)(rng_);
    }
    decision.delay = std::chrono::milliseconds(ms);
    if (ms > 0) {
      ++counters_.delayed;
      counters_.delay_ms_total += static_cast<std::uint64_t>(ms);
    }
  }
  if (burst_left_ == 0 && faults_.burst_429_rate > 0 && Uniform() < faults_.burst_429_rate) {
    burst_left_ = faults_.burst_429_requests;
    ++counters_.bursts_429;
  }
  if (burst_left_ > 0) {
    --burst_left_;
    ++counters_.http_429;
    decision.status = 429;
    return decision;
  }
  if (faults_.error_5xx_rate > 0 && Uniform() < faults_.error_5xx_rate) {
    decision.status = Uniform() < 0.5 ? 502 : 503;
    ++(decision.status == 502 ? counters_.http_502 : counters_.http_503);
    return decision;
  }
  if (method == "POST" && faults_.drop_response_rate > 0 &&
      Uniform() < faults_.drop_response_rate) {
    decision.drop_if_ok = true;
  }
  return decision;
}

void FaultInjector::CountDropped() {
  std::lock_guard lock(mu_);
  ++counters_.dropped_responses;
}

FaultCounters FaultInjector::counters() const {
  std::lock_guard lock(mu_);
  return counters_;
}

std::string_view FaultInjector::Html5xx(int status) { return status == 503 ? k503Page : k502Page; }

std::string FaultInjector::Body429(std::int64_t request_time_ms) {
  return bitget::EncodeError("429", "Too Many Requests",
                             core::Timestamp::FromMillis(request_time_ms));
}

}  // namespace bgt::emulator
