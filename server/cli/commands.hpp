#pragma once
#include <string>
#include <vector>

namespace yeyou::cli {

// Runs `yeyou-server <command> [options]`; returns the process exit code.
int run_server_cli(const std::vector<std::string>& args);

}  // namespace yeyou::cli
