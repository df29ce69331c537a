#pragma once
// Errors services raise; the HTTP layer maps them to status codes
// (ValidationError → 400, NotFound → 404, Conflict → 409).
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
