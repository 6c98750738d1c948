#include "emulator/ws_server.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <utility>

#include "model/candle.h"

namespace bgt::emulator {

struct WsGateway::RawArg {
  std::optional<std::string> inst_type;
  std::optional<std::string> channel;
  std::optional<std::string> inst_id;
  std::optional<std::string> coin;
  bool is_object = false;
};

struct WsGateway::RawLogin {
  std::optional<std::string> api_key;
  std::optional<std::string> passphrase;
  std::optional<std::string> timestamp;  // the text the client signed
  std::optional<std::string> sign;
};

namespace {

namespace json = boost::json;

// A string field, or a number printed as JavaScript would (bitget-api sends the login
// timestamp as a number).
std::optional<std::string> TextField(const json::object& obj, std::string_view name) {
  const auto* v = obj.if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_double()) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof(buf), v->as_double());
    return std::string(buf, r.ptr);
  }
  return std::nullopt;
}

std::optional<std::string_view> View(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

// The candle window that holds `bars` bars of granularity g ending at `now`.
core::Timestamp CandleFrom(core::Timestamp now, model::Granularity g, std::size_t bars) {
  const auto fixed = model::FixedDuration(g);
  const core::Duration bar = fixed ? *fixed : std::chrono::hours(24 * 31);
  const auto span = bar * static_cast<std::int64_t>(bars + 1);
  return now.nanos() > span.count() ? now - span : core::Timestamp();
}

}  // namespace

bitget::Credentials DefaultTestCredentials() {
  return {core::Secret("bgt-test-key"), core::Secret("bgt-test-secret"),
          core::Secret("bgt-test-passphrase")};
}

WsGateway::WsGateway(sim::MarketSource& source, WsGatewayOptions options)
    : source_(source), options_(std::move(options)) {}

net::WsHandler WsGateway::Handler() {
  net::WsHandler h;
  h.on_open = [this](const std::shared_ptr<net::WsConnection>& ws) { OnOpen(ws); };
  h.on_message = [this](const std::shared_ptr<net::WsConnection>& ws, std::string_view text) {
    OnMessage(ws, text);
  };
  h.on_close = [this](const std::shared_ptr<net::WsConnection>& ws) { OnClose(ws); };
  return h;
}

core::Timestamp WsGateway::WallNow() const {
  if (options_.wall_clock) return options_.wall_clock();
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return core::Timestamp::FromNanos(ns.count());
}

void WsGateway::OnOpen(const std::shared_ptr<net::WsConnection>& ws) {
  std::lock_guard lock(mu_);
  Connection& conn = connections_[ws->id()];
  conn.ws = ws;
  conn.id = ws->id();
}

void WsGateway::OnClose(const std::shared_ptr<net::WsConnection>& ws) {
  std::lock_guard lock(mu_);
  connections_.erase(ws->id());
}

std::size_t WsGateway::connection_count() const {
  std::lock_guard lock(mu_);
  return connections_.size();
}

void WsGateway::SetFaults(const WsFaults& faults) {
  std::lock_guard lock(mu_);
  faults_ = faults;
  if (!faults_.reorder_pushes) {
    for (auto& [id, conn] : connections_) {
      if (!conn.held) continue;
      const std::string held = std::move(*conn.held);
      conn.held.reset();
      Send(conn, held);
    }
  }
}

std::size_t WsGateway::DropConnections(bool abrupt) {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (auto& [id, conn] : connections_) {
    if (auto ws = conn.ws.lock()) {
      if (ws->open()) ++n;
      ws->Close(abrupt);
    }
  }
  return n;
}

