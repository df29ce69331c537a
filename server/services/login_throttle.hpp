#pragma once
// Throttles failed logins per account and per source address: after too
// many failures inside the window, further attempts are refused (even with
// the right password) until the window has passed. In memory: a restart
// forgets, which costs an attacker nothing they could not get by waiting.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.hpp"

namespace yeyou::services {

struct ThrottleLimits {
  int max_account_failures = 5;
  int max_address_failures = 20;
  std::chrono::seconds window{15 * 60};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits) : limits_(limits) {}
  // Seconds until the next attempt is allowed; 0 = allowed now.
  std::int64_t retry_after(const std::string& account, const std::string& address, Timestamp now);
  void failed(const std::string& account, const std::string& address, Timestamp now);
  void succeeded(const std::string& account);

 private:
  struct Window {
    int failures = 0;
    Timestamp started{};
  };
  std::int64_t wait_for(const Window& w, int max, Timestamp now) const;
  void bump(std::unordered_map<std::string, Window>& map, const std::string& key, Timestamp now);

  ThrottleLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> accounts_;
  std::unordered_map<std::string, Window> addresses_;
};

}  // namespace yeyou::services
