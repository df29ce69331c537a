#pragma once
// `yeyou-server report …`: read-only reports for operators and tests.
#include <string>
#include <vector>

namespace yeyou::cli {

// report ingest --db PATH [--json]
int cmd_report(const std::vector<std::string>& args);

}  // namespace yeyou::cli
