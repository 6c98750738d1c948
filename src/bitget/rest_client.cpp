#include "bitget/rest_client.h"

#include <simdjson.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "bitget/clock_sync.h"
#include "bitget/errors.h"

namespace bgt::bitget {
namespace {

using core::ErrorCode;

// What an answer's body is. ParseEnvelope (parse_responses.h) is not used here: it needs `data`
// and reports an unreadable body only as message text, while the client must tell "no Bitget
// code" (HTML page, truncated JSON) from a code. This peek reads only `code` and `msg`.
enum class BodyKind : std::uint8_t { kEnvelope, kJsonWithoutCode, kHtml, kEmpty, kMalformedJson };

struct Peek {
  BodyKind kind = BodyKind::kMalformedJson;
  std::string code;
  std::string msg;
};

Peek PeekEnvelope(std::string_view body) {
  Peek peek;
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    peek.kind = BodyKind::kEmpty;
    return peek;
  }
  if (body[first] == '<') {
    peek.kind = BodyKind::kHtml;
    return peek;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) return peek;
  peek.kind = BodyKind::kJsonWithoutCode;
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) return peek;
  simdjson::dom::element code;
  if (object["code"].get(code) != simdjson::SUCCESS) return peek;
  std::string_view text;
  std::int64_t number = 0;
  if (code.get_string().get(text) == simdjson::SUCCESS) {
    peek.code.assign(text);
  } else if (code.get_int64().get(number) == simdjson::SUCCESS) {
    peek.code = std::to_string(number);
  } else {
    return peek;
  }
  if (peek.code.empty()) return peek;
  peek.kind = BodyKind::kEnvelope;
  if (object["msg"].get_string().get(text) == simdjson::SUCCESS) peek.msg.assign(text);
  return peek;
}

// True when a POST body is a JSON object with a non-empty string "clientOid".
bool HasClientOid(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) return false;
  std::string_view oid;
  return root["clientOid"].get_string().get(oid) == simdjson::SUCCESS && !oid.empty();
}

// "an HTML page ('<html><head>...')": what a non-envelope body is, with a short printable excerpt.
std::string DescribeBody(BodyKind kind, std::string_view body) {
  constexpr std::size_t kExcerpt = 60;
  std::string what;
  switch (kind) {
    case BodyKind::kEmpty:
      return "an empty body";
    case BodyKind::kHtml:
      what = "an HTML page";
      break;
    case BodyKind::kJsonWithoutCode:
      what = "JSON without a Bitget code";
      break;
    case BodyKind::kMalformedJson:
    case BodyKind::kEnvelope:
      what = "truncated or malformed JSON";
      break;
  }
  std::string excerpt;
  for (const char c : body.substr(0, kExcerpt)) {
    excerpt += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  }
  what += " ('" + excerpt + (body.size() > kExcerpt ? "...')" : "')");
  return what;
}

std::string HttpStatusText(int status) { return "HTTP " + std::to_string(status); }

core::Error WithMessage(core::Error error, std::string message) {
  error.message = std::move(message);
  return error;
}

std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ';');
  return text;
}

}  // namespace

// --- Waiters and transport ------------------------------------------------------------------