void WsGateway::OnMessage(const std::shared_ptr<net::WsConnection>& ws, std::string_view text) {
  if (text == "ping") {
    ws->Send("pong");
    return;
  }
  std::lock_guard lock(mu_);
  auto it = connections_.find(ws->id());
  if (it == connections_.end()) {  // on_open not seen (should not happen): adopt it
    it = connections_.emplace(ws->id(), Connection{ws, ws->id(), std::nullopt, {}, std::nullopt})
             .first;
  }
  Connection& conn = it->second;
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    ws->Send(ErrorEventJson(30002, "Illegal request: not a JSON object"));
    return;
  }
  const json::object& obj = doc.as_object();
  const auto op = TextField(obj, "op");
  if (!op) {
    ws->Send(ErrorEventJson(30002, "Illegal request: op is missing"));
    return;
  }
  if (*op != "subscribe" && *op != "unsubscribe" && *op != "login") {
    ws->Send(ErrorEventJson(30003, "Invalid op: " + *op));
    return;
  }
  const auto* args = obj.if_contains("args");
  if (args == nullptr || !args->is_array() || args->as_array().empty()) {
    ws->Send(ErrorEventJson(30016, "Param error: args must be a non-empty array"));
    return;
  }
  if (*op == "login") {
    RawLogin login;
    if (args->as_array()[0].is_object()) {
      const auto& a = args->as_array()[0].as_object();
      login = {TextField(a, "apiKey"), TextField(a, "passphrase"), TextField(a, "timestamp"),
               TextField(a, "sign")};
    }
    HandleLogin(conn, login);
    return;
  }
  std::vector<RawArg> raw;
  for (const auto& element : args->as_array()) {
    RawArg r;
    if (element.is_object()) {
      const auto& a = element.as_object();
      r = {TextField(a, "instType"), TextField(a, "channel"), TextField(a, "instId"),
           TextField(a, "coin"), true};
    }
    raw.push_back(std::move(r));
  }
  HandleSubscribe(conn, raw, *op == "subscribe");
}

void WsGateway::HandleSubscribe(Connection& conn, const std::vector<RawArg>& args, bool subscribe) {
  const auto known = [this](std::string_view symbol) {
    return source_.FindSymbol(symbol).has_value();
  };
  for (const RawArg& raw : args) {
    if (!raw.is_object) {
      Send(conn, ErrorEventJson(30016, "Param error: each arg must be an object"));
      continue;
    }
    auto parsed = ParseChannelArg(View(raw.inst_type), View(raw.channel), View(raw.inst_id),
                                  View(raw.coin), known);
    if (!parsed.arg) {
      Send(conn, ErrorEventJson(parsed.error.code, parsed.error.msg));
      continue;
    }
    ChannelArg& arg = *parsed.arg;
    if (subscribe && IsPrivate(arg.kind) && !conn.api_key) {
      Send(conn, ErrorEventJson(30004, "User not logged in: login is required for " + arg.channel));
      continue;
    }
    const std::string event = subscribe ? "subscribe" : "unsubscribe";
    const std::string ack = "{\"event\":\"" + event + "\",\"arg\":" + arg.ToJson() + "}";
    if (subscribe) {
      const std::string key = arg.Key();
      if (conn.subs.find(key) == conn.subs.end()) conn.subs[key].arg = std::move(arg);
    } else {
      conn.subs.erase(arg.Key());
    }
    Send(conn, ack);
  }
}

void WsGateway::HandleLogin(Connection& conn, const RawLogin& login) {
  auto fail = [this, &conn](int code, std::string_view msg) {
    Send(conn, ErrorEventJson(code, msg));
  };
  if (!login.api_key || !login.passphrase || !login.timestamp || !login.sign) {
    return fail(30005, "Login failed: apiKey, passphrase, timestamp and sign are required");
  }
  const bitget::Credentials* account = nullptr;
  for (const auto& c : options_.accounts) {
    if (c.api_key.Reveal() == *login.api_key) account = &c;
  }
  if (account == nullptr) return fail(30011, "Invalid ACCESS_KEY");
  if (account->passphrase.Reveal() != *login.passphrase) {
    return fail(30012, "Invalid ACCESS_PASSPHRASE");
  }
  const std::string& ts_text = *login.timestamp;
  double ts_value = 0;
  const auto parsed = std::from_chars(ts_text.data(), ts_text.data() + ts_text.size(), ts_value);
  if (ts_text.empty() || parsed.ec != std::errc() ||
      parsed.ptr != ts_text.data() + ts_text.size() || ts_value <= 0) {
    return fail(30013, "Invalid ACCESS_TIMESTAMP");
  }
  // Seconds per the docs; milliseconds are accepted too (the live venue takes both).
  const double ts_ms = ts_value >= 1e11 ? ts_value : ts_value * 1000.0;
  const double skew_ms = ts_ms - static_cast<double>(WallNow().millis());
  const auto window_ms = static_cast<double>(options_.login_window.count()) * 1000.0;
  if (skew_ms > window_ms || skew_ms < -window_ms) {
    return fail(30014, "Request timestamp expired");
  }
  if (bitget::SignWsLogin(ts_text, account->secret) != *login.sign) {
    return fail(30015, "Invalid sign");
  }
  conn.api_key = *login.api_key;
  Send(conn, "{\"event\":\"login\",\"code\":0,\"connId\":\"" + std::to_string(conn.id) + "\"}");
}

