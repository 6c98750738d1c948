#include "bitget/request.h"

#include <algorithm>

namespace bgt::bitget {

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string EncodedRequest::QueryString() const {
  std::vector<const QueryParam*> params;
  params.reserve(query.size());
  for (const QueryParam& p : query) {
    if (!p.value.empty()) params.push_back(&p);
  }
  std::stable_sort(params.begin(), params.end(),
                   [](const QueryParam* a, const QueryParam* b) { return a->key < b->key; });
  std::string out;
  for (const QueryParam* p : params) {
    if (!out.empty()) out += '&';
    out += PercentEncode(p->key);
    out += '=';
    out += PercentEncode(p->value);
  }
  return out;
}

std::string EncodedRequest::Target() const {
  std::string target(SpecOf(endpoint).path);
  const std::string query_string = QueryString();
  if (!query_string.empty()) {
    target += '?';
    target += query_string;
  }
  return target;
}

}  // namespace bgt::bitget
