#include "emulator/ws_channels.h"

#include <array>
#include <cctype>

#include "core/decimal.h"
#include "model/order_types.h"

namespace bgt::emulator {
namespace {

std::string Ms(core::Timestamp t) { return std::to_string(t.millis()); }

std::string Quoted(const core::Decimal& d) { return "\"" + d.ToString() + "\""; }

void Field(std::string& out, std::string_view name, std::string_view json_value) {
  out += out.size() > 1 ? ",\"" : "\"";
  out.append(name);
  out += "\":";
  out.append(json_value);
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

struct NamedKind {
  std::string_view name;
  ChannelKind kind;
};
constexpr std::array<NamedKind, 11> kFixedChannels = {{
    {"ticker", ChannelKind::kTicker},
    {"trade", ChannelKind::kTrade},
    {"books", ChannelKind::kBooks},
    {"books1", ChannelKind::kBooks1},
    {"books5", ChannelKind::kBooks5},
    {"books15", ChannelKind::kBooks15},
    {"account", ChannelKind::kAccount},
    {"positions", ChannelKind::kPositions},
    {"orders", ChannelKind::kOrders},
    {"fill", ChannelKind::kFill},
    {"orders-algo", ChannelKind::kOrdersAlgo},
}};

}  // namespace

bool IsPrivate(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kAccount:
    case ChannelKind::kPositions:
    case ChannelKind::kOrders:
    case ChannelKind::kFill:
    case ChannelKind::kOrdersAlgo:
      return true;
    default:
      return false;
  }
}

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string ChannelArg::ToJson() const {
  std::string out = "{";
  Field(out, "instType", JsonString(kInstType));
  Field(out, "channel", JsonString(channel));
  if (kind == ChannelKind::kAccount) {
    Field(out, "coin", JsonString(coin));
  } else {
    Field(out, "instId", JsonString(inst_id));
  }
  out += '}';
  return out;
}

std::string ChannelArg::Key() const { return channel + "|" + inst_id + "|" + coin; }

std::optional<ChannelName> LookupChannel(std::string_view channel) {
  for (const auto& named : kFixedChannels) {
    if (named.name == channel) return ChannelName{named.kind};
  }
  if (channel.starts_with("candle")) {
    auto g = model::ParseGranularity(channel.substr(6));
    if (g.has_value() && *g != model::Granularity::k2H && *g != model::Granularity::k3m) {
      return ChannelName{ChannelKind::kCandle, *g};
    }
  }
  return std::nullopt;
}

ArgOrError ParseChannelArg(std::optional<std::string_view> inst_type,
                           std::optional<std::string_view> channel,
                           std::optional<std::string_view> inst_id,
                           std::optional<std::string_view> coin,
                           const std::function<bool(std::string_view)>& symbol_known) {
  ArgOrError out;
  auto fail = [&out](int code, std::string msg) {
    out.error = {code, std::move(msg)};
    return out;
  };
  if (!inst_type || !channel) return fail(30016, "Param error: instType and channel are required");
  const std::string selector(inst_id ? *inst_id : (coin ? *coin : std::string_view("undefined")));
  const std::string missing = "instType:" + std::string(*inst_type) +
                              ",channel:" + std::string(*channel) + ",instId:" + selector +
                              " doesn't exist";
  const auto name = LookupChannel(*channel);
  if (!IEquals(*inst_type, kInstType) || !name) return fail(30001, missing);
  ChannelArg arg;
  arg.kind = name->kind;
  arg.granularity = name->granularity;
  arg.channel = std::string(*channel);
  if (arg.kind == ChannelKind::kAccount) {
    if (!coin) return fail(30016, "Param error: coin is required for account");
    arg.coin = std::string(*coin);
  } else if (IsPrivate(arg.kind)) {
    if (!inst_id) return fail(30016, "Param error: instId is required");
    arg.inst_id = IEquals(*inst_id, "default") ? "default" : UpperAscii(*inst_id);
  } else {
    if (!inst_id) return fail(30016, "Param error: instId is required");
    arg.inst_id = UpperAscii(*inst_id);
    if (!symbol_known(arg.inst_id)) return fail(30001, missing);
  }
  out.arg = std::move(arg);
  return out;
}

std::string TickerDataJson(const model::Ticker& t, const sim::FundingInfo& funding) {
  std::string change = "0";
  if (t.open_24h.IsPositive()) {
    auto c =
        core::Decimal::Div(t.last_price - t.open_24h, t.open_24h, 5, core::Rounding::kHalfEven);
    if (c.has_value()) change = c->ToString();
  }
  const std::string next_funding = Ms(t.next_funding_time.value_or(funding.next_funding_time));
  std::string out = "{";
  Field(out, "instId", JsonString(t.symbol));
  Field(out, "lastPr", Quoted(t.last_price));
  Field(out, "bidPr", Quoted(t.bid_price));
  Field(out, "askPr", Quoted(t.ask_price));
  Field(out, "bidSz", Quoted(t.bid_size));
  Field(out, "askSz", Quoted(t.ask_size));
  Field(out, "open24h", Quoted(t.open_24h));
  Field(out, "high24h", Quoted(t.high_24h));
  Field(out, "low24h", Quoted(t.low_24h));
  Field(out, "change24h", JsonString(change));
  Field(out, "fundingRate", Quoted(t.funding_rate));
  Field(out, "nextFundingTime", JsonString(next_funding));
  Field(out, "markPrice", Quoted(t.mark_price));
  Field(out, "indexPrice", Quoted(t.index_price));
  Field(out, "holdingAmount", Quoted(t.open_interest));
  Field(out, "baseVolume", Quoted(t.base_volume_24h));
  Field(out, "quoteVolume", Quoted(t.quote_volume_24h));
  Field(out, "openUtc", Quoted(t.open_24h));
  Field(out, "symbolType", "\"1\"");
  Field(out, "symbol", JsonString(t.symbol));
  Field(out, "deliveryPrice", "\"0\"");
  Field(out, "ts", JsonString(Ms(t.ts)));
  out += '}';
  return out;
}

std::string TradeDataJson(const sim::MarketTrade& trade) {
  std::string out = "{";
  Field(out, "ts", JsonString(Ms(trade.ts)));
  Field(out, "price", Quoted(trade.price));
  Field(out, "size", Quoted(trade.size));
  Field(out, "side", JsonString(model::ToString(trade.side)));
  Field(out, "tradeId", JsonString(std::to_string(trade.trade_id)));
  out += '}';
  return out;
}

std::string CandleRowJson(const model::Candle& c) {
  return "[\"" + Ms(c.open_time) + "\"," + Quoted(c.open) + "," + Quoted(c.high) + "," +
         Quoted(c.low) + "," + Quoted(c.close) + "," + Quoted(c.base_volume) + "," +
         Quoted(c.quote_volume) + "," + Quoted(c.quote_volume) + "]";
}

std::string PushJson(std::string_view action, const ChannelArg& arg, std::string_view data,
                     core::Timestamp ts) {
  std::string out = "{";
  Field(out, "action", JsonString(action));
  Field(out, "arg", arg.ToJson());
  Field(out, "data", data);
  Field(out, "ts", Ms(ts));
  out += '}';
  return out;
}

std::string ErrorEventJson(int code, std::string_view msg) {
  return "{\"event\":\"error\",\"code\":" + std::to_string(code) + ",\"msg\":" + JsonString(msg) +
         "}";
}

}  // namespace bgt::emulator
