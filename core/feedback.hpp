#pragma once
// Visitor feedback: ratings on the 好差评 scale and complaints.
// Level 1 = very good .. 5 = very bad; levels 4 and 5 are bad reviews (差评).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"
#include "core/time.hpp"

namespace yeyou {

enum class SubjectKind { venue, event, service, kiosk };
template <>
struct EnumNames<SubjectKind> {
  static constexpr std::array<std::string_view, 4> names{"venue", "event", "service", "kiosk"};
};

// Reasons a visitor can pick after a bad review.
enum class BadReason { crowding, queueing, prices, staff_attitude, cleanliness, safety, transport, information };
template <>
struct EnumNames<BadReason> {
  static constexpr std::array<std::string_view, 8> names{"crowding",    "queueing", "prices",    "staff_attitude",
                                                         "cleanliness", "safety",   "transport", "information"};
};

// The policy's optional detail questions (指南清晰 / 流程便捷 / 材料精简 / 界面友好).
enum class DetailQuestion { guidance_clear, process_convenient, steps_minimal, interface_friendly };
template <>
struct EnumNames<DetailQuestion> {
  static constexpr std::array<std::string_view, 4> names{"guidance_clear", "process_convenient", "steps_minimal",
                                                         "interface_friendly"};
};

enum class Channel { kiosk, web };
template <>
struct EnumNames<Channel> {
  static constexpr std::array<std::string_view, 2> names{"kiosk", "web"};
};

enum class ComplaintCategory { prices, service, safety, hygiene, crowding, transport, information, other };
template <>
struct EnumNames<ComplaintCategory> {
  static constexpr std::array<std::string_view, 8> names{"prices",    "service",     "safety", "hygiene",
                                                         "crowding", "transport", "information", "other"};
};

inline constexpr int kBestLevel = 1;
inline constexpr int kWorstLevel = 5;
inline constexpr bool is_bad_review(int level) { return level >= 4; }

struct Subject {
  SubjectKind kind = SubjectKind::venue;
  std::string id;
  bool operator==(const Subject&) const = default;
};

struct Contact {
  std::string name;
  std::string phone;
  bool empty() const { return name.empty() && phone.empty(); }
  bool operator==(const Contact&) const = default;
};

struct Rating {
  std::string id;  // UUID made by the kiosk; the idempotency key
  Subject subject;
  int level = 3;
  std::vector<BadReason> reasons;
  std::map<DetailQuestion, bool> answers;
  std::string comment;
  std::optional<Contact> contact;
  Channel channel = Channel::kiosk;
  Timestamp created_at{};
  bool is_bad() const { return is_bad_review(level); }
  bool operator==(const Rating&) const = default;
};

struct Complaint {
  std::string id;           // UUID, the idempotency key
  std::string tracking_no;  // human-readable, assigned on the kiosk
  Subject subject;
  ComplaintCategory category = ComplaintCategory::other;
  std::string text;
  std::optional<Contact> contact;
  Timestamp created_at{};
  bool operator==(const Complaint&) const = default;
};

Json to_json(const Subject& s);
Json to_json(const Contact& c);
Json to_json(const Rating& r);
Json to_json(const Complaint& c);
Rating rating_from_json(const Json& j);
Complaint complaint_from_json(const Json& j);

// "138****5678": keeps the first 3 and last 4 digits of a phone number.
std::string mask_phone(const std::string& phone);
// The contact as it may be shown anywhere: phone masked, name reduced to its
// first character (姓) followed by "**".
Contact masked(const Contact& c);
// Tracking numbers: letters, digits and '-', 6..40 characters.
bool is_tracking_no(std::string_view s);

}  // namespace yeyou
