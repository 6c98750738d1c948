// Public market-data responses: server time, tickers, candles, merge depth, open interest,
// funding rates.
#include <array>
#include <string>
#include <vector>

#include "bitget/json_internal.h"
#include "bitget/parse_responses.h"

namespace bgt::bitget {
namespace {

namespace dom = internal::dom;
using internal::FieldSpec;
using internal::Kind;
using internal::Opt;
using internal::ParseBody;
using internal::Req;
using internal::Value;
using model::Ticker;

constexpr std::array<FieldSpec<ServerTime>, 1> kServerTimeFields = {
    Req<&ServerTime::server_time>("serverTime"),
};

// In the order Bitget sends them (FindField starts from the field after the last match).
constexpr std::array<FieldSpec<TickerInfo>, 23> kTickerFields = {
    Req<&TickerInfo::ticker, &Ticker::symbol>("symbol"),
    Req<&TickerInfo::ticker, &Ticker::last_price>("lastPr"),
    Req<&TickerInfo::ticker, &Ticker::ask_price>("askPr"),
    Req<&TickerInfo::ticker, &Ticker::bid_price>("bidPr"),
    Req<&TickerInfo::ticker, &Ticker::bid_size>("bidSz"),
    Req<&TickerInfo::ticker, &Ticker::ask_size>("askSz"),
    Req<&TickerInfo::ticker, &Ticker::high_24h>("high24h"),
    Req<&TickerInfo::ticker, &Ticker::low_24h>("low24h"),
    Req<&TickerInfo::ticker, &Ticker::ts>("ts"),
    Opt<&TickerInfo::change_24h>("change24h"),
    Req<&TickerInfo::ticker, &Ticker::base_volume_24h>("baseVolume"),
    Req<&TickerInfo::ticker, &Ticker::quote_volume_24h>("quoteVolume"),
    Opt<&TickerInfo::usdt_volume>("usdtVolume"),
    Opt<&TickerInfo::open_utc>("openUtc"),
    Opt<&TickerInfo::change_utc_24h>("changeUtc24h"),
    Req<&TickerInfo::ticker, &Ticker::index_price>("indexPrice"),
    Req<&TickerInfo::ticker, &Ticker::funding_rate>("fundingRate"),
    Req<&TickerInfo::ticker, &Ticker::open_interest>("holdingAmount"),
    Opt<&TickerInfo::delivery_start_time>("deliveryStartTime"),
    Opt<&TickerInfo::delivery_time>("deliveryTime"),
    Opt<&TickerInfo::delivery_status>("deliveryStatus"),
    Req<&TickerInfo::ticker, &Ticker::open_24h>("open24h"),
    Req<&TickerInfo::ticker, &Ticker::mark_price>("markPrice"),
};

constexpr std::array<FieldSpec<OpenInterestEntry>, 2> kOpenInterestEntryFields = {
    Req<&OpenInterestEntry::symbol>("symbol"),
    Req<&OpenInterestEntry::size>("size"),
};

core::Status ReadOpenInterestList(const Value& value, OpenInterest& out);
constexpr std::array<FieldSpec<OpenInterest>, 2> kOpenInterestFields = {
    FieldSpec<OpenInterest>{"openInterestList", &ReadOpenInterestList, true},
    Req<&OpenInterest::ts>("ts"),
};
core::Status ReadOpenInterestList(const Value& value, OpenInterest& out) {
  return internal::ReadRows(value, kOpenInterestEntryFields, out.open_interest_list);
}

constexpr std::array<FieldSpec<FundingRateInfo>, 6> kFundingRateFields = {
    Req<&FundingRateInfo::symbol>("symbol"),
    Req<&FundingRateInfo::funding_rate>("fundingRate"),
    Opt<&FundingRateInfo::funding_rate_interval_hours>("fundingRateInterval"),
    Opt<&FundingRateInfo::next_update>("nextUpdate"),
    Opt<&FundingRateInfo::min_funding_rate>("minFundingRate"),
    Opt<&FundingRateInfo::max_funding_rate>("maxFundingRate"),
};

constexpr std::array<FieldSpec<FundingRateHistoryRow>, 3> kFundingHistoryFields = {
    Req<&FundingRateHistoryRow::symbol>("symbol"),
    Req<&FundingRateHistoryRow::funding_rate>("fundingRate"),
    Req<&FundingRateHistoryRow::funding_time>("fundingTime"),
};

// One [price, size] level, numbers or strings.
core::Status ReadLevels(const Value& value, std::vector<model::BookLevel>& levels) {
  return internal::ReadArray(
      value, true, levels, [&](const Value& level, std::size_t) -> core::Status {
        dom::array pair;
        if (level.kind() != Kind::kArray || level.element().get(pair) || pair.size() < 2) {
          return level.WrongType("a [price, size] pair");
        }
        model::BookLevel& out = levels.emplace_back();
        std::size_t i = 0;
        for (dom::element entry : pair) {
          if (i == 2) break;
          const Value entry_value(level.ctx(), entry, level.path().Index(i, entry));
          BGT_RETURN_IF_ERROR(entry_value.Read(i == 0 ? out.price : out.size));
          ++i;
        }
        return core::Status::Ok();
      });
}

core::Status ReadAsks(const Value& value, MergeDepth& out) {
  return ReadLevels(value, out.book.asks);
}
core::Status ReadBids(const Value& value, MergeDepth& out) {
  return ReadLevels(value, out.book.bids);
}

constexpr std::array<FieldSpec<MergeDepth>, 6> kMergeDepthFields = {
    FieldSpec<MergeDepth>{"asks", &ReadAsks, false},  // null / absent: no levels
    FieldSpec<MergeDepth>{"bids", &ReadBids, false},
    Req<&MergeDepth::book, &model::OrderBookSnapshot::ts>("ts"),
    Opt<&MergeDepth::scale>("scale"),
    Opt<&MergeDepth::precision>("precision"),
    Opt<&MergeDepth::is_max_precision>("isMaxPrecision"),
};

// A candle row: [ts, open, high, low, close, baseVolume, quoteVolume, ...].
core::Status ReadCandle(const Value& row, model::Granularity granularity, model::Candle& candle) {
  constexpr std::size_t kColumns = 7;
  dom::array columns;
  if (row.kind() != Kind::kArray || row.element().get(columns)) {
    return row.WrongType("an array of 7 strings");
  }
  if (columns.size() < kColumns) {
    return row.Error("has " + std::to_string(columns.size()) + " entries, expected 7");
  }
  candle.granularity = granularity;
  std::size_t i = 0;
  for (dom::element entry : columns) {
    const Value column(row.ctx(), entry, row.path().Index(i, entry));
    switch (i) {
      case 0:
        BGT_RETURN_IF_ERROR(column.Read(candle.open_time));
        break;
      case 1:
        BGT_RETURN_IF_ERROR(column.Read(candle.open));
        break;
      case 2:
        BGT_RETURN_IF_ERROR(column.Read(candle.high));
        break;
      case 3:
        BGT_RETURN_IF_ERROR(column.Read(candle.low));
        break;
      case 4:
        BGT_RETURN_IF_ERROR(column.Read(candle.close));
        break;
      case 5:
        BGT_RETURN_IF_ERROR(column.Read(candle.base_volume));
        break;
      case 6:
        BGT_RETURN_IF_ERROR(column.Read(candle.quote_volume));
        break;
      default:
        return core::Status::Ok();
    }
    ++i;
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<ServerTime> ParseServerTime(std::string_view body, int http_status) {
  return ParseBody<ServerTime>("server time", body, http_status,
                               [](const Value& data, ServerTime& out) {
                                 return internal::ReadObject(data, kServerTimeFields, out);
                               });
}

core::Result<std::vector<TickerInfo>> ParseTickers(std::string_view body, int http_status) {
  return ParseBody<std::vector<TickerInfo>>("tickers", body, http_status,
                                            [](const Value& data, std::vector<TickerInfo>& out) {
                                              return internal::ReadRows(data, kTickerFields, out);
                                            });
}

core::Result<std::vector<model::Candle>> ParseCandles(std::string_view body, int http_status,
                                                      model::Granularity granularity) {
  return ParseBody<std::vector<model::Candle>>(
      "candles", body, http_status,
      [granularity](const Value& data, std::vector<model::Candle>& out) {
        return internal::ReadArray(data, false, out, [&](const Value& row, std::size_t) {
          return ReadCandle(row, granularity, out.emplace_back());
        });
      });
}

core::Result<MergeDepth> ParseMergeDepth(std::string_view body, int http_status,
                                         std::string_view symbol) {
  auto depth = ParseBody<MergeDepth>("merge-depth", body, http_status,
                                     [](const Value& data, MergeDepth& out) {
                                       return internal::ReadObject(data, kMergeDepthFields, out);
                                     });
  if (depth) depth->book.symbol.assign(symbol);
  return depth;
}

core::Result<OpenInterest> ParseOpenInterest(std::string_view body, int http_status) {
  return ParseBody<OpenInterest>("open-interest", body, http_status,
                                 [](const Value& data, OpenInterest& out) {
                                   return internal::ReadObject(data, kOpenInterestFields, out);
                                 });
}

core::Result<std::vector<FundingRateInfo>> ParseCurrentFundRate(std::string_view body,
                                                                int http_status) {
  return ParseBody<std::vector<FundingRateInfo>>(
      "current-fund-rate", body, http_status,
      [](const Value& data, std::vector<FundingRateInfo>& out) {
        return internal::ReadRows(data, kFundingRateFields, out);
      });
}

core::Result<std::vector<FundingRateHistoryRow>> ParseFundingRateHistory(std::string_view body,
                                                                         int http_status) {
  return ParseBody<std::vector<FundingRateHistoryRow>>(
      "history-fund-rate", body, http_status,
      [](const Value& data, std::vector<FundingRateHistoryRow>& out) {
        return internal::ReadRows(data, kFundingHistoryFields, out);
      });
}

}  // namespace bgt::bitget
