#include "bitget/ws_client.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <utility>

#include "net/http.h"

namespace bgt::bitget {
namespace {

constexpr std::string_view kSubscribeOp = "{\"op\":\"subscribe\"";

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

bool ValidId(std::string_view text, bool allow_empty) {
  if (text.empty()) return allow_empty;
  if (text.size() > 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// JSON string literal (credentials may hold any printable character).
std::string JsonString(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += ch;
    }
  }
  out += '"';
  return out;
}

core::Timestamp SystemNow() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return core::Timestamp::FromNanos(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since).count());
}

}  // namespace

WsSubscription WsSubscription::Public(std::string channel, std::string symbol) {
  WsSubscription s;
  s.channel = std::move(channel);
  s.inst_id = std::move(symbol);
  return s;
}

WsSubscription WsSubscription::Private(std::string channel) {
  WsSubscription s;
  s.channel = std::move(channel);
  (s.channel == "account" ? s.coin : s.inst_id) = "default";
  return s;
}

bool WsSubscription::IsPrivate() const {
  static constexpr std::array<std::string_view, 7> kPrivate = {
      "account", "positions", "orders", "fill", "orders-algo", "positions-history", "equity"};
  return std::find(kPrivate.begin(), kPrivate.end(), channel) != kPrivate.end();
}

std::string WsSubscription::Key() const {
  return channel + "|" + Upper(inst_id) + "|" + Upper(coin);
}

std::string WsSubscription::ArgJson() const {
  std::string out = "{\"instType\":\"" + inst_type + "\",\"channel\":\"" + channel + "\"";
  if (!inst_id.empty()) out += ",\"instId\":\"" + inst_id + "\"";
  if (!coin.empty()) out += ",\"coin\":\"" + coin + "\"";
  out += "}";
  return out;
}

enum class SubState : std::uint8_t { kPending, kSent, kAcked };

struct BitgetWsClient::Conn {
  bool is_private = false;
  std::unique_ptr<net::AsyncWsConnection> ws;
  std::map<std::string, WsSubscription> subs;  // by Key()
  std::map<std::string, SubState> state;
  std::deque<std::string> pending;  // keys to subscribe when ready, in order
  // Send times of the subscribe args written on this physical connection (the hourly budget is
  // counted on what was actually written), and the arg counts of subscribe messages queued in
  // the connection but not written yet.
  std::deque<core::Timestamp> sub_log;
  std::deque<std::size_t> inflight;
  std::unique_ptr<net::IoTimer> budget_timer;
  bool was_ready = false;
};

BitgetWsClient::BitgetWsClient(net::IoLoop& loop, BitgetWsOptions options,
                               BitgetWsCallbacks callbacks)
    : loop_(loop), options_(std::move(options)), callbacks_(std::move(callbacks)) {
  if (!options_.wall_clock) options_.wall_clock = SystemNow;
}

BitgetWsClient::~BitgetWsClient() = default;

core::Result<std::unique_ptr<BitgetWsClient>> BitgetWsClient::Create(net::IoLoop& loop,
                                                                     BitgetWsOptions options,
                                                                     BitgetWsCallbacks callbacks) {
  if (options.max_channels_per_connection == 0 || options.max_args_per_message == 0 ||
      options.max_messages_per_second < 1 || options.max_subscriptions_per_window < 1 ||
      options.subscription_window.count() <= 0 || options.message_window.count() <= 0 ||
      options.max_subscribe_bytes < 256) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "invalid Bitget WebSocket limits");
  }
  if (options.ping_interval > std::chrono::seconds(30)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "ping_interval must be at most 30 s (Bitget drops silent clients)");
  }
  for (const std::string* url : {&options.public_url, &options.private_url}) {
    auto parsed = net::ParseUrl(*url);
    if (!parsed) return parsed.error();
  }
  return std::unique_ptr<BitgetWsClient>(
      new BitgetWsClient(loop, std::move(options), std::move(callbacks)));
}

void BitgetWsClient::Start() {
  started_ = true;
  for (auto& conn : conns_) conn->ws->Start();
}

void BitgetWsClient::Stop() {
  started_ = false;
  for (auto& conn : conns_) conn->ws->Stop();
}

