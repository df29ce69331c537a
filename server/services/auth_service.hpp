#pragma once
// Accounts, sessions and device credentials. Passwords are hashed with
// Argon2id (libsodium crypto_pwhash_str, OWASP minimum: 19 MiB, t=2);
// session and device tokens are random and stored as SHA-256 hashes.
#include <chrono>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "server/services/login_throttle.hpp"
#include "server/services/principal.hpp"
#include "server/services/request_bodies.hpp"
#include "server/store/account_store.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct AuthConfig {
  std::chrono::seconds session_lifetime{12 * 3600};
  ThrottleLimits throttle;
};

struct Session {
  std::string token;
  Timestamp expires_at{};
  Principal principal;
};

struct DeviceCredentials {
  std::string id;
  std::string token;
};

class AuthService {
 public:
  AuthService(store::DbPool& pool, AuthConfig config);

  // `address` is the client's address (the TCP peer, or the forwarded one
  // when behind a trusted proxy). Throws Throttled while this login from this
  // address, or this address across logins, has failed too often (see
  // LoginThrottle); Unauthorized on a wrong login or password (one message
  // for both).
  Session login(const std::string& login, const std::string& password, const std::string& address, Timestamp now);
  void logout(const std::string& token, Timestamp now);
  // The principal behind a bearer token (user session or device), if any.
  std::optional<Principal> authenticate(const std::string& token, Timestamp now);

  // Validates and creates a user; returns its id. Audited as `actor`.
  std::int64_t add_user(const NewUser& u, const std::string& actor, Timestamp now);
  DeviceCredentials add_kiosk(const std::string& name, const std::optional<std::string>& district,
                              const std::string& actor, Timestamp now);
  DeviceCredentials add_counter(std::int64_t venue_id, const std::string& actor, Timestamp now);
  // Throws NotFound for an unknown device.
  void revoke_device(const std::string& id, const std::string& actor, Timestamp now);
  std::vector<store::UserRow> users() { return store::list_users(pool_.get()); }
  std::vector<store::DeviceRow> devices() { return store::list_devices(pool_.get()); }

 private:
  store::DbPool& pool_;
  AuthConfig config_;
  // Device tokens seen recently (kiosks authenticate every request); entries
  // live 10 s and revoking a device clears the cache at once.
  struct CachedDevice {
    Principal principal;
    std::chrono::steady_clock::time_point until;
  };
  std::mutex device_cache_mu_;
  std::unordered_map<std::string, CachedDevice> device_cache_;
  LoginThrottle throttle_;
  std::string dummy_hash_;
};

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// 32 random bytes as URL-safe base64 (43 characters).
std::string new_token();
std::string token_hash(const std::string& token);

}  // namespace yeyou::services
