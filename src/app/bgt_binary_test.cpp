// Runs the built bgt executable (path from the build: BGT_BINARY) through /bin/sh, with an
// environment that holds only what each test sets, and checks its exit codes and output.
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace bgt::app {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string TempPath(const std::string& name) {
  // The process id keeps parallel runs (ctest -j, several build trees) apart.
  return (std::filesystem::path(::testing::TempDir()) /
          ("bgt-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `env -i <env> bgt <args>`; stdout through the pipe, stderr through a file.
Outcome RunBinary(const std::string& args, const std::string& env = "") {
  const std::string err_path = TempPath("bgt-binary-test.stderr");
  const std::string command =
      "env -i " + env + " " + ShellQuote(BGT_BINARY) + " " + args + " 2>" + ShellQuote(err_path);
  Outcome o;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed: " << command;
    return o;
  }
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) o.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.err = ReadAll(err_path);
  return o;
}

std::string WriteConfig(const std::string& name, const std::string& text) {
  const std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(BgtBinary, HelpExitsZeroAndListsTheOptions) {
  const Outcome o = RunBinary("--help");
  EXPECT_EQ(o.code, 0);
  EXPECT_THAT(o.out, AllOf(HasSubstr("--config"), HasSubstr("--json"), HasSubstr("--log-level"),
                           HasSubstr("--version"), HasSubstr("Exit codes:")));
}

TEST(BgtBinary, VersionPrintsTheProjectVersion) {
  const Outcome o = RunBinary("--version");
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out, std::string("bgt ") + BGT_VERSION + "\n");
}

TEST(BgtBinary, BadFlagExitsWithTwo) {
  const Outcome o = RunBinary("--no-such-flag");
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.err, HasSubstr("--no-such-flag"));
}

TEST(BgtBinary, InvalidConfigExitsWithThreeAndListsEveryViolation) {
  const std::string path = WriteConfig("binary-invalid.toml",
                                       "mode = \"live\"\n"
                                       "[venue]\n"
                                       "rest_url = \"http://example.com\"\n"
                                       "request_timeout_ms = nan\n");
  const Outcome o = RunBinary("--config " + ShellQuote(path) + " config check");
  EXPECT_EQ(o.code, 3);
  EXPECT_THAT(o.out,
              AllOf(HasSubstr("5 violations"), HasSubstr("venue.rest_url"),
                    HasSubstr("venue.request_timeout_ms"), HasSubstr("env BITGET_API_KEY"),
                    HasSubstr("env BITGET_API_SECRET"), HasSubstr("env BITGET_API_PASSPHRASE")));
}

TEST(BgtBinary, ConfigShowNeverPrintsTheSecret) {
  const std::string path = WriteConfig("binary-live.toml", "mode = \"live\"\n");
  const std::string env =
      "BITGET_API_KEY=key-5f5f5f BITGET_API_SECRET=secret-6e6e6e "
      "BITGET_API_PASSPHRASE=phrase-7d7d7d";
  for (const std::string flags : {"", "--json"}) {
    const Outcome o =
        RunBinary("--log-level trace --config " + ShellQuote(path) + " config show " + flags, env);
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_THAT(o.out, HasSubstr("***"));
    for (const char* secret : {"key-5f5f5f", "secret-6e6e6e", "phrase-7d7d7d"}) {
      EXPECT_THAT(o.out, Not(HasSubstr(secret)));
      EXPECT_THAT(o.err, Not(HasSubstr(secret)));
    }
  }
}

TEST(BgtBinary, JsonOutputParsesAsJson) {
  for (const std::string args : {"--json config show", "--json config check"}) {
    const Outcome o = RunBinary(args);
    EXPECT_EQ(o.code, 0) << args;
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(o.out, ec);
    EXPECT_FALSE(ec) << args << ": " << o.out;
    EXPECT_TRUE(v.is_object()) << args;
  }
}

// Starts `bgt --config <config> run` with an empty environment, output to `out` (removed first:
// the wait reads it), waits (at most 120 s) for its first status line, sends `signals` (shell
// commands using $pid) and returns "exit=<status>" of the process.
std::string RunThenSignal(const std::string& config, const std::string& out,
                          const std::string& signals) {
  std::filesystem::remove(out);
  const std::string script =
      "env -i " + ShellQuote(BGT_BINARY) + " --config " + ShellQuote(config) + " run >" +
      ShellQuote(out) + " 2>&1 & pid=$!; i=0; while ! grep -q 'equity' " + ShellQuote(out) +
      " 2>/dev/null; do i=$((i+1)); if [ $i -gt 1200 ]; then break; fi; sleep 0.1; done; " +
      signals + "; wait $pid; echo \"exit=$?\"";
  FILE* pipe = ::popen(("/bin/sh -c " + ShellQuote(script)).c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  std::string result;
  std::array<char, 256> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.append(buf.data(), n);
  ::pclose(pipe);
  return result;
}

// Graceful stop: `bgt run` with no duration runs until SIGTERM, then stops its threads,
// flattens (run.on_stop = "flatten", the default), verifies flat and writes its summary.
TEST(BgtBinary, RunStopsGracefullyOnSigterm) {
  const std::string summary = TempPath("sigterm-summary.txt");
  const std::string out = TempPath("sigterm-out.txt");
  std::filesystem::remove(summary);
  const std::string config = WriteConfig("sigterm.toml",
                                         "[run]\n"
                                         "symbols = [\"BTCUSDT\"]\n"
                                         "duration_s = 0\n"
                                         "status_interval_s = 1\n"
                                         "journal = \"\"\n"
                                         "summary = \"" +
                                             summary + "\"\n");
  const std::string result = RunThenSignal(config, out, "kill -TERM $pid");
  const std::string output = ReadAll(out);
  EXPECT_THAT(result, HasSubstr("exit=0")) << output;
  EXPECT_THAT(output, HasSubstr("flattened:         yes, verified flat"));
  EXPECT_THAT(ReadAll(summary), HasSubstr("json: {"));
}

// A second stop signal while the first stop is under way exits at once with 130 and says how
// to finish the job (SIGTERM then SIGINT: two different signals, so neither is merged away).
TEST(BgtBinary, RunExitsAtOnceOnASecondStopSignal) {
  const std::string out = TempPath("second-signal-out.txt");
  const std::string config = WriteConfig("second-signal.toml",
                                         "[run]\n"
                                         "symbols = [\"BTCUSDT\"]\n"
                                         "journal = \"\"\n"
                                         "summary = \"\"\n");
  const std::string result = RunThenSignal(config, out, "kill -TERM $pid; kill -INT $pid");
  const std::string output = ReadAll(out);
  EXPECT_THAT(result, HasSubstr("exit=130")) << output;
  EXPECT_THAT(output, HasSubstr("second stop signal"));
  EXPECT_THAT(output, Not(HasSubstr("== summary ==")));
}

}  // namespace
}  // namespace bgt::app
