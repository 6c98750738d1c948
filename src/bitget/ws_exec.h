// Private-stream execution reports: Bitget's `orders`, `positions` and `account` pushes (and the
// REST rows that stand in for them) turned into model execution events (model/exec_events.h),
// plus RestFallbackPoller, which polls REST while the private stream has been down too long.
// Fills come from `orders` rows that carry a tradeId (they hold the clientOid and the order's
// cumulative state); the `fill` channel reports the same executions without clientOid, so
// PrivateStreamDecoder reads but does not re-emit them.
// Thread-safety: conversions are pure; PrivateStreamDecoder and RestFallbackPoller are not
// thread-safe (one owner thread). Time is passed in.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "bitget/api.h"
#include "bitget/parse_ws.h"
#include "core/result.h"
#include "core/time.h"
#include "model/exec_events.h"

namespace bgt::bitget {

// Each returns kInvalidArgument for a row whose status or side combination is not Bitget's.
core::Result<model::OrderUpdate> ToOrderUpdate(const WsOrderRow& row);
// The execution an `orders` row reports (nullopt when it carries no tradeId).
core::Result<std::optional<model::Fill>> FillFromOrderRow(const WsOrderRow& row);
model::PositionReport ToPositionReport(const WsPositionRow& row);
model::Account ToAccount(const WsAccountRow& row, core::Timestamp ts);

core::Result<model::OrderUpdate> ToOrderUpdate(const OrderInfo& row);
model::PositionReport ToPositionReport(const PositionInfo& row);
model::Account ToAccount(const AccountInfo& row, core::Timestamp ts);

class PrivateStreamDecoder {
 public:
  // Decodes one private push (frame from ParseWsFrame, text the whole frame) and appends its
  // events to `out`: an OrderUpdate per `orders` row (plus a FillEvent when the row carries a
  // fill), one PositionsSnapshot per `positions` push, an AccountUpdate per `account` row.
  // Public channels and `fill` append nothing. Errors: the parser's kInvalidArgument (nothing
  // appended) or a row's conversion error (rows before it are appended). Counted either way.
  core::Status Decode(const WsFrame& frame, std::string_view text,
                      std::vector<model::ExecEvent>& out);
  std::uint64_t errors() const { return errors_; }

 private:
  WsPush<WsOrderRow> orders_;
  WsPush<WsPositionRow> positions_;
  WsPush<WsAccountRow> account_;
  WsPush<WsFillRow> fills_;
  std::uint64_t errors_ = 0;
};

// What the poller reads; BitgetApiPollSource is the real one.
class ExecPollSource {
 public:
  virtual ~ExecPollSource() = default;
  virtual core::Result<OrderList> OpenOrders() = 0;
  virtual core::Result<std::vector<PositionInfo>> Positions() = 0;
  virtual core::Result<std::vector<AccountInfo>> Accounts() = 0;
};

class BitgetApiPollSource final : public ExecPollSource {
 public:
  explicit BitgetApiPollSource(BitgetApi& api) : api_(api) {}
  core::Result<OrderList> OpenOrders() override { return api_.GetOpenOrders({}); }
  core::Result<std::vector<PositionInfo>> Positions() override { return api_.GetPositions({}); }
  core::Result<std::vector<AccountInfo>> Accounts() override { return api_.GetAccounts(); }

 private:
  BitgetApi& api_;
};

struct RestFallbackOptions {
  core::Duration stream_down_after = std::chrono::seconds(5);  // grace before polling starts
  core::Duration poll_interval = std::chrono::seconds(2);
  // false: the caller reads the open orders itself (e.g. with the fills, to reconcile them), so
  // Poll reads only positions and accounts.
  bool open_orders = true;
};

// Decides when to poll and converts what the polls return. The REST calls block: run Poll()
// on a thread that may block (not the I/O thread).
class RestFallbackPoller {
 public:
  RestFallbackPoller(ExecPollSource& source, RestFallbackOptions options)
      : source_(source), options_(options) {}

  // The private stream's readiness at `now`.
  void OnStreamState(bool ready, core::Timestamp now);
  // True when the stream has been down for stream_down_after and no poll ran within
  // poll_interval.
  bool PollDue(core::Timestamp now) const;
  // Reads open orders (unless options.open_orders is false), positions and accounts; appends
  // OrderUpdates (open orders), one
  // PositionsSnapshot and AccountUpdates, all with source kPoll. Returns the first error (the
  // successful reads are still appended) and counts it.
  core::Status Poll(core::Timestamp now, std::vector<model::ExecEvent>& out);

  std::uint64_t polls() const { return polls_; }
  std::uint64_t poll_errors() const { return poll_errors_; }

 private:
  ExecPollSource& source_;
  RestFallbackOptions options_;
  bool ready_ = false;
  core::Timestamp down_since_;
  std::optional<core::Timestamp> last_poll_;
  std::uint64_t polls_ = 0;
  std::uint64_t poll_errors_ = 0;
};

}  // namespace bgt::bitget
