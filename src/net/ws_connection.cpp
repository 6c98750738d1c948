// Beast/Asio stay in net/*.cpp (docs/ARCHITECTURE.md §5.8).
#include "net/ws_connection.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <cmath>
#include <concepts>
#include <deque>
#include <optional>
#include <random>
#include <utility>

#include "net/http.h"
#include "net/io_loop_internal.h"

namespace bgt::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

std::string_view ToString(WsState state) {
  switch (state) {
    case WsState::kDisconnected:
      return "disconnected";
    case WsState::kConnecting:
      return "connecting";
    case WsState::kConnected:
      return "connected";
    case WsState::kLoggingIn:
      return "logging_in";
    case WsState::kReady:
      return "ready";
    case WsState::kBackoff:
      return "backoff";
  }
  return "unknown";
}

core::Duration BackoffDelay(const BackoffOptions& options, int attempt, double unit) {
  const double initial = static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(options.initial).count());
  const double max = static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(options.max).count());
  double d = initial * std::pow(std::max(1.0, options.multiplier), std::max(0, attempt));
  if (!(d <= max)) d = max;  // also catches inf
  const double jitter = std::clamp(options.jitter, 0.0, 1.0);
  const double u = std::clamp(unit, 0.0, 1.0);
  const double delay = d * (1.0 - jitter) + d * jitter * u;
  return core::Duration(static_cast<std::int64_t>(std::max(0.0, delay)));
}

namespace {

using PlainWs = websocket::stream<beast::tcp_stream>;
using SecureWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

// One connection attempt: the stream and what its pending operations use. Handlers hold it, so
// it outlives a teardown until they have run.
struct Session {
  explicit Session(asio::io_context& ioc) : resolver(ioc) {}
  tcp::resolver resolver;
  std::optional<PlainWs> plain;
  std::optional<SecureWs> secure;
  beast::flat_buffer buffer;
  std::string write_buf;

  beast::tcp_stream& lowest() {
    return secure ? beast::get_lowest_layer(*secure) : beast::get_lowest_layer(*plain);
  }
  template <typename F>
  void With(F&& f) {
    if (secure) {
      f(*secure);
    } else {
      f(*plain);
    }
  }
};

struct Outgoing {
  std::string text;
  bool is_ping = false;
};

}  // namespace

class AsyncWsConnection::Impl : public std::enable_shared_from_this<AsyncWsConnection::Impl> {
 public:
  Impl(IoLoop& loop, WsConnectionOptions options, WsConnectionCallbacks callbacks, Url url)
      : loop_(loop),
        ioc_(loop.impl().ioc()),
        options_(std::move(options)),
        callbacks_(std::move(callbacks)),
        url_(std::move(url)),
        ssl_ctx_(ssl::context::tls_client),
        rng_(options_.backoff.seed),
        backoff_timer_(ioc_),
        deadline_timer_(ioc_),
        ping_timer_(ioc_),
        pong_timer_(ioc_),
        pace_timer_(ioc_),
        idle_timer_(ioc_) {}

