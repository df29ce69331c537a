#include <string>
#include <vector>

#include "server/cli/commands.hpp"

int main(int argc, char** argv) { return yeyou::cli::run_server_cli(std::vector<std::string>(argv + 1, argv + argc)); }