void WsGateway::Send(Connection& conn, const std::string& text) {
  if (auto ws = conn.ws.lock()) ws->Send(text);
}

void WsGateway::SendPush(Connection& conn, const std::string& text) {
  if (faults_.reorder_pushes && !conn.held) {
    conn.held = text;  // goes out after the next push
    return;
  }
  Send(conn, text);
  if (faults_.duplicate_pushes) Send(conn, text);
  if (conn.held) {
    const std::string held = std::move(*conn.held);
    conn.held.reset();
    Send(conn, held);
  }
}

core::Result<std::size_t> WsGateway::PushPrivate(std::string_view api_key, ChannelKind kind,
                                                 std::string_view data_json,
                                                 std::string_view inst_id) {
  if (!IsPrivate(kind)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "PushPrivate: not a private channel");
  }
  boost::system::error_code ec;
  const json::value data = json::parse(data_json, ec);
  if (ec || !data.is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "PushPrivate: data is not a JSON array");
  }
  const core::Timestamp ts = WallNow();
  std::lock_guard lock(mu_);
  std::size_t sent = 0;
  for (auto& [id, conn] : connections_) {
    if (!conn.api_key || *conn.api_key != api_key) continue;
    for (auto& [key, sub] : conn.subs) {
      if (sub.arg.kind != kind) continue;
      if (!inst_id.empty() && sub.arg.inst_id != inst_id) continue;
      SendPush(conn, PushJson("snapshot", sub.arg, data_json, ts));
      ++sent;
    }
  }
  return sent;
}

std::vector<WsGateway::PendingSnapshot> WsGateway::TakePendingSnapshots() {
  std::lock_guard lock(mu_);
  std::vector<PendingSnapshot> out;
  for (auto& [id, conn] : connections_) {
    if (!conn.api_key) continue;
    for (auto& [key, sub] : conn.subs) {
      const bool snapshot_channel =
          sub.arg.kind == ChannelKind::kAccount || sub.arg.kind == ChannelKind::kPositions;
      if (!snapshot_channel || sub.snapshot_sent) continue;
      sub.snapshot_sent = true;
      out.push_back(PendingSnapshot{id, *conn.api_key, sub.arg});
    }
  }
  return out;
}

core::Status WsGateway::PushSnapshot(const PendingSnapshot& to, std::string_view data_json) {
  boost::system::error_code ec;
  const json::value data = json::parse(data_json, ec);
  if (ec || !data.is_array()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "PushSnapshot: data is not a JSON array");
  }
  const core::Timestamp ts = WallNow();
  std::lock_guard lock(mu_);
  const auto conn = connections_.find(to.connection);
  if (conn == connections_.end()) return core::Status::Ok();
  const auto sub = conn->second.subs.find(to.arg.Key());
  if (sub == conn->second.subs.end()) return core::Status::Ok();
  SendPush(conn->second, PushJson("snapshot", sub->second.arg, data_json, ts));
  return core::Status::Ok();
}

void WsGateway::Pump(core::Timestamp now) {
  std::lock_guard lock(mu_);
  std::erase_if(connections_, [](const auto& entry) { return entry.second.ws.expired(); });
  // Symbols with at least one public subscription, in a deterministic order.
  std::map<std::string, std::size_t> symbols;
  for (const auto& [id, conn] : connections_) {
    for (const auto& [key, sub] : conn.subs) {
      if (IsPrivate(sub.arg.kind)) continue;
      if (auto i = source_.FindSymbol(sub.arg.inst_id)) symbols.emplace(sub.arg.inst_id, *i);
    }
  }
  for (const auto& [symbol, i] : symbols) PumpSymbol(i, symbol, now);
}

