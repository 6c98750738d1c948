// Runs one of the repository's node scripts (oracles, conformance sessions) from a C++ test and
// captures its stdout; stderr goes to the test's stderr. The script runs with the repo's pinned
// node_modules (tests/oracles/repo_package.js). A missing BGT_SOURCE_DIR, node or npm package is
// reported as a failure, never a skip (scripts/install-deps installs node and the packages).
// Thread-safety: RunNodeScript may be called from any thread; it blocks until the script exits.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bgt::test_support {

// Exit codes of the scripts and of the wrapper command.
inline constexpr int kNodeMissing = 127;   // `command -v node` failed
inline constexpr int kPackageMissing = 2;  // repo_package.js could not load the package
inline constexpr int kNodeTimedOut = 124;  // coreutils `timeout` stopped the script

struct NodeRun {
  // Empty when the script ran to an exit status of its own; otherwise why it could not run
  // (no BGT_SOURCE_DIR, no script, no node, no package, timeout) — a test failure.
  std::string failure;
  int exit_code = -1;  // the script's exit status (-1: killed by a signal or not run)
  std::string output;  // its stdout

  bool ok() const { return failure.empty() && exit_code == 0; }
  // The step names of the "ok <step>" lines, in order.
  std::vector<std::string> OkSteps() const {
    std::vector<std::string> steps;
    std::size_t start = 0;
    while (start < output.size()) {
      std::size_t end = output.find('\n', start);
      if (end == std::string::npos) end = output.size();
      const std::string_view line(output.data() + start, end - start);
      if (line.starts_with("ok ")) steps.emplace_back(line.substr(3));
      start = end + 1;
    }
    return steps;
  }
  // A readable summary for assertion messages.
  std::string Describe() const {
    return (failure.empty() ? "exit " + std::to_string(exit_code) : failure) +
           " (stderr above); stdout:\n" + output;
  }
};

struct NodeRunOptions {
  std::string package = "ccxt";  // named in the "not installed" message
  int timeout_s = 180;           // the script is stopped (and fails) after this long
};

// The repository root from BGT_SOURCE_DIR (CTest sets it), or "" when unset.
inline std::string SourceDir() {
  const char* dir = std::getenv("BGT_SOURCE_DIR");
  return dir == nullptr ? std::string() : std::string(dir);
}

// Runs `node <repo>/<script> <args...>` (every argument single-quoted). Returns the run; see
// NodeRun::failure for what counts as "could not run".
inline NodeRun RunNodeScript(std::string_view script, const std::vector<std::string>& args,
                             const NodeRunOptions& options = {}) {
  NodeRun run;
  const std::string source_dir = SourceDir();
  if (source_dir.empty()) {
    run.failure = "BGT_SOURCE_DIR is not set (CTest sets it; by hand: BGT_SOURCE_DIR=<repo root>)";
    return run;
  }
  const std::filesystem::path path = std::filesystem::path(source_dir) / script;
  if (!std::filesystem::exists(path)) {
    run.failure = "node script not found: " + path.string();
    return run;
  }
  std::string command = "command -v node >/dev/null 2>&1 || exit " + std::to_string(kNodeMissing) +
                        "; exec timeout -k 5 " + std::to_string(options.timeout_s) + " node";
  std::vector<std::string> quoted = {path.string()};
  quoted.insert(quoted.end(), args.begin(), args.end());
  for (const std::string& arg : quoted) {
    if (arg.find('\'') != std::string::npos) {
      run.failure = "argument holds a single quote: " + arg;
      return run;
    }
    command += " '" + arg + "'";
  }
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    run.failure = "popen failed for: " + command;
    return run;
  }
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    run.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (run.exit_code == kNodeMissing) {
    run.failure = "node is not installed (run scripts/install-deps)";
  } else if (run.exit_code == kPackageMissing) {
    run.failure = options.package + " is not installed in " + source_dir +
                  "/node_modules (run scripts/install-deps)";
  } else if (run.exit_code == kNodeTimedOut) {
    run.failure =
        std::string(script) + " timed out after " + std::to_string(options.timeout_s) + " s";
  }
  return run;
}

}  // namespace bgt::test_support
