#include "server/store/account_store.hpp"

namespace yeyou::store {
namespace {

std::vector<std::int64_t> venues_of(Db& db, std::int64_t user_id) {
  std::vector<std::int64_t> out;
  Stmt s(db, "SELECT venue_id FROM user_venues WHERE user_id = ?1 ORDER BY venue_id");
  s.bind(1, user_id);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

constexpr const char* kUserColumns = "SELECT id, login, display_name, role, password_hash, disabled FROM users ";

UserRow user_from(Db& db, Stmt& s) {
  UserRow u;
  u.id = s.int64(0);
  u.login = s.text(1);
  u.display_name = s.text(2);
  u.role = s.text(3);
  u.password_hash = s.text(4);
  u.disabled = s.int64(5) != 0;
  u.venues = venues_of(db, u.id);
  return u;
}

constexpr const char* kDeviceColumns = "SELECT id, kind, name, district, venue_id, revoked_at FROM devices ";

DeviceRow device_from(Stmt& s) {
  DeviceRow d;
  d.id = s.text(0);
  d.kind = s.text(1);
  d.name = s.text(2);
  if (!s.is_null(3)) d.district = s.text(3);
  if (!s.is_null(4)) d.venue_id = s.int64(4);
  d.revoked = !s.is_null(5);
  return d;
}

}  // namespace

std::int64_t insert_user(Db& db, const UserRow& u, Timestamp now) {
  Stmt s(db, "INSERT INTO users(login, display_name, role, password_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
  s.bind(1, u.login).bind(2, u.display_name).bind(3, u.role).bind(4, u.password_hash).bind(5, unix_seconds(now)).run();
  std::int64_t id = db.last_insert_id();
  Stmt v(db, "INSERT INTO user_venues(user_id, venue_id) VALUES(?1, ?2)");
  for (auto venue : u.venues) {
    v.reset();
    v.bind(1, id).bind(2, venue).run();
  }
  return id;
}

std::optional<UserRow> find_user_by_login(Db& db, const std::string& login) {
  Stmt s(db, std::string(kUserColumns) + "WHERE login = ?1");
  s.bind(1, login);
  if (!s.step()) return std::nullopt;
  return user_from(db, s);
}

std::optional<UserRow> find_user(Db& db, std::int64_t id) {
  Stmt s(db, std::string(kUserColumns) + "WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return user_from(db, s);
}

std::vector<UserRow> list_users(Db& db) {
  std::vector<UserRow> out;
  Stmt s(db, std::string(kUserColumns) + "ORDER BY id");
  while (s.step()) out.push_back(user_from(db, s));
  return out;
}

void insert_session(Db& db, const std::string& token_hash, std::int64_t user_id, Timestamp now, Timestamp expires) {
  Stmt s(db, "INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES(?1, ?2, ?3, ?4)");
  s.bind(1, token_hash).bind(2, user_id).bind(3, unix_seconds(now)).bind(4, unix_seconds(expires)).run();
}

std::optional<UserRow> user_for_session(Db& db, const std::string& token_hash, Timestamp now) {
  Stmt s(db,
         "SELECT u.id, u.login, u.display_name, u.role, u.password_hash, u.disabled FROM sessions s "
         "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.ended_at IS NULL AND s.expires_at > ?2 "
         "AND u.disabled = 0");
  s.bind(1, token_hash).bind(2, unix_seconds(now));
  if (!s.step()) return std::nullopt;
  return user_from(db, s);
}

void end_session(Db& db, const std::string& token_hash, Timestamp now) {
  Stmt s(db, "UPDATE sessions SET ended_at = ?2 WHERE token_hash = ?1 AND ended_at IS NULL");
  s.bind(1, token_hash).bind(2, unix_seconds(now)).run();
}

std::string insert_device(Db& db, DeviceRow d, const std::string& token_hash, Timestamp now) {
  Stmt n(db, "SELECT count(*) + 1 FROM devices WHERE kind = ?1");
  n.bind(1, d.kind);
  n.step();
  d.id = d.kind + "-" + std::to_string(n.int64(0));
  Stmt s(db,
         "INSERT INTO devices(id, kind, name, district, venue_id, token_hash, created_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, d.id).bind(2, d.kind).bind(3, d.name).bind(4, d.district).bind(5, d.venue_id);
  s.bind(6, token_hash).bind(7, unix_seconds(now)).run();
  return d.id;
}

std::optional<DeviceRow> device_for_token(Db& db, const std::string& token_hash) {
  Stmt s(db, std::string(kDeviceColumns) + "WHERE token_hash = ?1 AND revoked_at IS NULL");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  return device_from(s);
}

std::optional<DeviceRow> find_device(Db& db, const std::string& id) {
  Stmt s(db, std::string(kDeviceColumns) + "WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return device_from(s);
}

std::vector<DeviceRow> list_devices(Db& db) {
  std::vector<DeviceRow> out;
  Stmt s(db, std::string(kDeviceColumns) + "ORDER BY kind, created_at, id");
  while (s.step()) out.push_back(device_from(s));
  return out;
}

bool revoke_device(Db& db, const std::string& id, Timestamp now) {
  Stmt s(db, "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
  s.bind(1, id).bind(2, unix_seconds(now)).run();
  return db.changes() > 0;
}

}  // namespace yeyou::store
