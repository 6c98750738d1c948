// The emulator's server-facing handler: REST faults (emulator_faults.h) around Impl::Handle,
// and the run-time fault and market-clock accessors of Emulator.
#include <utility>

#include "emulator/emulator.h"
#include "emulator/emulator_impl.h"

namespace bgt::emulator {

net::ServerReply Emulator::Impl::Serve(const net::HttpRequest& request) {
  net::ServerReply reply;
  const FaultDecision decision = faults_.Decide(request.method, request.Path());
  reply.delay = decision.delay;
  if (decision.status == 429) {
    reply.response.status = 429;
    reply.response.headers.emplace_back("Content-Type", "application/json");
    reply.response.body = FaultInjector::Body429(clock_.Now().millis());
    return reply;
  }
  if (decision.status != 0) {
    reply.response.status = decision.status;
    reply.response.headers.emplace_back("Content-Type", "text/html");
    reply.response.body = std::string(FaultInjector::Html5xx(decision.status));
    return reply;
  }
  reply.response = Handle(request);
  if (decision.drop_if_ok && reply.response.status / 100 == 2) {
    faults_.CountDropped();
    reply.kind = net::ServerReply::Kind::kClose;
    reply.response = {};
  }
  return reply;
}

void Emulator::Impl::SetWsFaults(const WsFaults& faults) {
  if (ws_) ws_->SetFaults(faults);
}

net::ServerReply Emulator::Serve(const net::HttpRequest& request) { return impl_->Serve(request); }

void Emulator::SetFaults(const RestFaults& faults) { impl_->faults().Set(faults); }

void Emulator::StartRateLimitBurst(int requests) { impl_->faults().StartBurst(requests); }

void Emulator::SetWsFaults(const WsFaults& faults) { impl_->SetWsFaults(faults); }

FaultCounters Emulator::fault_counters() const { return impl_->faults().counters(); }

core::Timestamp Emulator::MarketNow() const { return impl_->MarketNow(); }

}  // namespace bgt::emulator