core::Timestamp WallWaiter::Now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return core::Timestamp::FromNanos(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

void WallWaiter::WaitUntil(core::Timestamp t) {
  for (core::Timestamp now = Now(); now < t; now = Now()) std::this_thread::sleep_for(t - now);
}

core::Timestamp TestWaiter::Now() {
  std::lock_guard lock(mu_);
  return clock_.Now();
}

void TestWaiter::WaitUntil(core::Timestamp t) {
  std::lock_guard lock(mu_);
  waits_.push_back({std::this_thread::get_id(), t});
  if (t > clock_.Now()) {
    const core::Status advanced = clock_.AdvanceTo(t);
    BGT_CHECK(advanced.ok(), "TestWaiter moves its clock forward only");
  }
}

std::vector<TestWaiter::Wait> TestWaiter::waits() const {
  std::lock_guard lock(mu_);
  return waits_;
}

core::Result<std::unique_ptr<HttpClientTransport>> HttpClientTransport::Create(
    const net::HttpClientOptions& options) {
  auto client = net::HttpClient::Create(options);
  if (!client) return client.error();
  return std::make_unique<HttpClientTransport>(std::move(*client));
}

core::Result<net::HttpResponse> HttpClientTransport::Send(const net::HttpRequest& request) {
  return client_->Send(request);
}

// --- RestClient -----------------------------------------------------------------------------

bool IsTradeRequest(const EndpointSpec& spec) { return spec.is_private && spec.method != "GET"; }

RestClient::RestClient(RestClientOptions options, std::unique_ptr<RestTransport> transport,
                       net::RateLimiter& limiter, Waiter& waiter, Credentials credentials)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      limiter_(limiter),
      waiter_(waiter),
      credentials_(std::move(credentials)),
      rng_(options_.jitter_seed) {
  BGT_CHECK(transport_ != nullptr, "RestClient needs a transport");
  BGT_CHECK(options_.max_attempts >= 1, "RestClient max_attempts must be >= 1");
  BGT_CHECK(options_.max_throttle_retries >= 0, "RestClient max_throttle_retries must be >= 0");
}

RestClient::~RestClient() = default;

void RestClient::AttachClockSync(ClockSync* clock_sync) { clock_sync_ = clock_sync; }

RestCounters RestClient::counters() const {
  return RestCounters{requests_.load(),   retries_.load(), throttled_.load(), ambiguous_.load(),
                      duplicates_.load(), resyncs_.load(), refused_.load()};
}

void RestClient::Log(std::string_view line) const {
  if (options_.debug_log) {
    options_.debug_log(line);
  } else {
    spdlog::debug("{}", line);
  }
}

core::Duration RestClient::NextThrottlePenalty() {
  std::lock_guard lock(backoff_mu_);
  ++consecutive_throttles_;
  core::Duration penalty = options_.throttle_backoff;
  for (int i = 1; i < consecutive_throttles_ && penalty < options_.max_throttle_backoff; ++i) {
    penalty *= 2;
  }
  penalty = std::min(penalty, options_.max_throttle_backoff);
  // Up to +25 %, from the client's own seeded generator (mt19937_64 output is standardised, so
  // the sequence is the same everywhere).
  const double unit = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
  const auto jitter = core::Duration(
      static_cast<core::Duration::rep>(static_cast<double>(penalty.count()) * 0.25 * unit));
  return std::min(penalty + jitter, options_.max_throttle_backoff);
}

void RestClient::ResetThrottle() {
  std::lock_guard lock(backoff_mu_);
  consecutive_throttles_ = 0;
}

core::Duration RestClient::RetryPause(int retry) {
  core::Duration pause = options_.retry_backoff;
  for (int i = 1; i < retry; ++i) pause *= 2;
  std::lock_guard lock(backoff_mu_);
  const double unit = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
  pause += core::Duration(
      static_cast<core::Duration::rep>(static_cast<double>(pause.count()) * 0.25 * unit));
  return std::min(pause, options_.max_throttle_backoff);
}

core::Result<net::HttpRequest> RestClient::Build(const EncodedRequest& request,
                                                 const EndpointSpec& spec,
                                                 std::string* redacted_headers) {
  net::HttpRequest http;
  http.method = std::string(spec.method);
  http.target = request.Target();
  http.body = request.body;
  std::vector<Header> headers;
  if (spec.is_private) {
    const core::Timestamp local = waiter_.Now();
    const core::Timestamp ts = clock_sync_ != nullptr ? clock_sync_->Corrected(local) : local;
    auto signed_headers =
        SignedHeaders(credentials_, ts, spec.method, spec.path, request.QueryString(), request.body,
                      HeaderOptions{options_.locale, options_.demo_trading});
    if (!signed_headers) return signed_headers.error();
    headers = std::move(*signed_headers);
  } else {
    if (!request.body.empty()) headers.push_back({"Content-Type", "application/json", false});
    if (!options_.locale.empty()) headers.push_back({"locale", options_.locale, false});
    if (options_.demo_trading) headers.push_back({"paptrading", "1", false});
  }
  *redacted_headers = OneLine(RedactedHeaders(headers));
  for (Header& header : headers) http.headers.emplace_back(header.name, std::move(header.value));
  return http;
}

// One Send(): what the request may do on failure, and what happened so far.
struct RestClient::Call {
  explicit Call(const EndpointSpec& s)
      : spec(s),
        what(std::string(s.method) + " " + std::string(s.path)),
        key(RateKey(s)),
        is_get(s.method == "GET") {}

  const EndpointSpec& spec;
  std::string what;  // "POST /api/v2/mix/order/place-order", the context of every message
  std::string key;   // its rate-limit key
  bool is_get = true;
  bool has_client_oid = false;
  // Resending cannot act twice: the endpoint is idempotent, or the clientOid makes the venue
  // refuse a second copy with 43118.
  bool resend_safe = false;
  int sends = 0;
  int failures = 0;   // retries spent on unavailable/ambiguous/5xx/transient
  int throttles = 0;  // 429 answers
  bool resynced = false;
  // Set once an attempt of a request with side effects may have been executed: from then on
  // no failure is definitive, since that attempt may have acted.
  std::optional<std::string> maybe_executed;
  core::Duration pause{0};  // before the next send
};

core::Status RestClient::TradingAllowed(const Call& call) const {
  if (!IsTradeRequest(call.spec)) return core::Status::Ok();
  core::Status allowed = clock_sync_ != nullptr
                             ? clock_sync_->TradingAllowedAt(waiter_.Now())
                             : core::Status(core::MakeError(
                                   ErrorCode::kFailedPrecondition,
                                   "trading not allowed: no clock sync with Bitget is attached"));
  if (allowed) return allowed;
  return WithMessage(allowed.error(), call.what + ": " + allowed.error().message);
}

bool RestClient::RetryLater(Call& call) {
  if (call.failures + 1 >= options_.max_attempts) return false;
  call.pause = RetryPause(++call.failures);
  return true;
}

core::Error RestClient::Ambiguous(Call& call, core::Error last, bool later) {
  ++ambiguous_;
  std::string message = call.what + ": outcome unknown, the request may have been executed (" +
                        call.maybe_executed.value_or("no complete answer") + ")";
  if (later) message += "; then: " + last.message;
  last.code = ErrorCode::kAmbiguous;
  last.message = std::move(message);
  return last;
}

core::Error RestClient::Final(Call& call, core::Error error) {
  if (call.maybe_executed && !call.is_get) return Ambiguous(call, std::move(error), true);
  return error;
}

RestClient::Step RestClient::OnTransportError(Call& call, const core::Error& error) {
  Log("bitget rest: " + call.what + " failed: " + error.ToString());
  const std::string after = " (after " + std::to_string(call.sends) + " attempts)";
  if (error.code == ErrorCode::kUnavailable) {  // nothing was sent: safe to resend anything
    if (RetryLater(call)) return std::nullopt;
    return Final(call, WithMessage(error, call.what + ": " + error.message + after));
  }
  if (call.is_get) {
    if (error.code == ErrorCode::kAmbiguous && RetryLater(call)) return std::nullopt;
    // A too-large answer would come back too large again; a read that never completes is
    // unavailable, not ambiguous (reads change nothing).
    const ErrorCode code =
        error.code == ErrorCode::kAmbiguous ? ErrorCode::kUnavailable : error.code;
    return core::MakeError(code, call.what + ": " + error.message + after);
  }
  call.maybe_executed = "send #" + std::to_string(call.sends) + ": " + error.message;
  if (call.resend_safe && RetryLater(call)) return std::nullopt;
  return Ambiguous(call, error, false);
}

RestClient::Step RestClient::OnThrottled(Call& call, core::Error error) {
  // The venue did not execute it. Close the keys (Bitget does not say which of its limits
  // tripped, and the per-IP cap locks out for 5 minutes) and go again.
  ++throttled_;
  const core::Timestamp until = waiter_.Now() + NextThrottlePenalty();
  limiter_.Penalize(call.key, until);
  limiter_.Penalize(kGlobalIpRateKey, until);
  Log("bitget rest: throttled; " + call.key + " and the IP cap closed until " + until.ToIso8601());
  if (call.throttles >= options_.max_throttle_retries) {
    return Final(call, WithMessage(error, error.message + " (still throttled after " +
                                              std::to_string(call.throttles) + " retries)"));
  }
  ++call.throttles;
  return std::nullopt;
}

RestClient::Step RestClient::OnVenueError(Call& call, const net::HttpResponse& response,
                                          core::Error error) {
  if (error.venue_code == "43118" && call.has_client_oid && call.maybe_executed) {
    // The clientOid was taken by an earlier attempt of this call: that attempt was accepted.
    ++duplicates_;
    Log("bitget rest: " + call.what + " clientOid duplicate after an unknown outcome: the " +
        "first attempt was accepted; reconcile by order detail");
    return RestResponse{response.status, response.body, true, call.sends};
  }
  switch (RetryPolicyOf(error)) {
    case RetryPolicy::kResyncClock: {
      // The timestamp was refused, so this attempt was not executed: re-measure, go again once.
      if (call.resynced || clock_sync_ == nullptr) return Final(call, std::move(error));
      call.resynced = true;
      ++resyncs_;
      if (core::Status measured = clock_sync_->Measure(); !measured) {
        return Final(call, WithMessage(error, error.message + " (clock resync failed: " +
                                                  measured.error().message + ")"));
      }
      if (core::Status allowed = TradingAllowed(call); !allowed) {
        return Final(call, allowed.error());
      }
      return std::nullopt;
    }
    case RetryPolicy::kTransient:
      if (call.spec.idempotent && RetryLater(call)) return std::nullopt;
      return Final(call, std::move(error));
    case RetryPolicy::kAfterBackoff:  // answered with 429, handled by OnThrottled
    case RetryPolicy::kNever:
      break;
  }
  return Final(call, std::move(error));
}

RestClient::Step RestClient::OnUnreadable(Call& call, const net::HttpResponse& response,
                                          std::string described) {
  if (call.is_get) {
    if (response.status >= 500 && RetryLater(call)) return std::nullopt;
    core::Error error =
        response.status >= 500
            ? core::MakeError(ErrorCode::kUnavailable, call.what + ": " + described + " (after " +
                                                           std::to_string(call.sends) +
                                                           " attempts)")
            : core::MakeError(ErrorCode::kIo,
                              call.what + ": the answer is not a Bitget envelope: " + described);
    error.http_status = response.status;
    return error;
  }
  // A request with side effects reached the venue and we cannot read what it did.
  call.maybe_executed = "send #" + std::to_string(call.sends) + ": " + described;
  if (call.resend_safe && RetryLater(call)) return std::nullopt;
  core::Error error = core::MakeError(ErrorCode::kAmbiguous, std::move(described));
  error.http_status = response.status;
  return Ambiguous(call, std::move(error), false);
}

core::Result<RestResponse> RestClient::Send(const EncodedRequest& request) {
  const EndpointSpec& spec = SpecOf(request.endpoint);
  Call call(spec);
  if (call.is_get && !request.body.empty()) {
    return core::MakeError(ErrorCode::kInvalidArgument, call.what + ": a GET request has no body");
  }
  if (!call.is_get && !request.query.empty()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           call.what + ": a POST request carries its parameters in the body");
  }
  call.has_client_oid = !call.is_get && HasClientOid(request.body);
  call.resend_safe = spec.idempotent || call.has_client_oid;
  if (core::Status allowed = TradingAllowed(call); !allowed) {
    ++refused_;
    return allowed.error();
  }

  for (;;) {
    if (call.pause > core::Duration::zero()) {
      waiter_.WaitUntil(waiter_.Now() + call.pause);
      call.pause = core::Duration::zero();
    }
    waiter_.WaitUntil(limiter_.Reserve({call.key, kGlobalIpRateKey}, waiter_.Now()));
    std::string shown_headers;
    auto built = Build(request, spec, &shown_headers);
    if (!built) {
      return Final(call, WithMessage(built.error(), call.what + ": " + built.error().message));
    }
    ++call.sends;
    ++requests_;
    if (call.sends > 1) ++retries_;
    Log("bitget rest: send #" + std::to_string(call.sends) + " " + built->method + " " +
        built->target + " (body " + std::to_string(built->body.size()) + " bytes) [" +
        shown_headers + "]");
    core::Result<net::HttpResponse> result = [&] {
      std::lock_guard lock(transport_mu_);
      return transport_->Send(*built);
    }();

    Step step;
    if (!result) {
      step = OnTransportError(call, result.error());
    } else {
      const net::HttpResponse& response = *result;
      const Peek peek = PeekEnvelope(response.body);
      const bool envelope = peek.kind == BodyKind::kEnvelope;
      Log("bitget rest: " + call.what + " -> " + HttpStatusText(response.status) +
          (envelope ? ", code " + peek.code : ", no Bitget code"));
      if (response.status == 429 || (envelope && peek.code == "429")) {
        step = OnThrottled(
            call, VenueError(envelope ? peek.code : "429", peek.msg, response.status, call.what));
      } else {
        ResetThrottle();
        if (!envelope) {
          step = OnUnreadable(
              call, response,
              HttpStatusText(response.status) + " with " + DescribeBody(peek.kind, response.body));
        } else if (peek.code == kSuccessCode) {
          step = RestResponse{response.status, response.body, false, call.sends};
        } else {
          step = OnVenueError(call, response,
                              VenueError(peek.code, peek.msg, response.status, call.what));
        }
      }
    }
    if (step) return std::move(*step);
  }
}

}  // namespace bgt::bitget
