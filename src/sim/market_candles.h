// Candle bar boundaries and aggregation for every Bitget granularity. Bars up to 4H sit on UTC
// epoch multiples; the plain 6H, 12H, 1D, 3D, 1W and 1M bars follow Bitget's default UTC+8 day
// (a 1D bar opens at 16:00 UTC), their "utc" variants the UTC day. Weeks open on Monday; 3-day
// bars count from 1970-01-01 in their time zone; months are calendar months.
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "model/candle.h"

namespace bgt::sim {

// Open time of the bar of granularity `g` that contains `t`.
core::Timestamp BarOpenTime(model::Granularity g, core::Timestamp t);
// Open time of the bar after the one containing `t` (the exclusive end of t's bar).
core::Timestamp NextBarOpen(model::Granularity g, core::Timestamp t);
// True when every bar boundary of `coarse` is also a bar boundary of `fine`, so coarse bars are
// exact unions of fine bars (1m nests in everything; 1W does not nest in 1M).
bool Nests(model::Granularity fine, model::Granularity coarse);

// Folds `next` (the following bar in time) into `acc`: high/low extremes, close of `next`,
// volumes summed. `acc` keeps its open and open time.
void MergeInto(model::Candle& acc, const model::Candle& next);

// Aggregates time-ordered, non-overlapping bars into bars of `g`, oldest first; each output bar
// takes the open time BarOpenTime(g, ...) and granularity `g`. Error kInvalidArgument when the
// input is not strictly increasing in open time or its granularity does not nest in `g`.
core::Result<std::vector<model::Candle>> AggregateCandles(std::span<const model::Candle> bars,
                                                          model::Granularity g);

}  // namespace bgt::sim
