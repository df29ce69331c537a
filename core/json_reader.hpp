#pragma once
// FieldReader: reads an object's fields with type, range and length checks,
// collecting every problem as a field error instead of stopping at the first.
// Unknown fields are refused (the API's consistent policy, see docs/api.md).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"

namespace yeyou {

using Json = nlohmann::json;

class FieldReader {
 public:
  // `errors` may be shared with a parent reader so nested objects report
  // into one map; `prefix` is prepended to every field path.
  FieldReader(const Json& object, FieldErrors& errors, std::string prefix = "");

  bool has(const std::string& key) const;
  std::string path(const std::string& key) const { return prefix_ + key; }

  std::optional<std::string> text(const std::string& key, std::size_t max_bytes, bool required = true,
                                  std::size_t min_bytes = 0);
  std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max,
                                      bool required = true);
  std::optional<double> number(const std::string& key, double min, double max, bool required = true);
  std::optional<bool> boolean(const std::string& key, bool required = true);
  // Returns the raw sub-value (object/array) for nested decoding; marks the key as known.
  const Json* value(const std::string& key, Json::value_t type, bool required = true);

  // A non-empty list of ISO weekdays (1 = Monday .. 7 = Sunday), sorted, without repeats.
  std::vector<int> weekdays(const std::string& key);

  void fail(const std::string& key, const std::string& message);
  // Reports every key that no accessor asked for as an unknown field.
  void reject_unknown();
  bool ok() const { return errors_.empty(); }
  FieldErrors& errors() { return errors_; }
  // A reader for the object at `key` that reports into the same error map.
  FieldReader nested(const Json& object, const std::string& key) { return FieldReader(object, errors_, path(key) + "."); }

 private:
  const Json* field(const std::string& key, bool required);

  const Json& object_;
  FieldErrors& errors_;
  std::string prefix_;
  std::set<std::string> known_;
  bool is_object_ = true;
};

// Throws ValidationError if `errors` is not empty.
void throw_if_errors(const FieldErrors& errors);

// True if `s` is well-formed UTF-8 without NUL or C0 controls other than \t \n \r.
bool is_clean_utf8(const std::string& s);

}  // namespace yeyou