  core::Status Init() {
    if (url_.scheme != "ws" && url_.scheme != "wss") {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "WebSocket URL must be ws:// or wss://");
    }
    if (options_.max_messages < 1 || options_.message_window.count() <= 0) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "max_messages must be >= 1 and message_window > 0");
    }
    if (url_.Tls()) {
      error_code ec;
      ssl_ctx_.set_default_verify_paths(ec);
      if (!ec && !options_.ca_file.empty()) ssl_ctx_.load_verify_file(options_.ca_file, ec);
      if (ec) {
        return core::MakeError(core::ErrorCode::kInvalidArgument,
                               "cannot load CA certificates: " + ec.message());
      }
      ssl_ctx_.set_verify_mode(ssl::verify_peer);
    }
    return core::Status::Ok();
  }

  void Start() {
    if (state_ != WsState::kDisconnected) return;
    attempt_ = 0;
    Connect();
  }

  void Stop() {
    if (state_ == WsState::kDisconnected) return;
    Teardown();
    SetState(WsState::kDisconnected, "stopped");
  }

  void Destroy() {
    callbacks_ = {};
    Teardown();
    state_ = WsState::kDisconnected;
  }

  core::Status Send(std::string text, bool front = false, bool is_ping = false) {
    if (!IsOpen()) {
      return core::MakeError(
          core::ErrorCode::kFailedPrecondition,
          std::string("WebSocket not open (") + std::string(ToString(state_)) + ")");
    }
    if (queue_.size() >= options_.max_queued_messages) {
      return core::MakeError(core::ErrorCode::kOutOfRange, "WebSocket send queue full");
    }
    if (front) {
      queue_.push_front({std::move(text), is_ping});
    } else {
      queue_.push_back({std::move(text), is_ping});
    }
    Pump();
    return core::Status::Ok();
  }

  void MarkReady() {
    if (state_ != WsState::kLoggingIn) return;
    deadline_timer_.cancel();
    BecomeReady();
  }

  void Reconnect(std::string_view reason) {
    if (state_ == WsState::kDisconnected) return;
    Fail(std::string(reason));
  }

  WsState state() const { return state_; }
  const WsConnectionStats& stats() const { return stats_; }
  std::size_t queued() const { return queue_.size(); }
  const std::string& url() const { return options_.url; }

 private:
  bool IsOpen() const {
    return state_ == WsState::kConnected || state_ == WsState::kLoggingIn ||
           state_ == WsState::kReady;
  }

  void SetState(WsState state, std::string_view reason = {}) {
    state_ = state;
    if (callbacks_.on_state) callbacks_.on_state(state, reason);
  }

  template <typename F>
  auto Guard(F&& f) {
    using Fn = std::decay_t<F>;
    return [ self = shared_from_this(), generation = generation_, f = std::forward<F>(f) ](
        auto&&... args) mutable requires std::invocable<Fn&, decltype(args)...> {
      if (generation != self->generation_) return;
      f(std::forward<decltype(args)>(args)...);
    };
  }

  void ArmTimer(asio::steady_timer& timer, core::Duration delay, std::function<void()> fn) {
    timer.expires_after(delay.count() > 0 ? delay : core::Duration::zero());
    timer.async_wait(Guard([fn = std::move(fn)](const error_code& ec) {
      if (!ec) fn();
    }));
  }

  void Connect() {
    ++generation_;
    ++stats_.connect_attempts;
    session_ = std::make_shared<Session>(ioc_);
    SetState(WsState::kConnecting);
    if (state_ != WsState::kConnecting) return;  // a callback changed course
    ArmTimer(deadline_timer_, options_.connect_timeout, [this] {
      Fail("connect timeout after " + std::to_string(options_.connect_timeout.count()) + " ms");
    });
    auto session = session_;
    session->resolver.async_resolve(
        url_.host, std::to_string(url_.port),
        Guard([this, session](const error_code& ec, tcp::resolver::results_type results) {
          if (ec) return Fail("cannot resolve " + url_.host + ": " + ec.message());
          OnResolved(session, std::move(results));
        }));
  }

  void OnResolved(const std::shared_ptr<Session>& session, tcp::resolver::results_type results) {
    if (url_.Tls()) {
      session->secure.emplace(ioc_, ssl_ctx_);
    } else {
      session->plain.emplace(ioc_);
    }
    session->lowest().async_connect(
        results, Guard([this, session](const error_code& ec, const tcp::endpoint&) {
          if (ec) return Fail("cannot connect to " + url_.Origin() + ": " + ec.message());
          if (session->secure) {
            auto& tls = session->secure->next_layer();
            if (!SSL_set_tlsext_host_name(tls.native_handle(), url_.host.c_str())) {
              return Fail("cannot set TLS SNI");
            }
            tls.set_verify_callback(ssl::host_name_verification(url_.host));
            tls.async_handshake(ssl::stream_base::client,
                                Guard([this, session](const error_code& e) {
                                  if (e) return Fail("TLS handshake failed: " + e.message());
                                  WsHandshake(session);
                                }));
          } else {
            WsHandshake(session);
          }
        }));
  }

  void WsHandshake(const std::shared_ptr<Session>& session) {
    session->lowest().expires_never();  // the websocket stream's own timeouts take over
    const std::string host = url_.host + ":" + std::to_string(url_.port);
    const std::string target = url_.path.empty() ? "/" : url_.path;
    session->With([&](auto& ws) {
      websocket::stream_base::timeout timeouts{};
      timeouts.handshake_timeout = options_.connect_timeout;
      timeouts.idle_timeout = websocket::stream_base::none();
      timeouts.keep_alive_pings = false;
      ws.set_option(timeouts);
      ws.read_message_max(options_.max_message_bytes);
      ws.async_handshake(host, target, Guard([this, session](const error_code& ec) {
                           if (ec) return Fail("WebSocket handshake failed: " + ec.message());
                           OnOpen(session);
                         }));
    });
  }

  void OnOpen(const std::shared_ptr<Session>& session) {
    deadline_timer_.cancel();
    ++stats_.connects;
    sent_times_.clear();  // the venue paces per connection
    Read(session);
    ArmPing();
    ArmIdle();
    const std::uint64_t generation = generation_;
    SetState(WsState::kConnected);
    if (generation != generation_ || state_ != WsState::kConnected) return;
    if (options_.needs_login) {
      ArmTimer(deadline_timer_, options_.login_timeout, [this] {
        Fail("login timeout after " + std::to_string(options_.login_timeout.count()) + " ms");
      });
      SetState(WsState::kLoggingIn);
    } else {
      BecomeReady();
    }
  }

  void BecomeReady() {
    ready_since_ = loop_.Now();
    SetState(WsState::kReady);
  }

  void Read(const std::shared_ptr<Session>& session) {
    session->With([&](auto& ws) {
      ws.async_read(session->buffer, Guard([this, session](const error_code& ec, std::size_t) {
                      OnRead(session, ec);
                    }));
    });
  }

  void OnRead(const std::shared_ptr<Session>& session, const error_code& ec) {
    if (ec) return Fail("read failed: " + ec.message());
    std::string text = beast::buffers_to_string(session->buffer.data());
    session->buffer.consume(session->buffer.size());
    ArmIdle();
    const std::uint64_t generation = generation_;
    if (text == options_.pong_text) {
      ++stats_.pongs_received;
      pong_timer_.cancel();
    } else if (text == options_.ping_text) {
      (void)Send(options_.pong_text, /*front=*/true);
    } else {
      ++stats_.messages_received;
      if (callbacks_.on_message) callbacks_.on_message(text);
    }
    if (generation == generation_) Read(session);
  }

  void ArmPing() {
    if (options_.ping_interval.count() <= 0) return;
    ArmTimer(ping_timer_, options_.ping_interval, [this] {
      (void)Send(options_.ping_text, /*front=*/true, /*is_ping=*/true);
      ArmPing();
    });
  }

  void ArmIdle() {
    if (options_.idle_timeout.count() <= 0) return;
    ArmTimer(idle_timer_, options_.idle_timeout, [this] {
      Fail("no frame for " + std::to_string(options_.idle_timeout.count()) + " ms");
    });
  }

  void Pump() {
    if (writing_ || queue_.empty() || !session_ || !IsOpen()) return;
    const core::Timestamp now = loop_.Now();
    while (!sent_times_.empty() && now - sent_times_.front() >= options_.message_window) {
      sent_times_.pop_front();
    }
    if (sent_times_.size() >= static_cast<std::size_t>(options_.max_messages)) {
      ++stats_.paced_waits;
      const core::Duration wait = sent_times_.front() + options_.message_window - now;
      ArmTimer(pace_timer_, wait, [this] { Pump(); });
      return;
    }
    Outgoing out = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    sent_times_.push_back(now);
    auto session = session_;
    session->write_buf = std::move(out.text);
    if (out.is_ping) ++stats_.pings_sent;
    if (callbacks_.on_sent) callbacks_.on_sent(session->write_buf, now);
    if (!writing_ || session_ != session) return;  // a callback tore the connection down
    const bool is_ping = out.is_ping;
    session->With([&](auto& ws) {
      ws.text(true);
      ws.async_write(
          asio::buffer(session->write_buf),
          Guard([this, is_ping](const error_code& ec, std::size_t) {
            writing_ = false;
            if (ec) return Fail("write failed: " + ec.message());
            ++stats_.messages_sent;
            if (is_ping && options_.pong_timeout.count() > 0) {
              ArmTimer(pong_timer_, options_.pong_timeout, [this] {
                ++stats_.pong_timeouts;
                Fail("no pong within " + std::to_string(options_.pong_timeout.count()) + " ms");
              });
            }
            Pump();
          }));
    });
  }

  void Teardown() {
    ++generation_;
    for (auto* timer : {&backoff_timer_, &deadline_timer_, &ping_timer_, &pong_timer_, &pace_timer_,
                        &idle_timer_}) {
      timer->cancel();
    }
    stats_.dropped_on_disconnect += queue_.size();
    queue_.clear();
    writing_ = false;
    if (session_) {
      error_code ec;
      session_->resolver.cancel();
      if (session_->plain || session_->secure) {
        session_->lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
        session_->lowest().socket().close(ec);
      }
      session_.reset();
    }
  }

  void Fail(std::string reason) {
    if (state_ == WsState::kDisconnected || state_ == WsState::kBackoff) return;
    const bool was_open = IsOpen();
    if (was_open) {
      ++stats_.disconnects;
    } else {
      ++stats_.connect_failures;
    }
    if (state_ == WsState::kReady && loop_.Now() - ready_since_ >= options_.stable_after) {
      attempt_ = 0;
    }
    Teardown();
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const core::Duration delay = BackoffDelay(options_.backoff, attempt_, unit(rng_));
    if (attempt_ < 60) ++attempt_;
    ArmTimer(backoff_timer_, delay, [this] { Connect(); });
    SetState(WsState::kBackoff, reason);
  }

  IoLoop& loop_;
  asio::io_context& ioc_;
  WsConnectionOptions options_;
  WsConnectionCallbacks callbacks_;
  Url url_;
  ssl::context ssl_ctx_;
  std::mt19937_64 rng_;
  asio::steady_timer backoff_timer_;
  asio::steady_timer deadline_timer_;  // connect, then login
  asio::steady_timer ping_timer_;
  asio::steady_timer pong_timer_;
  asio::steady_timer pace_timer_;
  asio::steady_timer idle_timer_;

  WsState state_ = WsState::kDisconnected;
  WsConnectionStats stats_;
  std::uint64_t generation_ = 0;  // bumped by every teardown: stale handlers do nothing
  int attempt_ = 0;
  core::Timestamp ready_since_;
  std::shared_ptr<Session> session_;
  std::deque<Outgoing> queue_;
  std::deque<core::Timestamp> sent_times_;
  bool writing_ = false;
};

