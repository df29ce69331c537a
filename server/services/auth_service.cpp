#include "server/services/auth_service.hpp"

#include <sodium.h>

#include "core/json_reader.hpp"
#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/account_store.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {
namespace {

constexpr unsigned long long kOpsLimit = 2;                // OWASP: t >= 2
constexpr std::size_t kMemLimit = 19ull * 1024 * 1024;     // OWASP: >= 19 MiB

Principal principal_of(const store::UserRow& u) {
  Principal p;
  p.kind = Principal::Kind::user;
  p.user_id = u.id;
  p.login = u.login;
  p.display_name = u.display_name;
  p.role = enum_from<Role>(u.role).value_or(Role::venue_staff);
  p.venues = u.venues;
  return p;
}

Principal principal_of(const store::DeviceRow& d) {
  Principal p;
  p.kind = d.kind == "kiosk" ? Principal::Kind::kiosk : Principal::Kind::counter;
  p.device_id = d.id;
  p.display_name = d.name;
  p.district = d.district;
  p.device_venue = d.venue_id;
  return p;
}

Json device_json(const store::DeviceRow& d) {
  Json j{{"id", d.id}, {"kind", d.kind}, {"name", d.name}, {"revoked", d.revoked}};
  j["district"] = d.district ? Json(*d.district) : Json(nullptr);
  j["venue_id"] = d.venue_id ? Json(*d.venue_id) : Json(nullptr);
  return j;
}

}  // namespace

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_hash(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

AuthService::AuthService(store::DbPool& pool, AuthConfig config)
    : pool_(pool), config_(config), throttle_(config.throttle) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  dummy_hash_ = hash_password(new_token());
}

Session AuthService::login(const std::string& login, const std::string& password, const std::string& address,
                           Timestamp now) {
  if (auto wait = throttle_.retry_after(login, address, now); wait > 0)
    throw Throttled("too many failed logins; try again later", wait);
  auto& db = pool_.get();
  auto user = login.size() <= 64 ? store::find_user_by_login(db, login) : std::nullopt;
  // Verify against a dummy hash for unknown logins so timing does not reveal them.
  bool ok = verify_password(user ? user->password_hash : dummy_hash_, password.substr(0, 1024));
  if (!user || !ok || user->disabled) {
    throttle_.failed(login, address, now);
    throw Unauthorized("wrong login or password");
  }
  throttle_.succeeded(login, address);
  Session s;
  s.token = new_token();
  s.expires_at = now + config_.session_lifetime;
  s.principal = principal_of(*user);
  store::Transaction tx(db);
  store::insert_session(db, token_hash(s.token), user->id, now, s.expires_at);
  tx.commit();
  return s;
}

void AuthService::logout(const std::string& token, Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  store::end_session(db, token_hash(token), now);
  tx.commit();
}

std::optional<Principal> AuthService::authenticate(const std::string& token, Timestamp now) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  std::string h = token_hash(token);
  auto steady = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(device_cache_mu_);
    if (auto it = device_cache_.find(h); it != device_cache_.end() && it->second.until > steady)
      return it->second.principal;
  }
  auto& db = pool_.get();
  if (auto user = store::user_for_session(db, h, now)) return principal_of(*user);
  if (auto device = store::device_for_token(db, h)) {
    auto p = principal_of(*device);
    std::lock_guard lock(device_cache_mu_);
    if (device_cache_.size() > 10000) device_cache_.clear();
    device_cache_[h] = {p, steady + std::chrono::seconds{10}};
    return p;
  }
  return std::nullopt;
}

std::int64_t AuthService::add_user(const NewUser& u, const std::string& actor, Timestamp now) {
  FieldErrors errors;
  if (u.login.empty() || u.login.size() > 64 || u.login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos)
    errors["login"] = "must be 1 to 64 lowercase letters, digits, '.', '_' or '-'";
  if (u.display_name.empty() || u.display_name.size() > 100 || !is_clean_utf8(u.display_name))
    errors["display_name"] = "must be 1 to 100 bytes of text";
  if (u.password.size() < 10 || u.password.size() > 1024) errors["password"] = "must be 10 to 1024 characters";
  if (u.role == Role::venue_staff && u.venues.empty()) errors["venues"] = "venue staff need at least one venue";
  if (u.role != Role::venue_staff && !u.venues.empty()) errors["venues"] = "only venue staff are scoped to venues";
  auto& db = pool_.get();
  for (auto v : u.venues)
    if (!store::find_venue(db, v)) errors["venues"] = "no venue with id " + std::to_string(v);
  throw_if_errors(errors);
  store::UserRow row{0, u.login, u.display_name, std::string(name_of(u.role)), hash_password(u.password), false,
                     u.venues};
  store::Transaction tx(db);
  if (store::find_user_by_login(db, u.login)) throw Conflict("a user with login '" + u.login + "' exists");
  auto id = store::insert_user(db, row, now);
  store::append_audit(db, {0, now, actor, "create", "user", std::to_string(id), nullptr,
                           Json{{"login", u.login}, {"display_name", u.display_name}, {"role", row.role},
                                {"venues", u.venues}},
                           ""});
  tx.commit();
  return id;
}

DeviceCredentials AuthService::add_kiosk(const std::string& name, const std::optional<std::string>& district,
                                         const std::string& actor, Timestamp now) {
  if (name.empty() || name.size() > 100 || !is_clean_utf8(name))
    throw ValidationError("name", "must be 1 to 100 bytes of text");
  auto& db = pool_.get();
  store::Transaction tx(db);
  if (district && !store::district_exists(db, *district))
    throw ValidationError("district", "no district with id '" + *district + "'");
  DeviceCredentials c{"", new_token()};
  store::DeviceRow row{"", "kiosk", name, district, std::nullopt, false};
  c.id = store::insert_device(db, row, token_hash(c.token), now);
  row.id = c.id;
  store::append_audit(db, {0, now, actor, "create", "device", c.id, nullptr, device_json(row), ""});
  tx.commit();
  return c;
}

DeviceCredentials AuthService::add_counter(std::int64_t venue_id, const std::string& actor, Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto venue = store::find_venue(db, venue_id);
  if (!venue) throw ValidationError("venue", "no venue with id " + std::to_string(venue_id));
  DeviceCredentials c{"", new_token()};
  store::DeviceRow row{"", "counter", "people counter at " + venue->name.zh, std::nullopt, venue_id, false};
  c.id = store::insert_device(db, row, token_hash(c.token), now);
  row.id = c.id;
  store::append_audit(db, {0, now, actor, "create", "device", c.id, nullptr, device_json(row), ""});
  tx.commit();
  return c;
}

void AuthService::revoke_device(const std::string& id, const std::string& actor, Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto before = store::find_device(db, id);
  if (!before) throw NotFound("no device '" + id + "'");
  if (store::revoke_device(db, id, now)) {
    auto after = *before;
    after.revoked = true;
    store::append_audit(db, {0, now, actor, "revoke", "device", id, device_json(*before), device_json(after), ""});
  }
  tx.commit();
  // After the commit, so no concurrent request can re-cache the revoked token.
  std::lock_guard lock(device_cache_mu_);
  device_cache_.clear();
}

}  // namespace yeyou::services
