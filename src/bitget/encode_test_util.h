// Test-only helpers shared by the encoder tests: encode-or-fail, expect-invalid, body access.
// Thread-safety: stateless functions.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string_view>

#include "bitget/encode_requests.h"
#include "core/decimal.h"

namespace bgt::bitget::test_util {

inline core::Decimal D(std::string_view text) { return core::Decimal::Parse(text).value(); }

template <typename Request>
EncodedRequest MustEncode(const Request& request, const EncodeContext& context = {}) {
  auto encoded = Encode(request, context);
  if (!encoded) {
    ADD_FAILURE() << encoded.error().ToString();
    return {};
  }
  return *encoded;
}

// Expects kInvalidArgument whose message starts with `prefix` ("Type.field: ").
template <typename Request>
void ExpectInvalid(const Request& request, std::string_view prefix,
                   const EncodeContext& context = {}) {
  auto encoded = Encode(request, context);
  ASSERT_FALSE(encoded.has_value()) << "encoded " << encoded->Target() << " " << encoded->body;
  EXPECT_EQ(encoded.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(encoded.error().message.starts_with(prefix))
      << "want prefix \"" << prefix << "\", got: " << encoded.error().message;
}

inline boost::json::object BodyOf(const EncodedRequest& request) {
  return boost::json::parse(request.body).as_object();
}

}  // namespace bgt::bitget::test_util