core::Result<std::size_t> BitgetWsClient::ConnectionFor(bool is_private) {
  for (std::size_t i = 0; i < conns_.size(); ++i) {
    if (conns_[i]->is_private == is_private &&
        conns_[i]->subs.size() < options_.max_channels_per_connection) {
      return i;
    }
  }
  const std::size_t index = conns_.size();
  net::WsConnectionOptions o;
  o.url = is_private ? options_.private_url : options_.public_url;
  o.ca_file = options_.ca_file;
  o.connect_timeout = options_.connect_timeout;
  o.needs_login = is_private;
  o.login_timeout = options_.login_timeout;
  o.ping_interval = options_.ping_interval;
  o.pong_timeout = options_.pong_timeout;
  o.ping_text = "ping";
  o.pong_text = "pong";
  o.max_messages = options_.max_messages_per_second;
  o.message_window = options_.message_window;
  o.backoff = options_.backoff;
  o.backoff.seed = options_.backoff.seed + index;  // distinct jitter per connection
  o.stable_after = options_.stable_after;
  net::WsConnectionCallbacks cb;
  cb.on_state = [this, index](net::WsState state, std::string_view reason) {
    OnState(index, state, reason);
  };
  cb.on_message = [this, index](std::string_view text) { OnMessage(index, text); };
  cb.on_sent = [this, index](std::string_view text, core::Timestamp at) {
    OnSent(index, text, at);
  };
  auto ws = net::AsyncWsConnection::Create(loop_, std::move(o), std::move(cb));
  if (!ws) return ws.error();
  auto conn = std::make_unique<Conn>();
  conn->is_private = is_private;
  conn->ws = std::move(ws.value());
  conn->budget_timer = std::make_unique<net::IoTimer>(loop_);
  conns_.push_back(std::move(conn));
  if (started_) conns_.back()->ws->Start();
  return index;
}

core::Status BitgetWsClient::Subscribe(const WsSubscription& subscription) {
  if (subscription.channel.empty() || !ValidId(subscription.channel, false) ||
      !ValidId(subscription.inst_id, true) || !ValidId(subscription.coin, true) ||
      !ValidId(subscription.inst_type, false)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "WebSocket subscription fields must be [A-Za-z0-9_-]{1,64}");
  }
  const bool is_private = subscription.IsPrivate();
  if (is_private && (!options_.credentials || !options_.credentials->complete())) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "private channel " + subscription.channel + " needs API credentials");
  }
  const std::string key = subscription.Key();
  if (Find(key, nullptr) != nullptr) return core::Status::Ok();
  auto index = ConnectionFor(is_private);
  if (!index) return index.error();
  Conn& conn = *conns_[*index];
  conn.subs.emplace(key, subscription);
  conn.state[key] = SubState::kPending;
  conn.pending.push_back(key);
  Flush(*index);
  return core::Status::Ok();
}

core::Status BitgetWsClient::Unsubscribe(const WsSubscription& subscription) {
  const std::string key = subscription.Key();
  std::size_t index = 0;
  Conn* conn = Find(key, &index);
  if (conn == nullptr) {
    return core::MakeError(core::ErrorCode::kNotFound, "not subscribed: " + key);
  }
  const SubState state = conn->state[key];
  if (conn->ws->state() == net::WsState::kReady && state != SubState::kPending) {
    SendArgs(*conn, "unsubscribe", {key});
  }
  conn->subs.erase(key);
  conn->state.erase(key);
  std::erase(conn->pending, key);
  return core::Status::Ok();
}

core::Status BitgetWsClient::Resubscribe(std::string_view channel, std::string_view symbol) {
  WsSubscription probe;
  probe.channel = std::string(channel);
  probe.inst_id = std::string(symbol);
  const std::string key = probe.Key();
  std::size_t index = 0;
  Conn* conn = Find(key, &index);
  if (conn == nullptr) {
    return core::MakeError(core::ErrorCode::kNotFound, "not subscribed: " + key);
  }
  if (conn->ws->state() != net::WsState::kReady) return core::Status::Ok();
  ++counters_.resync_requests;
  if (conn->state[key] != SubState::kPending) SendArgs(*conn, "unsubscribe", {key});
  conn->state[key] = SubState::kPending;
  if (std::find(conn->pending.begin(), conn->pending.end(), key) == conn->pending.end()) {
    conn->pending.push_back(key);
  }
  Flush(index);
  return core::Status::Ok();
}

