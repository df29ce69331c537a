#pragma once
// Errors services raise; the HTTP layer maps them to status codes
// (ValidationError → 400, NotFound → 404, Conflict → 409).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/errors.hpp"

namespace yeyou::services {

class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Conflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace yeyou::services

namespace yeyou::services {

// No or invalid credentials (401).
class Unauthorized : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Authenticated but not allowed to touch this object (403).
class Forbidden : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The object existed but has expired, as a used-up rating link (410).
class Gone : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Too many attempts; retry after the given number of seconds (429).
class Throttled : public std::runtime_error {
 public:
  Throttled(const std::string& message, std::int64_t retry_after_seconds)
      : std::runtime_error(message), retry_after_(retry_after_seconds) {}
  std::int64_t retry_after() const { return retry_after_; }

 private:
  std::int64_t retry_after_;
};

}  // namespace yeyou::services
