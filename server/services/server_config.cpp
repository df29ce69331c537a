#include "server/services/server_config.hpp"

#include "core/config_file.hpp"

namespace yeyou::services {

void parse_listen(const std::string& listen, ServerConfig& cfg) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
    throw ConfigError("listen address must be HOST:PORT, got '" + listen + "'");
  std::string port = listen.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) > 65535)
    throw ConfigError("listen port must be 0..65535, got '" + port + "'");
  cfg.listen_host = listen.substr(0, colon);
  if (cfg.listen_host.size() > 2 && cfg.listen_host.front() == '[' && cfg.listen_host.back() == ']')
    cfg.listen_host = cfg.listen_host.substr(1, cfg.listen_host.size() - 2);
  cfg.listen_port = std::stoi(port);
}

ServerConfig load_server_config(const std::string& path) {
  ServerConfig cfg;
  ConfigFile f(path);
  cfg.db_path = f.string("server.db", cfg.db_path);
  std::string listen = f.string("server.listen", cfg.listen_host + ":" + std::to_string(cfg.listen_port));
  try {
    parse_listen(listen, cfg);
  } catch (const ConfigError& e) {
    throw ConfigError(path + ": server.listen: " + e.what());
  }
  cfg.threads = static_cast<int>(f.integer("server.threads", cfg.threads, 0, 1024));
  cfg.keep_alive_requests =
      static_cast<int>(f.integer("server.keep_alive_requests", cfg.keep_alive_requests, 1, 100000));
  cfg.max_body_bytes = f.integer("server.max_body_bytes", cfg.max_body_bytes, 1024, 16 * 1024 * 1024);
  cfg.log_requests = f.boolean("server.log_requests", cfg.log_requests);
  cfg.header_timeout_s = static_cast<int>(f.integer("server.header_timeout_seconds", cfg.header_timeout_s, 1, 300));
  cfg.body_timeout_s = static_cast<int>(f.integer("server.body_timeout_seconds", cfg.body_timeout_s, 1, 3600));
  cfg.idle_timeout_s = static_cast<int>(f.integer("server.idle_timeout_seconds", cfg.idle_timeout_s, 1, 3600));
  cfg.max_connections = static_cast<int>(f.integer("server.max_connections", cfg.max_connections, 1, 1'000'000));
  cfg.max_connections_per_address = static_cast<int>(
      f.integer("server.max_connections_per_address", cfg.max_connections_per_address, 1, 1'000'000));
  cfg.trusted_proxies = f.strings("server.trusted_proxies", cfg.trusted_proxies);
  cfg.assets_dir = f.string("server.assets_dir", cfg.assets_dir);
  cfg.web_dir = f.string("server.web_dir", cfg.web_dir);
  cfg.secure_cookies = f.boolean("server.secure_cookies", cfg.secure_cookies);
  cfg.public_url = f.string("server.public_url", cfg.public_url);
  cfg.rating_link_days = static_cast<int>(f.integer("ratings.link_days", cfg.rating_link_days, 1, 90));
  cfg.max_event_query_days = f.integer("api.max_event_query_days", cfg.max_event_query_days, 1, 366);
  cfg.crowd.busy = f.number("crowd.busy", cfg.crowd.busy, 0.01, 10);
  cfg.crowd.crowded = f.number("crowd.crowded", cfg.crowd.crowded, 0.01, 10);
  cfg.crowd.full = f.number("crowd.full", cfg.crowd.full, 0.01, 10);
  cfg.auth.session_lifetime = std::chrono::seconds{
      f.integer("auth.session_hours", cfg.auth.session_lifetime.count() / 3600, 1, 24 * 30) * 3600};
  // max_failures_per_account is the key's former name (failures were counted per account).
  auto before_delay =
      f.integer("auth.max_failures_per_account", cfg.auth.throttle.pair_failures_before_delay, 1, 1000);
  cfg.auth.throttle.pair_failures_before_delay =
      static_cast<int>(f.integer("auth.failures_before_delay", before_delay, 1, 1000));
  cfg.auth.throttle.max_delay = std::chrono::seconds{
      f.integer("auth.max_delay_minutes", cfg.auth.throttle.max_delay.count() / 60, 1, 24 * 60) * 60};
  cfg.auth.throttle.max_address_failures = static_cast<int>(
      f.integer("auth.max_failures_per_address", cfg.auth.throttle.max_address_failures, 1, 100000));
  cfg.auth.throttle.window = std::chrono::seconds{
      f.integer("auth.failure_window_minutes", cfg.auth.throttle.window.count() / 60, 1, 24 * 60) * 60};
  cfg.sync.content_poll_s = static_cast<int>(f.integer("sync.content_poll_seconds", cfg.sync.content_poll_s, 1, 3600));
  cfg.sync.live_poll_s = static_cast<int>(f.integer("sync.live_poll_seconds", cfg.sync.live_poll_s, 1, 600));
  cfg.sync.max_page_size = static_cast<int>(f.integer("sync.max_page_size", cfg.sync.max_page_size, 1, 100000));
  cfg.sync.page_size =
      static_cast<int>(f.integer("sync.page_size", cfg.sync.page_size, 1, cfg.sync.max_page_size));
  cfg.cases.callback_working_days =
      static_cast<int>(f.integer("cases.callback_working_days", cfg.cases.callback_working_days, 1, 60));
  cfg.cases.rectify_working_days =
      static_cast<int>(f.integer("cases.rectify_working_days", cfg.cases.rectify_working_days, 1, 120));
  cfg.cases.complaint_close_working_days = static_cast<int>(
      f.integer("cases.complaint_close_working_days", cfg.cases.complaint_close_working_days, 1, 120));
  {
    std::vector<std::string> def;
    for (auto st : cfg.cases.pausable_states) def.emplace_back(name_of(st));
    cfg.cases.pausable_states.clear();
    for (const auto& name : f.strings("cases.pausable_states", def)) {
      auto st = enum_from<CaseState>(name);
      if (!st || *st == CaseState::closed) throw ConfigError(path + ": cases.pausable_states: unknown or closed state '" + name + "'");
      cfg.cases.pausable_states.push_back(*st);
    }
  }
  cfg.cases.calendar_file = f.string("cases.calendar_file", cfg.cases.calendar_file);
  cfg.cases.contact_retention_days =
      static_cast<int>(f.integer("privacy.contact_retention_days", cfg.cases.contact_retention_days, 1, 3650));
  cfg.contact_key_file = f.string("privacy.key_file", cfg.contact_key_file);
  cfg.abuse.burst_max = static_cast<int>(f.integer("abuse.burst_max", cfg.abuse.burst_max, 1, 10000));
  cfg.abuse.burst_window_seconds =
      static_cast<int>(f.integer("abuse.burst_window_seconds", cfg.abuse.burst_window_seconds, 1, 86400));
  f.finish();
  try {
    cfg.crowd.validate();
  } catch (const ValidationError& e) {
    throw ConfigError(path + ": crowd thresholds must satisfy busy < crowded < full");
  }
  return cfg;
}

}  // namespace yeyou::services