BitgetWsClient::Conn* BitgetWsClient::Find(const std::string& key, std::size_t* index) {
  for (std::size_t i = 0; i < conns_.size(); ++i) {
    if (conns_[i]->subs.count(key) != 0) {
      if (index != nullptr) *index = i;
      return conns_[i].get();
    }
  }
  return nullptr;
}

void BitgetWsClient::OnState(std::size_t index, net::WsState state, std::string_view reason) {
  Conn& conn = *conns_[index];
  switch (state) {
    case net::WsState::kLoggingIn:
      SendLogin(conn);
      break;
    case net::WsState::kReady: {
      if (conn.was_ready) {
        ++counters_.reconnects;
        counters_.resubscribes += conn.subs.size();
      }
      conn.was_ready = true;
      // A new physical connection: a fresh hourly budget, everything to (re)subscribe.
      conn.sub_log.clear();
      conn.inflight.clear();
      conn.budget_timer->Cancel();
      conn.pending.clear();
      for (auto& [key, sub_state] : conn.state) {
        sub_state = SubState::kPending;
        conn.pending.push_back(key);
      }
      break;
    }
    default:
      conn.budget_timer->Cancel();
      conn.inflight.clear();
      for (auto& [key, sub_state] : conn.state) sub_state = SubState::kPending;
      break;
  }
  if (callbacks_.on_state) callbacks_.on_state(index, conn.is_private, state, reason);
  if (state == net::WsState::kReady && conn.ws->state() == net::WsState::kReady) Flush(index);
}

void BitgetWsClient::SendLogin(Conn& conn) {
  if (!options_.credentials) {
    conn.ws->Reconnect("no credentials for the private connection");
    return;
  }
  const Credentials& c = *options_.credentials;
  const std::string ts = std::to_string(options_.wall_clock().seconds());
  const std::string sign = SignWsLogin(ts, c.secret);
  std::string login = "{\"op\":\"login\",\"args\":[{\"apiKey\":" + JsonString(c.api_key.Reveal()) +
                      ",\"passphrase\":" + JsonString(c.passphrase.Reveal()) + ",\"timestamp\":\"" +
                      ts + "\",\"sign\":\"" + sign + "\"}]}";
  (void)conn.ws->Send(std::move(login));
}

void BitgetWsClient::Flush(std::size_t index) {
  Conn& conn = *conns_[index];
  if (conn.ws->state() != net::WsState::kReady) return;
  const core::Timestamp now = loop_.Now();
  while (!conn.sub_log.empty() && now - conn.sub_log.front() >= options_.subscription_window) {
    conn.sub_log.pop_front();
  }
  std::size_t used = conn.sub_log.size();
  for (std::size_t n : conn.inflight) used += n;
  const auto limit = static_cast<std::size_t>(options_.max_subscriptions_per_window);
  const std::size_t allowance = limit > used ? limit - used : 0;
  std::vector<std::string> batch;
  while (!conn.pending.empty() && batch.size() < allowance) {
    std::string key = std::move(conn.pending.front());
    conn.pending.pop_front();
    auto it = conn.state.find(key);
    if (it == conn.state.end() || it->second != SubState::kPending) continue;
    if (std::find(batch.begin(), batch.end(), key) == batch.end()) batch.push_back(std::move(key));
  }
  if (!batch.empty()) SendArgs(conn, "subscribe", batch);
  if (!conn.pending.empty()) {
    ++counters_.budget_waits;
    // When only queued messages hold the budget, OnSent re-flushes once they are written.
    if (!conn.sub_log.empty() && !conn.budget_timer->pending()) {
      conn.budget_timer->Start(conn.sub_log.front() + options_.subscription_window - now,
                               [this, index] { Flush(index); });
    }
  }
}

void BitgetWsClient::OnSent(std::size_t index, std::string_view text, core::Timestamp at) {
  Conn& conn = *conns_[index];
  if (text.starts_with(kSubscribeOp) && !conn.inflight.empty()) {
    conn.sub_log.insert(conn.sub_log.end(), conn.inflight.front(), at);
    conn.inflight.pop_front();
    if (!conn.pending.empty() && !conn.budget_timer->pending()) {
      conn.budget_timer->Start(core::Duration::zero(), [this, index] { Flush(index); });
    }
  }
  if (callbacks_.on_sent) callbacks_.on_sent(index, text, at);
}

