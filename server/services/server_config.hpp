#pragma once
// The server's configuration (config/server.toml). Every option has a
// default; command-line flags override the file.
#include <cstdint>
#include <string>
#include <vector>

#include "core/occupancy.hpp"
#include "server/services/auth_service.hpp"
#include "server/services/feedback_intake.hpp"
#include "server/services/sync_service.hpp"

namespace yeyou::services {

struct ServerConfig {
  std::string db_path = "yeyou.db";
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  int threads = 0;  // handler threads; 0 = sized to the machine
  int keep_alive_requests = 100;
  std::int64_t max_body_bytes = 64 * 1024;
  int header_timeout_s = 10;
  int body_timeout_s = 30;
  int idle_timeout_s = 60;
  int max_connections = 20000;
  int max_connections_per_address = 256;
  // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  bool log_requests = true;
  std::string assets_dir;  // empty: $YEYOU_ASSETS_DIR, ./assets, or the source tree's assets
  std::int64_t max_event_query_days = 62;
  CrowdThresholds crowd;
  AuthConfig auth;
  CaseConfig cases;
  AbuseConfig abuse;
  // Key for contact data at rest; empty = "<db>.contact-key" next to the database.
  std::string contact_key_file;
  std::string contact_key_path() const { return contact_key_file.empty() ? db_path + ".contact-key" : contact_key_file; }
  SyncSettings sync;
  // Web console and public pages (server/web). Empty = $YEYOU_WEB_DIR, ./server/web, or the source tree.
  std::string web_dir;
  // Session cookies get the Secure attribute (also when X-Forwarded-Proto is https).
  bool secure_cookies = false;
  // Base of the phone-rating URLs handed to kiosks ("https://yeyou.example"); empty = from the Host header.
  std::string public_url;
  // How long a phone-rating link (/r/{token}) stays valid, in days.
  int rating_link_days = 7;
};

// Loads `path` over the defaults; throws ConfigError with file:line on an
// unknown option or a wrong type.
ServerConfig load_server_config(const std::string& path);
// "HOST:PORT" → host and port; throws ConfigError when malformed.
void parse_listen(const std::string& listen, ServerConfig& cfg);

}  // namespace yeyou::services
