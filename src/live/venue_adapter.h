// VenueAdapter: carries the execution engine's commands (execution/commands.h) out on Bitget —
// or any Bitget-compatible server — through the typed BitgetApi, and turns each answer into
// the engine call that consumes it. Execute() does blocking REST I/O and runs on the node's I/O
// side; Apply() feeds the answer to the engine on the kernel thread. ReadVenueState() reads
// what reconciliation needs (open orders and recent fills).
// Thread-safety: Execute/ReadVenueState may run on one I/O thread while Apply runs on the
// kernel thread (the adapter keeps no mutable state besides the position mode, which the
// kernel sets through Apply of a position-mode answer and is atomic).
#pragma once

#include <atomic>
#include <string>
#include <variant>
#include <vector>

#include "bitget/api.h"
#include "core/result.h"
#include "execution/commands.h"
#include "execution/execution_engine.h"
#include "model/exec_events.h"

namespace bgt::live {

struct PlaceAnswer {
  std::string client_oid;
  core::Result<std::string> venue_order_id;  // kAmbiguous: outcome unknown, to be queried
};
struct CancelAnswer {
  std::string client_oid;
  core::Status status;
};
struct QueryAnswer {
  std::string client_oid;
  core::Result<execution::VenueOrder> order;  // kNotFound: the venue has no such order
};
struct CloseAnswer {
  execution::ClosePositionCommand command;
  core::Status status;
};
struct StopAnswer {
  execution::SetStopLossCommand command;
  core::Status status;
};

using VenueAnswer = std::variant<PlaceAnswer, CancelAnswer, QueryAnswer, execution::SetupResult,
                                 CloseAnswer, StopAnswer>;

// The engine's VenueOrder of a venue order update (private stream or REST poll).
execution::VenueOrder ToVenueOrder(const model::OrderUpdate& update);
// The engine's VenueOrder of a Bitget order read-back (detail, pending list), through
// bitget::ToOrderUpdate, keeping its margin mode. Error (kInvalidArgument) when its
// side/tradeSide pair names no direction.
core::Result<execution::VenueOrder> ToVenueOrder(const bitget::OrderInfo& info);

class VenueAdapter {
 public:
  // `api` must outlive the adapter. `position_mode` is the account's mode as configured; it
  // follows position-mode answers.
  VenueAdapter(bitget::BitgetApi& api, model::PositionMode position_mode);

  // Sends one command and returns its answer. Never throws; every failure is in the answer.
  VenueAnswer Execute(const execution::Command& command);

  // Feeds `answer` to `engine`. Returns the engine's error for an answer it refuses (unknown
  // clientOid, an FSM step that has no row); the engine is then unchanged.
  core::Status Apply(execution::ExecutionEngine& engine, const VenueAnswer& answer);

  // Open orders (all pages) and the fills since `since` of every symbol in `symbols`.
  core::Result<execution::VenueState> ReadVenueState(const std::vector<std::string>& symbols,
                                                     core::Timestamp since);

 private:
  execution::SetupResult Setup(const execution::Command& command);

  bitget::BitgetApi& api_;
  std::atomic<model::PositionMode> position_mode_;
};

}  // namespace bgt::live
