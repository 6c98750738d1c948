// ccxt REST conformance: starts the emulator on a free port and runs
// tests/conformance/ccxt_rest.js (the repo's pinned, unmodified npm ccxt) against it: markets,
// tickers, candles, book, balance, leverage, limit and market orders, cancel, open orders,
// positions, close-all must all succeed. A missing node or ccxt is a failure, not a skip
// (scripts/install-deps installs both).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "emulator/emulator.h"

namespace bgt::emulator {
namespace {

TEST(CcxtRestConformance, EveryStepSucceeds) {
  const char* source_dir = std::getenv("BGT_SOURCE_DIR");
  ASSERT_TRUE(source_dir != nullptr && *source_dir != '\0')
      << "BGT_SOURCE_DIR is not set (CTest sets it; by hand: BGT_SOURCE_DIR=<repo root>)";
  const std::filesystem::path script =
      std::filesystem::path(source_dir) / "tests" / "conformance" / "ccxt_rest.js";
  ASSERT_TRUE(std::filesystem::exists(script)) << "script not found: " << script;
  ASSERT_EQ(script.string().find('\''), std::string::npos) << "path holds a single quote";

  auto emulator = Emulator::Start(EmulatorConfig{});
  ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();

  // Exit 127: no node; 2: ccxt cannot be loaded; 1: a step failed (stderr names it).
  const std::string command = "command -v node >/dev/null 2>&1 || exit 127; exec node '" +
                              script.string() + "' '" + (*emulator)->RestUrl() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr) << "popen failed for: " << command;
  std::string output;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ASSERT_NE(exit_code, 127) << "node is not installed: the ccxt conformance test needs node and "
                               "ccxt (run scripts/install-deps)";
  ASSERT_NE(exit_code, 2) << "ccxt is not installed in " << source_dir
                          << "/node_modules (run scripts/install-deps); see stderr above";
  EXPECT_EQ(exit_code, 0) << "a ccxt step failed (stderr above names it); output:\n" << output;
  EXPECT_NE(output.find("passed 13 steps"), std::string::npos) << output;
}

}  // namespace
}  // namespace bgt::emulator
