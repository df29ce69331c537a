#include "server/cli/account_commands.hpp"

#include <iostream>
#include <sstream>

#include "server/cli/args.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::cli {
namespace {

constexpr const char* kCliActor = "cli";

std::vector<std::string> rest_after_verb(const std::vector<std::string>& args, const std::string& noun,
                                         const std::string& verb) {
  if (args.empty() || args[0] != verb) throw UsageError("usage: yeyou-server " + noun + " " + verb + " --db PATH ...");
  return {args.begin() + 1, args.end()};
}

std::vector<std::int64_t> parse_ids(const std::string& list) {
  std::vector<std::int64_t> out;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty() || item.size() > 9 || item.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError("--venues must be a comma-separated list of venue ids, got '" + list + "'");
    out.push_back(std::stoll(item));
  }
  return out;
}

void print_credentials(const services::DeviceCredentials& c, bool json) {
  if (json) std::cout << Json{{"id", c.id}, {"token", c.token}}.dump() << "\n";
  else std::cout << "id:    " << c.id << "\ntoken: " << c.token << "\n(the token is shown only once)\n";
}

struct Hub {
  explicit Hub(const std::string& db) : pool(db), hub(pool, config_for(db)) {}
  static services::ServerConfig config_for(const std::string& db) {
    services::ServerConfig cfg;
    cfg.db_path = db;
    return cfg;
  }
  store::DbPool pool;
  services::ServiceHub hub;
};

}  // namespace

int cmd_user(const std::vector<std::string>& args) {
  Args a(rest_after_verb(args, "user", "add"), {"--db", "--login", "--role", "--venues", "--name"},
         {"--password-stdin"});
  services::NewUser u;
  u.login = a.require("--login");
  auto role = enum_from<services::Role>(a.require("--role"));
  if (!role) throw UsageError("--role must be admin, bureau or venue_staff");
  u.role = *role;
  if (auto v = a.get("--venues")) u.venues = parse_ids(*v);
  u.display_name = a.get("--name").value_or(u.login);
  if (!a.has("--password-stdin")) throw UsageError("give the password on standard input with --password-stdin");
  std::getline(std::cin, u.password);
  if (!u.password.empty() && u.password.back() == '\r') u.password.pop_back();
  Hub h(a.require("--db"));
  auto id = h.hub.auth.add_user(u, kCliActor, now_utc());
  std::cout << "created user " << u.login << " (id " << id << ", role " << name_of(u.role) << ")\n";
  return 0;
}

int cmd_kiosk(const std::vector<std::string>& args) {
  Args a(rest_after_verb(args, "kiosk", "add"), {"--db", "--name", "--district"}, {"--json"});
  Hub h(a.require("--db"));
  auto c = h.hub.auth.add_kiosk(a.require("--name"), a.get("--district"), kCliActor, now_utc());
  print_credentials(c, a.has("--json"));
  return 0;
}

int cmd_counter(const std::vector<std::string>& args) {
  Args a(rest_after_verb(args, "counter", "add"), {"--db", "--venue"}, {"--json"});
  auto venue = parse_ids(a.require("--venue"));
  if (venue.size() != 1) throw UsageError("--venue takes one venue id");
  Hub h(a.require("--db"));
  auto c = h.hub.auth.add_counter(venue[0], kCliActor, now_utc());
  print_credentials(c, a.has("--json"));
  return 0;
}

int cmd_device(const std::vector<std::string>& args) {
  Args a(rest_after_verb(args, "device", "revoke"), {"--db", "--id"});
  Hub h(a.require("--db"));
  h.hub.auth.revoke_device(a.require("--id"), kCliActor, now_utc());
  std::cout << "revoked " << a.require("--id") << "\n";
  return 0;
}

void seed_demo_accounts(services::ServiceHub& hub) {
  struct Demo {
    const char* login;
    const char* name;
    services::Role role;
    std::vector<std::int64_t> venues;
  };
  const Demo demo[] = {{"admin", "系统管理员", services::Role::admin, {}},
                       {"bureau", "市文旅局值班员", services::Role::bureau, {}},
                       {"staff", "韩乐坊工作人员", services::Role::venue_staff, {4}}};
  std::cout << "demo accounts (passwords are shown only now):\n";
  for (const auto& d : demo) {
    if (auto existing = store::find_user_by_login(hub.pool.get(), d.login)) {
      std::cout << "  " << d.login << ": exists, password unchanged\n";
      continue;
    }
    std::string password = services::new_token().substr(0, 16);
    hub.auth.add_user({d.login, d.name, d.role, d.venues, password}, "seed-demo", now_utc());
    std::cout << "  " << d.login << " (" << name_of(d.role) << "): " << password << "\n";
  }
}

}  // namespace yeyou::cli
