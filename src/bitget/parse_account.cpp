// Account responses: account, accounts, set-leverage, set-margin-mode, set-position-mode.
#include <array>
#include <vector>

#include "bitget/json_internal.h"
#include "bitget/parse_responses.h"

namespace bgt::bitget {
namespace {

using internal::FieldSpec;
using internal::Opt;
using internal::OptRounded;
using internal::ParseBody;
using internal::Req;
using internal::ReqRounded;
using internal::Value;

constexpr std::array<FieldSpec<AssetBalance>, 3> kAssetFields = {
    Req<&AssetBalance::coin>("coin"),
    ReqRounded<&AssetBalance::balance>("balance"),
    ReqRounded<&AssetBalance::available>("available"),
};

core::Status ReadAssetList(const Value& value, AccountInfo& out) {
  return internal::ReadRows(value, kAssetFields, out.asset_list, /*null_is_empty=*/true);
}

// Union of account/account and accounts fields, in Bitget's order.
constexpr std::array<FieldSpec<AccountInfo>, 27> kAccountFields = {
    Req<&AccountInfo::margin_coin>("marginCoin"),
    ReqRounded<&AccountInfo::locked>("locked"),
    ReqRounded<&AccountInfo::available>("available"),
    OptRounded<&AccountInfo::crossed_max_available>("crossedMaxAvailable"),
    OptRounded<&AccountInfo::isolated_max_available>("isolatedMaxAvailable"),
    OptRounded<&AccountInfo::max_transfer_out>("maxTransferOut"),
    ReqRounded<&AccountInfo::account_equity>("accountEquity"),
    OptRounded<&AccountInfo::usdt_equity>("usdtEquity"),
    OptRounded<&AccountInfo::btc_equity>("btcEquity"),
    OptRounded<&AccountInfo::crossed_risk_rate>("crossedRiskRate"),
    Opt<&AccountInfo::crossed_margin_leverage>("crossedMarginLeverage"),
    Opt<&AccountInfo::isolated_long_lever>("isolatedLongLever"),
    Opt<&AccountInfo::isolated_short_lever>("isolatedShortLever"),
    Opt<&AccountInfo::margin_mode>("marginMode"),
    Opt<&AccountInfo::pos_mode>("posMode"),
    OptRounded<&AccountInfo::unrealized_pl>("unrealizedPL"),
    OptRounded<&AccountInfo::coupon>("coupon"),
    OptRounded<&AccountInfo::union_total_margin>("unionTotalMargin"),
    OptRounded<&AccountInfo::union_available>("unionAvailable"),
    OptRounded<&AccountInfo::union_mm>("unionMm"),
    FieldSpec<AccountInfo>{"assetList", &ReadAssetList, false},
    OptRounded<&AccountInfo::grant>("grant"),
    OptRounded<&AccountInfo::isolated_margin>("isolatedMargin"),
    OptRounded<&AccountInfo::crossed_margin>("crossedMargin"),
    OptRounded<&AccountInfo::crossed_unrealized_pl>("crossedUnrealizedPL"),
    OptRounded<&AccountInfo::isolated_unrealized_pl>("isolatedUnrealizedPL"),
    Opt<&AccountInfo::asset_mode>("assetMode"),
};

constexpr std::array<FieldSpec<LeverageResult>, 6> kLeverageFields = {
    Req<&LeverageResult::symbol>("symbol"),
    Opt<&LeverageResult::margin_coin>("marginCoin"),
    Opt<&LeverageResult::long_leverage>("longLeverage"),
    Opt<&LeverageResult::short_leverage>("shortLeverage"),
    Opt<&LeverageResult::cross_margin_leverage>("crossMarginLeverage"),
    Opt<&LeverageResult::margin_mode>("marginMode"),
};

constexpr std::array<FieldSpec<MarginModeResult>, 5> kMarginModeFields = {
    Req<&MarginModeResult::symbol>("symbol"),
    Opt<&MarginModeResult::margin_coin>("marginCoin"),
    Opt<&MarginModeResult::long_leverage>("longLeverage"),
    Opt<&MarginModeResult::short_leverage>("shortLeverage"),
    Req<&MarginModeResult::margin_mode>("marginMode"),
};

constexpr std::array<FieldSpec<PositionModeResult>, 1> kPositionModeFields = {
    Req<&PositionModeResult::pos_mode>("posMode"),
};

}  // namespace

core::Result<AccountInfo> ParseAccount(std::string_view body, int http_status) {
  return ParseBody<AccountInfo>("account", body, http_status,
                                [](const Value& data, AccountInfo& out) {
                                  return internal::ReadObject(data, kAccountFields, out);
                                });
}

core::Result<std::vector<AccountInfo>> ParseAccounts(std::string_view body, int http_status) {
  return ParseBody<std::vector<AccountInfo>>("accounts", body, http_status,
                                             [](const Value& data, std::vector<AccountInfo>& out) {
                                               return internal::ReadRows(data, kAccountFields, out);
                                             });
}

core::Result<LeverageResult> ParseSetLeverage(std::string_view body, int http_status) {
  return ParseBody<LeverageResult>("set-leverage", body, http_status,
                                   [](const Value& data, LeverageResult& out) {
                                     return internal::ReadObject(data, kLeverageFields, out);
                                   });
}

core::Result<MarginModeResult> ParseSetMarginMode(std::string_view body, int http_status) {
  return ParseBody<MarginModeResult>("set-margin-mode", body, http_status,
                                     [](const Value& data, MarginModeResult& out) {
                                       return internal::ReadObject(data, kMarginModeFields, out);
                                     });
}

core::Result<PositionModeResult> ParseSetPositionMode(std::string_view body, int http_status) {
  return ParseBody<PositionModeResult>(
      "set-position-mode", body, http_status, [](const Value& data, PositionModeResult& out) {
        return internal::ReadObject(data, kPositionModeFields, out);
      });
}

}  // namespace bgt::bitget
