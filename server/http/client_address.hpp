#pragma once
// Who is on the other end: the socket's peer, or, when the peer is a trusted
// reverse proxy, the client it names in X-Forwarded-For. X-Forwarded-Proto is
// believed from trusted proxies only.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yeyou::http {

class TrustedProxies {
 public:
  // Entries are addresses ("127.0.0.1", "::1") or CIDR ranges ("10.0.0.0/8");
  // throws std::invalid_argument naming a malformed entry.
  explicit TrustedProxies(const std::vector<std::string>& entries);
  bool contains(std::string_view address) const;

  struct Client {
    std::string address;
    bool secure = false;
  };
  // The client of a request that came from `peer` with these header values
  // (empty when absent). X-Forwarded-For is read from the right: the first
  // address that is not a trusted proxy is the client.
  Client resolve(const std::string& peer, std::string_view forwarded_for, std::string_view forwarded_proto) const;

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};
    int family = 0;
    int prefix = 0;
  };
  static std::optional<Range> parse_address(std::string_view text);
  std::vector<Range> ranges_;
};

}  // namespace yeyou::http
