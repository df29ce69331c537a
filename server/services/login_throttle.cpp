#include "server/services/login_throttle.hpp"

#include <algorithm>

namespace yeyou::services {
namespace {

std::string_view cut(const std::string& s) {
  return std::string_view(s).substr(0, LoginThrottle::kMaxKeyBytes);
}

// Neither part holds a newline (addresses never do; longer keys are cut).
std::string pair_key(const std::string& account, const std::string& address) {
  std::string key(cut(address));
  key += '\n';
  key += cut(account);
  return key;
}

}  // namespace

const LoginThrottle::Failures* LoginThrottle::RecentFailures::find(std::string_view key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &it->second->second;
}

LoginThrottle::Failures& LoginThrottle::RecentFailures::touch(std::string_view key) {
  if (auto it = index_.find(key); it != index_.end()) {
    order_.splice(order_.end(), order_, it->second);
    return it->second->second;
  }
  if (index_.size() >= max_) erase(order_.front().first);
  order_.emplace_back(std::string(key), Failures{});
  auto last = std::prev(order_.end());
  index_.emplace(last->first, last);
  return last->second;
}

void LoginThrottle::RecentFailures::erase(std::string_view key) {
  auto it = index_.find(key);
  if (it == index_.end()) return;
  auto node = it->second;
  index_.erase(it);  // before the node: the index's key views it
  order_.erase(node);
}

std::chrono::seconds LoginThrottle::pair_delay(int failures) const {
  int doublings = failures - limits_.pair_failures_before_delay;
  if (doublings < 0) return std::chrono::seconds{0};
  auto delay = limits_.first_delay;
  for (int i = 0; i < doublings && delay < limits_.max_delay; ++i) delay *= 2;
  return std::min(delay, limits_.max_delay);
}

// A pair is remembered for a window past the end of its delay: one failing
// again soon after goes on with the next, longer delay.
bool LoginThrottle::pair_expired(const Failures& f, Timestamp now) const {
  return now - f.last >= pair_delay(f.count) + limits_.window;
}

std::int64_t LoginThrottle::retry_after(const std::string& account, const std::string& address, Timestamp now) {
  std::lock_guard lock(mu_);
  std::int64_t wait = 0;
  if (const auto* p = pairs_.find(pair_key(account, address)); p && !pair_expired(*p, now))
    wait = std::max<std::int64_t>(wait, (p->last + pair_delay(p->count) - now).count());
  if (const auto* a = addresses_.find(cut(address));
      a && a->count >= limits_.max_address_failures && !address_expired(*a, now))
    wait = std::max<std::int64_t>(wait, (a->first + limits_.window - now).count());
  return wait;
}

void LoginThrottle::failed(const std::string& account, const std::string& address, Timestamp now) {
  std::lock_guard lock(mu_);
  pairs_.drop_oldest_while([&](const Failures& f) { return pair_expired(f, now); });
  addresses_.drop_oldest_while([&](const Failures& f) { return address_expired(f, now); });

  auto& p = pairs_.touch(pair_key(account, address));
  if (p.count > 0 && pair_expired(p, now)) p = Failures{};
  if (p.count == 0) p.first = now;
  ++p.count;
  p.last = now;

  auto& a = addresses_.touch(cut(address));
  if (a.count > 0 && address_expired(a, now)) a = Failures{};
  if (a.count == 0) a.first = now;
  ++a.count;
  a.last = now;
}

void LoginThrottle::succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  pairs_.erase(pair_key(account, address));
}

std::size_t LoginThrottle::tracked_pairs() const {
  std::lock_guard lock(mu_);
  return pairs_.size();
}

std::size_t LoginThrottle::tracked_addresses() const {
  std::lock_guard lock(mu_);
  return addresses_.size();
}

}  // namespace yeyou::services
