#include "net/http.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>
#include <charconv>

namespace bgt::net {
namespace {

std::string_view FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view HttpRequest::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

std::string_view HttpRequest::Path() const {
  const std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::Query() const {
  const std::string_view t = target;
  const auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

std::string_view HttpResponse::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

bool Url::Loopback() const { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

std::string Url::Origin() const {
  const bool v6 = host.find(':') != std::string::npos;
  return scheme + "://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

core::Result<Url> ParseUrl(std::string_view text) {
  // Messages never repeat the URL: it could carry credentials.
  const auto invalid = [](std::string why) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "URL " + why);
  };
  if (text.empty()) return invalid("is empty");
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return invalid("is not an absolute URL such as https://api.bitget.com");
  const boost::urls::url_view& u = *parsed;
  Url url;
  url.scheme = std::string(u.scheme());
  for (auto& c : url.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::uint16_t default_port = 0;
  if (url.scheme == "http" || url.scheme == "ws") default_port = 80;
  if (url.scheme == "https" || url.scheme == "wss") default_port = 443;
  if (default_port == 0) {
    return invalid("has scheme '" + url.scheme + "'; want http, https, ws or wss");
  }
  if (u.has_userinfo()) {
    return invalid(
        "must not contain user info (user:password@); credentials come from the "
        "environment");
  }
  if (u.has_query() || u.has_fragment()) {
    return invalid("must not have a query (?...) or a fragment (#...)");
  }
  url.host = std::string(u.encoded_host());
  if (url.host.size() > 2 && url.host.front() == '[')
    url.host = url.host.substr(1, url.host.size() - 2);
  for (auto& c : url.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (url.host.empty()) return invalid("has no host");
  if (u.has_port()) {
    const std::string_view text_port = u.port();
    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(text_port.data(), text_port.data() + text_port.size(), port);
    if (ec != std::errc() || end != text_port.data() + text_port.size() || port == 0 ||
        port > 65535) {
      return invalid("has an invalid port (expected 1..65535)");
    }
    url.port = static_cast<std::uint16_t>(port);
  } else {
    url.port = default_port;
  }
  // Boost.URL 1.81 reads "host:12x" as port 12 plus the path "x": a path must start with '/'.
  url.path = std::string(u.encoded_path());
  if (!url.path.empty() && url.path.front() != '/') return invalid("has an invalid host or port");
  return url;
}

}  // namespace bgt::net
