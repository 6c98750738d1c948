// Position responses: all-position and single-position.
#include <array>
#include <vector>

#include "bitget/json_internal.h"
#include "bitget/parse_responses.h"

namespace bgt::bitget {
namespace {

using internal::FieldSpec;
using internal::Opt;
using internal::OptRounded;
using internal::Req;
using internal::ReqRounded;
using internal::Value;

// In Bitget's order (docs example of single-position / all-position).
constexpr std::array<FieldSpec<PositionInfo>, 29> kPositionFields = {
    Req<&PositionInfo::margin_coin>("marginCoin"),
    Req<&PositionInfo::symbol>("symbol"),
    Req<&PositionInfo::hold_side>("holdSide"),
    Req<&PositionInfo::open_delegate_size>("openDelegateSize"),
    ReqRounded<&PositionInfo::margin_size>("marginSize"),
    Req<&PositionInfo::available>("available"),
    Req<&PositionInfo::locked>("locked"),
    Req<&PositionInfo::total>("total"),
    Req<&PositionInfo::leverage>("leverage"),
    OptRounded<&PositionInfo::achieved_profits>("achievedProfits"),
    OptRounded<&PositionInfo::open_price_avg>("openPriceAvg"),
    Req<&PositionInfo::margin_mode>("marginMode"),
    Req<&PositionInfo::pos_mode>("posMode"),
    OptRounded<&PositionInfo::unrealized_pl>("unrealizedPL"),
    OptRounded<&PositionInfo::liquidation_price>("liquidationPrice"),
    OptRounded<&PositionInfo::keep_margin_rate>("keepMarginRate"),
    Opt<&PositionInfo::mark_price>("markPrice"),
    OptRounded<&PositionInfo::break_even_price>("breakEvenPrice"),
    OptRounded<&PositionInfo::total_fee>("totalFee"),
    OptRounded<&PositionInfo::deducted_fee>("deductedFee"),
    OptRounded<&PositionInfo::margin_ratio>("marginRatio"),
    Opt<&PositionInfo::asset_mode>("assetMode"),
    Opt<&PositionInfo::u_time>("uTime"),
    Opt<&PositionInfo::auto_margin>("autoMargin"),
    Req<&PositionInfo::c_time>("cTime"),
    Opt<&PositionInfo::take_profit>("takeProfit"),
    Opt<&PositionInfo::stop_loss>("stopLoss"),
    internal::OptId<&PositionInfo::take_profit_id>("takeProfitId"),
    internal::OptId<&PositionInfo::stop_loss_id>("stopLossId"),
};

}  // namespace

core::Result<std::vector<PositionInfo>> ParsePositions(std::string_view body, int http_status) {
  return internal::ParseBody<std::vector<PositionInfo>>(
      "positions", body, http_status, [](const Value& data, std::vector<PositionInfo>& out) {
        return internal::ReadRows(data, kPositionFields, out, /*null_is_empty=*/true);
      });
}

}  // namespace bgt::bitget
