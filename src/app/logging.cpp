#include "app/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <string>
#include <vector>

namespace bgt::app {

spdlog::level::level_enum ToSpdlogLevel(config::LogLevel level) {
  switch (level) {
    case config::LogLevel::kTrace:
      return spdlog::level::trace;
    case config::LogLevel::kDebug:
      return spdlog::level::debug;
    case config::LogLevel::kInfo:
      return spdlog::level::info;
    case config::LogLevel::kWarn:
      return spdlog::level::warn;
    case config::LogLevel::kError:
      return spdlog::level::err;
    case config::LogLevel::kCritical:
      return spdlog::level::critical;
    case config::LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

core::Result<std::shared_ptr<spdlog::logger>> MakeLogger(const config::LogConfig& log,
                                                         std::ostream& stream) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(stream, /*force_flush=*/true));
  if (log.file) {
    try {
      sinks.push_back(
          std::make_shared<spdlog::sinks::basic_file_sink_mt>(*log.file, /*truncate=*/false));
    } catch (const spdlog::spdlog_ex& e) {
      return core::MakeError(core::ErrorCode::kIo,
                             "cannot open log file (log.file): " + std::string(e.what()));
    }
  }
  auto logger = std::make_shared<spdlog::logger>("bgt", sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(ToSpdlogLevel(log.level));
  logger->flush_on(spdlog::level::warn);
  return logger;
}

ScopedDefaultLogger::ScopedDefaultLogger(std::shared_ptr<spdlog::logger> logger)
    : previous_(spdlog::default_logger()) {
  spdlog::set_default_logger(std::move(logger));
}

ScopedDefaultLogger::~ScopedDefaultLogger() {
  spdlog::default_logger()->flush();
  spdlog::set_default_logger(previous_);
}

}  // namespace bgt::app
