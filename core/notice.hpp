#pragma once
// A notice broadcast to kiosks: to all, to one district's, or to one venue's.
// Emergency notices take over a kiosk's screen; warnings show as a banner.
#include <cstdint>
#include <string>

#include "core/enum_names.hpp"
#include "core/localized_text.hpp"
#include "core/time.hpp"

namespace yeyou {

enum class Severity { info, warning, emergency };
template <>
struct EnumNames<Severity> {
  static constexpr std::array<std::string_view, 3> names{"info", "warning", "emergency"};
};

enum class NoticeTarget { all, district, venue };
template <>
struct EnumNames<NoticeTarget> {
  static constexpr std::array<std::string_view, 3> names{"all", "district", "venue"};
};

struct Notice {
  std::int64_t id = 0;
  Severity severity = Severity::info;
  NoticeTarget target = NoticeTarget::all;
  std::string target_id;  // district id or venue id; empty for all
  LocalizedText text;
  Timestamp starts_at{};
  Timestamp ends_at{};
  std::string issued_by;  // actor, e.g. "system" for capacity alerts
  bool active_at(Timestamp t) const { return t >= starts_at && t < ends_at; }
  bool operator==(const Notice&) const = default;
};

inline constexpr std::int64_t kMaxNoticeSeconds = 31LL * 24 * 3600;

Json to_json(const Notice& n);
// Validates severity, target, all three languages, and a start before the end
// at most 31 days later. `starts_at` defaults to `now` when absent.
Notice notice_from_json(const Json& j, Timestamp now, bool require_id = false);

}  // namespace yeyou
