#include "app/config_command.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <string>
#include <vector>

#include "app/exit_codes.h"
#include "app/logging.h"
#include "config/dump.h"
#include "config/load.h"

namespace bgt::app {
namespace {

enum class Command { kShow, kCheck };

std::string SourceName(const GlobalOptions& options) {
  return options.config_file ? options.config_file->string() : std::string("built-in defaults");
}

boost::json::object ViolationsJson(const std::vector<config::Violation>& violations,
                                   const core::Error& error) {
  boost::json::array list;
  for (const config::Violation& v : violations) {
    boost::json::object item;
    item["path"] = v.path;
    item["message"] = v.message;
    if (v.line != 0) item["line"] = v.line;
    if (v.column != 0) item["column"] = v.column;
    list.push_back(std::move(item));
  }
  boost::json::object out;
  out["ok"] = false;
  out["error"] = error.message;
  out["violations"] = std::move(list);
  return out;
}

boost::json::object CredentialsJson(const config::Config& config,
                                    const bitget::Credentials& credentials) {
  const core::Secret* secrets[] = {&credentials.api_key, &credentials.secret,
                                   &credentials.passphrase};
  boost::json::object out;
  out["required"] = config::RequiresCredentials(config.mode);
  for (std::size_t i = 0; i < config::kCredentialEnvVars.size(); ++i) {
    const std::string name(config::kCredentialEnvVars[i]);
    if (secrets[i]->empty()) {
      out[name] = nullptr;
    } else {
      out[name] = secrets[i]->Masked();
    }
  }
  return out;
}

void PrintShow(const config::Settings& settings, const GlobalOptions& options, const Io& io) {
  const config::Config& config = settings.config;
  if (options.json) {
    boost::json::object doc;
    doc["config"] = boost::json::parse(config::ToJson(config));
    doc["credentials"] = CredentialsJson(config, settings.credentials);
    io.out << boost::json::serialize(doc) << '\n';
    return;
  }
  io.out << "# bgt effective configuration; source: " << SourceName(options) << "\n"
         << config::ToToml(config);
  if (!config::RequiresCredentials(config.mode)) {
    io.out << "\n# credentials: not used in mode \"" << config::ModeName(config.mode) << "\"\n";
    return;
  }
  io.out << "\n# credentials (from the environment only):\n";
  const std::string lines = config::DescribeCredentials(settings.credentials);
  std::size_t start = 0;
  while (start < lines.size()) {
    const std::size_t end = lines.find('\n', start);
    io.out << "#   " << lines.substr(start, end - start) << '\n';
    start = end == std::string::npos ? lines.size() : end + 1;
  }
}

int RunConfigCommand(Command command, const GlobalOptions& options, const Io& io) {
  std::vector<config::Violation> violations;
  auto settings = config::LoadSettings(options.config_file, io.env, &violations);
  if (!settings) {
    if (options.json) {
      io.out << boost::json::serialize(ViolationsJson(violations, settings.error())) << '\n';
    } else {
      std::ostream& sink = command == Command::kCheck ? io.out : io.err;
      sink << settings.error().message << '\n';
    }
    return kExitInvalidConfig;
  }
  if (options.log_level) settings->config.log.level = *options.log_level;

  auto logger = MakeLogger(settings->config.log, io.err);
  if (!logger) {
    io.err << "bgt: " << logger.error().message << '\n';
    return kExitRuntimeFailure;
  }
  ScopedDefaultLogger default_logger(*logger);
  spdlog::debug("configuration loaded from {} (mode {})", SourceName(options),
                config::ModeName(settings->config.mode));

  if (command == Command::kShow) {
    PrintShow(*settings, options, io);
  } else if (options.json) {
    io.out << boost::json::serialize(boost::json::object{{"ok", true}}) << '\n';
  } else {
    io.out << "config OK\n";
  }
  io.out.flush();
  if (!io.out) {
    spdlog::error("cannot write the output");
    return kExitRuntimeFailure;
  }
  return kExitOk;
}

}  // namespace

int RunConfigShow(const GlobalOptions& options, const Io& io) {
  return RunConfigCommand(Command::kShow, options, io);
}

int RunConfigCheck(const GlobalOptions& options, const Io& io) {
  return RunConfigCommand(Command::kCheck, options, io);
}

}  // namespace bgt::app
