// Cross-checks bgt's signing against ccxt's bitget.sign(): tests/oracles/ccxt_sign.js has the
// pinned ccxt (repo node_modules) sign a fixed, varied set of private requests offline and prints
// one JSON line per request; every line must give the same ACCESS-SIGN and header values here.
// A missing node or ccxt is a failure, not a skip: scripts/install-deps installs both.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bitget/credential.h"
#include "tests/support/node_runner.h"

namespace bgt::bitget {
namespace {

constexpr std::size_t kMinRequests = 20;

// One request as ccxt signed it.
struct OracleRequest {
  std::int64_t ts_ms = 0;
  bool demo = false;
  std::string api_key;
  std::string secret;
  std::string passphrase;
  std::string method;
  std::string path;
  std::string query;
  std::string body;
  std::string sign;
  std::map<std::string, std::string> headers;  // as ccxt set them (case preserved)
};

struct OracleRun {
  std::string failure;  // empty on success
  std::vector<OracleRequest> requests;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Parses one oracle line; returns an error description or "".
std::string ParseLine(simdjson::ondemand::parser& parser, const std::string& line,
                      OracleRequest& out) {
  simdjson::padded_string padded(line);
  simdjson::ondemand::document doc;
  if (auto error = parser.iterate(padded).get(doc)) return simdjson::error_message(error);
  simdjson::ondemand::object object;
  if (auto error = doc.get_object().get(object)) return simdjson::error_message(error);
  std::set<std::string> seen;
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return simdjson::error_message(error);
    seen.insert(std::string(key));
    simdjson::ondemand::value value;
    if (auto error = field.value().get(value)) return simdjson::error_message(error);
    simdjson::error_code error = simdjson::SUCCESS;
    const auto read_string = [&value, &error](std::string& target) {
      std::string_view s;
      error = value.get_string().get(s);
      target.assign(s);
    };
    if (key == "ts") {
      error = value.get_int64().get(out.ts_ms);
    } else if (key == "demo") {
      error = value.get_bool().get(out.demo);
    } else if (key == "api_key") {
      read_string(out.api_key);
    } else if (key == "secret") {
      read_string(out.secret);
    } else if (key == "passphrase") {
      read_string(out.passphrase);
    } else if (key == "method") {
      read_string(out.method);
    } else if (key == "path") {
      read_string(out.path);
    } else if (key == "query") {
      read_string(out.query);
    } else if (key == "body") {
      read_string(out.body);
    } else if (key == "sign") {
      read_string(out.sign);
    } else if (key == "headers") {
      simdjson::ondemand::object headers;
      error = value.get_object().get(headers);
      if (!error) {
        for (auto header : headers) {
          std::string_view name;
          std::string_view header_value;
          if ((error = header.unescaped_key().get(name))) break;
          if ((error = header.value().get_string().get(header_value))) break;
          out.headers.emplace(std::string(name), std::string(header_value));
        }
      }
    } else {
      return "unexpected field \"" + std::string(key) + "\"";
    }
    if (error) return "field \"" + std::string(key) + "\": " + simdjson::error_message(error);
  }
  for (const char* required : {"ts", "demo", "api_key", "secret", "passphrase", "method", "path",
                               "query", "body", "sign", "headers"}) {
    if (seen.count(required) == 0) return std::string("missing field \"") + required + "\"";
  }
  return "";
}

OracleRun RunOracle() {
  OracleRun run;
  const test_support::NodeRun node = test_support::RunNodeScript("tests/oracles/ccxt_sign.js", {});
  if (!node.failure.empty()) {
    run.failure = node.failure;
    return run;
  }
  if (node.exit_code != 0) {
    run.failure = "oracle ccxt_sign.js failed with status " + std::to_string(node.exit_code) +
                  "; see stderr above";
    return run;
  }
  const std::string& output = node.output;

  simdjson::ondemand::parser parser;
  std::size_t start = 0;
  int line_number = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    OracleRequest request;
    if (std::string error = ParseLine(parser, line, request); !error.empty()) {
      run.failure = "oracle line " + std::to_string(line_number) + ": " + error + ": " + line;
      return run;
    }
    run.requests.push_back(std::move(request));
  }
  return run;
}

// The oracle runs once per test binary (node + ccxt load takes most of a second).
const OracleRun& Oracle() {
  static const OracleRun run = RunOracle();
  return run;
}

const Header* FindHeader(const std::vector<Header>& headers, std::string_view name) {
  const std::string want = Lower(name);
  const auto it = std::find_if(headers.begin(), headers.end(),
                               [&want](const Header& h) { return Lower(h.name) == want; });
  return it == headers.end() ? nullptr : &*it;
}

const std::string* FindOracleHeader(const OracleRequest& request, std::string_view name) {
  const std::string want = Lower(name);
  for (const auto& [key, value] : request.headers) {
    if (Lower(key) == want) return &value;
  }
  return nullptr;
}

std::string Describe(const OracleRequest& r) {
  return std::to_string(r.ts_ms) + " " + r.method + " " + r.path + (r.query.empty() ? "" : "?") +
         r.query + (r.body.empty() ? "" : " ") + r.body + (r.demo ? " [demo]" : "");
}

TEST(CcxtSignOracleTest, OracleRunsAndCoversEnoughRequests) {
  const OracleRun& run = Oracle();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  EXPECT_GE(run.requests.size(), kMinRequests);
  std::size_t get_without_query = 0;
  std::size_t get_with_multi_param_query = 0;
  std::size_t post = 0;
  std::size_t demo = 0;
  std::set<std::int64_t> timestamps;
  for (const OracleRequest& r : run.requests) {
    if (r.method == "GET" && r.query.empty()) ++get_without_query;
    if (r.method == "GET" && r.query.find('&') != std::string::npos) ++get_with_multi_param_query;
    if (r.method == "POST") ++post;
    if (r.demo) ++demo;
    timestamps.insert(r.ts_ms);
  }
  EXPECT_GE(get_without_query, 1u);
  EXPECT_GE(get_with_multi_param_query, 3u);
  EXPECT_GE(post, 10u);
  EXPECT_GE(demo, 1u);
  EXPECT_GE(timestamps.size(), kMinRequests);
}

TEST(CcxtSignOracleTest, SignRestMatchesCcxtForEveryRequest) {
  const OracleRun& run = Oracle();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  ASSERT_GE(run.requests.size(), kMinRequests);
  for (const OracleRequest& r : run.requests) {
    SCOPED_TRACE(Describe(r));
    const std::string* ccxt_sign = FindOracleHeader(r, "ACCESS-SIGN");
    ASSERT_NE(ccxt_sign, nullptr);
    EXPECT_EQ(r.sign, *ccxt_sign);
    EXPECT_EQ(SignRest(std::to_string(r.ts_ms), r.method, r.path, r.query, r.body,
                       core::Secret(r.secret)),
              *ccxt_sign);
  }
}

TEST(CcxtSignOracleTest, SignedHeadersMatchCcxtHeaders) {
  const OracleRun& run = Oracle();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  ASSERT_GE(run.requests.size(), kMinRequests);
  for (const OracleRequest& r : run.requests) {
    SCOPED_TRACE(Describe(r));
    const Credentials credentials{core::Secret(r.api_key), core::Secret(r.secret),
                                  core::Secret(r.passphrase)};
    HeaderOptions options;
    options.demo_trading = r.demo;
    auto ours = SignedHeaders(credentials, core::Timestamp::FromMillis(r.ts_ms), r.method, r.path,
                              r.query, r.body, options);
    ASSERT_TRUE(ours.has_value()) << ours.error().ToString();
    for (std::string_view name :
         {"ACCESS-KEY", "ACCESS-SIGN", "ACCESS-TIMESTAMP", "ACCESS-PASSPHRASE"}) {
      const std::string* theirs = FindOracleHeader(r, name);
      ASSERT_NE(theirs, nullptr) << name;
      const Header* mine = FindHeader(*ours, name);
      ASSERT_NE(mine, nullptr) << name;
      EXPECT_EQ(mine->value, *theirs) << name;
    }
    // ccxt sets Content-Type on POST only; when it does, the values agree.
    if (const std::string* content_type = FindOracleHeader(r, "Content-Type")) {
      EXPECT_EQ(FindHeader(*ours, "Content-Type")->value, *content_type);
    }
    // Demo trading: ccxt sends "PAPTRADING: 1"; header names are case-insensitive.
    const std::string* pap = FindOracleHeader(r, "paptrading");
    const Header* our_pap = FindHeader(*ours, "paptrading");
    EXPECT_EQ(pap != nullptr, r.demo);
    EXPECT_EQ(our_pap != nullptr, r.demo);
    if (pap != nullptr && our_pap != nullptr) {
      EXPECT_EQ(our_pap->value, *pap);
    }
  }
}

TEST(CcxtSignOracleTest, CcxtReproducesTheDocumentedVectors) {
  // bitget-api.md §4.2 and deps.md §3: ccxt signs the documented requests to the documented
  // values, so the known-answer tests and the oracle check the same thing from two sides.
  const OracleRun& run = Oracle();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  std::set<std::string> signs;
  for (const OracleRequest& r : run.requests) signs.insert(r.sign);
  for (const char* want : {"F81/psY+b4KuAtr3VUXPd/03PpSCTtD4BX8+0Aws9fU=",
                           "7sTvcUHRW7edgaxfupun3UpmX8sZMBFTGKp/3AaucG4=",
                           "5DQggqqbxRC18WjDXbyKZvpx2qpV306iMNpN6UKsaro=",
                           "oavIgfbS8S4qVcTEokGKXAJtvoivEnhpWmpVJq9ORoA="}) {
    EXPECT_EQ(signs.count(want), 1u) << want;
  }
}

}  // namespace
}  // namespace bgt::bitget
