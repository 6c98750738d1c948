// Logging set-up for the bgt executable: one spdlog logger named "bgt" writing to a stream
// (stderr in the executable) and, when log.file is set, appending to that file too.
// Thread-safety: the logger is thread-safe (_mt sinks). ScopedDefaultLogger swaps spdlog's
// process-wide default logger and must not race with another swap.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <ostream>

#include "config/config.h"
#include "core/result.h"

namespace bgt::app {

spdlog::level::level_enum ToSpdlogLevel(config::LogLevel level);

// The "bgt" logger at `log.level`. Error (kIo) when log.file cannot be opened for appending.
// `stream` must outlive the logger.
core::Result<std::shared_ptr<spdlog::logger>> MakeLogger(const config::LogConfig& log,
                                                         std::ostream& stream);

// Makes `logger` spdlog's default logger for the lifetime of this object, then restores the
// previous one (so a logger bound to a short-lived stream never outlives it).
class ScopedDefaultLogger {
 public:
  explicit ScopedDefaultLogger(std::shared_ptr<spdlog::logger> logger);
  ~ScopedDefaultLogger();
  ScopedDefaultLogger(const ScopedDefaultLogger&) = delete;
  ScopedDefaultLogger& operator=(const ScopedDefaultLogger&) = delete;

 private:
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace bgt::app
