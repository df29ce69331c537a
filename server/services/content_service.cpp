#include "server/services/content_service.hpp"

#include <map>

#include "server/services/service_errors.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {

ContentService::ContentService(store::DbPool& pool, std::int64_t max_query_days)
    : pool_(pool), max_query_days_(max_query_days) {}

std::vector<VenueView> ContentService::venues() {
  auto& db = pool_.get();
  std::map<std::int64_t, OccupancyReading> latest;
  for (auto& r : store::latest_occupancy(db)) latest[r.venue_id] = r;
  std::vector<VenueView> out;
  for (auto& v : store::list_venues(db)) {
    VenueView view{v, std::nullopt};
    if (auto it = latest.find(v.id); it != latest.end()) view.occupancy = it->second;
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<District> ContentService::districts() { return store::list_districts(pool_.get()); }

EventRange ContentService::parse_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                                       Timestamp now) const {
  FieldErrors errors;
  EventRange range;
  auto tonight = tonight_window(night_of(now));
  auto read = [&](const std::optional<std::string>& s, const char* name, Timestamp def) {
    if (!s) return def;
    auto t = parse_iso8601(*s);
    if (!t) {
      errors[name] = "must be an ISO 8601 date or date-time, e.g. 2026-11-29T17:00:00+08:00";
      return def;
    }
    return *t;
  };
  range.from = read(from, "from", tonight.begin);
  range.to = read(to, "to", from && !to ? range.from + std::chrono::hours{24} : tonight.end);
  if (errors.empty()) {
    if (range.to <= range.from) errors["to"] = "must be after from";
    else if (range.to - range.from > std::chrono::days{max_query_days_})
      errors["to"] = "the range may span at most " + std::to_string(max_query_days_) + " days";
  }
  throw_if_errors(errors);
  return range;
}

std::vector<Event> ContentService::events(const EventRange& range) {
  return store::events_overlapping(pool_.get(), range.from, range.to);
}

}  // namespace yeyou::services

namespace yeyou::services {

Event ContentService::event(std::int64_t id) {
  auto e = store::find_event(pool_.get(), id);
  if (!e) throw NotFound("no event " + std::to_string(id));
  return *e;
}

std::vector<std::pair<int, double>> ContentService::usual_occupancy(std::int64_t venue_id) {
  auto& db = pool_.get();
  if (!store::find_venue(db, venue_id)) throw NotFound("no venue " + std::to_string(venue_id));
  return store::usual_occupancy(db, venue_id);
}

ChangePage ContentService::changes(std::int64_t since, int limit) {
  ChangePage page;
  page.changes = store::changes_since(pool_.get(), since, limit + 1);
  page.more = static_cast<int>(page.changes.size()) > limit;
  if (page.more) page.changes.pop_back();
  page.cursor = page.changes.empty() ? since : page.changes.back().version;
  return page;
}

}  // namespace yeyou::services
