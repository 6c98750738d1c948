// Umbrella header for the streaming technical indicators of ta/ (namespace bgt::ta).
// Thread-safety: see the individual headers (value types, one instance per thread).
#pragma once

#include "ta/bar.h"             // IWYU pragma: export
#include "ta/moving_average.h"  // IWYU pragma: export
#include "ta/oscillators.h"     // IWYU pragma: export
#include "ta/rolling.h"         // IWYU pragma: export
#include "ta/series.h"          // IWYU pragma: export
#include "ta/trend.h"           // IWYU pragma: export
#include "ta/volatility.h"      // IWYU pragma: export
#include "ta/volume.h"          // IWYU pragma: export
