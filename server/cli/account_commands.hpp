#pragma once
#include <string>
#include <vector>

#include "server/services/service_hub.hpp"

namespace yeyou::cli {

// `user add`, `kiosk add`, `counter add`, `device revoke`. `args` starts at
// the verb ("add"). Returns the exit code; throws UsageError on bad flags.
int cmd_user(const std::vector<std::string>& args);
int cmd_kiosk(const std::vector<std::string>& args);
int cmd_counter(const std::vector<std::string>& args);
int cmd_device(const std::vector<std::string>& args);

// Creates one account of each role for the demo and prints their passwords once.
void seed_demo_accounts(services::ServiceHub& hub);

}  // namespace yeyou::cli