core::Result<std::unique_ptr<AsyncWsConnection>> AsyncWsConnection::Create(
    IoLoop& loop, WsConnectionOptions options, WsConnectionCallbacks callbacks) {
  auto url = ParseUrl(options.url);
  if (!url) return url.error();
  auto impl = std::make_shared<Impl>(loop, std::move(options), std::move(callbacks),
                                     std::move(url.value()));
  BGT_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<AsyncWsConnection>(new AsyncWsConnection(std::move(impl)));
}

AsyncWsConnection::AsyncWsConnection(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
AsyncWsConnection::~AsyncWsConnection() { impl_->Destroy(); }
void AsyncWsConnection::Start() { impl_->Start(); }
void AsyncWsConnection::Stop() { impl_->Stop(); }
core::Status AsyncWsConnection::Send(std::string text) { return impl_->Send(std::move(text)); }
void AsyncWsConnection::MarkReady() { impl_->MarkReady(); }
void AsyncWsConnection::Reconnect(std::string_view reason) { impl_->Reconnect(reason); }
WsState AsyncWsConnection::state() const { return impl_->state(); }
const WsConnectionStats& AsyncWsConnection::stats() const { return impl_->stats(); }
std::size_t AsyncWsConnection::queued() const { return impl_->queued(); }
const std::string& AsyncWsConnection::url() const { return impl_->url(); }

}  // namespace bgt::net
