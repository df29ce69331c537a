#include "server/http/client_address.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

namespace yeyou::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<TrustedProxies::Range> TrustedProxies::parse_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);
  // An IPv4-mapped IPv6 peer ("::ffff:10.0.0.1") compares as IPv4.
  if (s.rfind("::ffff:", 0) == 0 && s.find('.') != std::string::npos) s = s.substr(7);
  Range r;
  if (inet_pton(AF_INET, s.c_str(), r.bytes.data()) == 1) {
    r.family = AF_INET;
    r.prefix = 32;
    return r;
  }
  if (inet_pton(AF_INET6, s.c_str(), r.bytes.data()) == 1) {
    r.family = AF_INET6;
    r.prefix = 128;
    return r;
  }
  return std::nullopt;
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (const auto& e : entries) {
    auto slash = e.find('/');
    auto range = parse_address(std::string_view(e).substr(0, slash));
    if (!range) throw std::invalid_argument("not an IP address or CIDR range: '" + e + "'");
    if (slash != std::string::npos) {
      auto bits = e.substr(slash + 1);
      int max = range->family == AF_INET ? 32 : 128;
      if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(bits) > max)
        throw std::invalid_argument("bad prefix length in '" + e + "'");
      range->prefix = std::stoi(bits);
    }
    ranges_.push_back(*range);
  }
}

bool TrustedProxies::contains(std::string_view address) const {
  auto a = parse_address(trim(address));
  if (!a) return false;
  for (const auto& r : ranges_) {
    if (r.family != a->family) continue;
    int full = r.prefix / 8, rest = r.prefix % 8;
    if (std::memcmp(r.bytes.data(), a->bytes.data(), static_cast<std::size_t>(full)) != 0) continue;
    if (rest) {
      auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
      if ((r.bytes[static_cast<std::size_t>(full)] & mask) != (a->bytes[static_cast<std::size_t>(full)] & mask))
        continue;
    }
    return true;
  }
  return false;
}

TrustedProxies::Client TrustedProxies::resolve(const std::string& peer, std::string_view forwarded_for,
                                               std::string_view forwarded_proto) const {
  Client c{peer, false};
  if (!contains(peer)) return c;
  c.secure = trim(forwarded_proto) == "https";
  // Walk X-Forwarded-For from the right, past our own proxies.
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    auto hop = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    if (!parse_address(hop)) break;  // garbage: keep the last address we could trust
    c.address = std::string(hop);
    if (!contains(hop)) break;
  }
  return c;
}

}  // namespace yeyou::http
