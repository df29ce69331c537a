#include <doctest/doctest.h>

#include <string>

#include "server/services/login_throttle.hpp"

using namespace yeyou;
using services::LoginThrottle;
using std::chrono::seconds;

namespace {

const Timestamp t0{seconds{1'700'000'000}};

services::ThrottleLimits limits() {
  services::ThrottleLimits l;
  l.pair_failures_before_delay = 3;
  l.first_delay = seconds{2};
  l.max_delay = seconds{60};
  l.max_address_failures = 10;
  l.window = seconds{15 * 60};
  return l;
}

// "user" + std::to_string(i) trips GCC 12's -Wrestrict (a false positive).
std::string numbered(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

}  // namespace

TEST_CASE("login throttle: a pair's delays grow with each failure up to a cap, and a success resets them") {
  auto l = limits();
  l.max_address_failures = 1000;  // only the pair limits here
  LoginThrottle t(l);
  auto now = t0;
  for (int i = 0; i < 2; ++i) {
    t.failed("staff", "10.0.0.9", now);
    CHECK(t.retry_after("staff", "10.0.0.9", now) == 0);
  }
  std::int64_t expected[] = {2, 4, 8, 16, 32, 60, 60};
  for (auto delay : expected) {
    CAPTURE(delay);
    t.failed("staff", "10.0.0.9", now);
    CHECK(t.retry_after("staff", "10.0.0.9", now) == delay);
    CHECK(t.retry_after("staff", "10.0.0.9", now + seconds{delay - 1}) == 1);
    now += seconds{delay};
    CHECK(t.retry_after("staff", "10.0.0.9", now) == 0);
  }
  t.succeeded("staff", "10.0.0.9");
  CHECK(t.retry_after("staff", "10.0.0.9", now) == 0);
  t.failed("staff", "10.0.0.9", now);
  CHECK(t.retry_after("staff", "10.0.0.9", now) == 0);  // counting starts again
}

TEST_CASE("login throttle: a pair's failures do not slow the same account from another address") {
  LoginThrottle t(limits());
  for (int i = 0; i < 9; ++i) t.failed("staff", "203.0.113.7", t0);
  CHECK(t.retry_after("staff", "203.0.113.7", t0) > 0);
  CHECK(t.retry_after("staff", "10.0.0.9", t0) == 0);
  // The stranger's address is not slowed for other accounts either (below the address limit).
  CHECK(t.retry_after("other", "203.0.113.7", t0) == 0);
}

TEST_CASE("login throttle: an address failing across many accounts is refused for the window") {
  LoginThrottle t(limits());
  for (int i = 0; i < 10; ++i) {
    CHECK(t.retry_after(numbered("user", i), "203.0.113.7", t0) == 0);
    t.failed(numbered("user", i), "203.0.113.7", t0 + seconds{i});
  }
  CHECK(t.retry_after("staff", "203.0.113.7", t0 + seconds{10}) == 15 * 60 - 10);
  CHECK(t.retry_after("staff", "10.0.0.9", t0 + seconds{10}) == 0);
  CHECK(t.retry_after("staff", "203.0.113.7", t0 + seconds{15 * 60}) == 0);
  // A success of one pair does not lift the address's refusal.
  t.succeeded("user1", "203.0.113.7");
  CHECK(t.retry_after("staff", "203.0.113.7", t0 + seconds{10}) > 0);
}

TEST_CASE("login throttle: memory stays bounded under a flood of distinct accounts and addresses") {
  auto l = limits();
  l.max_entries = 100;
  LoginThrottle t(l);
  // A pair in its delay, then a flood: the bound holds throughout.
  for (int i = 0; i < 3; ++i) t.failed("staff", "10.0.0.9", t0);
  for (int i = 0; i < 5000; ++i) {
    t.failed(numbered("name", i), numbered(numbered("198.51.", i / 256).append("."), i % 256), t0);
    REQUIRE(t.tracked_pairs() <= 100);
    REQUIRE(t.tracked_addresses() <= 100);
  }
  // Very long names are keyed by their first kMaxKeyBytes: one entry for all of these.
  LoginThrottle u(limits());
  std::string prefix(LoginThrottle::kMaxKeyBytes, 'x');
  for (int i = 0; i < 5; ++i) u.failed(prefix + std::to_string(i), "10.0.0.1", t0);
  CHECK(u.tracked_pairs() == 1);
  // Expired entries go before fresh ones are evicted.
  LoginThrottle v(l);
  for (int i = 0; i < 100; ++i) v.failed(numbered("a", i), "10.0.0.1", t0);
  v.failed("fresh", "10.0.0.2", t0 + seconds{3600});
  CHECK(v.tracked_pairs() == 1);
  CHECK(v.tracked_addresses() == 1);
}
