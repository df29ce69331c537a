#include "server/services/login_throttle.hpp"

#include <algorithm>

namespace yeyou::services {

std::int64_t LoginThrottle::wait_for(const Window& w, int max, Timestamp now) const {
  if (w.failures < max) return 0;
  auto until = w.started + limits_.window;
  return until > now ? (until - now).count() : 0;
}

std::int64_t LoginThrottle::retry_after(const std::string& account, const std::string& address, Timestamp now) {
  std::lock_guard lock(mu_);
  std::int64_t wait = 0;
  if (auto it = accounts_.find(account); it != accounts_.end())
    wait = std::max(wait, wait_for(it->second, limits_.max_account_failures, now));
  if (auto it = addresses_.find(address); it != addresses_.end())
    wait = std::max(wait, wait_for(it->second, limits_.max_address_failures, now));
  return wait;
}

void LoginThrottle::bump(std::unordered_map<std::string, Window>& map, const std::string& key, Timestamp now) {
  auto& w = map[key];
  if (w.failures == 0 || now - w.started >= limits_.window) w = Window{0, now};
  ++w.failures;
  if (map.size() > 100000) {  // bound memory under a flood of random names
    for (auto it = map.begin(); it != map.end();)
      it = now - it->second.started >= limits_.window ? map.erase(it) : std::next(it);
  }
}

void LoginThrottle::failed(const std::string& account, const std::string& address, Timestamp now) {
  std::lock_guard lock(mu_);
  bump(accounts_, account, now);
  bump(addresses_, address, now);
}

void LoginThrottle::succeeded(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

}  // namespace yeyou::services
