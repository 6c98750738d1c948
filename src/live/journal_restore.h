// The journal's side of start-up and crash recovery (one path for both): the orders the
// journal left unfinished, as execution::RestoredOrder values for TradingKernel::Restore, which
// is called before TradingKernel::Reconcile(the venue's state).
// Thread-safety: a function of the journal it is given; run it on the thread that owns it.
#pragma once

#include <vector>

#include "core/result.h"
#include "execution/restored_order.h"
#include "store/journal.h"

namespace bgt::live {

// Every journaled order whose last status is not final (Submitted, Accepted, PartiallyFilled,
// PendingCancel), oldest first, each with its journaled fills (oldest first). Errors: kIo from
// the journal; kInvalidArgument naming the order when a row holds a value bgt never writes (an
// unknown side, leg, type, time in force or status, or Initialized).
core::Result<std::vector<execution::RestoredOrder>> RestoredOrdersFromJournal(
    const store::Journal& journal);

}  // namespace bgt::live
