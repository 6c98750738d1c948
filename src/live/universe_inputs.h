// The pair-selection inputs read from the venue (market/universe.h): every contract, every
// ticker, the funding rates, and — only for the symbols that can still be selected — open
// interest and recent candles for the volatility band. Shared by `bgt select` and `bgt run`.
// Thread-safety: not thread-safe; runs on its caller's thread (blocking REST).
#pragma once

#include "bitget/api.h"
#include "core/result.h"
#include "market/universe.h"

namespace bgt::live {

struct GatheredUniverse {
  market::UniverseInputs inputs;
  core::Timestamp now;   // the later of the local clock and the newest ticker
  int invalid_rows = 0;  // contract rows that were not valid contracts (left out)
};

// Errors: the first failing request's error.
core::Result<GatheredUniverse> GatherUniverseInputs(bitget::BitgetApi& api,
                                                    const market::UniverseParams& params,
                                                    core::Timestamp local_now);

// Gathers and selects: the selected symbols, best first. Errors: as GatherUniverseInputs, and
// kInvalidArgument for params that do not validate.
core::Result<market::UniverseSnapshot> SelectUniverse(bitget::BitgetApi& api,
                                                      const market::UniverseParams& params,
                                                      core::Timestamp local_now);

}  // namespace bgt::live
