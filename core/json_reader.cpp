#include "core/json_reader.hpp"

#include <algorithm>
#include <cmath>

namespace yeyou {

FieldReader::FieldReader(const Json& object, FieldErrors& errors, std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {
  if (!object_.is_object()) {
    is_object_ = false;
    std::string where = prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1);
    errors_[where] = "must be a JSON object";
  }
}

bool FieldReader::has(const std::string& key) const {
  return is_object_ && object_.contains(key) && !object_.at(key).is_null();
}

void FieldReader::fail(const std::string& key, const std::string& message) {
  errors_.emplace(path(key), message);
}

const Json* FieldReader::field(const std::string& key, bool required) {
  known_.insert(key);
  if (!is_object_) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (required) fail(key, "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::text(const std::string& key, std::size_t max_bytes, bool required,
                                             std::size_t min_bytes) {
  const Json* v = field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (!is_clean_utf8(s)) {
    fail(key, "contains control characters or invalid UTF-8");
    return std::nullopt;
  }
  if (s.size() > max_bytes) {
    fail(key, "is longer than " + std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  if (s.size() < min_bytes) {
    fail(key, min_bytes == 1 ? "must not be empty" : "is shorter than " + std::to_string(min_bytes) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> FieldReader::integer(const std::string& key, std::int64_t min, std::int64_t max,
                                                 bool required) {
  const Json* v = field(key, required);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      fail(key, "is out of range");
      return std::nullopt;
    }
    n = v->get<std::int64_t>();
  } else if (v->is_number_float()) {
    double d = v->get<double>();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9e15) {
      fail(key, "must be an integer");
      return std::nullopt;
    }
    n = static_cast<std::int64_t>(d);
  } else {
    fail(key, "must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> FieldReader::number(const std::string& key, double min, double max, bool required) {
  const Json* v = field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(key, "must be a number");
    return std::nullopt;
  }
  double d = v->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    fail(key, "must be between " + Json(min).dump() + " and " + Json(max).dump());
    return std::nullopt;
  }
  return d;
}

std::optional<bool> FieldReader::boolean(const std::string& key, bool required) {
  const Json* v = field(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(key, "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

const Json* FieldReader::value(const std::string& key, Json::value_t type, bool required) {
  const Json* v = field(key, required);
  if (!v) return nullptr;
  if (v->type() != type) {
    fail(key, type == Json::value_t::object ? "must be an object" : "must be an array");
    return nullptr;
  }
  return v;
}

std::vector<int> FieldReader::weekdays(const std::string& key) {
  std::vector<int> out;
  const Json* days = value(key, Json::value_t::array);
  if (!days) return out;
  for (const auto& d : *days) {
    if (!d.is_number_integer() || d.get<std::int64_t>() < 1 || d.get<std::int64_t>() > 7) {
      fail(key, "must list ISO weekdays 1 (Monday) to 7 (Sunday)");
      return {};
    }
    out.push_back(d.get<int>());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) fail(key, "must not be empty");
  return out;
}

void FieldReader::reject_unknown() {
  if (!is_object_) return;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!known_.count(it.key())) fail(it.key(), "is not a known field");
  }
}

void throw_if_errors(const FieldErrors& errors) {
  if (!errors.empty()) throw ValidationError(errors);
}

bool is_clean_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c == 0x7f) return false;
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace yeyou
