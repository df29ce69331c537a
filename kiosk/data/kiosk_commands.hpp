#pragma once
// The headless kiosk commands (no window, no SDL): `status`, `sync --once`,
// `simulate`. main() dispatches here when the first argument is a command.
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/data/kiosk_feed.hpp"

namespace yeyou::kiosk {

// Runs cfg.command; returns the process exit code. Output (JSON) goes to `out`,
// diagnostics to stderr.
int run_kiosk_command(const KioskConfig& cfg, std::FILE* out = stdout);

int command_status(const KioskConfig& cfg, std::FILE* out);
int command_sync_once(const KioskConfig& cfg, std::FILE* out);
int command_simulate(const KioskConfig& cfg, std::FILE* out);

// Realistic visitor feedback for the simulator (and tests): mixed levels
// (mostly good, some bad with reasons), detail answers, comments, some named
// contacts. `venue_ids` may be empty (then the kiosk itself is rated).
Rating simulated_rating(std::mt19937_64& rng, const std::vector<std::string>& venue_ids, const std::string& kiosk_id);
ComplaintDraft simulated_complaint(std::mt19937_64& rng, const std::vector<std::string>& venue_ids,
                                   const std::string& kiosk_id);

}  // namespace yeyou::kiosk
