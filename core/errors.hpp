#pragma once
// Validation errors with per-field messages, shared by every decoder.
#include <map>
#include <stdexcept>
#include <string>

namespace yeyou {

using FieldErrors = std::map<std::string, std::string>;

// Thrown when input fails validation; `fields` maps a dotted field path
// ("subject.kind", "reasons[2]") to a human-readable problem.
class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(FieldErrors fields, const std::string& message = "invalid input")
      : std::runtime_error(message), fields_(std::move(fields)) {}
  // One field's problem.
  ValidationError(const std::string& field, const std::string& problem)
      : std::runtime_error("invalid input"), fields_{{field, problem}} {}
  const FieldErrors& fields() const { return fields_; }

 private:
  FieldErrors fields_;
};

}  // namespace yeyou