void WsGateway::PumpSymbol(std::size_t i, const std::string& symbol, core::Timestamp now) {
  SymbolState& state = symbols_[symbol];
  bool wants_books = false;
  bool wants_trades = false;
  for (const auto& [id, conn] : connections_) {
    for (const auto& [key, sub] : conn.subs) {
      if (sub.arg.inst_id != symbol) continue;
      const auto k = sub.arg.kind;
      wants_books |= k == ChannelKind::kBooks || k == ChannelKind::kBooks1 ||
                     k == ChannelKind::kBooks5 || k == ChannelKind::kBooks15;
      wants_trades |= k == ChannelKind::kTrade;
    }
  }
  BookFeed::Step book_step;
  if (wants_books) book_step = state.books.Advance(ToWire(source_.Book(i, options_.books_depth)));

  // Trades not published yet (ids increase), newest first as Bitget sends them.
  std::vector<const sim::MarketTrade*> fresh;
  std::vector<const sim::MarketTrade*> recent;
  if (wants_trades) {
    for (const auto& t : source_.RecentTrades(i)) {
      recent.push_back(&t);
      if (t.trade_id > state.last_trade_id) fresh.push_back(&t);
    }
    if (!recent.empty())
      state.last_trade_id = std::max(state.last_trade_id, recent.back()->trade_id);
    std::reverse(fresh.begin(), fresh.end());
    std::reverse(recent.begin(), recent.end());
    if (recent.size() > options_.trade_snapshot) recent.resize(options_.trade_snapshot);
  }
  auto trades_json = [](const std::vector<const sim::MarketTrade*>& trades) {
    std::string out = "[";
    for (std::size_t k = 0; k < trades.size(); ++k) {
      if (k > 0) out += ',';
      out += TradeDataJson(*trades[k]);
    }
    return out + "]";
  };

  std::optional<std::string> ticker_data;
  for (auto& [id, conn] : connections_) {
    for (auto& [key, sub] : conn.subs) {
      if (sub.arg.inst_id != symbol || IsPrivate(sub.arg.kind)) continue;
      const bool first = !sub.snapshot_sent;
      sub.snapshot_sent = true;
      switch (sub.arg.kind) {
        case ChannelKind::kTicker: {
          if (!ticker_data) {
            ticker_data = "[" + TickerDataJson(source_.ticker(i), source_.Funding(i)) + "]";
          }
          SendPush(conn, PushJson("snapshot", sub.arg, *ticker_data, now));
          break;
        }
        case ChannelKind::kBooks: {
          const auto& feed = state.books;
          if (first) {
            const std::string data =
                "[" + BookDataJson(feed.book(), WireChecksum(feed.book()), feed.seq(), 0, now) +
                "]";
            SendPush(conn, PushJson("snapshot", sub.arg, data, now));
          } else if (book_step.changed) {
            std::int32_t checksum = WireChecksum(feed.book());
            if (faults_.corrupt_book_checksums > 0) {
              --faults_.corrupt_book_checksums;
              checksum ^= 0x5a5a5a5a;
            }
            const std::string data =
                "[" + BookDataJson(book_step.diff, checksum, feed.seq(), feed.prev_seq(), now) +
                "]";
            SendPush(conn, PushJson("update", sub.arg, data, now));
          }
          break;
        }
        case ChannelKind::kBooks1:
        case ChannelKind::kBooks5:
        case ChannelKind::kBooks15: {
          if (!first && !book_step.changed) break;
          const std::size_t depth = sub.arg.kind == ChannelKind::kBooks1   ? 1
                                    : sub.arg.kind == ChannelKind::kBooks5 ? 5
                                                                           : 15;
          const WireBook top = Top(state.books.book(), depth);
          const std::string data =
              "[" + BookDataJson(top, WireChecksum(top), state.books.seq(), 0, now) + "]";
          SendPush(conn, PushJson("snapshot", sub.arg, data, now));
          break;
        }
        case ChannelKind::kTrade: {
          if (first) {
            SendPush(conn, PushJson("snapshot", sub.arg, trades_json(recent), now));
          } else if (!fresh.empty()) {
            SendPush(conn, PushJson("update", sub.arg, trades_json(fresh), now));
          }
          break;
        }
        case ChannelKind::kCandle: {
          const std::size_t bars = first ? options_.candle_snapshot : 2;
          auto candles = source_.Candles(i, sub.arg.granularity,
                                         CandleFrom(source_.Now(), sub.arg.granularity, bars),
                                         source_.Now(), bars);
          if (!candles.has_value() || candles->empty()) break;
          std::vector<model::Candle> rows = std::move(*candles);
          // An update carries the current bar, plus the previous one when a bar just closed.
          if (!first && rows.size() == 2 && sub.last_candle_open == rows.back().open_time) {
            rows.erase(rows.begin());
          }
          sub.last_candle_open = rows.back().open_time;
          std::string data = "[";
          for (std::size_t k = 0; k < rows.size(); ++k) {
            if (k > 0) data += ',';
            data += CandleRowJson(rows[k]);
          }
          data += "]";
          SendPush(conn, PushJson(first ? "snapshot" : "update", sub.arg, data, now));
          break;
        }
        default:
          break;
      }
    }
  }
}

}  // namespace bgt::emulator
