#pragma once
// Throttles failed logins. Failures are counted per (account, source address)
// pair: after `pair_failures_before_delay` failures the pair must wait before
// its next attempt, a delay that doubles with each further failure (2 s, 4 s,
// 8 s … up to `max_delay`); a success of the pair forgets them. The same
// account from another address is not slowed, so a stranger cannot lock a
// member of staff out by failing their login. An address failing
// `max_address_failures` times inside the window, across any accounts, is
// refused until the window has passed. Refused attempts are refused even with
// the right password.
//
// In memory: a restart forgets, which costs an attacker nothing they could
// not get by waiting. Memory is bounded: each of the two maps holds at most
// `max_entries` keys of at most kMaxKeyBytes (pairs: twice that) each, about
// 40 MiB in all at the default in the worst case; when a map is full, the
// entry whose last failure is oldest goes.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.hpp"

namespace yeyou::services {

struct ThrottleLimits {
  int pair_failures_before_delay = 5;
  // Timestamps are whole seconds, so a 1 s delay could end at once: the
  // first is 2 s.
  std::chrono::seconds first_delay{2};
  std::chrono::seconds max_delay{15 * 60};
  int max_address_failures = 20;
  std::chrono::seconds window{15 * 60};
  std::size_t max_entries = 50000;
};

class LoginThrottle {
 public:
  // Longer accounts and addresses are cut to this for keying (no login or
  // address is that long; it bounds what a flood of long names can cost).
  static constexpr std::size_t kMaxKeyBytes = 128;

  explicit LoginThrottle(ThrottleLimits limits) : limits_(limits), pairs_(limits.max_entries), addresses_(limits.max_entries) {}
  // Seconds until the next attempt of `account` from `address` is allowed; 0 = allowed now.
  std::int64_t retry_after(const std::string& account, const std::string& address, Timestamp now);
  void failed(const std::string& account, const std::string& address, Timestamp now);
  // Forgets the pair's failures (not the address's: one account that works
  // must not reset an address trying many).
  void succeeded(const std::string& account, const std::string& address);

  std::size_t tracked_pairs() const;
  std::size_t tracked_addresses() const;

 private:
  struct Failures {
    int count = 0;
    Timestamp first{};  // the address window's start
    Timestamp last{};
  };
  // Keys in the order of their last failure, oldest first, at most `max` of them.
  class RecentFailures {
   public:
    explicit RecentFailures(std::size_t max) : max_(std::max<std::size_t>(max, 1)) {}
    const Failures* find(std::string_view key) const;
    // The key's entry, moved to the newest end (created when missing; the
    // oldest entry is dropped when that exceeds the bound).
    Failures& touch(std::string_view key);
    void erase(std::string_view key);
    // Drops the oldest entries while `expired` holds for them.
    template <typename Pred>
    void drop_oldest_while(Pred expired) {
      while (!order_.empty() && expired(order_.front().second)) erase(order_.front().first);
    }
    std::size_t size() const { return index_.size(); }

   private:
    using Order = std::list<std::pair<std::string, Failures>>;
    std::size_t max_;
    Order order_;
    std::unordered_map<std::string_view, Order::iterator> index_;  // views of the keys in order_
  };

  std::chrono::seconds pair_delay(int failures) const;
  bool pair_expired(const Failures& f, Timestamp now) const;
  bool address_expired(const Failures& f, Timestamp now) const { return now - f.first >= limits_.window; }

  ThrottleLimits limits_;
  mutable std::mutex mu_;
  RecentFailures pairs_;
  RecentFailures addresses_;
};

}  // namespace yeyou::services
