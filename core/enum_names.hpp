#pragma once
// Wire names for enums. Each enum (values 0..N-1) specialises EnumNames with
// a `names` array; name_of / enum_from / read_enum then work for all of them.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/json_reader.hpp"

namespace yeyou {

template <typename E>
struct EnumNames;

template <typename E>
constexpr std::string_view name_of(E e) {
  return EnumNames<E>::names[static_cast<std::size_t>(e)];
}

template <typename E>
std::optional<E> enum_from(std::string_view s) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

template <typename E>
std::string enum_choices() {
  std::string out;
  for (auto n : EnumNames<E>::names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

template <typename E>
std::optional<E> read_enum(FieldReader& r, const std::string& key, bool required = true) {
  auto s = r.text(key, 64, required);
  if (!s) return std::nullopt;
  auto e = enum_from<E>(*s);
  if (!e) r.fail(key, "must be one of: " + enum_choices<E>());
  return e;
}

}  // namespace yeyou