void BitgetWsClient::SendArgs(Conn& conn, std::string_view op,
                              const std::vector<std::string>& keys) {
  const std::string head = "{\"op\":\"" + std::string(op) + "\",\"args\":[";
  std::string message;
  std::size_t args = 0;
  auto flush = [&] {
    if (args == 0) return;
    message += "]}";
    if (op == "subscribe") {
      ++counters_.subscribe_messages;
      conn.inflight.push_back(args);
    }
    if (!conn.ws->Send(std::move(message)).ok() && op == "subscribe") conn.inflight.pop_back();
    message.clear();
    args = 0;
  };
  for (const std::string& key : keys) {
    auto it = conn.subs.find(key);
    if (it == conn.subs.end()) continue;
    const std::string arg = it->second.ArgJson();
    if (args > 0 && (args >= options_.max_args_per_message ||
                     message.size() + arg.size() + 3 > options_.max_subscribe_bytes)) {
      flush();
    }
    message += args == 0 ? head : ",";
    message += arg;
    ++args;
    if (op == "subscribe") conn.state[key] = SubState::kSent;
  }
  flush();
}

void BitgetWsClient::OnMessage(std::size_t index, std::string_view text) {
  Conn& conn = *conns_[index];
  if (!ParseWsFrame(text, frame_).ok()) {
    ++counters_.malformed_frames;
    return;
  }
  switch (frame_.type) {
    case WsFrameType::kPong:
      break;
    case WsFrameType::kLogin:
      if (frame_.code.value_or(-1) == 0) {
        ++counters_.logins;
        conn.ws->MarkReady();
      } else {
        ++counters_.login_failures;
        if (callbacks_.on_error) {
          callbacks_.on_error({frame_.code.value_or(-1), frame_.msg, index, conn.is_private});
        }
        conn.ws->Reconnect("login rejected");
      }
      break;
    case WsFrameType::kError: {
      ++counters_.error_events;
      const bool logging_in = conn.ws->state() == net::WsState::kLoggingIn;
      if (callbacks_.on_error) {
        callbacks_.on_error({frame_.code.value_or(-1), frame_.msg, index, conn.is_private});
      }
      if (logging_in) {
        ++counters_.login_failures;
        conn.ws->Reconnect("login rejected (code " + std::to_string(frame_.code.value_or(-1)) +
                           ")");
      }
      break;
    }
    case WsFrameType::kSubscribe: {
      ++counters_.subscribe_acks;
      WsSubscription acked;
      acked.channel = frame_.arg.channel;
      acked.inst_id = frame_.arg.inst_id;
      acked.coin = frame_.arg.coin;
      auto it = conn.state.find(acked.Key());
      if (it != conn.state.end() && it->second == SubState::kSent) it->second = SubState::kAcked;
      break;
    }
    case WsFrameType::kUnsubscribe:
    case WsFrameType::kOtherEvent:
      break;
    case WsFrameType::kPush:
      ++counters_.pushes;
      if (callbacks_.on_push) callbacks_.on_push(frame_, text);
      break;
  }
}

std::size_t BitgetWsClient::subscription_count() const {
  std::size_t n = 0;
  for (const auto& conn : conns_) n += conn->subs.size();
  return n;
}

std::size_t BitgetWsClient::acked_count() const {
  std::size_t n = 0;
  for (const auto& conn : conns_) {
    for (const auto& [key, state] : conn->state) n += state == SubState::kAcked ? 1 : 0;
  }
  return n;
}

bool BitgetWsClient::AllReady() const {
  return std::all_of(conns_.begin(), conns_.end(),
                     [](const auto& conn) { return conn->ws->state() == net::WsState::kReady; });
}

std::vector<WsConnectionInfo> BitgetWsClient::connections() const {
  std::vector<WsConnectionInfo> out;
  for (const auto& conn : conns_) {
    WsConnectionInfo info;
    info.is_private = conn->is_private;
    info.state = conn->ws->state();
    info.subscriptions = conn->subs.size();
    for (const auto& [key, state] : conn->state) info.acked += state == SubState::kAcked ? 1 : 0;
    info.stats = conn->ws->stats();
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace bgt::bitget
