#pragma once
// Users, sessions and device credentials. Only hashes of secrets are stored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct UserRow {
  std::int64_t id = 0;
  std::string login;
  std::string display_name;
  std::string role;
  std::string password_hash;
  bool disabled = false;
  std::vector<std::int64_t> venues;
};

struct DeviceRow {
  std::string id;
  std::string kind;  // "kiosk" or "counter"
  std::string name;
  std::optional<std::string> district;
  std::optional<std::int64_t> venue_id;
  bool revoked = false;
};

std::int64_t insert_user(Db& db, const UserRow& u, Timestamp now);
std::optional<UserRow> find_user_by_login(Db& db, const std::string& login);
std::optional<UserRow> find_user(Db& db, std::int64_t id);
std::vector<UserRow> list_users(Db& db);

void insert_session(Db& db, const std::string& token_hash, std::int64_t user_id, Timestamp now, Timestamp expires);
// The user of a live session (not ended, not expired, user not disabled).
std::optional<UserRow> user_for_session(Db& db, const std::string& token_hash, Timestamp now);
void end_session(Db& db, const std::string& token_hash, Timestamp now);

// Inserts a device with the next id of its kind ("kiosk-1", "counter-4"); returns the id.
std::string insert_device(Db& db, DeviceRow d, const std::string& token_hash, Timestamp now);
std::optional<DeviceRow> device_for_token(Db& db, const std::string& token_hash);
std::optional<DeviceRow> find_device(Db& db, const std::string& id);
std::vector<DeviceRow> list_devices(Db& db);
bool revoke_device(Db& db, const std::string& id, Timestamp now);

}  // namespace yeyou::store
