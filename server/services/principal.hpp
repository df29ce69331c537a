#pragma once
// Who is making a request: a signed-in user (with a role and, for venue
// staff, a venue scope) or a device (kiosk or people counter).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"

namespace yeyou::services {

enum class Role { admin, bureau, venue_staff };

}  // namespace yeyou::services

template <>
struct yeyou::EnumNames<yeyou::services::Role> {
  static constexpr std::array<std::string_view, 3> names{"admin", "bureau", "venue_staff"};
};

namespace yeyou::services {

struct Principal {
  enum class Kind { user, kiosk, counter };
  Kind kind = Kind::user;
  std::int64_t user_id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::venue_staff;
  std::vector<std::int64_t> venues;  // venue_staff scope
  std::string device_id;
  std::optional<std::string> district;
  std::optional<std::int64_t> device_venue;

  bool is_user() const { return kind == Kind::user; }
  bool has_role(Role r) const { return is_user() && role == r; }
  // Bureau users see and edit every venue; venue staff only their own.
  bool may_edit_venue(std::int64_t venue_id) const {
    if (!is_user()) return false;
    if (role == Role::bureau) return true;
    return role == Role::venue_staff && std::find(venues.begin(), venues.end(), venue_id) != venues.end();
  }
  // "user:3:alice" or "device:kiosk-1", as written to the audit log.
  std::string actor() const {
    return is_user() ? "user:" + std::to_string(user_id) + ":" + login : "device:" + device_id;
  }
};

}  // namespace yeyou::services
