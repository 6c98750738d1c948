#include "app/cli.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <string>
#include <vector>

#include "app/account_command.h"
#include "app/cli_args.h"
#include "app/config_command.h"
#include "app/emulator_command.h"
#include "app/exit_codes.h"
#include "app/flatten_command.h"
#include "app/journal_command.h"
#include "app/market_command.h"
#include "app/order_command.h"
#include "app/record_command.h"
#include "app/run_command.h"
#include "app/select_command.h"
#include "app/watch_command.h"
#include "config/url.h"

#ifndef BGT_VERSION
#error "BGT_VERSION must be defined by the build (CMake PROJECT_VERSION)"
#endif

namespace bgt::app {
namespace {

int RunParsed(int argc, const char* const* argv, const Io& io) {
  CLI::App app("bgt: automated trading for Bitget USDT-M perpetual futures", "bgt");
  app.set_version_flag("--version", VersionString(), "Print the version and exit");
  app.footer(kExitCodesHelp);

  GlobalOptions options;
  std::string config_file;
  std::string log_level;
  CLI::Option* config_option =
      app.add_option("-c,--config", config_file,
                     "TOML config file (see config/bgt.example.toml); without it the built-in "
                     "defaults apply")
          ->type_name("FILE");
  app.add_flag("--json", options.json, "Machine-readable JSON output for commands that print data");
  const std::vector<std::string> levels(config::LogLevelNames().begin(),
                                        config::LogLevelNames().end());
  app.add_option("--log-level", log_level, "Log level; overrides log.level of the config file")
      ->type_name("LEVEL")
      ->check(CLI::IsMember(levels));
  std::string base_url;
  CLI::Option* base_url_option =
      app.add_option("--base-url", base_url,
                     "REST origin of Bitget or a Bitget-compatible server; overrides "
                     "venue.rest_url (http:// only for 127.0.0.1, ::1, localhost)")
          ->type_name("URL")
          ->check(CLI::Validator(
              [](std::string& url) -> std::string {
                core::Status checked = config::CheckVenueUrl(url, config::UrlKind::kRest);
                return checked ? std::string() : checked.error().message;
              },
              "", "venue URL"));

  CLI::App* config_cmd =
      app.add_subcommand("config", "Inspect and validate the configuration")->fallthrough();
  CLI::App* show = config_cmd
                       ->add_subcommand("show",
                                        "Print the validated effective configuration (secrets "
                                        "as ***)")
                       ->fallthrough();
  CLI::App* check = config_cmd
                        ->add_subcommand("check",
                                         "Validate the configuration; print \"config OK\" or "
                                         "every violation")
                        ->fallthrough();
  config_cmd->require_subcommand(0, 1);
  std::vector<CommandEntry> commands;
  const std::vector<CLI::App*> groups = {config_cmd,
                                         AddMarketCommands(app, commands),
                                         AddAccountCommands(app, commands),
                                         AddOrderCommands(app, commands),
                                         AddPositionCommands(app, commands),
                                         AddJournalCommands(app, commands),
                                         AddWatchCommands(app, commands)};
  AddEmulatorCommand(app, commands);
  AddSelectCommand(app, commands);
  AddFlattenCommand(app, commands);
  AddRunCommand(app, commands);
  AddRecordCommands(app, commands);
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    app.exit(e, io.out, io.err);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    app.exit(e, io.out, io.err);
    return kExitUsage;
  }

  if (config_option->count() > 0) options.config_file = config_file;
  if (!log_level.empty()) options.log_level = config::ParseLogLevel(log_level);
  if (base_url_option->count() > 0) options.base_url = base_url;

  if (show->parsed()) return RunConfigShow(options, io);
  if (check->parsed()) return RunConfigCheck(options, io);
  for (const CommandEntry& command : commands) {
    if (command.app->parsed()) return command.run(options, io);
  }
  for (CLI::App* group : groups) {
    if (group->parsed()) {  // a group without its subcommand: its help
      io.out << group->help();
      return kExitOk;
    }
  }
  io.out << app.help();
  return kExitOk;
}

}  // namespace

const char* VersionString() { return "bgt " BGT_VERSION; }

int Run(int argc, const char* const* argv, const Io& io) {
  try {
    return RunParsed(argc, argv, io);
  } catch (const std::exception& e) {
    io.err << "bgt: unexpected error: " << e.what() << '\n';
    return kExitRuntimeFailure;
  }
}

}  // namespace bgt::app
